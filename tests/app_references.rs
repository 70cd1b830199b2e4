//! References as data in the browser (issue 11, item 4): the selected reference shows its URLs
//! with a dead original marked; `o` and `Y` let the reader choose among several, the archive
//! first when the original is dead; `y` and `Y` copy through the terminal (OSC 52); `c` shows
//! the card of its fields; `e` writes every reference to a file, asking before it replaces one.

mod app_support;
mod pandoc_support;

use app_support::Session;
use base64::Engine;
use folio::action::Action;
use folio::app::Pane;
use folio::app::overlay::{Overlay, Row};
use folio::app::references::UrlPurpose;
use folio::article::{Article, Inline, Reference, Section};
use folio::cite::Cite;
use folio::config::Config;
use folio::layout::Anchor;
use pandoc_support::pandoc_bibliography;

const DOG: &str = "tests/fixtures/html/en-Dog.parsoid-1.7.0.html";
/// Reference [22] of the Dog page: a web page whose original is dead, with an archived copy.
const DEAD: usize = 22;
const ARCHIVE: &str =
    "https://web.archive.org/web/20130521193821/http://www.encyclocenter.com/Domestic-Pet-134.html";
const ORIGINAL: &str = "http://www.encyclocenter.com/Domestic-Pet-134.html";

/// The Dog page with the references pane focused and reference `index` selected.
fn dog_at(index: usize) -> Session {
    let mut session = Session::of_fixture(DOG, 120, 40);
    select(&mut session, index);
    session
}

fn select(session: &mut Session, index: usize) {
    while session.app.focus() != Pane::References {
        session.keys("tab");
    }
    session.keys("g");
    for _ in 0..index {
        session.keys("j");
    }
    assert_eq!(session.app.selected_reference(), Some(index));
}

/// The references pane's lines from the selected reference's first line to the next one's.
fn selected_lines(session: &Session) -> Vec<String> {
    let index = session.app.selected_reference().unwrap_or_default();
    let lines = session
        .app
        .pane_lines(Pane::References)
        .unwrap_or_else(|| panic!("no references pane"));
    let (first, last) = lines
        .lines_of(Anchor::Reference(index))
        .unwrap_or_else(|| panic!("reference {index} not laid out"));
    lines.layout.lines[first..=last]
        .iter()
        .map(|line| line.text().trim().to_string())
        .collect()
}

/// The text an OSC 52 sequence in the terminal bytes puts on the clipboard, checking that the
/// bytes are that sequence and nothing else.
fn clipboard(terminal: &[u8]) -> String {
    let payload = terminal
        .strip_prefix(b"\x1b]52;c;")
        .and_then(|rest| rest.strip_suffix(b"\x07"))
        .unwrap_or_else(|| panic!("not one OSC 52 sequence: {terminal:?}"));
    assert!(
        payload
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=')),
        "not base64: {payload:?}"
    );
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(payload)
        .unwrap_or_else(|error| panic!("{error}"));
    String::from_utf8(decoded).unwrap_or_else(|error| panic!("{error}"))
}

/// An article with one paragraph citing each of `references` once.
fn article_with(references: Vec<Reference>) -> Article {
    let mut inlines = vec![Inline::text("Text.")];
    for (index, reference) in references.iter().enumerate() {
        inlines.push(Inline::Citation {
            label: reference.label.clone(),
            reference: Some(index),
        });
    }
    Article {
        title: "Cases/and \u{7}more".to_string(),
        sections: vec![Section {
            heading: None,
            level: 0,
            blocks: vec![folio::article::Block::Paragraph { inlines }],
        }],
        references,
        ..Article::default()
    }
}

fn reference(label: &str, text: &str, urls: &[&str], cite: Option<Cite>) -> Reference {
    Reference {
        label: label.to_string(),
        text: vec![Inline::text(text)],
        urls: urls.iter().map(|url| url.to_string()).collect(),
        cite: cite.map(Box::new),
        ..Reference::default()
    }
}

