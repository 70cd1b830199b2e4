//! A search result's snippet: the small HTML fragment MediaWiki sends (`<span
//! class="searchmatch">` around each match) read into pieces of text, each matched or not.
//! html5ever's tokenizer reads it, so entities, comments, stray `<` and unclosed tags are taken
//! as browsers take them; every other tag is dropped, script and style bodies with it, and the
//! text is cleaned of control and bidi characters as everything read is.

use crate::format::html::tokenize;
use crate::text::clean;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{TagKind, Token, TokenSink, TokenSinkResult, TokenizerOpts};
use std::cell::RefCell;

/// The snippet as pieces: the passages that matched the query are `matched`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    pub pieces: Vec<Piece>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub matched: bool,
}

impl Snippet {
    /// Reads a snippet's HTML; whitespace runs (newlines included) become one space.
    pub fn from_html(html: &str) -> Snippet {
        let state = tokenize(html, Sink::default(), TokenizerOpts::default())
            .state
            .into_inner();
        let mut snippet = Snippet::default();
        for piece in state.pieces {
            snippet.push(&piece.text, piece.matched);
        }
        snippet.trim_end();
        snippet
    }

    /// The snippet's text, matches unmarked.
    pub fn text(&self) -> String {
        self.pieces
            .iter()
            .map(|piece| piece.text.as_str())
            .collect()
    }

    /// Appends text, spaces collapsed across pieces, joined to the last piece when it is of
    /// the same kind.
    fn push(&mut self, text: &str, matched: bool) {
        let cleaned = clean(text);
        let mut at_space = self
            .pieces
            .last()
            .is_none_or(|piece| piece.text.ends_with(' '));
        let mut collapsed = String::with_capacity(cleaned.len());
        for c in cleaned.chars() {
            if c.is_whitespace() {
                if !at_space {
                    collapsed.push(' ');
                }
                at_space = true;
            } else {
                collapsed.push(c);
                at_space = false;
            }
        }
        if collapsed.is_empty() {
            return;
        }
        match self.pieces.last_mut() {
            Some(last) if last.matched == matched => last.text.push_str(&collapsed),
            _ => self.pieces.push(Piece {
                text: collapsed,
                matched,
            }),
        }
    }

    fn trim_end(&mut self) {
        while let Some(last) = self.pieces.last_mut() {
            let kept = last.text.trim_end().len();
            last.text.truncate(kept);
            if !last.text.is_empty() {
                break;
            }
            self.pieces.pop();
        }
    }
}

#[derive(Default)]
struct Sink {
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    pieces: Vec<Piece>,
    /// The open `<span>`s, each true when it marks a match: matched text is text inside any
    /// searchmatch span, however nested.
    spans: Vec<bool>,
    /// Inside a script or style: its text is not the snippet's.
    raw: bool,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::CharacterTokens(text) if !state.raw => {
                let matched = state.spans.iter().any(|&matched| matched);
                state.pieces.push(Piece {
                    text: text.to_string(),
                    matched,
                });
            }
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                match (tag.kind, name) {
                    (TagKind::StartTag, "span") if !tag.self_closing => {
                        let matched = tag.attrs.iter().any(|attribute| {
                            &*attribute.name.local == "class"
                                && attribute
                                    .value
                                    .split_ascii_whitespace()
                                    .any(|class| class == "searchmatch")
                        });
                        state.spans.push(matched);
                    }
                    (TagKind::EndTag, "span") => {
                        state.spans.pop();
                    }
                    (TagKind::StartTag, "script" | "style") => {
                        state.raw = true;
                        return TokenSinkResult::RawData(match name {
                            "script" => RawKind::ScriptData,
                            _ => RawKind::Rawtext,
                        });
                    }
                    (TagKind::EndTag, "script" | "style") => state.raw = false,
                    // A line break in a snippet separates words.
                    (TagKind::StartTag, "br") => state.pieces.push(Piece {
                        text: " ".to_string(),
                        matched: false,
                    }),
                    _ => {}
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(html: &str) -> Vec<(String, bool)> {
        Snippet::from_html(html)
            .pieces
            .into_iter()
            .map(|piece| (piece.text, piece.matched))
            .collect()
    }

    fn piece(text: &str, matched: bool) -> (String, bool) {
        (text.to_string(), matched)
    }

    #[test]
    fn matches_are_marked_and_entities_decoded() {
        assert_eq!(
            pieces(r#"the <span class="searchmatch">Camp</span> &amp; its&nbsp;<b>people</b>"#),
            [
                piece("the ", false),
                piece("Camp", true),
                piece(" & its people", false)
            ]
        );
    }

    #[test]
    fn whitespace_is_collapsed_across_tags_and_lines() {
        let snippet = Snippet::from_html(
            "  a\n\n <span class=\"searchmatch\">b</span>\t<span class=\"searchmatch\">c</span>  ",
        );
        assert_eq!(snippet.text(), "a b c");
        assert_eq!(
            snippet.pieces.iter().map(|p| p.matched).collect::<Vec<_>>(),
            [false, true, false, true]
        );
    }

    #[test]
    fn hostile_snippets_become_clean_text() {
        let snippet = Snippet::from_html(
            "x\u{1b}[31m\u{202e}y <script>alert('<span class=searchmatch>z</span>')</script>w<!-- c --> &lt;q&gt; <span class=\"searchmatch other\">m<span>n</span></span>o <span",
        );
        let text = snippet.text();
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{text:?}"
        );
        assert!(!text.contains("alert") && !text.contains('z'), "{text:?}");
        assert!(text.contains("<q>"), "{text:?}");
        assert!(
            snippet
                .pieces
                .iter()
                .any(|piece| piece.matched && piece.text == "mn"),
            "{snippet:?}"
        );
        assert!(text.ends_with("mno"), "{text:?}");
    }

    #[test]
    fn nothing_from_nothing() {
        assert_eq!(Snippet::from_html(""), Snippet::default());
        assert_eq!(
            Snippet::from_html("<span class=\"searchmatch\"></span>"),
            Snippet::default()
        );
    }
}
