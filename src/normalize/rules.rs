//! Normalize's rules: the checked tables of `company.toml`, `email.toml`,
//! `area_codes.toml` and `countries.toml`, and their checks. `crate::rules` reads the
//! files and calls the checks here; normalize receives [`NormalizeRules`] only.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::company::CompanyRules;
use super::email::EmailRules;
use super::phone::PhoneRules;

/// The tables normalizing reads, loaded and checked.
#[derive(Debug, Clone, Default)]
pub struct NormalizeRules {
    pub company: CompanyRules,
    pub email: EmailRules,
    pub phone: PhoneRules,
    /// Folded country name -> ISO 3166 alpha-2 code.
    pub countries: BTreeMap<String, String>,
    /// Patterns that place an address or postcode in a country.
    pub address_regions: AddressRegions,
    /// Folded state or province name or code -> ISO code (`ca` -> `US`, `ontario` -> `CA`).
    pub states: BTreeMap<String, String>,
    /// The length of the longest folded name of `countries` and `states` (at least 2, a
    /// country code's): a cell that folds longer names none of them.
    longest_name: usize,
}

impl NormalizeRules {
    /// The tables from their checked files (`countries.toml` split into its parts).
    pub fn new(
        company: CompanyRules,
        email: EmailRules,
        phone: PhoneRules,
        countries: Option<CountryRules>,
    ) -> NormalizeRules {
        let names = countries
            .as_ref()
            .into_iter()
            .flat_map(|c| c.names.keys().chain(c.states.keys()));
        NormalizeRules {
            company,
            email,
            phone,
            longest_name: names.map(String::len).max().unwrap_or(0).max(2),
            address_regions: countries.as_ref().map(compile_address_regions).unwrap_or_default(),
            states: countries.as_ref().map(|c| c.states.clone()).unwrap_or_default(),
            countries: countries.map(|c| c.names).unwrap_or_default(),
        }
    }
}

/// `countries.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryRules {
    names: BTreeMap<String, String>,
    #[serde(default)]
    address: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    states: BTreeMap<String, String>,
}

impl NormalizeRules {
    /// The ISO code of a country cell: a two-letter code, or a name from the rules.
    pub fn country_code(&self, cell: &str) -> Option<String> {
        let folded = fold_name_within(cell, self.longest_name)?;
        if folded.len() == 2 && folded.chars().all(|c| c.is_ascii_alphabetic()) {
            return Some(folded.to_ascii_uppercase());
        }
        self.countries.get(&folded).cloned()
    }

    /// The country a state or province column names when written alone (`CA`,
    /// `Texas`, `Ontario`, `NSW`): `countries.toml` `[states]`.
    pub fn state_region(&self, cell: &str) -> Option<String> {
        self.states.get(&fold_name_within(cell, self.longest_name)?).cloned()
    }

    /// The country an address, city or postcode names: a pattern of `countries.toml`
    /// (`WA 98101`, `SW1A 1AA`), or a country name after its last comma (`..., USA`,
    /// `美国`), or the text itself when it is a country name.
    pub fn place_region(&self, text: &str) -> Option<String> {
        if let Some(code) = self.address_regions.first_match(text) {
            return Some(code.to_string());
        }
        let last = text.rsplit([',', '，', ';', '；']).next().unwrap_or(text);
        self.countries.get(&fold_name_within(last, self.longest_name)?).cloned()
    }
}

/// [`fold_name`], or `None` as soon as the folded name passes `limit` bytes: every
/// address of a list is looked up, and a long one is read no further than that.
fn fold_name_within(cell: &str, limit: usize) -> Option<String> {
    let mut out = String::new();
    for c in cell.chars().map(crate::text::fold_char) {
        if c == 'Σ' {
            // Lower-cased by its place in the word: `str::to_lowercase` knows how.
            return Some(fold_name(cell)).filter(|f| f.len() <= limit);
        }
        for lower in c.to_lowercase().filter(|l| l.is_alphanumeric()) {
            out.push(lower);
            if out.len() > limit {
                return None;
            }
        }
    }
    Some(out)
}

