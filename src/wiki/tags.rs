//! The start tags of an HTML page that folio looks at outside the reader: `<link>` in the head
//! (the API's address) and `<a>` (which pages exist). html5ever's tokenizer does the reading,
//! so attributes are decoded and quoted as browsers do; script and style bodies are skipped.

use crate::format::html::tokenize;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{TagKind, Token, TokenSink, TokenSinkResult, TokenizerOpts};
use std::cell::RefCell;

/// One start tag: its name and attributes, in the order written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    pub attributes: Vec<(String, String)>,
}

impl Tag {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    pub fn has_class(&self, class: &str) -> bool {
        self.get("class")
            .is_some_and(|classes| classes.split_ascii_whitespace().any(|c| c == class))
    }

    /// True when the space-separated `attribute` holds `word` (ASCII case-insensitively, as
    /// `rel` values are compared).
    pub fn has_word(&self, attribute: &str, word: &str) -> bool {
        self.get(attribute).is_some_and(|words| {
            words
                .split_ascii_whitespace()
                .any(|w| w.eq_ignore_ascii_case(word))
        })
    }
}

/// Every start tag named in `names` (lower case), in document order.
pub fn start_tags(html: &str, names: &[&str]) -> Vec<Tag> {
    let sink = Sink {
        names,
        found: RefCell::new(Vec::new()),
    };
    tokenize(html, sink, TokenizerOpts::default())
        .found
        .into_inner()
}

struct Sink<'a> {
    names: &'a [&'a str],
    found: RefCell<Vec<Tag>>,
}

impl TokenSink for Sink<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        let name: &str = &tag.name;
        if self.names.contains(&name) {
            self.found.borrow_mut().push(Tag {
                name: name.to_string(),
                attributes: tag
                    .attrs
                    .iter()
                    .map(|attribute| {
                        (
                            attribute.name.local.to_string(),
                            attribute.value.to_string(),
                        )
                    })
                    .collect(),
            });
        }
        // What a script or style holds is not markup: `<a` inside one is no link.
        match name {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
            _ => TokenSinkResult::Continue,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_start_tags_with_decoded_attributes() {
        let html = r#"<head><link rel="EditURI" href="//w.example.org/w/api.php?action=rsd&amp;x=1"><script>var a = "<a href='no'>";</script></head>
            <body><A HREF='./Yes' class="new mw-x">x</A><p>text</p></body>"#;
        let tags = start_tags(html, &["a", "link"]);
        assert_eq!(tags.len(), 2, "{tags:?}");
        assert_eq!(
            tags[0].get("href"),
            Some("//w.example.org/w/api.php?action=rsd&x=1")
        );
        assert!(tags[0].has_word("rel", "edituri"));
        assert_eq!(tags[1].get("href"), Some("./Yes"));
        assert!(tags[1].has_class("new") && !tags[1].has_class("mw"));
    }

    #[test]
    fn nothing_from_nothing() {
        assert!(start_tags("", &["a"]).is_empty());
        assert!(start_tags("<a", &["a"]).is_empty());
    }
}