#[test]
fn the_selected_reference_shows_its_urls_and_a_dead_one_is_marked() {
    let mut session = dog_at(DEAD);
    let lines = selected_lines(&session);
    let shown = lines.join(" ");
    assert!(shown.starts_with("22. \"Domestic PetDog"), "{lines:?}");
    // The archive first, as the original is dead; long URLs wrap inside the pane.
    let archive_at = lines
        .iter()
        .position(|line| line.starts_with("archive: https://web.archive.org/"))
        .unwrap_or_else(|| panic!("no archive line in {lines:?}"));
    let dead_at = lines
        .iter()
        .position(|line| line.starts_with("URL (dead): http://www.encyclocen"))
        .unwrap_or_else(|| panic!("no dead URL line in {lines:?}"));
    assert!(archive_at < dead_at, "{lines:?}");
    assert!(shown.replace(' ', "").contains(&ARCHIVE.replace(' ', "")));
    // The status line says so too.
    assert!(
        session
            .status_detail()
            .starts_with("[22] (URL dead, archived) cited once"),
        "{}",
        session.status_detail()
    );
    // Moving on takes the lines away from it and puts the next reference's under that one.
    session.keys("j");
    let text = session
        .app
        .pane_lines(Pane::References)
        .map(|lines| lines.layout.to_text())
        .unwrap_or_default();
    assert!(!text.contains("URL (dead)"), "the old lines stayed");
    let next = selected_lines(&session).join("\n");
    assert!(
        next.starts_with("23. Seebold") && !next.contains("(dead)"),
        "{next}"
    );
    session.keys("k");
    assert_eq!(selected_lines(&session), lines);
}

#[test]
fn a_doi_is_listed_once_as_the_resolvers_link() {
    // [5] of the Dog page: Bibcode, DOI and PubMed links, a DOI among the fields.
    let session = dog_at(5);
    let lines = selected_lines(&session);
    let doi: Vec<&String> = lines
        .iter()
        .filter(|line| line.contains("doi.org"))
        .collect();
    assert_eq!(doi.len(), 1, "{lines:?}");
    assert!(
        doi[0].starts_with("DOI: https://doi.org/10.1038/nat"),
        "{lines:?}"
    );
}

#[test]
fn o_lets_the_reader_choose_with_the_archive_first_when_the_original_is_dead() {
    let mut session = dog_at(DEAD);
    session.keys("o");
    let Some(Overlay::Urls(chooser)) = session.app.overlay() else {
        panic!("no chooser: {:?}", session.app.overlay());
    };
    assert_eq!(chooser.purpose, UrlPurpose::Open);
    let urls: Vec<(String, &str)> = chooser
        .urls
        .items
        .iter()
        .map(|url| (url.label(), url.url.as_str()))
        .collect();
    assert_eq!(
        urls,
        [
            ("archive".to_string(), ARCHIVE),
            ("URL (dead)".to_string(), ORIGINAL)
        ]
    );
    session.keys("enter");
    assert_eq!(session.opened_urls, [ARCHIVE]);
    assert!(session.app.overlay().is_none());
    assert_eq!(
        session.app.message(),
        Some(format!("Opening {ARCHIVE} with test-opener").as_str())
    );
    // The dead one can still be chosen; Esc chooses nothing.
    session.keys("o j enter");
    assert_eq!(session.opened_urls, [ARCHIVE, ORIGINAL]);
    session.keys("o esc");
    assert_eq!(session.opened_urls.len(), 2);
    assert!(session.app.overlay().is_none());
}

#[test]
fn one_url_opens_at_once_and_every_url_still_passes_the_policy() {
    let article = article_with(vec![
        reference("1", "One.", &["https://one.example/a"], None),
        reference(
            "2",
            "Two.",
            &["javascript:alert(1)", "https://two.example/b"],
            None,
        ),
    ]);
    let mut session = Session::of_article(article, 100, 30);
    session.keys("] o");
    assert_eq!(session.opened_urls, ["https://one.example/a"]);
    // From a marker in the text too; a URL the policy refuses is refused, with the reason.
    session.keys("] o");
    assert!(matches!(session.app.overlay(), Some(Overlay::Urls(_))));
    session.keys("enter");
    assert_eq!(session.opened_urls.len(), 1);
    let message = session.app.message().unwrap_or_default().to_string();
    assert!(
        message.starts_with("Not opened: “javascript:” URLs are not opened"),
        "{message}"
    );
}

