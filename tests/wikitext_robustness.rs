//! The wikitext reader on adversarial input: no panic, no stack overflow, no hang. Inputs are
//! sized so that a quadratic reader would take minutes; run with `--nocapture` to see times.
//! (A test never asserts a duration: the sizes make slowness visible, not failing.)

use folio::article::{Article, plain_text};
use folio::format::{self, Format};
use proptest::prelude::*;
use std::time::Instant;

fn read(source: &str) -> Article {
    let started = Instant::now();
    let article = format::read(
        source.as_bytes(),
        "adversarial.wiki",
        Some(Format::Wikitext),
    )
    .map(|reading| reading.article)
    .unwrap_or_default();
    eprintln!("{} bytes read in {:?}", source.len(), started.elapsed());
    article
}

fn all_text(article: &Article) -> String {
    article
        .sections
        .iter()
        .flat_map(|section| section.inlines())
        .map(|inline| inline.visible_text())
        .collect()
}

#[test]
fn a_hundred_thousand_unclosed_templates_stay_text() {
    let source = format!("start {} end", "{{".repeat(100_000));
    let text = all_text(&read(&source));
    assert!(text.starts_with("start {{{{"));
    assert!(text.ends_with("{{ end"));
}

#[test]
fn ten_megabytes_of_link_openers() {
    let source = "[[".repeat(5_000_000);
    let article = read(&source);
    assert_eq!(all_text(&article).len(), source.len());
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let templates = format!("a {}x{} b", "{{t|".repeat(100_000), "}}".repeat(100_000));
    assert_eq!(all_text(&read(&templates)), "a b");
    let links = format!("a {}x{} b", "[[t|".repeat(100_000), "]]".repeat(100_000));
    let article = read(&links);
    assert!(all_text(&article).starts_with("a "));
    let tags = format!("a {}x b", "<small>".repeat(100_000));
    assert_eq!(all_text(&read(&tags)), "a x b");
}

#[test]
fn many_unclosed_refs_and_reuses() {
    let source = format!(
        "x{}{}",
        "<ref>".repeat(50_000),
        "<ref name=a/>".repeat(50_000)
    );
    let article = read(&source);
    // The self-closed uses all cite the one reference "a"; unclosed `<ref>` stays text.
    assert_eq!(article.references.len(), 1);
    assert_eq!(article.citations().len(), 50_000);
}

#[test]
fn unclosed_comments_tables_and_deep_lists() {
    let comments = format!("a{}", "<!-- x".repeat(100_000));
    assert_eq!(all_text(&read(&comments)), "a");
    let tables = format!("x\n{}", "{|\n".repeat(100_000));
    assert_eq!(all_text(&read(&tables)), "x");
    let lists = format!("{}x\n", "*".repeat(100_000)).repeat(20);
    let article = read(&lists);
    assert_eq!(
        plain_text(
            &article.sections[0]
                .blocks
                .iter()
                .flat_map(|b| b.inline_runs())
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
        ),
        "x".repeat(20)
    );
}

#[test]
fn a_large_article_built_from_the_corpus() {
    let article = read(&corpus_article(8_000_000));
    assert!(article.sections.len() > 100);
    assert!(article.references.len() > 1000);
}

/// The 50 MB synthetic article of SPEC.md; slow in a debug build, so run on demand:
/// `cargo test --release --test wikitext_robustness -- --ignored --nocapture`.
#[test]
#[ignore]
fn a_fifty_megabyte_article() {
    let source = corpus_article(50_000_000);
    let article = read(&source);
    assert!(article.sections.len() > 1000);
}

/// The corpus articles one after another until `size` bytes.
fn corpus_article(size: usize) -> String {
    let mut source = String::new();
    let corpus = std::fs::read_dir("tests/fixtures/wikitext")
        .into_iter()
        .flatten()
        .flatten();
    let pieces: Vec<String> = corpus
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "txt"))
        // A redirect at the start would make the whole article a redirect.
        .filter(|entry| entry.file_name() != "redirect.txt")
        .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
        .collect();
    while !pieces.is_empty() && source.len() < size {
        for piece in &pieces {
            source.push_str(piece);
            source.push('\n');
        }
    }
    source
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(source in any::<String>()) {
        let _ = format::read(source.as_bytes(), "x.wiki", Some(Format::Wikitext));
    }

    #[test]
    fn arbitrary_markup_never_panics(parts in prop::collection::vec(prop::sample::select(vec![
        "{{", "}}", "[[", "]]", "|", "=", "==", "\n", "'''", "''", "<ref>", "</ref>", "<ref name=a/>",
        "<ref name=\"a\">", "{|", "|}", "|-", "!", "||", "*", "#", ":", ";", "[http://x ", "]",
        "<!--", "-->", "<nowiki>", "</nowiki>", "&lt;ref&gt;", "#REDIRECT", "{{reflist}}",
        "{{cite web|url=http://a|title=", "{{sfn|A|2001|p=", "{{efn|", "{{Infobox x|a=", "é", "日本",
        "<br>", "<math>", "http://y.example/z", "[[File:", "[[Category:", "text ",
    ]), 0..80)) {
        let source = parts.concat();
        let _ = format::read(source.as_bytes(), "x.wiki", Some(Format::Wikitext));
    }
}
