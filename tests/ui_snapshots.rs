//! The screen as drawn into ratatui's test backend at fixed sizes, snapshotted with insta.

mod app_support;

use app_support::{ALPHA, BUNDLED, Session};
use folio::action::Action;
use folio::app::Pane;
use folio::config::Theme;
use folio::layout::Anchor;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

fn draw(session: &Session) -> Buffer {
    let area = session.app.screen().area;
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height))
        .unwrap_or_else(|error| panic!("{error}"));
    terminal
        .draw(|frame| folio::ui::render(&session.app, frame))
        .unwrap_or_else(|error| panic!("{error}"));
    terminal.backend().buffer().clone()
}

/// The buffer's text, one row a line, trailing spaces kept visible with a closing bar.
fn text_of(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut skip = 0;
        for x in 0..buffer.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            out.push_str(symbol);
        }
        out.push_str("|\n");
    }
    out
}

fn snapshot(name: &str, width: u16, height: u16, keys: &str) {
    let mut session = Session::open(BUNDLED, width, height);
    session.keys(keys);
    insta::assert_snapshot!(name, text_of(&draw(&session)));
}

#[test]
fn bundled_article_at_three_sizes() {
    snapshot("plain_120x40", 120, 40, "");
    snapshot("plain_80x24", 80, 24, "");
    snapshot("plain_40x20", 40, 20, "");
}

#[test]
fn marker_selected_at_three_sizes() {
    snapshot("marker_120x40", 120, 40, "] ] ]");
    snapshot("marker_80x24", 80, 24, "] ] ]");
    snapshot("marker_40x20", 40, 20, "] ] ]");
}

#[test]
fn reference_focused_after_enter() {
    snapshot("reference_120x40", 120, 40, "] ] ] enter");
    snapshot("reference_80x24", 80, 24, "] ] ] enter");
}

#[test]
fn help_at_three_sizes() {
    snapshot("help_120x40", 120, 40, "?");
    snapshot("help_80x24", 80, 24, "?");
    snapshot("help_40x20", 40, 20, "?");
}

#[test]
fn too_small_a_terminal_says_so() {
    snapshot("too_small_19x5", 19, 5, "");
}

#[test]
fn overlays_and_prompts() {
    snapshot("contents_80x24", 80, 24, "t");
    snapshot("find_80x24", 80, 24, "/ c a m p enter n");
    snapshot("search_80x24", 80, 24, "s");
}

#[test]
fn the_selected_marker_is_drawn_reversed() {
    let mut session = Session::open(BUNDLED, 120, 40);
    session.keys("] ] ]");
    let buffer = draw(&session);
    let inner = session.app.screen().inner(Pane::Text).unwrap_or_default();
    let line = session
        .app
        .pane_lines(Pane::Text)
        .and_then(|lines| lines.line_of(Anchor::Citation(2)))
        .unwrap_or_default();
    let row = inner.y + u16::try_from(line - session.app.scroll(Pane::Text)).unwrap_or(0);
    let marker_cells: Vec<_> = (inner.x..inner.right())
        .map(|x| &buffer[(x, row)])
        .filter(|cell| cell.modifier.contains(Modifier::REVERSED))
        .map(|cell| cell.symbol().to_string())
        .collect();
    assert_eq!(marker_cells.concat(), "[3]");
}

#[test]
fn missing_links_and_markers_are_drawn_apart() {
    let mut session = Session::open(ALPHA, 120, 40);
    session.act(Action::Resize {
        width: 120,
        height: 40,
    });
    let theme = Theme::colored();
    let colored = folio::config::Config {
        theme: theme.clone(),
        ..session.config.clone()
    };
    let page = session.app.page().clone();
    session.app = folio::app::App::new(page, &colored, 120, 40);
    let buffer = draw(&session);
    let text = text_of(&buffer);
    let cell_color = |needle: &str| {
        let (row, line) = text
            .lines()
            .enumerate()
            .find(|(_, line)| line.contains(needle))
            .unwrap_or_else(|| panic!("{needle} not on screen"));
        let column = unicode_width::UnicodeWidthStr::width(&line[..line.find(needle).unwrap_or(0)]);
        let cell = &buffer[(column as u16, row as u16)];
        (cell.fg, cell.modifier)
    };
    assert_eq!(
        cell_color("Folio test article Beta").0,
        theme.link.fg.unwrap_or(Color::Reset)
    );
    assert_eq!(
        cell_color("Folio test article Gamma").0,
        theme.missing_link.fg.unwrap_or(Color::Reset)
    );
    let (_, marker) = cell_color("[1]");
    assert!(marker.contains(Modifier::CROSSED_OUT));
}

