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
