//! A wiki page read once and kept read: the article the HTML reader made of a page and the red
//! links it found, stored in the cache beside the page's HTML so that opening the page again
//! decodes the article instead of reading the HTML (United States: 2.5 MB of Parsoid HTML, about
//! 420 M instructions to read; its form decodes in a fraction of that, benches/first_frame.rs).
//!
//! The form is the model's own serde, as JSON: no new format to keep in step with the model.
//! Only the build of folio that wrote a form takes it back (`stamp`), since another build's
//! reader may make another article of the same HTML; a form that does not decode is passed
//! over and the HTML read again, which replaces it.

use super::links;
use crate::article::Article;
use crate::format::{self, Format, ReadError};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use std::time::UNIX_EPOCH;

/// A page as read: its article (title and sources as the HTML gave them; the wiki sets its
/// own) and the titles of the pages its red links point to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parsed {
    pub article: Article,
    pub missing: Vec<String>,
}

impl Parsed {
    /// Reads a page's HTML from the wiki at `origin`; `name` is where it came from.
    pub fn read(html: &str, name: &str, origin: &str) -> Result<Parsed, ReadError> {
        let reading = format::read(html.as_bytes(), name, Some(Format::Html))?;
        Ok(Parsed {
            article: reading.article,
            missing: links::missing(html, origin),
        })
    }

    pub fn encode(&self) -> Option<Vec<u8>> {
        serde_json::to_vec(self).ok()
    }

    /// None for bytes that are not a form (damaged, or of another layout).
    pub fn decode(bytes: &[u8]) -> Option<Parsed> {
        serde_json::from_slice(bytes).ok()
    }
}

/// Who wrote a form: this folio's version and its executable's size and modification time, so
/// that a rebuilt or upgraded folio reads the HTML again rather than trusting another reader's
/// article. None when the executable cannot be looked at: then no form is kept or taken.
pub fn stamp() -> Option<&'static str> {
    static STAMP: OnceLock<Option<String>> = OnceLock::new();
    STAMP
        .get_or_init(|| {
            let meta = std::env::current_exe().and_then(std::fs::metadata).ok()?;
            let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
            Some(format!(
                "folio {} {} {}.{:09}",
                env!("CARGO_PKG_VERSION"),
                meta.len(),
                modified.as_secs(),
                modified.subsec_nanos()
            ))
        })
        .as_deref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_decodes_to_the_article_it_was_made_from() {
        let html = r##"<html><head><title>Camp Ashraf</title></head><body><p>A camp in <a href="./Iraq">Iraq</a> near <a class="new" href="./Nowhere?action=edit&amp;redlink=1">nowhere</a>.<sup class="reference"><a href="#cite_note-1">[1]</a></sup></p><ol class="references"><li id="cite_note-1">A source.</li></ol></body></html>"##;
        let parsed = Parsed::read(
            html,
            "http://127.0.0.1:9/w/index.php?title=X",
            "http://127.0.0.1:9",
        )
        .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(parsed.missing, ["Nowhere"]);
        let bytes = parsed.encode().unwrap_or_default();
        assert_eq!(Parsed::decode(&bytes), Some(parsed));
    }

    #[test]
    fn damaged_bytes_are_no_form() {
        assert_eq!(Parsed::decode(b""), None);
        assert_eq!(Parsed::decode(b"{\"article\":{\"title\":"), None);
        assert_eq!(Parsed::decode(b"{\"missing\":[]}"), None);
        assert_eq!(Parsed::decode(&[0xff, 0xfe, 0x00]), None);
    }

    #[test]
    fn this_build_has_a_stamp() {
        let stamp = stamp().unwrap_or_default();
        assert!(stamp.starts_with("folio "), "{stamp}");
    }
}
