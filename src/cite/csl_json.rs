//! CSL-JSON: an array of items, each the entry's fields under their CSL names plus its `id`.
//! folio's own fields (archive, URL status, identifiers CSL lacks, the quote) go under `custom`,
//! the schema's place for them, so the output keeps to the CSL data schema.

use super::export::Entry;
use serde_json::{Map, Value};

/// The keys of `Cite`'s serialisation that are not CSL variables.
const FOLIO_ONLY: &[&str] = &[
    "archive-url",
    "archive-date",
    "url-status",
    "identifiers",
    "quote",
];

/// The entries as a pretty-printed CSL-JSON array.
pub fn write(entries: &[Entry]) -> String {
    let items: Vec<Value> = entries
        .iter()
        .map(|entry| {
            let mut item = match serde_json::to_value(&entry.cite) {
                Ok(Value::Object(map)) => map,
                _ => Map::new(),
            };
            let custom: Map<String, Value> = FOLIO_ONLY
                .iter()
                .filter_map(|key| item.remove(*key).map(|value| (key.to_string(), value)))
                .collect();
            if !custom.is_empty() {
                item.insert("custom".to_string(), Value::Object(custom));
            }
            item.insert("id".to_string(), Value::String(entry.key.clone()));
            Value::Object(item)
        })
        .collect();
    // Serialising plain data with string keys cannot fail.
    let mut out = serde_json::to_string_pretty(&items).unwrap_or_default();
    out.push('\n');
    out
}