#[test]
fn wide_and_combining_characters_keep_the_frames_aligned() {
    use folio::article::{Article, Block, Inline, Section};
    let article = Article {
        title: "文字 and emoji".to_string(),
        sections: vec![Section {
            heading: None,
            level: 0,
            blocks: vec![
                Block::Paragraph {
                    inlines: vec![Inline::text(
                        "日本語の文章です。これは折り返しのテストです。漢字とかなが混ざっています。",
                    )],
                },
                Block::Paragraph {
                    inlines: vec![Inline::text(
                        "Emoji 👍🏽 and a family 👨‍👩‍👧 and flags 🇫🇷 between words, then cafe\u{301} and re\u{301}sume\u{301} with combining accents.",
                    )],
                },
            ],
        }],
        ..Article::default()
    };
    let session = Session::of_article(article, 40, 12);
    let buffer = draw(&session);
    let text = text_of(&buffer);
    for line in text.lines() {
        assert_eq!(
            unicode_width::UnicodeWidthStr::width(line),
            41,
            "a row is not 40 columns wide: {line:?}"
        );
    }
    insta::assert_snapshot!("unicode_40x12", text);
}

// ----- issue 12: each fixed screen at three sizes -----

const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (40, 20)];

/// Snapshots a session after `keys` at each of the three sizes, as `NAME_WxH`.
fn at_three_sizes(name: &str, open: impl Fn(u16, u16) -> Session, keys: &str) {
    for (width, height) in SIZES {
        let mut session = open(width, height);
        session.keys(keys);
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), text_of(&draw(&session)));
    }
}

fn bundled(width: u16, height: u16) -> Session {
    Session::open(BUNDLED, width, height)
}

/// The status row of a drawn session.
fn status_row(session: &Session) -> String {
    let text = text_of(&draw(session));
    text.lines().last().unwrap_or_default().to_string()
}

#[test]
fn the_status_names_the_section_and_keeps_the_whole_title_while_there_is_room() {
    let session = bundled(80, 24);
    let status = status_row(&session);
    assert!(
        status.starts_with(" 2013 Camp Ashraf massacre │ text │ ? help"),
        "{status}"
    );
    at_three_sizes("section_in_status", bundled, "G");
    let mut session = bundled(80, 24);
    session.keys("G");
    assert!(
        status_row(&session).contains("› "),
        "{}",
        status_row(&session)
    );
}

#[test]
fn the_smallest_screen_still_shows_the_position() {
    let session = bundled(20, 6);
    let status = status_row(&session);
    assert!(status.trim_end_matches('|').ends_with(" top "), "{status}");
    insta::assert_snapshot!("smallest_20x6", text_of(&draw(&session)));
}

#[test]
fn zoomed_text_at_three_sizes() {
    at_three_sizes("zoomed", bundled, "] ] ] z");
}

#[test]
fn info_at_three_sizes() {
    at_three_sizes("info", bundled, "i");
}

#[test]
fn a_long_message_and_the_message_log_at_three_sizes() {
    let with_message = |width, height| {
        let mut session = bundled(width, height);
        let problems =
            folio::config::Config::parse("[keys.browse]\nx = \"explode\"\nj = \"confirm\"\n", true)
                .err()
                .unwrap_or_default();
        let path = std::path::Path::new("/home/reader/.config/folio/config.toml");
        session
            .app
            .notify_until_read(folio::config::report(path, &problems));
        session
    };
    at_three_sizes("long_message", with_message, "j");
    at_three_sizes("message_log", with_message, "m");
}

#[test]
fn paged_references_at_three_sizes() {
    at_three_sizes("references_paged", bundled, "tab tab pgdn pgdn");
}

#[test]
fn o_on_a_missing_article_at_three_sizes() {
    at_three_sizes("missing_link_o", |w, h| Session::open(ALPHA, w, h), "} } o");
}

#[test]
fn a_find_kept_in_view_across_a_resize() {
    for (width, height) in SIZES {
        let mut session = bundled(120, 40);
        session.keys("/");
        session.type_text("Catherine");
        session.keys("enter");
        session.act(Action::Resize { width, height });
        insta::assert_snapshot!(
            format!("find_resized_{width}x{height}"),
            text_of(&draw(&session))
        );
    }
}

