//! The library: the bundled article merged from its two renderings, folders, title lookup.

#[path = "support/scratch.rs"]
mod scratch;
use folio::article::{Block, Place, plain_text};
use folio::library::Library;
use std::fs;

#[test]
fn bundled_article_is_the_merge_of_both_seeds() {
    let library = Library::new();
    assert_eq!(library.titles(), ["2013 Camp Ashraf massacre"]);
    let article = library
        .open("2013 camp ashraf MASSACRE")
        .expect("bundled")
        .article;
    assert_eq!(article.title, "2013 Camp Ashraf massacre");
    assert_eq!(
        article.sources,
        [
            "bundled:000_2fa5264a87595d6d.txt",
            "bundled:001_1b985710a8456a24.txt"
        ]
    );
    let fields: Vec<(String, String)> = article
        .infobox
        .fields
        .iter()
        .map(|f| (f.label.clone(), plain_text(&f.value)))
        .collect();
    assert_eq!(
        fields,
        [
            ("Part of", "Iraq Conflict"),
            ("Location", "Camp Ashraf, Iraq"),
            ("Date", "September\u{a0}1,\u{a0}2013\u{a0}(2013-09-01)"),
            ("Deaths", "52"),
            ("Victims", "People's Mujahedin of Iran"),
        ]
        .map(|(l, v)| (l.to_string(), v.to_string()))
    );
    let headings: Vec<Option<&str>> = article
        .sections
        .iter()
        .map(|s| s.heading.as_deref())
        .collect();
    assert_eq!(headings, [None, Some("Reactions"), Some("See also")]);
    let labels: Vec<String> = article.citations().into_iter().map(|c| c.label).collect();
    assert_eq!(labels, ["1", "2", "3"]);
    assert!(
        article
            .citations()
            .iter()
            .all(|c| c.reference.is_some() && c.place == Place::Section(0))
    );
    let Block::List { items } = &article.sections[1].blocks[0] else {
        panic!("Reactions is a list");
    };
    assert_eq!(items.len(), 5);
    assert_eq!(
        article.see_also(),
        ["2011 Camp Ashraf raid", "2023 Tirana camp raid"]
    );
    assert_eq!(article.references.len(), 9);
}

#[test]
fn a_folder_joins_the_library_and_titles_match_loosely() {
    let scratch = scratch::folder("library-folder");
    let dir = scratch.path();
    fs::write(
        dir.join("a.txt"),
        "= Ray_Charles =\n\nBody of the article.\n",
    )
    .expect("write");
    fs::write(
        dir.join("b.txt"),
        "= Other =\n\nText.\n\n==See also==\n- Ray Charles\n",
    )
    .expect("write");
    let mut library = Library::new();
    library.add_path(dir).expect("folder");
    assert!(library.contains("ray charles"));
    assert!(library.contains("RAY_CHARLES"));
    assert_eq!(library.search("ray", 10), ["Ray_Charles"]);
    assert_eq!(library.search("other", 10), ["Other"]);
    let reading = library
        .open_target(Some(dir.as_os_str()), None, None)
        .expect("first article");
    // Without a title a folder opens its first article by title.
    assert_eq!(reading.article.title, "Other");
}

#[test]
fn a_file_merges_with_same_title_documents_in_its_folder() {
    let scratch = scratch::folder("library-merge");
    let dir = scratch.path();
    fs::write(
        dir.join("outline.txt"),
        "= Topic =\n\nPlain lead.\n\n==History==\nOld story.\n",
    )
    .expect("write");
    fs::write(
        dir.join("copied.txt"),
        "Topic\n\nLead with a source.[1]\n\nReferences\n\n  1. ^ A source.\n",
    )
    .expect("write");
    let mut library = Library::new();
    let path = dir.join("outline.txt");
    let article = library
        .open_target(Some(path.as_os_str()), None, None)
        .expect("opens")
        .article;
    assert_eq!(article.sources.len(), 2);
    let headings: Vec<Option<&str>> = article
        .sections
        .iter()
        .map(|s| s.heading.as_deref())
        .collect();
    assert_eq!(headings, [None, Some("History")]);
    assert_eq!(
        plain_text(article.sections[0].blocks[0].inline_runs()[0]),
        "Lead with a source.[1]"
    );
    assert_eq!(article.citations()[0].reference, Some(0));
}

