//! Hostile input never reaches a terminal raw: escape sequences, BEL, C1 controls (as UTF-8 and
//! as raw bytes), DEL and bidi controls injected into every field of every input format (outline,
//! plain text, wikitext, HTML, folio JSON, a folder's file names, a ZIM archive's titles and
//! URLs), through every command (dump, dump --json, list, the default without a terminal) and
//! every error path, leave no C0 control but newline and tab, no C1 control, no DEL and no bidi
//! control on stdout or stderr.

#[path = "support/scratch.rs"]
mod scratch;
use folio::article::{
    Article, Block, Emphasis, Field, Infobox, Inline, LinkTarget, ListItem, ListKind, Reference,
    Section, TableCell, TableRow,
};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

/// What an attacker puts in a field: a window-title OSC, a clear-screen CSI, BEL, the C1 CSI and
/// NEL as UTF-8, DEL, right-to-left override, left-to-right isolate, right-to-left mark, Arabic
/// letter mark, and raw C1 bytes (invalid UTF-8).
const INJECTED: &[u8] = b"\x1b]0;pwned\x07\x1b[2J\x07\xc2\x9b31m\xc2\x85\x7f\xe2\x80\xae\xe2\x81\xa6\xe2\x80\x8f\xd8\x9c\x9b\x9d";
/// The same, for text that must be valid UTF-8 (JSON strings, command-line arguments).
const INJECTED_TEXT: &str =
    "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{7}\u{9b}31m\u{85}\u{7f}\u{202e}\u{2066}\u{200f}\u{61c}";

/// `name`, the injected bytes, then `name` again with `End`: after cleaning, `…End` is still
/// there, which shows the field was printed.
fn field(name: &str) -> Vec<u8> {
    let mut bytes = name.as_bytes().to_vec();
    bytes.extend_from_slice(INJECTED);
    bytes.extend_from_slice(format!("{name}End").as_bytes());
    bytes
}

fn field_text(name: &str) -> String {
    format!("{name}{INJECTED_TEXT}{name}End")
}

/// A hostile title that can still be asked for: without NEL, which titles fold as a space.
fn title_text(name: &str) -> String {
    field_text(name).replace('\u{85}', "")
}

/// Fills `template`'s `{Name}` holes with hostile fields.
fn fill(template: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|at| open + at) else {
            break;
        };
        let name = &rest[open + 1..close];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
            out.extend_from_slice(&rest.as_bytes()[..=open]);
            rest = &rest[open + 1..];
            continue;
        }
        out.extend_from_slice(&rest.as_bytes()[..open]);
        out.extend(field(name));
        rest = &rest[close + 1..];
    }
    out.extend_from_slice(rest.as_bytes());
    out
}

/// True for what must never be printed.
fn forbidden(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{8}'
            | '\u{b}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{61c}'
    )
}

/// A scratch folder of named files, removed when dropped.
struct Scratch(TempDir);

impl Scratch {
    fn new(name: &str) -> Scratch {
        Scratch(scratch::folder(&format!("hygiene-{name}")))
    }

    fn path(&self) -> &Path {
        self.0.path()
    }

    fn write(&self, name: &[u8], bytes: &[u8]) -> PathBuf {
        let path = self.path().join(OsStr::from_bytes(name));
        assert!(std::fs::write(&path, bytes).is_ok(), "{path:?}");
        path
    }
}

/// Runs folio (no terminal: stdout and stderr are pipes) and checks both streams.
fn run(args: &[&OsStr]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .output()
        .unwrap_or_else(|error| panic!("folio did not run: {error}"));
    for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => panic!("{args:?}: {stream} is not UTF-8: {error}"),
        };
        if let Some((at, c)) = text.char_indices().find(|&(_, c)| forbidden(c)) {
            let from = text[..at]
                .char_indices()
                .rev()
                .nth(40)
                .map_or(0, |(i, _)| i);
            panic!(
                "{args:?}: {stream} has {c:?} at byte {at}, after {:?}",
                &text[from..at]
            );
        }
    }
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains("panicked"),
        "{args:?} panicked"
    );
    output
}

fn os<S: AsRef<OsStr> + ?Sized>(text: &S) -> &OsStr {
    text.as_ref()
}