#[test]
fn hints_follow_a_rebinding_at_three_sizes() {
    let rebound = |width, height| {
        let text = "[keys.browse]\nf1 = \"help\"\n\"?\" = \"quit\"\n\"ctrl-n\" = \"focus_next\"\n\"tab\" = \"zoom\"\n[keys.list]\nx = \"close\"\nesc = \"down\"\n";
        let config = folio::config::Config::parse(text, true).unwrap_or_else(|e| panic!("{e:?}"));
        Session::with_config(config, width, height)
    };
    for (width, height) in SIZES {
        let session = rebound(width, height);
        let text = text_of(&draw(&session));
        assert!(text.contains("F1 help"), "{text}");
        assert!(!text.contains("? help"), "{text}");
        assert!(!text.contains("Tab: next pane"), "{text}");
    }
    at_three_sizes("rebound", rebound, "");
    at_three_sizes("rebound_help", rebound, "f1");
}

/// An article read from a fixture, keeping only the sections `keep` says.
fn fixture_article(
    path: &str,
    keep: impl Fn(&folio::article::Section) -> bool,
) -> folio::article::Article {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("{path:?}: {error}"));
    let mut article = folio::format::read(&bytes, &path.to_string_lossy(), None)
        .unwrap_or_else(|error| panic!("{error}"))
        .article;
    article.sections.retain(keep);
    article
}

fn snapshot_article(
    name: &str,
    article: &folio::article::Article,
    width: u16,
    height: u16,
    keys: &str,
) {
    let mut session = Session::of_article(article.clone(), width, height);
    session.keys(keys);
    insta::assert_snapshot!(name, text_of(&draw(&session)));
}

#[test]
fn a_results_table_at_three_sizes() {
    let mut article = fixture_article(
        "wikitext/2008-British-motorcycle-Grand-Prix.txt",
        |section| section.heading.as_deref() == Some("MotoGP classification"),
    );
    article.infobox = folio::article::Infobox::default();
    snapshot_article("results_table_120x40", &article, 120, 40, "");
    snapshot_article("results_table_80x24", &article, 80, 24, "");
    snapshot_article("results_table_40x20", &article, 40, 20, "");
    // The spanning report row at the bottom of the table.
    snapshot_article("results_table_end_80x24", &article, 80, 24, "G");
}

#[test]
fn a_table_with_a_spanning_title_at_three_sizes() {
    let mut article = fixture_article("html/en-United_States.parsoid-2.1.0.html", |_| true);
    article.infobox = folio::article::Infobox::default();
    // The section with the Historical population table, from its table on.
    let section = article
        .sections
        .iter()
        .position(|section| {
            section.blocks.iter().any(|block| {
                matches!(block, folio::article::Block::Table { rows, .. }
                    if rows.first().is_some_and(|row| folio::article::plain_text(&row.cells[0].inlines) == "Historical population"))
            })
        })
        .unwrap_or_else(|| panic!("no Historical population table"));
    let mut kept = article.sections[section].clone();
    kept.blocks
        .retain(|block| matches!(block, folio::article::Block::Table { .. }));
    kept.blocks.truncate(1);
    article.sections = vec![kept];
    snapshot_article("population_table_120x40", &article, 120, 40, "");
    snapshot_article("population_table_80x24", &article, 80, 24, "");
    snapshot_article("population_table_40x20", &article, 40, 20, "");
}

/// An infobox shaped like the Chinese Wikipedia's cat (a header, then synonyms in a lone cell
/// as a list), and a figure with its caption in the text.
const CAT: &str = "<html><head><title>貓</title></head><body>\
    <table class=\"infobox biota\"><tbody><tr><th colspan=\"2\">家貓</th></tr>\
    <tr><th colspan=\"2\">異名</th></tr>\
    <tr><td colspan=\"2\"><ul><li><i>Felis catus</i> Linnaeus, 1758</li>\
    <li><i>Felis domesticus</i> Erxleben, 1777</li><li><i>F. angorensis</i> Gmelin, 1788</li>\
    </ul></td></tr><tr><th>界</th><td>動物界</td></tr><tr><th>門</th><td>脊索動物門</td></tr>\
    </tbody></table><p>貓是一種小型食肉哺乳動物，常被人類飼養為寵物。</p>\
    <figure typeof=\"mw:File/Thumb\"><img src=\"cat.jpg\"/><figcaption>一隻在草地上的虎斑貓\
    </figcaption></figure><p>貓的祖先是非洲野貓。</p></body></html>";