/// A country or state name as `countries.toml` writes it: full-width folded, lower
/// case, letters and digits only (`New York` -> `newyork`).
fn fold_name(cell: &str) -> String {
    crate::text::fold_width(cell)
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The address patterns of `countries.toml`, compiled (checked by [`check_countries`])
/// into sets that read a text once for all patterns: every address, city, province and
/// postcode of a list goes through them. The patterns that allow it are compiled
/// ASCII-only (`\b`, `\d`, `\s` of ASCII): they are postcodes and state codes, and an
/// ASCII word boundary lets the fast engine run where a Unicode one does not.
#[derive(Debug, Clone, Default)]
pub struct AddressRegions {
    /// Each pattern's country code, in the file's order.
    codes: Vec<String>,
    /// (set, the index in `codes` of each of its patterns): ASCII-only, then Unicode.
    sets: Vec<(regex::RegexSet, Vec<usize>)>,
}

impl AddressRegions {
    /// The country of the first pattern, in the file's order, that matches `text`.
    pub fn first_match(&self, text: &str) -> Option<&str> {
        self.sets
            .iter()
            .filter_map(|(set, index)| set.matches(text).iter().next().map(|i| index[i]))
            .min()
            .map(|i| self.codes[i].as_str())
    }
}

fn compile_address_regions(rules: &CountryRules) -> AddressRegions {
    let patterns: Vec<(&String, &String)> = rules
        .address
        .iter()
        .flat_map(|(code, patterns)| patterns.iter().map(move |p| (code, p)))
        .filter(|(_, p)| regex::Regex::new(p).is_ok())
        .collect();
    let ascii = |p: &str| regex::RegexBuilder::new(p).unicode(false).build().is_ok();
    let mut sets = Vec::new();
    for unicode in [false, true] {
        let index: Vec<usize> = (0..patterns.len())
            .filter(|i| ascii(patterns[*i].1) != unicode)
            .collect();
        let set = regex::RegexSetBuilder::new(index.iter().map(|i| patterns[*i].1))
            .unicode(unicode)
            .build();
        if let (Ok(set), false) = (set, index.is_empty()) {
            sets.push((set, index));
        }
    }
    AddressRegions {
        codes: patterns.iter().map(|(code, _)| (*code).clone()).collect(),
        sets,
    }
}

/// Country names must be folded (lower case, no spaces) and name a two-letter code;
/// address patterns must compile.
pub fn check_countries(rules: &CountryRules, label: &str, problems: &mut Vec<String>) {
    for (code, patterns) in &rules.address {
        if code.len() != 2 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            problems.push(format!(
                "{label}: [address] {code:?} is not a two-letter upper-case country code"
            ));
        }
        for p in patterns {
            if let Err(e) = regex::Regex::new(p) {
                problems.push(format!(
                    "{label}: [address] {code}: pattern {p:?} does not compile: {e}"
                ));
            }
        }
    }
    for (name, code) in rules.names.iter().chain(&rules.states) {
        let folded: String = name.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
        if folded != *name {
            problems.push(format!(
                "{label}: write {name:?} as {folded:?} (lower case, no spaces or punctuation)"
            ));
        }
        if code.len() != 2 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            problems.push(format!(
                "{label}: {name:?} = {code:?} is not a two-letter upper-case country code"
            ));
        }
    }
}

/// A typo correction must not lead to another typo, or cleaning would not settle.
pub fn check_email(rules: &EmailRules, label: &str, problems: &mut Vec<String>) {
    for (typo, fix) in &rules.domain_typos {
        if rules.domain_typos.contains_key(fix) {
            problems.push(format!(
                "{label}: {typo:?} corrects to {fix:?}, which is itself listed as a typo"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regions(toml: &str) -> AddressRegions {
        compile_address_regions(&toml::from_str::<CountryRules>(toml).unwrap())
    }

    #[test]
    fn the_first_pattern_in_order_places_a_text_across_ascii_and_unicode_patterns() {
        let r = regions(
            r#"
            names = {}
            [address]
            AU = ['\b(?:NSW|VIC)\s+\d{4}\b']
            GB = ['(?i)\bLondon\b', '\p{Han}伦敦']
            US = ['\b(?:WA|NY)\s+\d{5}\b', '\d{5}']
            "#,
        );
        assert_eq!(r.sets.len(), 2, "an ASCII-only set and a Unicode one");
        assert_eq!(r.first_match("Seattle, WA 98101"), Some("US"));
        assert_eq!(r.first_match("Sydney NSW 2000"), Some("AU"));
        assert_eq!(
            r.first_match("英国伦敦 12345"),
            Some("GB"),
            "GB's Unicode pattern comes before US"
        );
        assert_eq!(r.first_match("London NY 10001"), Some("GB"));
        assert_eq!(r.first_match("北京市海淀区"), None);
    }

    proptest::proptest! {
        #[test]
        fn a_name_folded_within_a_limit_is_the_name_folded_whole(
            cell in "[A-Za-z Σσς,.\\-ＡＢｃ　İ美国0-9]{0,24}",
            limit in 0usize..30,
        ) {
            let whole = Some(fold_name(&cell)).filter(|f| f.len() <= limit);
            proptest::prop_assert_eq!(fold_name_within(&cell, limit), whole);
        }
    }
}