/// Every command on one input file; returns the text dump.
fn every_command(path: &Path) -> String {
    let path = path.as_os_str();
    let dump = run(&[os("dump"), path]);
    assert_eq!(dump.status.code(), Some(0), "dump {path:?}: {dump:?}");
    let json = run(&[os("dump"), os("--json"), path]);
    assert_eq!(json.status.code(), Some(0));
    let parsed: Result<serde_json::Value, _> = serde_json::from_slice(&json.stdout);
    assert!(parsed.is_ok(), "dump --json {path:?} is not JSON");
    run(&[os("dump"), os("--width"), os("20"), path]);
    let default = run(&[path]);
    assert_eq!(
        default.stdout, dump.stdout,
        "the default without a terminal is the dump"
    );
    run(&[os("list"), path]);
    for format in ["text", "bibtex", "ris", "csl-json"] {
        let cite = run(&[os("cite"), os("--format"), os(format), path]);
        assert_eq!(
            cite.status.code(),
            Some(0),
            "cite --format {format} {path:?}"
        );
    }
    String::from_utf8_lossy(&dump.stdout).into_owned()
}

fn assert_shows(dump: &str, markers: &[&str]) {
    for marker in markers {
        assert!(dump.contains(marker), "{marker} missing from:\n{dump}");
    }
}

#[test]
fn outline_fields_are_cleaned() {
    let scratch = Scratch::new("outline");
    let text = fill(
        "= {Title} =\n\nInfobox\n- {Label}: {Value}\n\n{Para} first paragraph.\n\n==\
         {Heading}==\n- {Item}\n\n==See also==\n- {Link}\n",
    );
    let dump = every_command(&scratch.write(b"outline.txt", &text));
    assert_shows(
        &dump,
        &[
            "TitleEnd",
            "LabelEnd",
            "ValueEnd",
            "ParaEnd",
            "HeadingEnd",
            "ItemEnd",
            "LinkEnd",
        ],
    );
}

#[test]
fn plaintext_fields_are_cleaned() {
    let scratch = Scratch::new("plaintext");
    let text = fill(
        "{Title}\nLocation{Value}\nDeaths52\n\n{Para} is a paragraph long enough to be one, with a \
         marker.[1]\n\n{Heading}\n\nAnother paragraph of text that goes on for a while here.\n\n\
         References\n\n  1. ^ {Ref} a reference text.\n",
    );
    let dump = every_command(&scratch.write(b"plain.txt", &text));
    assert_shows(&dump, &["TitleEnd", "ParaEnd", "RefEnd"]);
}

#[test]
fn wikitext_fields_are_cleaned() {
    let scratch = Scratch::new("wikitext");
    let text = fill(
        "{{Infobox person\n| name = {Caption}\n| birth_place = {Value}\n| {Label} = x\n}}\n\
         '''{Para}''' was born. He linked [[{Target}|{Link}]] and [https://ext.example/{Url} \
         {External}].<ref group=\"{Group}\">{Note}</ref><ref>{{cite web |url=https://cite.example/\
         {CiteUrl} |title={CiteTitle} |archive-url=https://archive.example/{Archive} \
         |archive-date=2020}}</ref><ref name=\"{Name}\">{Ref}</ref>\n\n== {Heading} ==\n* {Item}\n\
         {| class=wikitable\n! {Header}\n|-\n| {Cell}\n|}\n\n == References ==\n{{reflist|group=\
         \"{Group}\"}}\n{{reflist}}\n",
    );
    let dump = every_command(&scratch.write(b"article.wiki", &text));
    assert_shows(
        &dump,
        &[
            "ValueEnd",
            "ParaEnd",
            "LinkEnd",
            "HeadingEnd",
            "ItemEnd",
            "NoteEnd",
            "CiteTitleEnd",
            "CiteUrlEnd",
            "ArchiveEnd",
            "GroupEnd",
            "RefEnd",
            "UrlEnd",
        ],
    );
}