#[test]
fn an_infobox_list_and_a_figure_caption_at_three_sizes() {
    let article = folio::format::read(
        CAT.as_bytes(),
        "cat.html",
        Some(folio::format::Format::Html),
    )
    .unwrap_or_else(|error| panic!("{error}"))
    .article;
    snapshot_article("infobox_caption_120x40", &article, 120, 40, "");
    snapshot_article("infobox_caption_80x24", &article, 80, 24, "");
    snapshot_article("infobox_caption_40x20", &article, 40, 20, "");
}

#[test]
fn the_united_states_motto_at_three_sizes() {
    let mut article = fixture_article("html/en-United_States.parsoid-2.1.0.html", |section| {
        section.heading.is_none()
    });
    article.references.clear();
    snapshot_article("motto_120x40", &article, 120, 40, "");
    snapshot_article("motto_80x24", &article, 80, 24, "");
    snapshot_article("motto_40x20", &article, 40, 20, "");
}

/// A marker of the infobox selected: the infobox is focused, scrolled to it, the marker drawn
/// reversed there, and the status line names its reference.
#[test]
fn an_infobox_marker_selected_at_two_sizes() {
    let article = fixture_article("excerpt/United_States.wikitext", |_| true);
    snapshot_article("infobox_marker_120x40", &article, 120, 40, "]");
    // On a narrow terminal the infobox shows under the text, scrolled to [6] of its religion row.
    snapshot_article("infobox_marker_80x24", &article, 80, 24, "] ] ] ] ] ]");
    let mut session = Session::of_article(article, 120, 40);
    session.keys("] ]");
    let buffer = draw(&session);
    let (column, row) = session.cell_of(Pane::Infobox, Anchor::Citation(1));
    let inner = session
        .app
        .screen()
        .inner(Pane::Infobox)
        .unwrap_or_default();
    let reversed: Vec<String> = (inner.x..inner.right())
        .map(|x| &buffer[(x, row)])
        .filter(|cell| cell.modifier.contains(Modifier::REVERSED))
        .map(|cell| cell.symbol().to_string())
        .collect();
    assert_eq!(reversed.concat(), "[a]");
    assert_eq!(buffer[(column, row)].symbol(), "[");
}

// ----- issue 11, item 4: references as data -----

/// The Dog page with the references pane focused and reference [22] selected: its original
/// URL is dead and archived.
fn dog_dead_reference(width: u16, height: u16) -> Session {
    let mut session = Session::of_fixture(
        "tests/fixtures/html/en-Dog.parsoid-1.7.0.html",
        width,
        height,
    );
    while session.app.focus() != Pane::References {
        session.keys("tab");
    }
    session.keys("g");
    for _ in 0..22 {
        session.keys("j");
    }
    session
}

#[test]
fn a_selected_reference_shows_its_urls_at_three_sizes() {
    at_three_sizes("reference_urls", dog_dead_reference, "");
}

#[test]
fn the_url_chooser_the_card_and_the_export_prompt() {
    at_three_sizes("url_chooser", dog_dead_reference, "o");
    at_three_sizes("reference_card", dog_dead_reference, "c");
    at_three_sizes("export_prompt", dog_dead_reference, "e down");
    let mut session = dog_dead_reference(80, 24);
    session.keys("e");
    session.app.export_file_exists();
    insta::assert_snapshot!("export_exists_80x24", text_of(&draw(&session)));
}

#[test]
fn a_dead_link_is_marked_in_words_and_in_colour() {
    // Without colour (the sessions' theme is monochrome), the mark is words on the screen.
    let session = dog_dead_reference(120, 40);
    let text = text_of(&draw(&session));
    assert!(
        text.contains("URL (dead): http://www.encyclocenter"),
        "{text}"
    );
    // With colour, the mark has the theme's colour for dead links.
    let theme = Theme::colored();
    let colored = folio::config::Config {
        theme: theme.clone(),
        ..folio::config::Config::defaults(false)
    };
    let mut session = dog_dead_reference(120, 40).configured(colored);
    session.keys("tab tab g");
    for _ in 0..22 {
        session.keys("j");
    }
    let buffer = draw(&session);
    let text = text_of(&buffer);
    let (row, line) = text
        .lines()
        .enumerate()
        .find(|(_, line)| line.contains("(dead)"))
        .unwrap_or_else(|| panic!("no dead mark in {text}"));
    let column = unicode_width::UnicodeWidthStr::width(&line[..line.find("(dead)").unwrap_or(0)]);
    let cell = &buffer[(column as u16 + 1, row as u16)];
    assert_eq!(cell.fg, theme.dead_link.fg.unwrap_or(Color::Reset));
}

