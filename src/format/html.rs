//! Wikipedia HTML: Parsoid (REST API, 1.x and 2.x), legacy `action=parse` fragments, full
//! desktop pages (only `#mw-content-text` is read), Kiwix ZIM articles, bare infobox snippets.
//!
//! The reader streams html5ever's spec-conforming tokenizer into a model builder instead of
//! building a DOM first: the model is all it keeps, so memory stays near the input's size, and no
//! tree (nor the tree builder's quadratic scope checks on pathologically deep input) is needed.
//! Wikipedia's HTML is serialised well-formed, and the few implied end tags it relies on
//! (`p`, `li`, `dt`/`dd`, table rows and cells) are closed by the builder.

mod attribute_limit;
mod builder;
mod citations;
mod classify;
mod coins;
mod data_mw;
mod infobox;
mod links;

use crate::article::Article;
use builder::Builder;
use classify::RawContent;
use html5ever::local_name;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::{RawKind, State};
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// Tags that open wikitext as well as HTML, so they tell nothing on their own.
const WIKITEXT_TAGS: &[&str] = &[
    "ref",
    "references",
    "nowiki",
    "noinclude",
    "includeonly",
    "onlyinclude",
    "gallery",
    "math",
    "syntaxhighlight",
    "source",
    "poem",
    "score",
    "timeline",
    "templatedata",
    "section",
];

/// True when the start of a document is HTML: a doctype, an `<html>` element, or a document that
/// opens with an HTML tag and closes block elements without any wikitext markup around.
pub fn looks_like(head: &str) -> bool {
    let lower = head.trim_start().to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        return true;
    }
    let Some(rest) = lower.strip_prefix('<') else {
        return false;
    };
    let tag: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    if tag.is_empty() || WIKITEXT_TAGS.contains(&tag.as_str()) {
        return false;
    }
    let wikitext_markup = ["[[", "{{", "\n==", "'''"]
        .iter()
        .any(|markup| lower.contains(markup));
    let closes_blocks = [
        "</div>",
        "</p>",
        "</table>",
        "</section>",
        "</ul>",
        "</li>",
        "</h2>",
    ]
    .iter()
    .any(|end| lower.contains(end));
    closes_blocks && !wikitext_markup
}

/// The title from the head's `<title>` element, found by a scan of its tags (no parse), as
/// `read` gives it; none when there is no such element or it is empty.
pub fn peek_title(head: &str) -> Option<String> {
    let title = attribute_limit::first_title(head)?;
    builder::title_text(&title_element_text(title))
}

/// The text of a `title` element as the tokenizer reads it, from the text between its tags: its
/// character references decoded as reading decodes them (`&amp` without `;` too), `\r\n` as
/// `\n`, NUL as U+FFFD.
fn title_element_text(raw: &str) -> String {
    struct Text(RefCell<String>);
    impl TokenSink for Text {
        type Handle = ();
        fn process_token(&self, token: Token, _line_number: u64) -> TokenSinkResult<()> {
            if let Token::CharacterTokens(text) = token {
                self.0.borrow_mut().push_str(&text);
            }
            TokenSinkResult::Continue
        }
    }
    let options = TokenizerOpts {
        initial_state: Some(State::RawData(RawKind::Rcdata)),
        last_start_tag_name: Some("title".to_string()),
        ..TokenizerOpts::default()
    };
    // With its end tag after it, as reading sees it: a reference just before the end reads alike.
    let text = tokenize(
        &format!("{raw}</title>"),
        Text(RefCell::new(String::new())),
        options,
    );
    text.0.into_inner()
}

/// Runs html5ever's tokenizer over the whole of `html` into `sink`, starting as `options` say,
/// and gives the sink back.
pub fn tokenize<S: TokenSink>(html: &str, sink: S, options: TokenizerOpts) -> S {
    let tokenizer = Tokenizer::new(sink, options);
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // The tokenizer stops only to hand back a script; there is none to run, so it goes on.
    while !input.is_empty() {
        let _ = tokenizer.feed(&input);
    }
    tokenizer.end();
    tokenizer.sink
}