#[test]
fn html_fields_and_entities_are_cleaned() {
    let scratch = Scratch::new("html");
    let mut text = fill(
        "<!DOCTYPE html><html><head><title>{Title}</title></head><body>\
         <table class=\"infobox\"><caption>{Caption}</caption><tr><th>{Label}</th><td>{Value}\
         </td></tr></table><p>{Para} with <a rel=\"mw:WikiLink\" href=\"./{Target}\" title=\"{Target}\">\
         {Link}</a> and <a rel=\"mw:ExtLink\" class=\"external\" href=\"https://ext.example/{Url}\">\
         {External}</a>.<sup class=\"reference\" id=\"cite_ref-1\"><a href=\"#cite_note-1\">[1]</a>\
         </sup></p><h2>{Heading}</h2><ul><li>{Item}</li></ul><ol class=\"references\">\
         <li id=\"cite_note-1\"><span class=\"reference-text\">{Ref} <a class=\"external\" \
         href=\"https://ref.example/{RefUrl}\">{RefLink}</a></span></li></ol>",
    );
    text.extend_from_slice(
        b"<p>Entities &#27;]0;pwned&#7; &#x9b;2J &#x202e; &#8238; &#x2066; &#127; end.</p></body></html>",
    );
    let dump = every_command(&scratch.write(b"page.html", &text));
    assert_shows(
        &dump,
        &[
            "TitleEnd",
            "ValueEnd",
            "ParaEnd",
            "LinkEnd",
            "HeadingEnd",
            "ItemEnd",
            "RefEnd",
            "RefUrlEnd",
        ],
    );
}

/// An article with a hostile string in every field of the model.
fn hostile_article() -> Article {
    let text = |name: &str| Inline::Text {
        text: field_text(name),
        emphasis: Emphasis::default(),
    };
    Article {
        title: field_text("Title"),
        sources: vec![field_text("Source")],
        infobox: Infobox {
            caption: Some(field_text("Caption")),
            fields: vec![Field {
                label: field_text("Label"),
                value: vec![
                    text("Value"),
                    Inline::Link {
                        text: field_text("Site"),
                        target: LinkTarget::External(format!(
                            "https://site.example/{}",
                            field_text("Site")
                        )),
                    },
                ],
                header: false,
            }],
        },
        sections: vec![
            Section {
                heading: None,
                level: 0,
                blocks: vec![Block::Paragraph {
                    inlines: vec![
                        text("Para"),
                        Inline::text("carriage\rreturn"),
                        Inline::Link {
                            text: field_text("Link"),
                            target: LinkTarget::Article(field_text("Target")),
                        },
                        Inline::Link {
                            text: field_text("External"),
                            target: LinkTarget::External(format!(
                                "https://ext.example/{}",
                                field_text("Url")
                            )),
                        },
                        Inline::Citation {
                            label: field_text("Marker"),
                            reference: Some(0),
                        },
                        Inline::LineBreak,
                    ],
                }],
            },
            Section {
                heading: Some(field_text("Heading")),
                level: 2,
                blocks: vec![
                    Block::List {
                        items: vec![ListItem {
                            kind: ListKind::Bullet,
                            depth: 1,
                            inlines: vec![text("Item")],
                        }],
                    },
                    Block::Table {
                        rows: vec![TableRow {
                            cells: vec![TableCell {
                                header: true,
                                inlines: vec![text("Cell")],
                                colspan: 2,
                                rowspan: 1,
                            }],
                        }],
                        caption: vec![text("TableCaption")],
                    },
                    Block::Quote {
                        inlines: vec![text("Quote")],
                    },
                    Block::Preformatted {
                        text: field_text("Code"),
                    },
                ],
            },
        ],
        references: vec![Reference {
            label: field_text("Label"),
            group: Some(field_text("Group")),
            text: vec![text("Ref")],
            urls: vec![format!("https://ref.example/{}", field_text("RefUrl"))],
            cite: Some(Box::new(folio::cite::Cite {
                title: Some(field_text("CiteTitle")),
                container_title: Some(field_text("CiteWork")),
                publisher: Some(field_text("CitePublisher")),
                ..folio::cite::Cite::default()
            })),
        }],
        redirect: None,
    }
}

#[test]
fn json_fields_are_cleaned() {
    let scratch = Scratch::new("json");
    let json = folio::format::json::write(&hostile_article());
    let dump = every_command(&scratch.write(b"article.json", json.as_bytes()));
    assert_shows(
        &dump,
        &[
            "TitleEnd",
            "CaptionEnd",
            "LabelEnd",
            "ValueEnd",
            "SiteEnd",
            "ParaEnd",
            "LinkEnd",
            "HeadingEnd",
            "ItemEnd",
            "CellEnd",
            "QuoteEnd",
            "CodeEnd",
            "RefEnd",
            "RefUrlEnd",
            "UrlEnd",
        ],
    );
    // The group heads its list, in words ("GroupEnd" → "Group End").
    assert_shows(&dump, &["Group End"]);
    // Raw C1 bytes and a raw ESC inside the JSON's strings, where the JSON reader meets them.
    let raw = json
        .replace("TitleEnd", "Title\u{1b}[2J\u{9b}End")
        .into_bytes();
    let mut raw_bytes = Vec::new();
    for byte in raw {
        raw_bytes.push(byte);
        if byte == b'\x1b' {
            raw_bytes.extend_from_slice(b"\x9b\x9d");
        }
    }
    run(&[
        os("dump"),
        scratch.write(b"raw.json", &raw_bytes).as_os_str(),
    ]);
}

