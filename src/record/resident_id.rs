//! The check character of a Chinese resident ID number (GB 11643-1999, ISO 7064
//! MOD 11-2): normalize verifies a number with it, matching trusts two verified numbers
//! to tell two people apart.

/// ISO 7064 MOD 11-2 weights of the first 17 digits.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check character for each remainder 0..=10.
const CHECK_CHARS: &[u8; 11] = b"10X98765432";
/// Check character for the first 17 digits, or `None` when `first17` is not exactly 17
/// ASCII digits.
pub fn check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first17.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    Some(char::from(CHECK_CHARS[(sum % 11) as usize]))
}

/// True for a clean resident ID number: 18 characters whose last one checks the rest.
/// Two different ones are two people, since a slip would break the check.
pub fn is_resident_id(id: &str) -> bool {
    id.len() == 18 && id.is_ascii() && check_char(&id[..17]).is_some_and(|c| id.ends_with(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_char_table() {
        let cases: &[(&str, Option<char>)] = &[
            ("11010519491231002", Some('X')),
            ("44052418800101001", Some('4')),
            ("1101051949123100", None),
            ("1101051949123100X", None),
            ("", None),
        ];
        for (first17, want) in cases {
            assert_eq!(check_char(first17), *want, "{first17}");
        }
    }

    #[test]
    fn resident_ids_are_told_by_their_check_character() {
        assert!(is_resident_id("11010519491231002X"));
        assert!(!is_resident_id("110105194912310021"));
        assert!(!is_resident_id("1804974"));
        assert!(!is_resident_id(""));
    }
}
