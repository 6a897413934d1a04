//! Column mapping: which customer field an input header means, and how sure we are.
//!
//! Headers and aliases are folded into token sequences by [`header_tokens`] (the text
//! layer: full-width folded, lower case, bracketed notes and punctuation dropped, every Han
//! character a token, every Latin word a token, numbering digits dropped), so `手机号码1`,
//! `手机 号码：` and `ＭＯＢＩＬＥ` meet their aliases. Exact token match is certain; an alias
//! ending the header (`客户联系电话`) is likely; an alias inside it is possible; a near
//! spelling of a Latin header (`Emial`) is a guess.

use crate::record::file_read::{Mapping, MatchKind};
use crate::record::Field;
use crate::text::keys::header_tokens;

/// Maps headers to fields with the aliases of the rules.
#[derive(Debug, Clone)]
pub struct Mapper {
    aliases: Vec<(Field, Vec<String>, String)>,
}

impl Mapper {
    /// A mapper for the checked aliases of `columns.toml`: (field, alias as written).
    pub fn new(column_aliases: &[(Field, String)]) -> Mapper {
        let aliases = column_aliases
            .iter()
            .map(|(f, a)| (*f, header_tokens(a), a.clone()))
            .filter(|(_, t, _)| !t.is_empty())
            .collect();
        Mapper { aliases }
    }

    /// The best field for a header, or `None` when nothing fits.
    pub fn map(&self, header: &str) -> Option<Mapping> {
        let tokens = header_tokens(header);
        if tokens.is_empty() {
            return None;
        }
        let mut best: Option<(MatchKind, usize, usize)> = None;
        for (i, (_, alias, _)) in self.aliases.iter().enumerate() {
            let Some(kind) = match_kind(&tokens, alias) else {
                continue;
            };
            let weight = alias.iter().map(|t| t.chars().count()).sum::<usize>();
            let better = match best {
                None => true,
                Some((k, w, _)) => (kind, weight) > (k, w),
            };
            if better {
                best = Some((kind, weight, i));
            }
        }
        let (kind, _, i) = best.or_else(|| self.fuzzy(&tokens))?;
        let (field, _, alias) = &self.aliases[i];
        Some(Mapping {
            field: *field,
            kind,
            alias: alias.clone(),
        })
    }

    /// A near spelling of a Latin alias (`Emial`, `Adress`), for headers of letters only.
    fn fuzzy(&self, tokens: &[String]) -> Option<(MatchKind, usize, usize)> {
        let joined: String = tokens.concat();
        if joined.chars().count() < 5 || !joined.chars().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        let mut best: Option<(f64, usize)> = None;
        for (i, (_, alias, _)) in self.aliases.iter().enumerate() {
            let a = alias.concat();
            if a.len() < 5 || !a.chars().all(|c| c.is_ascii_alphabetic()) {
                continue;
            }
            let score = strsim::jaro_winkler(&joined, &a);
            if score >= 0.92 && best.is_none_or(|(s, _)| score > s) {
                best = Some((score, i));
            }
        }
        best.map(|(_, i)| (MatchKind::Fuzzy, 0, i))
    }
}

fn match_kind(header: &[String], alias: &[String]) -> Option<MatchKind> {
    if header == alias {
        return Some(MatchKind::Exact);
    }
    if alias.len() >= header.len() || !contains_allowed(alias) {
        return None;
    }
    if header.ends_with(alias) {
        return Some(MatchKind::Suffix);
    }
    header
        .windows(alias.len())
        .any(|w| w == alias)
        .then_some(MatchKind::Contains)
}

/// Short aliases (`名`, `省`, `no`, `id`) only ever match exactly.
fn contains_allowed(alias: &[String]) -> bool {
    let chars: usize = alias.iter().map(|t| t.chars().count()).sum();
    let latin = alias.iter().all(|t| t.is_ascii());
    if latin {
        chars >= 4 || (alias.len() == 1 && matches!(alias[0].as_str(), "tel" | "fax" | "qq" | "mob"))
    } else {
        chars >= 2
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn map(h: &str) -> Option<(&'static str, MatchKind)> {
        let mapper = Mapper::new(&Rules::defaults().column_aliases);
        mapper.map(h).map(|m| (m.field.key(), m.kind))
    }

    #[test]
    fn maps_the_spellings_users_write() {
        use MatchKind::*;
        let table = [
            ("手机号码", "mobile", Exact),
            ("手机号", "mobile", Exact),
            ("移动电话", "mobile", Exact),
            ("Mobile", "mobile", Exact),
            ("Cell phone", "mobile", Exact),
            ("Tel.", "phone", Exact),
            ("联系方式", "phone", Exact),
            ("*姓名", "name", Exact),
            ("客户姓名：", "name", Exact),
            ("Ｅ－ｍａｉｌ", "email", Exact),
            ("客户联系电话", "phone", Suffix),
            ("联系人电话", "phone", Suffix),
            ("公司传真", "fax", Suffix),
            ("备用手机", "mobile", Suffix),
            ("手机号码1", "mobile", Exact),
            ("Contact Email", "email", Suffix),
            ("Company Address", "address", Suffix),
            ("工作单位", "company", Exact),
            ("签单人员", "salesperson", Exact),
            ("First Name", "given_name", Exact),
            ("Last Name", "family_name", Exact),
            ("邮政编码", "postcode", Exact),
            ("Emial", "email", Fuzzy),
            ("Adress", "address", Fuzzy),
            ("证件号码(身份证)", "id_number", Exact),
            ("soc_sec_id", "id_number", Exact),
            ("SSN", "id_number", Exact),
            ("社保号", "id_number", Exact),
            ("street_number", "street_number", Exact),
            ("门牌号", "street_number", Exact),
        ];
        for (header, key, kind) in table {
            assert_eq!(map(header), Some((key, kind)), "header {header:?}");
        }
    }

    #[test]
    fn leaves_unknown_headers_unmapped() {
        for h in ["购买产品", "合同金额", "", "123", "a"] {
            assert_eq!(map(h), None, "header {h:?}");
        }
        // Short aliases never match inside other words.
        assert_eq!(map("Nonsense"), None);
        assert_eq!(map("identity"), None);
    }
}