#[test]
fn folders_with_hostile_file_names_are_cleaned() {
    let scratch = Scratch::new("folder");
    // Titles taken from file names: wikitext carries none of its own.
    let mut name = field("Named");
    name.extend_from_slice(b".wiki");
    scratch.write(&name, b"Some '''wikitext''' about [[Anything]].\n");
    scratch.write(b"plain.txt", &fill("= {Other} =\n\nText.\n"));
    // A file with invalid UTF-8 warns, naming the file.
    let latin1 = format!("{}.txt", field_text("Latin"));
    let latin1 = scratch.write(latin1.as_bytes(), b"= Caf\xe9 =\n\nA caf\xe9.\n");
    let folder = scratch.path().as_os_str();
    let list = run(&[os("list"), folder]);
    let titles = String::from_utf8_lossy(&list.stdout).into_owned();
    assert_shows(&titles, &["NamedEnd", "OtherEnd"]);
    for title in titles.lines() {
        run(&[os("dump"), folder, os(title)]);
        run(&[os("dump"), os("--json"), folder, os(title)]);
    }
    run(&[os("dump"), folder]);
    run(&[os("list"), os("--library"), folder]);
    let warned = run(&[os("dump"), latin1.as_os_str()]);
    assert!(String::from_utf8_lossy(&warned.stderr).contains("LatinEnd"));
    // Titles asked for with hostile bytes.
    let missing = run(&[os("dump"), folder, os(&field_text("Missing"))]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("MissingEnd"));
    run(&[
        os("dump"),
        os("--library"),
        folder,
        os(&field_text("Missing")),
    ]);
    run(&[os("dump"), folder, OsStr::from_bytes(&field("Missing"))]);
}