#[test]
fn what_a_folder_skipped_is_one_warning_told_once() {
    let scratch = scratch::folder("library-skipped");
    let dir = scratch.path();
    fs::write(dir.join("a.txt"), "= Alpha =\n\nSee [[Beta]].\n").expect("write");
    fs::write(dir.join("b.txt"), "= Beta =\n\nText.\n").expect("write");
    let _first = std::os::unix::net::UnixListener::bind(dir.join("one.sock")).expect("socket");
    let _second = std::os::unix::net::UnixListener::bind(dir.join("two.sock")).expect("socket");
    let mut library = Library::new();
    let reading = library
        .open_target(Some(dir.join("a.txt").as_os_str()), None, None)
        .expect("opens");
    assert_eq!(
        reading.warnings,
        [format!("skipped 2 entries in {}: 2 sockets", dir.display())]
    );
    // Following a link later opens from the same folder: nothing new to tell.
    let reading = library.open("Beta").expect("opens");
    assert!(reading.warnings.is_empty(), "{:?}", reading.warnings);
}

#[test]
fn a_path_that_is_not_utf8_opens() {
    use std::os::unix::ffi::OsStrExt;
    let scratch = scratch::folder("library-latin1");
    let dir = scratch.path();
    let path = dir.join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
    fs::write(&path, "= Caf\u{e9} =\n\nText.\n").expect("write");
    let mut library = Library::new();
    let reading = library
        .open_target(Some(path.as_os_str()), None, None)
        .expect("opens");
    assert_eq!(reading.article.title, "Caf\u{e9}");
    assert_eq!(
        reading.article.sources,
        [format!("{}/caf\u{fffd}.txt", dir.display())]
    );
    let titles = folio::library::titles_of(dir.as_os_str(), None).expect("lists");
    assert_eq!(titles.titles, ["Caf\u{e9}"]);
}

#[test]
fn a_target_that_is_no_regular_file_says_so() {
    let scratch = scratch::folder("library-socket-target");
    let dir = scratch.path();
    let socket = dir.join("s.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).expect("socket");
    let error = Library::new()
        .open_target(Some(socket.as_os_str()), None, None)
        .map(|_| ())
        .expect_err("a socket is no document");
    assert_eq!(
        error.to_string(),
        format!("{} : not a regular file (a socket)", socket.display())
    );
}

#[test]
fn a_folder_target_opens_its_own_first_article_when_it_joined_before() {
    let first_scratch = scratch::folder("library-joined-first");
    let first = first_scratch.path();
    let second_scratch = scratch::folder("library-joined-second");
    let second = second_scratch.path();
    fs::write(first.join("a.txt"), "= From the first =\n\nText.\n").expect("write");
    fs::write(second.join("a.txt"), "= From the second =\n\nText.\n").expect("write");
    let mut library = Library::new();
    library.add_path(first).expect("folder");
    library.add_path(second).expect("folder");
    let reading = library
        .open_target(Some(first.as_os_str()), None, None)
        .expect("opens");
    assert_eq!(reading.article.title, "From the first");
}

#[test]
fn a_text_dump_saved_beside_its_article_does_not_double_it() {
    let scratch = scratch::folder("library-dump-beside");
    let dir = scratch.path();
    let article_path = dir.join("toronto.txt");
    fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/wikitext/toronto.txt"
        ),
        &article_path,
    )
    .expect("copy");
    let open = |path: &std::path::Path| {
        Library::new()
            .open_target(Some(path.as_os_str()), None, None)
            .expect("opens")
            .article
    };
    let alone = open(&article_path);
    let dump = folio::dump::text(&alone, 80);
    fs::write(dir.join("toronto.dump.txt"), &dump).expect("write");

    // The dump read on its own has the article's title, headings and references.
    let read_back = open(&dir.join("toronto.dump.txt"));
    let headings = |article: &folio::article::Article| -> Vec<(Option<String>, u8)> {
        article
            .sections
            .iter()
            .map(|s| (s.heading.clone(), s.level.min(3)))
            .collect()
    };
    assert_eq!(read_back.title, alone.title);
    assert_eq!(headings(&read_back), headings(&alone));
    assert_eq!(read_back.references.len(), alone.references.len());

    // Opened again, the article is read from both documents and is the same article.
    let again = open(&article_path);
    assert_eq!(again.sources.len(), 2, "{:?}", again.sources);
    assert_eq!(headings(&again), headings(&alone));
    assert_eq!(folio::dump::text(&again, 80), dump);
}
