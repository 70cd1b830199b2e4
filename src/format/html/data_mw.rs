//! Parsoid's `data-mw` on a transcluded citation template (`<cite typeof="mw:Transclusion"
//! data-mw='{"parts":[{"template":{"target":{"wt":"Cite web"},"params":{"url":{"wt":"…"}}}}]}'>`):
//! the template's own arguments, so the wikitext reader's CS1 reading gives the fields (COinS
//! lacks some: access date, archive, URL status).

use crate::cite::Cite;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct DataMw {
    #[serde(default)]
    parts: Vec<Part>,
}

/// A part is a template or a string of wikitext between templates.
#[derive(Deserialize)]
#[serde(untagged)]
enum Part {
    Template { template: Template },
    Text(#[allow(dead_code)] serde_json::Value),
}

#[derive(Deserialize)]
struct Template {
    target: Wikitext,
    #[serde(default)]
    params: BTreeMap<String, Wikitext>,
}

#[derive(Deserialize)]
struct Wikitext {
    #[serde(default)]
    wt: String,
}

/// The fields of a citation template transcluded here, when `data-mw` holds one.
pub fn read(data_mw: &str) -> Option<Cite> {
    let data: DataMw = serde_json::from_str(data_mw).ok()?;
    let template = data.parts.into_iter().find_map(|part| match part {
        Part::Template { template } => Some(template),
        Part::Text(_) => None,
    })?;
    let name = template.target.wt.trim().to_lowercase();
    if !(name.starts_with("cite") || name.starts_with("citation")) {
        return None;
    }
    let mut source = format!("{{{{{}", template.target.wt);
    for (key, value) in &template.params {
        source.push_str(&format!("|{key}={}", value.wt));
    }
    source.push_str("}}");
    crate::format::wikitext::fields_of(&source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cite_journal_from_parsoid() {
        let cite = read(
            r#"{"parts":[{"template":{"target":{"wt":"Cite journal","href":"./Template:Cite_journal"},
            "params":{"last":{"wt":"Young"},"first":{"wt":"Julie K."},"date":{"wt":"1 February 2011"},
            "title":{"wt":"Is Wildlife Going to the Dogs?"},"journal":{"wt":"BioScience"},
            "access-date":{"wt":"2020-01-02"},"url-status":{"wt":"live"}},"i":0}}]}"#,
        );
        let Some(cite) = cite else {
            panic!("no fields");
        };
        assert_eq!(
            cite.title.as_deref(),
            Some("Is Wildlife Going to the Dogs?")
        );
        assert_eq!(cite.author[0].sorted(), "Young, Julie K.");
        assert_eq!(cite.year(), Some(2011));
        assert_eq!(
            cite.accessed.map(|date| date.iso()).as_deref(),
            Some("2020-01-02")
        );
        assert_eq!(cite.url_status, Some(crate::cite::UrlStatus::Live));
    }

    #[test]
    fn other_templates_and_nonsense_give_nothing() {
        assert_eq!(
            read(r#"{"parts":[{"template":{"target":{"wt":"convert"},"params":{}}}]}"#),
            None
        );
        assert_eq!(read("not json"), None);
        assert_eq!(read(r#"{"name":"ref","body":{"id":"x"}}"#), None);
    }
}