#[test]
fn error_and_usage_messages_are_cleaned() {
    let scratch = Scratch::new("errors");
    let missing = scratch
        .path()
        .join(format!("{}.txt", field_text("Missing")));
    let output = run(&[os("dump"), missing.as_os_str()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("MissingEnd"));
    // A path that is not UTF-8 at all.
    let mut raw_missing = scratch.path().as_os_str().as_bytes().to_vec();
    raw_missing.extend_from_slice(b"/");
    raw_missing.extend(field("Missing"));
    let output = run(&[os("dump"), OsStr::from_bytes(&raw_missing)]);
    assert!(matches!(output.status.code(), Some(1 | 2)));

    let bad_json = format!("{}.json", field_text("BadJson"));
    let bad_json = scratch.write(bad_json.as_bytes(), b"{\"title\": 3}");
    let output = run(&[os("dump"), os("--from"), os("json"), bad_json.as_os_str()]);
    assert_eq!(output.status.code(), Some(1));

    let binary = format!("{}.bin", field_text("Binary")).into_bytes();
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    let binary = scratch.write(&binary, &bytes);
    assert_eq!(
        run(&[os("dump"), binary.as_os_str()]).status.code(),
        Some(1)
    );

    let empty = format!("{}.txt", field_text("Empty")).into_bytes();
    let empty = scratch.write(&empty, b"");
    assert_eq!(run(&[os("dump"), empty.as_os_str()]).status.code(), Some(1));

    let hostile = OsStr::from_bytes(INJECTED);
    let hostile_text = os(INJECTED_TEXT);
    for args in [
        vec![os("dump"), os("--from"), hostile_text],
        vec![os("dump"), os("--width"), hostile_text],
        vec![os("dump"), os("--from"), hostile],
        vec![os("list"), os("a"), hostile_text],
        vec![os("dump"), os("a"), os("b"), hostile_text],
        vec![hostile_text, os("b"), hostile_text],
        vec![os(&format!("--{INJECTED_TEXT}"))],
        vec![os("dump"), hostile_text],
    ] {
        let output = run(&args);
        assert!(matches!(output.status.code(), Some(1 | 2)), "{args:?}");
    }
}

/// A minimal ZIM archive (version 5, `A` namespace, one uncompressed cluster) whose entries'
/// URLs and titles carry the injected bytes: an article, and two redirects that loop.
fn hostile_zim() -> Vec<u8> {
    let article = fill(
        "<html><head><title>{Title}</title></head><body><p>{Para}</p><h2>{Heading}</h2></body></html>",
    );
    // Sorted by URL, as the URL pointer list must be: "Evil…" < "L\x1b…" < "Loop…".
    // Names that are UTF-8 can be asked for on the command line; the raw bytes are in "L…".
    let evil = title_text("Evil").into_bytes();
    let loop_a = [b"L".as_slice(), INJECTED].concat();
    let loop_b = title_text("Loop").into_bytes();
    // (URL = title, content blob or redirect target)
    let entries: [(&[u8], Result<u32, u32>); 3] =
        [(&evil, Ok(0)), (&loop_a, Err(2)), (&loop_b, Err(1))];
    let mime_list = b"text/html\0\0".to_vec();
    let mut dirents = Vec::new();
    let mut dirent_offsets = Vec::new();
    for (name, kind) in &entries {
        dirent_offsets.push(dirents.len());
        match kind {
            Ok(blob) => {
                dirents.extend_from_slice(&0u16.to_le_bytes());
                dirents.extend_from_slice(&[0, b'A']);
                dirents.extend_from_slice(&0u32.to_le_bytes());
                dirents.extend_from_slice(&0u32.to_le_bytes());
                dirents.extend_from_slice(&blob.to_le_bytes());
            }
            Err(target) => {
                dirents.extend_from_slice(&0xffffu16.to_le_bytes());
                dirents.extend_from_slice(&[0, b'A']);
                dirents.extend_from_slice(&0u32.to_le_bytes());
                dirents.extend_from_slice(&target.to_le_bytes());
            }
        }
        dirents.extend_from_slice(name);
        dirents.push(0);
        dirents.extend_from_slice(name);
        dirents.push(0);
    }
    let mut cluster = vec![1u8];
    cluster.extend_from_slice(&8u32.to_le_bytes());
    cluster.extend_from_slice(&(8 + article.len() as u32).to_le_bytes());
    cluster.extend_from_slice(&article);

    let count = entries.len() as u64;
    let mime_at = 80u64;
    let urls_at = mime_at + mime_list.len() as u64;
    let titles_at = urls_at + 8 * count;
    let dirents_at = titles_at + 4 * count;
    let clusters_at = dirents_at + dirents.len() as u64;
    let cluster_at = clusters_at + 8;
    let checksum_at = cluster_at + cluster.len() as u64;

    let mut zim = Vec::new();
    zim.extend_from_slice(&0x044D_495Au32.to_le_bytes());
    zim.extend_from_slice(&5u16.to_le_bytes());
    zim.extend_from_slice(&0u16.to_le_bytes());
    zim.extend_from_slice(&[7; 16]);
    zim.extend_from_slice(&(count as u32).to_le_bytes());
    zim.extend_from_slice(&1u32.to_le_bytes());
    for at in [urls_at, titles_at, clusters_at, mime_at] {
        zim.extend_from_slice(&at.to_le_bytes());
    }
    // The main page is the redirect loop; no layout page.
    zim.extend_from_slice(&1u32.to_le_bytes());
    zim.extend_from_slice(&u32::MAX.to_le_bytes());
    zim.extend_from_slice(&checksum_at.to_le_bytes());
    zim.extend_from_slice(&mime_list);
    for offset in &dirent_offsets {
        zim.extend_from_slice(&(dirents_at + *offset as u64).to_le_bytes());
    }
    for entry in 0..count as u32 {
        zim.extend_from_slice(&entry.to_le_bytes());
    }
    zim.extend_from_slice(&dirents);
    zim.extend_from_slice(&cluster_at.to_le_bytes());
    zim.extend_from_slice(&cluster);
    zim.extend_from_slice(&[0; 16]);
    zim
}

#[test]
fn zim_titles_urls_and_errors_are_cleaned() {
    let scratch = Scratch::new("zim");
    let archive = scratch.write(b"hostile.zim", &hostile_zim());
    let archive = archive.as_os_str();
    let list = run(&[os("list"), archive]);
    assert_eq!(list.status.code(), Some(0), "{list:?}");
    assert_shows(&String::from_utf8_lossy(&list.stdout), &["EvilEnd"]);
    // The main page is a redirect loop, with a hostile title and URL.
    let main = run(&[os("dump"), archive]);
    assert_eq!(main.status.code(), Some(1), "{main:?}");
    assert_eq!(String::from_utf8_lossy(&main.stderr).lines().count(), 1);
    let looped = run(&[os("dump"), archive, os(&title_text("Loop"))]);
    let error = String::from_utf8_lossy(&looped.stderr).into_owned();
    assert!(error.contains("redirect loop"), "{error}");
    assert_eq!(error.lines().count(), 1, "{error}");
    let evil = title_text("Evil");
    let evil = os(&evil);
    for args in [
        vec![os("dump"), archive, evil],
        vec![os("dump"), os("--json"), archive, evil],
        vec![archive, evil],
        vec![os("list"), os("--library"), archive],
        vec![os("dump"), os("--library"), archive, evil],
    ] {
        let output = run(&args);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {output:?}");
    }
    let dump = run(&[os("dump"), archive, evil]);
    assert_shows(
        &String::from_utf8_lossy(&dump.stdout),
        &["ParaEnd", "HeadingEnd"],
    );
}

/// Draws the browser into a test buffer and fails on any forbidden character in a cell.
fn assert_screen_clean(app: &folio::app::App, what: &str) {
    let Ok(mut terminal) = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30));
    let drawn = terminal.draw(|frame| folio::ui::render(app, frame));
    assert!(drawn.is_ok(), "{what}: {drawn:?}");
    let buffer = terminal.backend().buffer();
    let screen: String = buffer.content().iter().map(|cell| cell.symbol()).collect();
    if let Some(c) = screen.chars().find(|&c| forbidden(c)) {
        panic!("{what}: the screen shows {c:?}");
    }
    // ratatui drops control characters one by one; folio removes whole sequences, so their
    // text (the window title an OSC would set) is not shown either.
    assert!(
        !screen.contains("pwned"),
        "{what}: an escape sequence's text shows"
    );
}

