//! The one result shape every field normalizer returns: the clean value, the rule that
//! changed it and the problem that remains.
//!
//! A shared shape lets the pipeline write the cleaned master, the change log ("which
//! rule touched this cell") and the issue list without knowing any field's details.
//! The conventions every normalizer keeps:
//!
//! * Blank input gives an empty value, no rule and no issue. Whether a field is required
//!   is for the caller to decide.
//! * `rule` is `Some` exactly when the value is non-empty and differs from the trimmed
//!   raw text. When several rules fired, the most telling one is named.
//! * An issue with an empty value means the cell was rejected (nothing usable). An issue
//!   with a non-empty value is a warning: the value is the best reading, but a person
//!   should look at it.

/// What a normalizer made of one raw value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    /// The clean value, `""` when nothing usable was found.
    pub value: String,
    /// When the value differs from the raw text in more than trimming: the rule that
    /// changed it, e.g. `"email.domain_typo"`, `"date.excel_serial"`, `"id.upgrade_15"`.
    pub rule: Option<&'static str>,
    /// A field problem that remains, e.g. `"email.syntax"`, `"id.checksum"`.
    pub issue: Option<Issue>,
}

/// A problem found in one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Stable machine code, `"<field>.<problem>"`.
    pub code: &'static str,
    /// Human-readable explanation for the review sheet.
    pub detail: String,
}

impl Issue {
    /// A new issue with the given code and explanation.
    pub fn new(code: &'static str, detail: impl Into<String>) -> Self {
        Issue {
            code,
            detail: detail.into(),
        }
    }
}

impl Cleaned {
    /// The result for a blank cell: empty value, no rule, no issue.
    pub fn blank() -> Self {
        Cleaned {
            value: String::new(),
            rule: None,
            issue: None,
        }
    }

    /// A rejected cell: empty value and the issue that explains why.
    pub fn rejected(code: &'static str, detail: impl Into<String>) -> Self {
        Cleaned {
            value: String::new(),
            rule: None,
            issue: Some(Issue::new(code, detail)),
        }
    }

    /// A cleaned value for `raw`. `rule` is kept only when `value` is non-empty and
    /// really differs from the trimmed raw text, so callers can pass the rule they would
    /// blame without checking that themselves.
    pub fn new(raw: &str, value: String, rule: &'static str) -> Self {
        let changed = !value.is_empty() && value != raw.trim();
        Cleaned {
            value,
            rule: changed.then_some(rule),
            issue: None,
        }
    }

    /// The same result with `issue` attached.
    pub fn with_issue(mut self, issue: Issue) -> Self {
        self.issue = Some(issue);
        self
    }

    /// True when the cell had content but nothing usable was found in it.
    pub fn is_rejected(&self) -> bool {
        self.value.is_empty() && self.issue.is_some()
    }
}

/// Test helpers shared by the normalizer modules.
#[cfg(test)]
pub(crate) mod testing {
    use super::Cleaned;

    /// Inputs that must never make a normalizer panic.
    pub(crate) fn nasty_inputs() -> Vec<String> {
        let mut v: Vec<String> = [
            "",
            " ",
            "\t\r\n",
            "\u{3000}\u{FEFF}\u{200B}",
            ".",
            "...",
            "!!!???",
            "@",
            "@@",
            "@.",
            "a@",
            "@b.c",
            "()",
            "（）",
            "(",
            ")",
            "（原",
            "-",
            "--",
            "/",
            "、，；",
            "😀",
            "👨‍👩‍👧‍👦",
            "张😀三",
            "\u{0}",
            "\u{202E}abc",
            "e\u{301}",
            "Ｘ",
            "x",
            "0",
            "-1",
            "+",
            "1e309",
            "NaN",
            "0.0",
            "99999999999999999999999999",
            "1/1/1",
            "13/13/13",
            "0/0/0000",
            "年月日",
            "〇",
            "十十十年十十月十十十日",
            "先生",
            "Mr.",
            "Mr. Dr. Jr.",
            "有限公司",
            "(北京)",
            "北京",
            "Co., Ltd.",
            "mailto:",
            "<>",
            "<<a@b.com>>",
            "ǅ",
            "ß",
            "İstanbul",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        v.push("a".repeat(1000));
        v.push("9".repeat(1000));
        v.push("张".repeat(1000));
        v.push("@".repeat(1000));
        v.push("😀".repeat(1000));
        v.push("(".repeat(1000));
        v.push("1/".repeat(500));
        v.push("Mr. ".repeat(250));
        v.push("王总".repeat(500));
        v
    }

    /// Checks the conventions of the module doc for one result.
    pub(crate) fn check_conventions(raw: &str, c: &Cleaned) {
        if raw.trim().is_empty() {
            assert_eq!(c, &Cleaned::blank(), "blank input {raw:?}");
        }
        let changed = !c.value.is_empty() && c.value != raw.trim();
        assert_eq!(c.rule.is_some(), changed, "rule for {raw:?} -> {c:?}");
        if let Some(issue) = &c.issue {
            assert!(!issue.detail.is_empty(), "issue detail for {raw:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_keeps_rule_only_on_real_change() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("  abc ", "abc", None),
            ("abc", "abc", None),
            ("ABC", "abc", Some("x.rule")),
            ("abc", "", None),
            ("", "", None),
        ];
        for (raw, value, rule) in cases {
            let c = Cleaned::new(raw, value.to_string(), "x.rule");
            assert_eq!(c.rule, *rule, "{raw:?}");
            assert_eq!(c.issue, None);
        }
    }

    #[test]
    fn rejected_and_blank() {
        let r = Cleaned::rejected("x.bad", "because");
        assert!(r.is_rejected());
        assert_eq!(r.issue, Some(Issue::new("x.bad", "because")));
        assert!(!Cleaned::blank().is_rejected());
        let w = Cleaned::new("a", "b".into(), "x.r").with_issue(Issue::new("x.warn", "look"));
        assert!(!w.is_rejected());
    }
}