#[test]
fn y_copies_the_reference_as_text_through_osc_52() {
    let mut session = dog_at(DEAD);
    session.keys("y");
    let copied = clipboard(&session.terminal);
    assert!(
        copied.starts_with("\"Domestic PetDog Classified By Linnaeus"),
        "{copied}"
    );
    assert!(copied.ends_with("Retrieved 18 June 2008."), "{copied}");
    assert_eq!(
        session.app.message(),
        Some(format!("Copied reference [22] as text ({} bytes)", copied.len()).as_str())
    );
}

#[test]
fn y_copies_in_the_format_the_config_names() {
    let config = Config::parse("[cite]\ncopy_format = \"bibtex\"\n", true)
        .unwrap_or_else(|error| panic!("{error:?}"));
    let mut session = Session::of_fixture(DOG, 120, 40).configured(config);
    select(&mut session, DEAD);
    session.keys("y");
    let copied = clipboard(&session.terminal);
    assert!(
        copied.starts_with("@misc{") || copied.starts_with("@online{"),
        "{copied}"
    );
    assert!(copied.contains("Domestic PetDog"), "{copied}");
    assert!(copied.contains(ORIGINAL), "{copied}");
    // One entry: the reference alone, not the article's own.
    assert_eq!(copied.matches("\n@").count() + 1, 1, "{copied}");
    let message = session.app.message().unwrap_or_default();
    assert_eq!(
        message,
        format!("Copied reference [22] as BibTeX ({} bytes)", copied.len())
    );
}

#[test]
fn shift_y_copies_a_url_chosen_like_o_and_a_links_at_once() {
    let mut session = dog_at(DEAD);
    session.keys("Y");
    let Some(Overlay::Urls(chooser)) = session.app.overlay() else {
        panic!("no chooser");
    };
    assert_eq!(chooser.purpose, UrlPurpose::Copy);
    session.keys("enter");
    assert_eq!(clipboard(&session.terminal), ARCHIVE);
    assert_eq!(
        session.app.message(),
        Some(format!("Copied the archive URL of [22] ({} bytes)", ARCHIVE.len()).as_str())
    );
    assert!(session.opened_urls.is_empty());
    // An external link in the text is copied as it is.
    let article = article_with(Vec::new());
    let mut article = article;
    article.sections[0].blocks = vec![folio::article::Block::Paragraph {
        inlines: vec![Inline::Link {
            text: "site".to_string(),
            target: folio::article::LinkTarget::External("https://site.example/x".to_string()),
        }],
    }];
    let mut session = Session::of_article(article, 80, 24);
    session.keys("} Y");
    assert_eq!(clipboard(&session.terminal), "https://site.example/x");
}

#[test]
fn control_characters_in_a_reference_cannot_break_out_of_the_sequence() {
    let hostile = "Evil\u{7}\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{9b}1m title\u{1b}\\ end";
    let article = article_with(vec![reference("1", hostile, &[], None)]);
    let mut session = Session::of_article(article, 80, 24);
    session.keys("] y");
    // One sequence: a single ESC and a single BEL, the payload base64 (checked by `clipboard`).
    assert_eq!(session.terminal.iter().filter(|&&b| b == 0x1b).count(), 1);
    assert_eq!(session.terminal.iter().filter(|&&b| b == 0x07).count(), 1);
    let copied = clipboard(&session.terminal);
    assert!(!copied.chars().any(char::is_control), "{copied:?}");
    assert!(
        copied.starts_with("Evil") && copied.ends_with("end"),
        "{copied:?}"
    );
}

#[test]
fn the_reference_keys_say_what_to_select_first() {
    let mut session = Session::of_fixture(DOG, 120, 40);
    for key in ["y", "Y", "c", "o"] {
        session.keys(key);
        let message = session.app.message().unwrap_or_default().to_string();
        assert!(
            message.starts_with("Select a reference") || message.starts_with("Select a"),
            "{key}: {message}"
        );
        assert!(session.terminal.is_empty());
    }
}

