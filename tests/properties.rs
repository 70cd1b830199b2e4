//! Properties over arbitrary input: readers never panic, wrapping never exceeds the width.

use folio::format::{self, Format};
use folio::layout::{self, Role, Span, Style};
use proptest::prelude::*;
use unicode_width::UnicodeWidthStr;

/// Text mixing ASCII, CJK, emoji, combining marks, right-to-left script and odd spaces.
fn mixed_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "word",
        " ",
        "  ",
        "\n",
        "\t",
        "日本語",
        "中文字",
        "🙂",
        "👩‍👩‍👧",
        "e\u{301}",
        "a\u{20d7}",
        "مرحبا",
        "עברית",
        "\u{a0}",
        "\u{200b}",
        "[1]",
        "[away]",
        "= T =",
        "==H==",
        "- ",
        "^ a b",
        "supercalifragilisticexpialidocious",
        "\u{1b}[31m",
        "x",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn readers_never_panic_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = format::read(&bytes, "input.txt", None);
        for reader in [Format::Outline, Format::Plaintext, Format::Json] {
            let _ = format::read(&bytes, "input", Some(reader));
        }
    }

    #[test]
    fn readers_never_panic_on_article_like_text(text in mixed_text()) {
        for reader in [None, Some(Format::Outline), Some(Format::Plaintext)] {
            if let Ok(reading) = format::read(text.as_bytes(), "input.txt", reader) {
                let dump = folio::dump::text(&reading.article, 30);
                prop_assert!(!dump.contains(char::from(0x1b)), "escape in dump");
            }
        }
    }

    #[test]
    fn wrapping_never_exceeds_the_width(text in mixed_text(), width in 1usize..50) {
        let spans = vec![Span::new(text.replace(['\t'], " "), Style::of(Role::Body))];
        for line in layout::wrap(spans, width, "- ", "  ") {
            prop_assert!(line.text().width() <= width, "{:?} wider than {}", line.text(), width);
        }
    }

    #[test]
    fn laid_out_articles_fit_their_width(text in mixed_text(), width in 1usize..60) {
        let source = format!("= Title =\n\nInfobox\n- Key: {text}\n\n{text}\n\n==Part==\n- {text}\n");
        if let Ok(reading) = format::read(source.as_bytes(), "x.txt", None) {
            let article = &reading.article;
            for pane in [
                layout::article_text(article, width),
                layout::infobox(article, width, true),
                layout::references(article, width),
            ] {
                for line in &pane.lines {
                    prop_assert!(line.width() <= width, "{:?} wider than {}", line.text(), width);
                }
            }
        }
    }
}
