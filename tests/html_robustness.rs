//! The HTML reader on hostile input: any bytes, absurd nesting, truncated documents. It must
//! return an article (or a read error for non-text), never panic, never overflow the stack.

use folio::article::{Article, Inline};
use folio::format::{self, Format};
use proptest::prelude::*;

fn read_html(text: &str) -> Article {
    format::read(text.as_bytes(), "input.html", Some(Format::Html))
        .expect("text input reads")
        .article
}

/// Every marker in the article points inside its reference list (or nowhere).
fn markers_in_range(article: &Article) -> bool {
    let runs = article
        .sections
        .iter()
        .flat_map(|section| section.inlines())
        .chain(article.infobox.fields.iter().flat_map(|f| f.value.iter()))
        .chain(article.references.iter().flat_map(|r| r.text.iter()));
    let mut all = true;
    for inline in runs {
        if let Inline::Citation {
            reference: Some(index),
            ..
        } = inline
        {
            all &= *index < article.references.len();
        }
    }
    all
}

#[test]
fn a_hundred_thousand_nested_elements_read_without_overflow() {
    const DEPTH: usize = 100_000;
    for tag in ["div", "span", "b", "ul", "table", "sup", "a"] {
        let mut html = String::from("<p>before</p>");
        for _ in 0..DEPTH {
            html.push_str(&format!("<{tag}>"));
        }
        html.push_str("deep");
        for _ in 0..DEPTH {
            html.push_str(&format!("</{tag}>"));
        }
        html.push_str("<p>after</p>");
        let article = read_html(&html);
        let text: String = article.sections[0]
            .inlines()
            .map(Inline::visible_text)
            .collect();
        assert!(text.starts_with("before"), "{tag}: {text:.80}");
        assert!(text.ends_with("after"), "{tag}: {text:.80}");
    }
}

#[test]
fn unclosed_nesting_reads_too() {
    let html = "<li>".repeat(100_000) + &"<td>x".repeat(50_000) + &"<p>".repeat(100_000);
    let article = read_html(&html);
    assert!(markers_in_range(&article));
}

#[test]
fn every_prefix_of_a_real_page_reads() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/html/en-William_Clark_(inventor).parsoid-2.4.0.html"
    );
    let html = std::fs::read(path).expect("fixture readable");
    for cut in (0..html.len()).step_by(97) {
        if let Ok(reading) = format::read(&html[..cut], "cut.html", Some(Format::Html)) {
            assert!(markers_in_range(&reading.article), "cut at {cut}");
        }
    }
}

#[test]
fn markup_tricks_do_not_leak_into_text() {
    let html = r#"<p>a<script>document.write("<p>evil</p>")</script>b<style>p{}</style>c
        <svg><title>svg title</title><text>svg text</text></svg>d<!-- <p>comment</p> -->e
        <textarea><p>not a tag</p></textarea>f &amp; &#x1b;[31mg</p>"#;
    let article = read_html(html);
    let text: String = article.sections[0]
        .inlines()
        .map(Inline::visible_text)
        .collect();
    // The escape sequence an entity smuggled in is removed at the model boundary.
    assert_eq!(text, "abc de f & g");
    // The first `title` element names the page, wherever it stands, as a folder's listing
    // peeks it: here the only one is the SVG's.
    assert_eq!(article.title, "svg title");
}

/// HTML-ish text: tags the reader cares about, attributes it looks at, text and entities.
fn html_fragment() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=\"navbox\">".to_string()),
        Just("</div>".to_string()),
        Just("<h2>".to_string()),
        Just("</h2>".to_string()),
        Just("<ul><li>".to_string()),
        Just("</li></ul>".to_string()),
        Just("<li>".to_string()),
        Just("<table class=\"infobox\"><tr><th>".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("</td><td>".to_string()),
        Just("</tr></table>".to_string()),
        Just(
            "<sup id=\"cite_ref-1\" class=\"reference\"><a href=\"#cite_note-1\">[1]</a></sup>"
                .to_string()
        ),
        Just("<sup class=\"mw-ref\">".to_string()),
        Just("</sup>".to_string()),
        Just(
            "<ol class=\"references\"><li id=\"cite_note-1\"><a href=\"#cite_ref-1\">^</a>"
                .to_string()
        ),
        Just("</ol>".to_string()),
        Just("<a href=\"./X_y\">".to_string()),
        Just("<a href=\"https://e.org/\">".to_string()),
        Just("</a>".to_string()),
        Just("<pre>".to_string()),
        Just("<blockquote>".to_string()),
        Just("<br>".to_string()),
        Just("<title>".to_string()),
        Just("<script>".to_string()),
        "[a-z <>&;\u{5d0}-\u{5ea}\u{627}-\u{64a}]{0,12}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn any_bytes_read_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(reading) = format::read(&bytes, "input.html", Some(Format::Html)) {
            prop_assert!(markers_in_range(&reading.article));
        }
    }

    #[test]
    fn any_tag_soup_reads_into_a_sound_article(html in html_fragment()) {
        if let Ok(reading) = format::read(html.as_bytes(), "soup.html", Some(Format::Html)) {
            let article = reading.article;
            prop_assert!(markers_in_range(&article));
            prop_assert_eq!(article.sections[0].heading.clone(), None);
            for section in &article.sections[1..] {
                prop_assert!((2..=6).contains(&section.level));
            }
        }
    }
}
