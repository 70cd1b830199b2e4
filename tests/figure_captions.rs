//! A picture's caption is a caption: its own block, drawn set apart in the caption style, not a
//! paragraph of the body.

use folio::article::{Article, Block, plain_text};
use folio::format::{self, Format};
use folio::layout::{self, Role};

fn read_html(html: &str) -> Article {
    match format::read(html.as_bytes(), "t.html", Some(Format::Html)) {
        Ok(reading) => reading.article,
        Err(error) => panic!("{error}"),
    }
}

fn captions(article: &Article) -> Vec<String> {
    article
        .sections
        .iter()
        .flat_map(|section| &section.blocks)
        .filter_map(|block| match block {
            Block::Caption { inlines } => Some(plain_text(inlines)),
            _ => None,
        })
        .collect()
}

#[test]
fn parsoid_and_legacy_captions_are_caption_blocks() {
    let parsoid = read_html(
        "<html><body><p>Before.</p><figure typeof=\"mw:File/Thumb\"><a href=\"./File:C.jpg\">\
         <img src=\"c.jpg\"/></a><figcaption>A <a rel=\"mw:WikiLink\" href=\"./Tabby\">tabby</a> \
         cat</figcaption></figure><p>After.</p></body></html>",
    );
    assert_eq!(captions(&parsoid), ["A tabby cat"]);
    let legacy = read_html(
        "<html><body><p>Before.</p><div class=\"thumb tright\"><div class=\"thumbinner\">\
         <a href=\"/wiki/File:C.jpg\" class=\"image\"><img src=\"c.jpg\"/></a>\
         <div class=\"thumbcaption\"><div class=\"magnify\"><a href=\"/wiki/File:C.jpg\"></a></div>\
         A tabby cat</div></div></div><p>After.</p></body></html>",
    );
    assert_eq!(captions(&legacy), ["A tabby cat"]);
    for article in [&parsoid, &legacy] {
        let paragraphs: Vec<String> = article.sections[0]
            .blocks
            .iter()
            .filter_map(|block| match block {
                Block::Paragraph { inlines } => Some(plain_text(inlines)),
                _ => None,
            })
            .collect();
        assert_eq!(paragraphs, ["Before.", "After."]);
    }
    // The link in the caption is a link like any other.
    assert!(parsoid.links().iter().any(|link| link.text == "tabby"));
}

#[test]
fn a_caption_is_drawn_set_apart_in_the_caption_style() {
    let article = read_html(
        "<html><body><p>Before.</p><figure><img src=\"c.jpg\"/><figcaption>A tabby cat\
         </figcaption></figure><p>After.</p></body></html>",
    );
    let text = layout::article_text(&article, 40);
    assert_eq!(text.to_text(), "Before.\n\n  ┆ A tabby cat\n\nAfter.\n");
    let caption = &text.lines[2];
    assert!(
        caption
            .spans
            .iter()
            .any(|span| span.text == "A tabby cat" && span.style.role == Role::Caption),
        "{caption:?}"
    );
}

#[test]
fn the_dog_montage_caption_is_a_caption() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html/en-Dog.parsoid-1.7.0.html");
    let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("{path:?}: {error}"));
    let article = match format::read(&bytes, "en-Dog.html", None) {
        Ok(reading) => reading.article,
        Err(error) => panic!("{error}"),
    };
    assert_eq!(
        captions(&article).first().map(String::as_str),
        Some("Montage showing the morphological variation of the dog.")
    );
}

#[test]
fn captions_survive_the_json_round_trip() {
    let article = read_html(
        "<html><body><p>x</p><figure><figcaption>A cat</figcaption></figure></body></html>",
    );
    let json = format::json::write(&article);
    let back = match format::read(json.as_bytes(), "t.json", Some(Format::Json)) {
        Ok(reading) => reading.article,
        Err(error) => panic!("{error}"),
    };
    assert_eq!(back.sections, article.sections);
}