#[test]
fn c_shows_the_card_of_the_fields_and_esc_or_q_closes_it() {
    let mut session = dog_at(DEAD);
    session.keys("c");
    let Some(Overlay::Card(sheet)) = session.app.overlay() else {
        panic!("no card: {:?}", session.app.overlay());
    };
    let entry = |name: &str| {
        sheet
            .rows
            .iter()
            .find_map(|row| match row {
                Row::Entry(key, value) if key == name => Some(value.clone()),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no {name} in {:?}", sheet.rows))
    };
    assert_eq!(entry("Type"), "web page");
    assert!(entry("Title").starts_with("Domestic PetDog Classified"));
    assert_eq!(entry("Publisher"), "www.encyclocentral.com");
    assert_eq!(entry("URL status"), "dead");
    assert_eq!(entry("Archived"), "2013-05-21");
    assert_eq!(entry("Accessed"), "2008-06-18");
    assert_eq!(entry("Archive"), ARCHIVE);
    assert_eq!(entry("URL"), format!("{ORIGINAL} (dead)"));
    assert_eq!(
        sheet.rows.first(),
        Some(&Row::Heading("[22], cited once in the text".to_string()))
    );
    assert!(entry("Text").contains("Retrieved 18 June 2008"));
    session.keys("esc");
    assert!(session.app.overlay().is_none());
    session.keys("c j q");
    assert!(session.app.overlay().is_none());
    assert!(!session.quit, "q closes the card, it does not quit");
    // A journal article: authors, container, volume, identifiers.
    select(&mut session, 5);
    session.keys("c");
    let Some(Overlay::Card(sheet)) = session.app.overlay() else {
        panic!("no card");
    };
    let text = format!("{:?}", sheet.rows);
    for wanted in [
        "Journal",
        "Nature",
        "Authors",
        "Lindblad-Toh",
        "10.1038/nature04338",
    ] {
        assert!(text.contains(wanted), "{wanted} not in {text}");
    }
}

fn export_prompt_name(session: &Session) -> String {
    match session.app.overlay() {
        Some(Overlay::Export(prompt)) => prompt.file_name.clone(),
        other => panic!("no export prompt: {other:?}"),
    }
}

#[test]
fn e_writes_every_reference_to_a_file_pandoc_reads() {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let mut session = Session::of_fixture(DOG, 120, 40);
    session.keys("e");
    assert_eq!(export_prompt_name(&session), "Dog.bib");
    // ↓ changes the format and the extension with it.
    session.keys("down down");
    assert_eq!(export_prompt_name(&session), "Dog.json");
    session.keys("up up ctrl-u");
    let path = dir.path().join("Dog references.bib");
    session.type_text(&path.display().to_string());
    session.keys("enter");
    assert!(session.app.overlay().is_none());
    let message = session.app.message().unwrap_or_default().to_string();
    assert!(
        message.starts_with(
            "Wrote “Dog references.bib”: 237 references and the article's entry as BibTeX"
        ),
        "{message}"
    );
    let written = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(written.matches("\n@").count() + 1, 238, "one entry each");
    let rendered = pandoc_bibliography(dir.path(), "Dog references.bib");
    assert!(rendered.contains("Domestic PetDog"), "{rendered}");
    assert!(
        rendered
            .to_lowercase()
            .contains("genome sequence, comparative analysis"),
        "{rendered}"
    );
}

#[test]
fn an_existing_file_is_replaced_only_when_the_reader_says_so() {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let path = dir.path().join("refs.json");
    std::fs::write(&path, "keep me").unwrap_or_else(|error| panic!("{error}"));
    let mut session = Session::of_fixture(DOG, 120, 40);
    session.keys("e down down ctrl-u");
    session.type_text(&path.display().to_string());
    session.keys("enter");
    // Still asking, the file untouched.
    let Some(Overlay::Export(prompt)) = session.app.overlay() else {
        panic!("the prompt closed");
    };
    assert!(prompt.exists);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        "keep me"
    );
    // Typing another name forgets the question; going back and confirming twice replaces it.
    session.keys("backspace");
    session.type_text("n");
    let Some(Overlay::Export(prompt)) = session.app.overlay() else {
        panic!("the prompt closed");
    };
    assert!(!prompt.exists);
    session.keys("enter enter");
    assert!(
        session.app.overlay().is_none(),
        "{:?}",
        session.app.message()
    );
    let written = std::fs::read_to_string(&path).unwrap_or_default();
    let json: serde_json::Value =
        serde_json::from_str(&written).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(json.as_array().map(Vec::len), Some(238));
    let rendered = pandoc_bibliography(dir.path(), "refs.json");
    assert!(rendered.contains("Domestic PetDog"), "{rendered}");
}

#[test]
fn the_export_says_why_it_could_not_write_and_stays_open() {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let mut session = Session::of_fixture(DOG, 120, 40);
    session.keys("e ctrl-u");
    let missing = dir.path().join("no such folder").join("x.bib");
    session.type_text(&missing.display().to_string());
    session.keys("enter");
    let Some(Overlay::Export(prompt)) = session.app.overlay() else {
        panic!("the prompt closed");
    };
    let problem = prompt.problem.clone().unwrap_or_default();
    assert!(problem.starts_with("Not written: "), "{problem}");
    // A folder where the file would go is not replaced, even when asked.
    session.keys("ctrl-u");
    session.type_text(&dir.path().display().to_string());
    session.keys("enter enter");
    let message = session.app.message().unwrap_or_default().to_string();
    assert!(message.contains("not a regular file"), "{message}");
    assert!(dir.path().is_dir());
    // The default name is cleaned of separators and control characters.
    let mut session = Session::of_article(
        article_with(vec![reference("1", "One.", &[], None)]),
        80,
        24,
    );
    session.act(Action::ExportReferences);
    assert_eq!(export_prompt_name(&session), "Cases-and more.bib");
}

#[test]
fn paging_past_a_reference_with_urls_keeps_the_lines_in_view_where_they_were() {
    let mut session = dog_at(DEAD);
    let inner = session
        .app
        .screen()
        .inner(Pane::References)
        .unwrap_or_default();
    let height = usize::from(inner.height);
    let shown = |session: &Session, line: usize| {
        session
            .app
            .pane_lines(Pane::References)
            .and_then(|lines| lines.layout.lines.get(line).map(|line| line.text()))
            .unwrap_or_default()
    };
    // The pane's lines without any URL lines, and where the selected reference's end.
    let base = folio::layout::references(&session.app.page().article, usize::from(inner.width));
    let base_last = base
        .lines
        .iter()
        .rposition(|line| {
            line.spans
                .iter()
                .any(|s| s.anchor == Some(Anchor::Reference(DEAD)))
        })
        .unwrap_or_default();
    let last = session
        .app
        .pane_lines(Pane::References)
        .and_then(|lines| lines.lines_of(Anchor::Reference(DEAD)))
        .map_or(0, |(_, last)| last);
    let count = last - base_last;
    assert!(count >= 2, "the archive and the dead URL: {count} lines");
    // A page down shows from two lines above the bottom; where that line was one of the URL
    // lines that go with the selection, from the line after them.
    let wanted = session.app.scroll(Pane::References) + height - 2;
    let in_base = if wanted > last {
        wanted - count
    } else {
        wanted.min(base_last + 1)
    };
    session.keys("pgdn");
    assert_ne!(session.app.selected_reference(), Some(DEAD));
    let now = session.app.scroll(Pane::References);
    assert_eq!(shown(&session, now), base.lines[in_base].text());
}

#[test]
fn a_long_card_scrolls() {
    let mut session = Session::of_fixture(DOG, 40, 20);
    select(&mut session, DEAD);
    session.keys("c j j");
    let Some(Overlay::Card(sheet)) = session.app.overlay() else {
        panic!("no card");
    };
    assert_eq!(sheet.scroll, 2);
    session.keys("G");
    let Some(Overlay::Card(sheet)) = session.app.overlay() else {
        panic!("no card");
    };
    let last = sheet.lines.last().cloned();
    assert!(sheet.scroll > 2);
    assert!(matches!(last, Some(Row::Entry(_, text)) if text.contains("2008.")));
    session.keys("q");
    assert!(session.app.overlay().is_none());
}
