//! Fields with their texts, packed into one allocation.
//!
//! A million-row list holds about ten million cells and as many clean values. As
//! `(Field, String)` pairs each would take 32 bytes before its text, and most texts an
//! allocation of their own; packed, a record's cells take one allocation of about the
//! size of their text.

use std::fmt;

use super::Field;

/// Fields and their texts, in the order they were given, in one `str`: the count, one
/// byte per field, where each text ends, then the texts one after another. Numbers are
/// written as four bytes of seven bits each and field bytes are below 128, so the whole
/// header is ASCII and the buffer is valid UTF-8 as it stands: reading a text is slicing
/// a `str`, with no UTF-8 check. Fields may repeat (a list with two phone columns).
/// Empty cells take no allocation.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Cells {
    buf: Box<str>,
}

/// Bytes of one number in the header.
const WORD: usize = 4;
/// The largest number a header word holds (2^28 - 1): a record's texts stay far below
/// it (a cell holds at most 32,767 characters in Excel).
const WORD_MAX: usize = (1 << (7 * WORD)) - 1;

// A field is one ASCII byte.
const _: () = assert!(Field::ALL.len() < 128);

impl Cells {
    /// Packs these fields and texts, in this order.
    pub fn new<S: AsRef<str>>(cells: &[(Field, S)]) -> Cells {
        if cells.is_empty() {
            return Cells::default();
        }
        let n = cells.len();
        let text: usize = cells.iter().map(|(_, s)| s.as_ref().len()).sum();
        let mut buf = String::with_capacity(WORD + n * (1 + WORD) + text);
        push_word(&mut buf, n);
        buf.extend(cells.iter().map(|(f, _)| char::from(*f as u8)));
        let mut end = 0;
        for (_, s) in cells {
            end += s.as_ref().len();
            push_word(&mut buf, end);
        }
        for (_, s) in cells {
            buf.push_str(s.as_ref());
        }
        Cells { buf: buf.into() }
    }

    /// How many cells.
    pub fn len(&self) -> usize {
        self.word(0)
    }

    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// The field of the i-th cell.
    fn field(&self, i: usize) -> Field {
        Field::ALL[self.buf.as_bytes()[WORD + i] as usize]
    }

    /// The text of the i-th cell.
    fn text(&self, i: usize) -> &str {
        let n = self.len();
        let ends = WORD + n;
        let start = if i == 0 { 0 } else { self.word(ends + (i - 1) * WORD) };
        let end = self.word(ends + i * WORD);
        let texts = ends + n * WORD;
        self.buf.get(texts + start..texts + end).unwrap_or("")
    }

    /// The number at byte `at` (0 for an empty buffer).
    fn word(&self, at: usize) -> usize {
        match self.buf.as_bytes().get(at..at + WORD) {
            Some(b) => b.iter().rev().fold(0, |n, x| n << 7 | usize::from(*x)),
            None => 0,
        }
    }

    /// Every field and its text, in order.
    pub fn iter(&self) -> impl Iterator<Item = (Field, &str)> + '_ {
        (0..self.len()).map(|i| (self.field(i), self.text(i)))
    }

    /// The fields, in order.
    pub fn fields(&self) -> impl Iterator<Item = Field> + '_ {
        (0..self.len()).map(|i| self.field(i))
    }

    /// Where a field first is.
    fn position(&self, field: Field) -> Option<usize> {
        let n = self.len();
        self.buf
            .as_bytes()
            .get(WORD..WORD + n)?
            .iter()
            .position(|f| *f == field as u8)
    }

    /// The first text of a field.
    pub fn get(&self, field: Field) -> Option<&str> {
        self.position(field).map(|i| self.text(i))
    }

    pub fn contains(&self, field: Field) -> bool {
        self.position(field).is_some()
    }
}

/// Appends a header number as four ASCII bytes, low seven bits first (saturating at
/// [`WORD_MAX`]).
fn push_word(buf: &mut String, n: usize) {
    let n = n.min(WORD_MAX);
    for k in 0..WORD {
        buf.push(char::from((n >> (7 * k) & 0x7f) as u8));
    }
}

