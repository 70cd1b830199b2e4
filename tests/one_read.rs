//! One read per document: opening a file reads it from disk once, although its folder joins
//! the library (the folder leaves the file out), and the title its reading gives opens it
//! again later. Bytes read are this thread's own count (/proc/thread-self/io), so the tests
//! running beside it do not move it.

#[path = "support/scratch.rs"]
mod scratch;
use folio::format::Format;
use folio::library::Library;
use std::ffi::OsStr;
use std::fs;
use std::path::PathBuf;

/// Bytes this thread has read through read(2) and the like so far.
fn bytes_read() -> u64 {
    let io = fs::read_to_string("/proc/thread-self/io").expect("/proc/thread-self/io");
    io.lines()
        .find_map(|line| line.strip_prefix("rchar:"))
        .and_then(|value| value.trim().parse().ok())
        .expect("rchar")
}

/// A wikitext article of about `size` bytes titled by its file name.
fn article(size: usize) -> String {
    let paragraph = "'''Folio''' reads [[wikitext]] and {{lang|fr|texte}}.<ref>A note.</ref>\n\n";
    let mut text = String::new();
    while text.len() < size {
        text.push_str(paragraph);
    }
    text.push_str("== References ==\n<references />\n");
    text
}

fn open_counting(library: &mut Library, target: &PathBuf, from: Option<Format>) -> u64 {
    let before = bytes_read();
    let reading = library
        .open_target(Some(OsStr::new(target)), None, from)
        .expect("opens");
    let read = bytes_read() - before;
    assert_eq!(reading.article.title, "Folio");
    assert_eq!(reading.readers.len(), 1, "{:?}", reading.readers);
    read
}

#[test]
fn opening_a_file_reads_it_once_though_its_folder_joins_the_library() {
    let scratch = scratch::folder("one-read-once");
    let dir = scratch.path();
    let target = dir.join("Folio.wiki");
    let text = article(600_000);
    fs::write(&target, &text).unwrap();
    fs::write(
        dir.join("Other.wiki"),
        "'''Other''' is [[Folio|another]] article.\n",
    )
    .unwrap();
    let size = text.len() as u64;
    for from in [None, Some(Format::Wikitext)] {
        let mut library = Library::new();
        let read = open_counting(&mut library, &target, from);
        // The file once, the other file's head, and nothing of this size again.
        assert!(read < size + size / 4, "{read} bytes read for {size}");
        assert!(read >= size, "{read} bytes read for {size}");
        // The folder lists the file's title once, as it did when it read the file itself.
        let titles = library.titles();
        assert_eq!(
            titles.iter().filter(|title| *title == "Folio").count(),
            1,
            "{titles:?}"
        );
        // A link back to it opens it again, from the file.
        let again = library.open("Folio").expect("opens by title");
        assert_eq!(again.readers.len(), 1, "{:?}", again.readers);
        assert_eq!(again.readers[0].1, Format::Wikitext);
        assert!(library.open("Other").is_ok());
    }
}

#[test]
fn a_copy_of_the_file_elsewhere_in_its_folder_is_read_but_not_doubled() {
    let scratch = scratch::folder("one-read-copy");
    let dir = scratch.path();
    let target = dir.join("Folio.wiki");
    let text = article(10_000);
    fs::write(&target, &text).unwrap();
    fs::create_dir_all(dir.join("copies")).unwrap();
    fs::write(dir.join("copies/Folio.wiki"), &text).unwrap();
    let mut library = Library::new();
    let reading = library
        .open_target(Some(OsStr::new(&target)), None, None)
        .expect("opens");
    // The exact copy adds nothing: one reader, the paragraphs not doubled.
    assert_eq!(reading.readers.len(), 1, "{:?}", reading.readers);
}