/// Library text that no reader cleaned (a folder's titles from file names, an archive's path in
/// the info view, error messages naming files) is cleaned before the browser shows it, whole
/// escape sequences and not only their control characters.
#[test]
fn the_browser_cleans_library_text_for_the_screen() {
    use folio::action::{Action, Effect, Navigation};
    use folio::app::App;
    use folio::app::page::Page;
    use folio::library::Library;
    use folio::tui::perform;

    let scratch = Scratch::new("screen");
    let named = format!("{}.wiki", title_text("Named"));
    scratch.write(
        named.as_bytes(),
        b"Some '''wikitext''' about [[Anything]].\n",
    );
    let archive = format!("{}.zim", title_text("Archive"));
    let archive = scratch.write(archive.as_bytes(), &hostile_zim());
    let mut library = Library::new();
    for path in [scratch.path(), &archive] {
        let added = library.add_path(path);
        assert!(added.is_ok(), "{added:?}");
    }
    let titles = library.titles();
    let named = titles.iter().find(|title| title.contains("NamedEnd"));
    let reading = library.open(named.map_or("", String::as_str));
    let Ok(reading) = reading else {
        panic!("the hostile title does not open: {:?}", reading.err());
    };
    let page = Page::new(reading.article, |title| library.contains(title));
    let config = folio::config::Config::defaults(true);
    let mut app = App::new(page, &config, 100, 30);
    app.complete_layout();
    let act = |app: &mut App, action: Action| {
        if let Some(effect) = app.update(action) {
            perform(effect, app, &library, |_| Ok("opener".to_string()));
        }
        app.complete_layout();
    };
    assert_screen_clean(&app, "the article");
    act(&mut app, Action::Search);
    for c in "evil".chars() {
        act(&mut app, Action::Type(c));
    }
    assert_screen_clean(&app, "title search");
    act(&mut app, Action::Close);
    act(&mut app, Action::Info);
    assert_screen_clean(&app, "library info");
    act(&mut app, Action::Close);
    let missing = Effect::Open {
        title: title_text("Loop"),
        via: Navigation::Follow,
    };
    perform(missing, &mut app, &library, |_| Ok(String::new()));
    assert_screen_clean(&app, "an error opening an archive entry");
}
