//! ID numbers masked for display: one number (`110***********002X`), or every ID-shaped
//! run inside any text (a note, an evidence line). The reports always mask them; the
//! workbook does with `--mask`; normalize's issue messages show them masked. Phone
//! numbers masked for a roster handed around (`138 **** 8000`).

/// Masks an ID number for display: keeps the first 3 and last 4 characters
/// (`110***********002X`). Strings of 7 characters or fewer are masked completely.
pub fn mask_id(number: &str) -> String {
    let n = number.chars().count();
    if n <= 7 {
        return "*".repeat(n);
    }
    number
        .chars()
        .enumerate()
        .map(|(i, c)| if i < 3 || i >= n - 4 { c } else { '*' })
        .collect()
}

/// Masks every run shaped like a Chinese ID card number (15 digits, or 17 digits and a
/// digit or X) to its first 3 and last 4 characters: `110***********1234`.
pub fn mask_ids(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let run = id_run(&chars[i..]);
        let before_ok = i == 0 || !chars[i - 1].is_ascii_alphanumeric();
        if run > 0 && before_ok {
            out.extend(&chars[i..i + 3]);
            out.extend(std::iter::repeat_n('*', run - 7));
            out.extend(&chars[i + run - 4..i + run]);
            i += run;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// The length of an ID-shaped run at the start of `chars`, or 0.
fn id_run(chars: &[char]) -> usize {
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let x = chars.get(digits).is_some_and(|c| *c == 'X' || *c == 'x');
    let len = match (digits, x) {
        (17, true) => 18,
        (18, false) => 18,
        (15, false) => 15,
        _ => return 0,
    };
    let after_ok = !chars.get(len).is_some_and(|c| c.is_ascii_alphanumeric());
    if after_ok {
        len
    } else {
        0
    }
}

/// Phones with the middle digits hidden: `138 **** 8000`, for a roster handed around.
pub fn mask_phones(display: &str) -> String {
    display.split("; ").map(mask_phone).collect::<Vec<_>>().join("; ")
}

fn mask_phone(number: &str) -> String {
    if let Some((main, ext)) = number.split_once(" 转 ") {
        return format!("{} 转 {ext}", mask_phone(main));
    }
    let digits = number.chars().filter(|c| c.is_ascii_digit()).count();
    if digits < 8 {
        return number.to_string();
    }
    let mut seen = 0;
    number
        .chars()
        .map(|c| {
            if !c.is_ascii_digit() {
                return c;
            }
            seen += 1;
            if seen > 3 && seen <= digits - 4 {
                '*'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_the_middle_digits() {
        assert_eq!(mask_phones("138 0013 8000"), "138 **** 8000");
        assert_eq!(mask_phones("010 6234 5678 转 12"), "010 **** 5678 转 12");
        assert_eq!(
            mask_phones("138 0013 8000; 021 6234 5678"),
            "138 **** 8000; 021 **** 5678"
        );
        assert_eq!(mask_phones(""), "");
        assert_eq!(mask_phones("95588"), "95588");
    }

    #[test]
    fn id_numbers_are_masked_and_phones_are_not() {
        assert_eq!(mask_ids("ID 11010519491231002X ok"), "ID 110***********002X ok");
        assert_eq!(mask_ids("110105194912310"), "110********2310");
        assert_eq!(mask_ids("+8613900000001"), "+8613900000001");
        assert_eq!(mask_ids("1101051949123100212"), "1101051949123100212");
        assert_eq!(mask_ids("无"), "无");
    }
}