/// A full-text search with its results: the titles, their snippets on two lines each (the
/// matched words drawn as find matches are), and what a wiki that failed said, on the last row.
fn full_text_results(width: u16, height: u16) -> Session {
    use folio::action::Effect;
    use folio::wiki::search::Hit;
    use folio::wiki::snippet::Snippet;
    let mut session = Session::open(BUNDLED, width, height);
    session.keys("S");
    session.app.update(Action::Type('c'));
    session.app.update(Action::Type('a'));
    session.app.update(Action::Type('m'));
    session.app.update(Action::Type('p'));
    let Some(Effect::SearchText { generation, .. }) = session.app.update(Action::Confirm) else {
        panic!("no search");
    };
    let hit = |title: &str, snippet: &str| Hit {
        title: title.to_string(),
        snippet: Snippet::from_html(snippet),
        wiki: "http://127.0.0.1:9".to_string(),
    };
    let hits = vec![
        hit(
            "Camp Ashraf",
            r#"<span class="searchmatch">Camp</span> Ashraf was a military base north of Baghdad, home of the People's Mujahedin of Iran from 1986 until 2016, when the last residents left for Albania"#,
        ),
        hit(
            "Camp Liberty",
            r#"residents moved from <span class="searchmatch">Camp</span> Ashraf &amp; were resettled"#,
        ),
    ];
    let problems = vec!["http://127.0.0.2 : connection refused".to_string()];
    session
        .app
        .show_text_results(generation, Ok((hits, problems)));
    session
}

#[test]
fn full_text_results_at_three_sizes() {
    at_three_sizes("full_text", full_text_results, "down");
    let session = full_text_results(80, 24);
    let buffer = draw(&session);
    let text = text_of(&buffer);
    let row = text
        .lines()
        .position(|line| line.contains("Ashraf was a military"))
        .unwrap_or_else(|| panic!("{text}"));
    let line: Vec<&ratatui::buffer::Cell> = (0..buffer.area.width)
        .map(|x| &buffer[(x, u16::try_from(row).unwrap_or(0))])
        .collect();
    let start = line
        .iter()
        .position(|cell| cell.symbol() == "C")
        .unwrap_or_else(|| panic!("{text}"));
    let theme = Theme::monochrome();
    let matched = line[start].style();
    assert_eq!(matched.add_modifier, theme.find_match.add_modifier);
    assert_ne!(matched, line[start + 5].style(), "Ashraf is no match");
}

/// The info view of an article with other languages, the second one selected.
#[test]
fn languages_in_the_info_view_at_three_sizes() {
    use folio::wiki::languages::Language;
    let open = |width: u16, height: u16| {
        let mut session = Session::open(BUNDLED, width, height);
        let sources = session.app.page().article.sources.clone();
        session.keys("i");
        session.app.asking_languages();
        let language = |code: &str, name: &str, title: &str| Language {
            code: code.to_string(),
            name: Some(name.to_string()),
            title: title.to_string(),
            url: Some(format!("https://{code}.example.org/wiki/X")),
        };
        session.app.show_languages(
            sources,
            Ok(vec![
                language("de", "Deutsch", "Massaker von Camp Ashraf 2013"),
                language("fa", "فارسی", "کشتار ۲۰۱۳ اردوگاه اشرف"),
                language("fr", "français", "Massacre du camp Ashraf de 2013"),
            ]),
        );
        session
    };
    at_three_sizes("languages_info", open, "j j");
}

/// A message beside a find's long position ("/xyzq: no match"): on a narrow line the position
/// is shortened first, and below 40 columns it gives way wholly, so the message keeps its first
/// words.
#[test]
fn a_message_beside_a_find_keeps_its_first_words() {
    for (width, height) in [(120, 40), (80, 24), (40, 20), (30, 10)] {
        let mut session = bundled(width, height);
        session.keys("/");
        session.type_text("xyzq");
        session.keys("enter c");
        let status = status_row(&session);
        assert!(status.contains("Select a"), "{width}: {status}");
        insta::assert_snapshot!(format!("find_then_message_{width}x{height}"), status);
    }
}