pub fn read(text: &str, fallback_title: &str) -> Article {
    let content_mode = text.contains("id=\"mw-content-text\"");
    let reader = TokenReader {
        builder: RefCell::new(Builder::new(content_mode)),
        title: RefCell::new(FirstTitle::Waiting),
    };
    let reader = tokenize(
        &attribute_limit::limit_attributes(text),
        reader,
        TokenizerOpts::default(),
    );
    let title = match reader.title.into_inner() {
        FirstTitle::Waiting => None,
        // Unclosed, it runs to the end, as the tokenizer reads it.
        FirstTitle::Reading(text) | FirstTitle::Read(text) => builder::title_text(&text),
    };
    reader.builder.into_inner().finish(title, fallback_title)
}

/// Hands the tokenizer's tokens to the builder (the sink API takes `&self`), and keeps the
/// first `title` element's text.
struct TokenReader {
    builder: RefCell<Builder>,
    title: RefCell<FirstTitle>,
}

/// The text of the document's first `title` element, wherever it stands (even inside what the
/// builder skips, a `nav` or an element nested too deep), as `peek_title` finds it.
enum FirstTitle {
    Waiting,
    Reading(String),
    Read(String),
}

impl TokenSink for TokenReader {
    type Handle = ();

    fn process_token(&self, token: Token, _line_number: u64) -> TokenSinkResult<()> {
        let mut builder = self.builder.borrow_mut();
        let mut title = self.title.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => {
                    if tag.name == local_name!("title") && matches!(*title, FirstTitle::Waiting) {
                        *title = FirstTitle::Reading(String::new());
                    }
                    builder.start(&tag.name, &tag.attrs, tag.self_closing);
                    // Without a tree builder the reader must switch the tokenizer into the raw
                    // text states for `script`, `style`, `title` and friends.
                    match classify::raw_content(&tag.name) {
                        Some(RawContent::Raw(kind)) => return TokenSinkResult::RawData(kind),
                        Some(RawContent::Plaintext) => return TokenSinkResult::Plaintext,
                        None => {}
                    }
                }
                TagKind::EndTag => {
                    if tag.name == local_name!("title")
                        && let FirstTitle::Reading(text) = &mut *title
                    {
                        *title = FirstTitle::Read(std::mem::take(text));
                    }
                    builder.end(&tag.name);
                }
            },
            Token::CharacterTokens(text) => {
                if let FirstTitle::Reading(title) = &mut *title {
                    title.push_str(&text);
                }
                builder.text(&text);
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Block, Inline, LinkTarget, ListKind, plain_text};

    #[test]
    fn the_peeked_title_is_the_one_reading_finds() {
        let cases = [
            (
                "<html><head><title>A &amp; B</title></head></html>",
                Some("A & B"),
            ),
            ("<HTML><TITLE>Upper</TITLE>", Some("Upper")),
            // Found by the fuzzer: an unclosed quoted value runs on into attribute names, so
            // this `<title` is inside the `base` tag and the page has no title element.
            (
                r#"<head><base href="//en.wikipedia.org/wiki/"Ch<title>Mike Potts</title>"#,
                None,
            ),
            // Neither a script's text nor a comment holds a title.
            (
                "<script>var t = '<title>No</title>';</script><!-- <title>No</title> --><title>Yes</title>",
                Some("Yes"),
            ),
            // Unclosed, it runs to the end, as the tokenizer reads it.
            ("<title>Unfinished", Some("Unfinished")),
            ("<title></title>", None),
            ("<title></title><title>Second</title>", None),
            // Found by the fuzzer: a title inside what the builder skips (an unclosed `nav`,
            // here with `</section` read as its attributes) is the page's title all the same.
            ("<m><nav/</section><title>Mike", Some("Mike")),
            (
                "<title>\u{feff}Zero\u{feff} width</title>",
                Some("Zero width"),
            ),
            // Found by the fuzzer: a character reference without its `;`, which the tokenizer
            // decodes in a title and the peek did not.
            ("<title>A &amp B &lt C&ampx</title>", Some("A & B < C&x")),
        ];
        // And one nested deeper than the builder follows.
        let deep = format!("{}<title>Deep</title>", "<span>".repeat(5000));
        let cases = cases
            .into_iter()
            .map(|(page, expected)| (page.to_string(), expected))
            .chain([(deep, Some("Deep"))]);
        for (page, expected) in cases {
            let page = page.as_str();
            assert_eq!(peek_title(page).as_deref(), expected, "{page}");
            let read = read(page, "fallback");
            assert_eq!(read.title, expected.unwrap_or("fallback"), "{page}");
        }
    }

