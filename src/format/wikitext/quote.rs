//! Block quotations: `{{quote}}`, `{{blockquote}}`, `{{quotation}}`, `{{cquote}}` and
//! `<blockquote>…</blockquote>` standing on their own. The quoted text keeps its paragraphs as
//! line breaks; the attribution ("— Author, Title, Source") is the last line, as the templates
//! print it under the quote.

use super::inline::{Renderer, Sink};
use super::templates::normalize_name;
use super::tree::{Node, Template};
use crate::article::{Emphasis, Inline};

/// Templates that print a block quotation (their inline use inside a sentence stays text).
pub const QUOTE_TEMPLATES: &[&str] = &["quote", "blockquote", "quotation", "cquote"];

/// The quote template a node is, if it is one.
pub fn quote_template<'t, 'a>(node: &'t Node<'a>) -> Option<&'t Template<'a>> {
    match node {
        Node::Template(template) if is_quote_template(&normalize_name(&template.name_text())) => {
            Some(template)
        }
        _ => None,
    }
}

/// A quotation template by its normalised name.
pub fn is_quote_template(name: &str) -> bool {
    QUOTE_TEMPLATES.contains(&name)
}

/// True for `<blockquote>` (`closing` false) or `</blockquote>` (`closing` true).
pub fn is_blockquote_tag(node: &Node<'_>, closing: bool) -> bool {
    matches!(node, Node::Tag(tag) if tag.name == "blockquote" && tag.closing == closing)
}

impl Renderer {
    /// A quote template's text, then its attribution line: `author` (or `sign`, `cite`, the
    /// second positional), `title` (third, in italics), `source` (fourth).
    pub fn quote_block(&mut self, template: &Template<'_>) -> Vec<Inline> {
        let mut sink = Sink::default();
        if let Some(text) = template
            .named(&["text", "quote"])
            .or_else(|| template.positional(0))
        {
            self.quoted_text(super::blocks::lines(text.to_vec()), &mut sink);
        }
        let mut part = |names: &[&str], position: usize| -> Option<Vec<Inline>> {
            template
                .named(names)
                .or_else(|| template.positional(position))
                .map(|value| self.runs(value))
                .filter(|runs| !runs.is_empty())
        };
        let author = part(&["author", "sign", "cite"], 1);
        let title = part(&["title"], 2).map(italic);
        let source = part(&["source"], 3);
        let parts: Vec<Vec<Inline>> = [author, title, source].into_iter().flatten().collect();
        if !parts.is_empty() {
            sink.line_break();
            sink.plain("— ");
            for (index, runs) in parts.into_iter().enumerate() {
                if index > 0 {
                    sink.plain(", ");
                }
                runs.into_iter().for_each(|inline| sink.push(inline));
            }
        }
        sink.finish()
    }

    /// The text of `<blockquote>` lines (the tags already taken off).
    pub fn blockquote(&mut self, lines: Vec<Vec<Node<'_>>>) -> Vec<Inline> {
        let mut sink = Sink::default();
        self.quoted_text(lines, &mut sink);
        sink.finish()
    }

    /// Quoted wikitext: a blank line or a list item starts a new line, other lines run on.
    fn quoted_text(&mut self, lines: Vec<Vec<Node<'_>>>, sink: &mut Sink) {
        let mut paragraph_ended = false;
        for mut line in lines {
            if super::blocks::is_blank(&line) {
                paragraph_ended = true;
                continue;
            }
            let markers = match line.first_mut() {
                Some(Node::Text(text)) => {
                    let count = text
                        .bytes()
                        .take_while(|b| matches!(b, b'*' | b'#' | b':' | b';'))
                        .count();
                    *text = &text[count..];
                    count
                }
                _ => 0,
            };
            if !sink.is_empty() {
                if paragraph_ended || markers > 0 {
                    sink.line_break();
                } else {
                    sink.plain(" ");
                }
            }
            paragraph_ended = false;
            self.nodes(&line, sink);
            sink.end_line();
        }
    }
}

fn italic(runs: Vec<Inline>) -> Vec<Inline> {
    runs.into_iter()
        .map(|inline| match inline {
            Inline::Text { text, emphasis } => Inline::Text {
                text,
                emphasis: Emphasis {
                    italic: true,
                    ..emphasis
                },
            },
            other => other,
        })
        .collect()
}
