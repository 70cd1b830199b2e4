//! Folders are indexed by peeking at each document's head for its title; the peeked title must
//! be the one a full read gives, for every fixture document.

use folio::format;
use std::path::{Path, PathBuf};

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn peeked_titles_equal_read_titles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    files_under(&root.join("tests/fixtures"), &mut files);
    files_under(&root.join("assets"), &mut files);
    let mut compared = 0;
    for path in files {
        let bytes = std::fs::read(&path).expect("fixture readable");
        let name = path.to_string_lossy();
        let Some(peeked) = format::peek_title(&bytes, &name) else {
            continue;
        };
        let read = format::read(&bytes, &name, None)
            .unwrap_or_else(|error| panic!("{name}: {error}"))
            .article
            .title;
        assert_eq!(peeked, read, "{name}");
        compared += 1;
    }
    assert!(compared >= 20, "only {compared} documents compared");
}

/// Every fixture written as folio JSON peeks to the title a full read of that JSON gives.
#[test]
fn json_titles_are_peeked_without_a_full_read() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    files_under(&root.join("tests/fixtures"), &mut files);
    files_under(&root.join("assets"), &mut files);
    let mut compared = 0;
    for path in files {
        let bytes = std::fs::read(&path).expect("fixture readable");
        let Ok(reading) = format::read(&bytes, &path.to_string_lossy(), None) else {
            continue;
        };
        let json = format::json::write(&reading.article);
        let read = format::read(json.as_bytes(), "article.json", None)
            .expect("folio reads its JSON")
            .article
            .title;
        // The head alone: a long article's JSON goes on far past it.
        let head = &json.as_bytes()[..json.len().min(format::PEEK_BYTES)];
        assert_eq!(
            format::peek_title(head, "article.json").as_deref(),
            Some(read.as_str()),
            "{}",
            path.display()
        );
        compared += 1;
    }
    assert!(compared >= 20, "only {compared} documents compared");
}

#[test]
fn a_json_title_after_other_keys_is_found_and_nested_ones_are_not() {
    let peek = |json: &str| format::peek_title(json.as_bytes(), "a.json");
    let document = r#"{"sources": ["a{b", "c\"}"], "infobox": [{"label": "title", "value": "x"}],
        "n": -1.5e3, "ok": true, "none": null, "nested": {"title": "Inner"},
        "title": "Caf\u00e9 \"Z\"", "sections": []}"#;
    assert_eq!(peek(document).as_deref(), Some("Café \"Z\""));
    assert_eq!(
        format::read(document.as_bytes(), "a.json", None)
            .expect("reads")
            .article
            .title,
        "Café \"Z\""
    );
    // The head ends before the title: only a full read can tell.
    let long = format!(
        r#"{{"sources": ["{}"], "title": "Late"}}"#,
        "x".repeat(100_000)
    );
    assert_eq!(peek(&long), None);
    assert_eq!(peek(&long[..50]), None);
    // No top-level title, or no object at all.
    assert_eq!(peek(r#"{"nested": {"title": "Inner"}, "x": 1}"#), None);
    assert_eq!(peek(r#"["title", "x"]"#), None);
    // Control characters are cleaned as the model boundary cleans a read title.
    assert_eq!(
        peek("{\"title\": \"A\\u001b[31mB\"}").as_deref(),
        format::read(b"{\"title\": \"A\\u001b[31mB\"}", "a.json", None)
            .ok()
            .map(|reading| reading.article.title)
            .as_deref()
    );
}