    #[test]
    fn detection_claims_html_but_not_wikitext_with_tags() {
        assert!(looks_like("<!DOCTYPE html>\n<html><head>"));
        assert!(looks_like("<html><head><title>x</title>"));
        assert!(looks_like(
            "<div class=\"mw-parser-output\"><p>Text</p></div>"
        ));
        assert!(!looks_like("<ref>x</ref> '''Bold''' and [[link]]"));
        assert!(!looks_like("<!-- comment -->\n'''Dog''' is"));
        assert!(!looks_like("<div>{{Infobox}}</div>\n== History =="));
        assert!(!looks_like("= Title =\n- Key: Value"));
    }

    #[test]
    fn paragraphs_headings_links_and_markers() {
        let html = r##"<html><head><title>Test - Wikipedia</title></head><body>
            <p>A <b>bold</b> <a href="./Other_page">link</a>.<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a></sup></p>
            <h2>See also</h2><ul><li><a href="/wiki/Caf%C3%A9">Café</a></li></ul>
            <h2>References</h2><ol class="references"><li id="cite_note-1"><span class="mw-cite-backlink"><b><a href="#cite_ref-1">^</a></b></span> <span class="reference-text"><a class="external" href="https://example.org/x">Source</a>, 2020.</span></li></ol>
            </body></html>"##;
        let article = read(html, "fallback");
        assert_eq!(article.title, "Test");
        let headings: Vec<_> = article.sections.iter().map(|s| s.heading.clone()).collect();
        assert_eq!(
            headings,
            [
                None,
                Some("See also".to_string()),
                Some("References".to_string())
            ]
        );
        let Block::Paragraph { inlines } = &article.sections[0].blocks[0] else {
            panic!("the lead starts with a paragraph");
        };
        assert_eq!(plain_text(inlines), "A bold link.[1]");
        assert!(inlines.contains(&Inline::article_link("link", "Other page")));
        assert_eq!(article.see_also(), ["Café"]);
        assert_eq!(article.references.len(), 1);
        assert_eq!(article.references[0].label, "1");
        assert_eq!(plain_text(&article.references[0].text), "Source, 2020.");
        assert_eq!(article.references[0].urls, ["https://example.org/x"]);
        assert_eq!(article.citations()[0].reference, Some(0));
    }

    #[test]
    fn infobox_rows_become_fields() {
        let html = r#"<table class="infobox vcard"><caption>Name</caption><tr><td colspan="2"><img src="x.jpg"><div>Photo caption</div></td></tr>
            <tr><th colspan="2">Personal</th></tr><tr><th>Born:</th><td>1971<br><a href="./New_Orleans">New Orleans</a></td></tr></table><p>Body.</p>"#;
        let article = read(html, "fallback");
        assert_eq!(article.title, "fallback");
        assert_eq!(article.infobox.caption.as_deref(), Some("Name"));
        let fields: Vec<(String, String)> = article
            .infobox
            .fields
            .iter()
            .map(|f| (f.label.clone(), plain_text(&f.value)))
            .collect();
        assert_eq!(
            fields,
            [
                (String::new(), "Personal".to_string()),
                ("Born".to_string(), "1971\nNew Orleans".to_string())
            ]
        );
        let links = article.infobox.fields[1]
            .value
            .iter()
            .filter(|inline| matches!(inline, Inline::Link { target: LinkTarget::Article(t), .. } if t == "New Orleans"))
            .count();
        assert_eq!(links, 1);
    }

    #[test]
    fn nested_lists_keep_depth_and_order() {
        let html = "<div><ul><li>one<ul><li>one.a</li></ul>tail</li><li>two</li></ul></div>";
        let article = read(html, "t");
        let Block::List { items } = &article.sections[0].blocks[0] else {
            panic!("a list block");
        };
        let seen: Vec<(u8, String)> = items
            .iter()
            .map(|item| (item.depth, plain_text(&item.inlines)))
            .collect();
        assert_eq!(
            seen,
            [
                (1, "one".to_string()),
                (2, "one.a".to_string()),
                (1, "tail".to_string()),
                (1, "two".to_string())
            ]
        );
    }

