//! Per-thread memory of values already cleaned. Customer lists repeat themselves: the
//! same company on every contact row, the same switchboard, the same few dates and
//! placeholders. Each distinct raw value is cleaned once per worker thread.

use rustc_hash::FxHashMap;

/// Entries per table before it is emptied, to bound memory on lists of unique values.
const LIMIT: usize = 100_000;

/// Lookups before a table judges whether remembering pays.
const TRIAL: u32 = 10_000;

/// A bounded map from a raw value to what cleaning it gave. Looking a value up does not
/// allocate; only a value seen for the first time is copied in, and only while at least
/// one lookup in twenty finds something (a column of unique values is not worth it).
pub struct Table<V> {
    map: FxHashMap<String, V>,
    lookups: u32,
    hits: u32,
}

impl<V> Default for Table<V> {
    fn default() -> Self {
        Table {
            map: FxHashMap::default(),
            lookups: 0,
            hits: 0,
        }
    }
}

impl<V: Clone> Table<V> {
    /// The remembered value for `key`, or `make()` remembered.
    pub fn get_or(&mut self, key: &str, make: impl FnOnce() -> V) -> V {
        self.lookups = self.lookups.saturating_add(1);
        if let Some(v) = self.map.get(key) {
            self.hits = self.hits.saturating_add(1);
            return v.clone();
        }
        let v = make();
        if self.worth_it() {
            if self.map.len() >= LIMIT {
                self.map.clear();
            }
            self.map.insert(key.to_string(), v.clone());
        }
        v
    }

    fn worth_it(&self) -> bool {
        self.lookups < TRIAL || self.hits.saturating_mul(20) >= self.lookups
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_repeated_values_and_stops_remembering_unique_ones() {
        let mut repeated: Table<usize> = Table::default();
        let mut made = 0;
        for i in 0..30_000 {
            repeated.get_or(&format!("v{}", i % 10), || {
                made += 1;
                i
            });
        }
        assert_eq!(made, 10);
        let mut unique: Table<usize> = Table::default();
        for i in 0..30_000 {
            let v = unique.get_or(&i.to_string(), || i);
            assert_eq!(v, i);
        }
        assert!(
            unique.map.len() <= TRIAL as usize,
            "stopped remembering: {}",
            unique.map.len()
        );
    }
}