impl fmt::Debug for Cells {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<S: AsRef<str>> FromIterator<(Field, S)> for Cells {
    fn from_iter<I: IntoIterator<Item = (Field, S)>>(iter: I) -> Cells {
        let cells: Vec<(Field, S)> = iter.into_iter().collect();
        Cells::new(&cells)
    }
}

/// Single-valued fields and their values, one value per field, in field order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Values(Cells);

impl Values {
    /// The value of a field, if it has one.
    pub fn get(&self, field: Field) -> Option<&str> {
        self.0.get(field)
    }

    pub fn contains(&self, field: Field) -> bool {
        self.0.contains(field)
    }

    /// Sets a field's value, replacing any earlier one.
    pub fn insert(&mut self, field: Field, value: &str) {
        let mut all: Vec<(Field, &str)> = self.0.iter().filter(|(f, _)| *f != field).collect();
        let at = all.partition_point(|(f, _)| *f < field);
        all.insert(at, (field, value));
        self.0 = Cells::new(&all);
    }

    /// Sets a field's value unless it has one already (the first value wins).
    pub fn insert_first(&mut self, field: Field, value: &str) {
        if !self.contains(field) {
            self.insert(field, value);
        }
    }

    /// Fields and values in field order.
    pub fn iter(&self) -> impl Iterator<Item = (Field, &str)> + '_ {
        self.0.iter()
    }

    pub fn fields(&self) -> impl Iterator<Item = Field> + '_ {
        self.0.fields()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> FromIterator<(Field, &'a str)> for Values {
    /// Values from pairs in any order; the first value of a field wins.
    fn from_iter<I: IntoIterator<Item = (Field, &'a str)>>(iter: I) -> Values {
        let mut all: Vec<(Field, &str)> = Vec::new();
        for (field, value) in iter {
            if !all.iter().any(|(f, _)| *f == field) {
                all.push((field, value));
            }
        }
        all.sort_by_key(|(f, _)| *f);
        Values(Cells::new(&all))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_and_reads_back_in_order_with_repeats() {
        let cells = Cells::new(&[
            (Field::Name, "张三"),
            (Field::Mobile, "138-0013-8000"),
            (Field::Mobile, ""),
            (Field::Mobile, "+86 139 1111 2222"),
            (Field::Address, "北京市海淀区中关村大街1号".repeat(40).as_str()),
        ]);
        let all: Vec<(Field, &str)> = cells.iter().collect();
        assert_eq!(all.len(), 5);
        assert_eq!(all[0], (Field::Name, "张三"));
        assert_eq!(all[1], (Field::Mobile, "138-0013-8000"));
        assert_eq!(all[2], (Field::Mobile, ""));
        assert_eq!(all[3], (Field::Mobile, "+86 139 1111 2222"));
        assert_eq!(all[4].1.chars().count(), 13 * 40);
        assert_eq!(cells.get(Field::Mobile), Some("138-0013-8000"));
        assert_eq!(cells.get(Field::Email), None);
        assert!(cells.contains(Field::Address));
    }

    #[test]
    fn empty_cells_take_no_allocation() {
        let cells = Cells::new::<&str>(&[]);
        assert!(cells.is_empty());
        assert_eq!(cells.len(), 0);
        assert_eq!(cells.iter().count(), 0);
        assert_eq!(cells.get(Field::Name), None);
        assert_eq!(std::mem::size_of::<Cells>(), 16);
    }

    #[test]
    fn every_field_round_trips() {
        let pairs: Vec<(Field, String)> = Field::ALL.iter().map(|f| (*f, f.key().to_string())).collect();
        let cells = Cells::new(&pairs);
        for (f, v) in cells.iter() {
            assert_eq!(f.key(), v);
        }
    }

    #[test]
    fn values_keep_field_order_and_first_or_last_value() {
        let mut v = Values::default();
        v.insert_first(Field::City, "北京");
        v.insert_first(Field::Name, "张三");
        v.insert_first(Field::City, "上海");
        assert_eq!(v.get(Field::City), Some("北京"));
        v.insert(Field::City, "上海");
        assert_eq!(v.get(Field::City), Some("上海"));
        let fields: Vec<Field> = v.fields().collect();
        assert_eq!(fields, [Field::Name, Field::City]);
        let from: Values = [(Field::City, "广州"), (Field::Name, "李四"), (Field::City, "深圳")]
            .into_iter()
            .collect();
        assert_eq!(
            from.iter().collect::<Vec<_>>(),
            [(Field::Name, "李四"), (Field::City, "广州")]
        );
    }
}