    #[test]
    fn unclosed_paragraphs_and_items_close_implicitly() {
        let html = "<div><p>first<p>second<ul><li>a<li>b</ul></div>";
        let article = read(html, "t");
        let texts: Vec<String> = article.sections[0]
            .blocks
            .iter()
            .map(|block| {
                block
                    .inline_runs()
                    .iter()
                    .map(|run| plain_text(run))
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect();
        assert_eq!(texts, ["first", "second", "a|b"]);
    }

    #[test]
    fn quotes_preformatted_definitions_and_formulas() {
        let html = r#"<div><blockquote><p>Quoted</p><p>twice</p></blockquote>
            <pre>  keep
   spacing</pre><dl><dt>Term</dt><dd>Meaning</dd></dl>
            <p>Area <span class="mwe-math-element"><span class="mwe-math-mathml-inline" style="display: none;"><math alttext="{\displaystyle \pi r^{2}}"><mi>π</mi></math></span><img class="mwe-math-fallback-image-inline" alt="{\displaystyle \pi r^{2}}"></span>.</p></div>"#;
        let article = read(html, "t");
        let blocks = &article.sections[0].blocks;
        assert_eq!(
            blocks[0],
            Block::Quote {
                inlines: vec![
                    Inline::text("Quoted"),
                    Inline::LineBreak,
                    Inline::text("twice")
                ]
            }
        );
        assert_eq!(
            blocks[1],
            Block::Preformatted {
                text: "  keep\n   spacing".to_string()
            }
        );
        let Block::List { items } = &blocks[2] else {
            panic!("a definition list");
        };
        let kinds: Vec<_> = items.iter().map(|item| item.kind).collect();
        assert_eq!(kinds, [ListKind::Term, ListKind::Definition]);
        assert_eq!(
            blocks[3],
            Block::Paragraph {
                inlines: vec![Inline::text("Area \\pi r^{2}.")]
            }
        );
    }

    #[test]
    fn horizontal_lists_in_cells_and_page_numbers_after_markers() {
        let html = r##"<p>Fact.<sup id="cite_ref-a_1-0" class="reference"><a href="#cite_note-a-1">[1]</a></sup><sup class="reference nowrap"><span title="Page: 11">: 11</span></sup></p>
            <table class="infobox"><tr><th>Genres</th><td><div class="hlist"><ul><li>soul</li><li>blues</li></ul></div></td></tr></table>
            <ol class="references"><li id="cite_note-a-1">^ <a href="#cite_ref-a_1-0">a</a> Source.</li></ol>"##;
        let article = read(html, "t");
        let Block::Paragraph { inlines } = &article.sections[0].blocks[0] else {
            panic!("a paragraph");
        };
        assert_eq!(plain_text(inlines), "Fact.[1]: 11");
        assert_eq!(article.citations()[0].reference, Some(0));
        assert_eq!(plain_text(&article.infobox.fields[0].value), "soul · blues");
        assert_eq!(plain_text(&article.references[0].text), "Source.");
    }

    #[test]
    fn full_pages_keep_only_the_content() {
        let html = r#"<!DOCTYPE html><html><head><title>Page - Wikipedia</title><script>var x = "<p>no</p>";</script></head>
            <body><div id="mw-navigation">Menu</div><h1 id="firstHeading">Page</h1>
            <div id="mw-content-text"><div class="hatnote">For other uses…</div><p>Real text.</p>
            <table class="navbox"><tr><td>Nav</td></tr></table></div><div id="footer">Footer</div></body></html>"#;
        let article = read(html, "f");
        assert_eq!(article.title, "Page");
        assert_eq!(article.sections.len(), 1);
        let texts: Vec<String> = article.sections[0]
            .blocks
            .iter()
            .flat_map(|block| block.inline_runs().into_iter().map(plain_text))
            .collect();
        assert_eq!(texts, ["Real text."]);
    }
}
