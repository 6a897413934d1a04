//! Per-thread memory of values already cleaned. Customer lists repeat themselves: the
//! same company on every contact row, the same switchboard, the same few dates and
//! placeholders. Each distinct raw value is cleaned once per worker thread.

use rustc_hash::FxHashMap;

/// Entries per table before it is emptied, to bound memory on lists of unique values.
const LIMIT: usize = 100_000;

/// A bounded map from a raw value to what cleaning it gave. Looking a value up does not
/// allocate; only a value seen for the first time is copied in.
pub struct Table<V> {
    map: FxHashMap<String, V>,
}

impl<V> Default for Table<V> {
    fn default() -> Self {
        Table {
            map: FxHashMap::default(),
        }
    }
}

impl<V: Clone> Table<V> {
    /// The remembered value for `key`, or `make()` remembered.
    pub fn get_or(&mut self, key: &str, make: impl FnOnce() -> V) -> V {
        if let Some(v) = self.map.get(key) {
            return v.clone();
        }
        let v = make();
        if self.map.len() >= LIMIT {
            self.map.clear();
        }
        self.map.insert(key.to_string(), v.clone());
        v
    }
}
