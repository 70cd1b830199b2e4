//! Conformance of the wikitext reader over every file of the corpus (tests/fixtures/wikitext):
//! section headings and levels, reference counts, infobox keys and See also targets against the
//! peer parser wtf_wikipedia (peer/wikitext-summary.json), and the values the peer's own tests
//! check by hand (peer/assertions.json). Where folio deliberately differs, the test says why.

use folio::article::{Article, Block, Inline, plain_text};
use folio::format::{self, Format, labels};
use serde_json::Value;
use std::path::{Path, PathBuf};

const FIXTURES: &str = "tests/fixtures/wikitext";

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

fn peer_json(name: &str) -> Value {
    let text = std::fs::read_to_string(fixture("peer").join(name)).unwrap_or_default();
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// Reads a corpus file the way `folio` does: format detected from the content.
fn read(name: &str) -> Article {
    let path = fixture(name);
    let bytes = std::fs::read(&path).unwrap_or_default();
    let path = path.to_string_lossy();
    assert_eq!(
        format::detect(&String::from_utf8_lossy(&bytes), &path),
        Format::Wikitext,
        "{name}"
    );
    match format::read(&bytes, &path, None) {
        Ok(reading) => reading.article,
        Err(error) => panic!("{name}: {error}"),
    }
}

fn corpus_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(FIXTURES)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".txt"))
        .collect();
    names.sort();
    names
}

fn peer_articles() -> serde_json::Map<String, Value> {
    match peer_json("wikitext-summary.json").get("articles") {
        Some(Value::Object(articles)) => articles.clone(),
        _ => panic!("peer summary missing"),
    }
}

fn section<'a>(article: &'a Article, heading: &str) -> &'a folio::article::Section {
    article
        .sections
        .iter()
        .find(|s| s.heading.as_deref() == Some(heading))
        .unwrap_or_else(|| panic!("no section {heading}"))
}

#[test]
fn every_corpus_file_has_a_peer_summary() {
    let files = corpus_files();
    assert_eq!(files.len(), 45);
    let peer = peer_articles();
    for name in &files {
        assert!(peer.contains_key(name), "{name}");
    }
}

/// The peer drops one heading: a level-3 "Einzelnachweise" whose only content is `<references/>`.
/// The heading is in the source and a reader expects it, so folio keeps it.
const HEADINGS_THE_PEER_DROPS: &[(&str, &str)] = &[("Maurische-Netzwuhle.txt", "Einzelnachweise")];

#[test]
fn section_headings_and_levels_match_the_peer() {
    for (name, summary) in peer_articles() {
        let article = read(&name);
        let mut expected: Vec<(String, u8)> = Vec::new();
        for section in summary["sections"].as_array().into_iter().flatten() {
            let title = section["title"].as_str().unwrap_or("");
            let depth = section["depth"].as_u64().unwrap_or(0) as u8;
            if !title.is_empty() {
                // wtf_wikipedia's depth 0 is `==X==`, level 2.
                expected.push((title.to_string(), depth + 2));
            }
        }
        for (file, heading) in HEADINGS_THE_PEER_DROPS {
            if *file == name {
                let level = section(&article, heading).level;
                let after = expected
                    .iter()
                    .position(|(h, _)| h == "Belege")
                    .map_or(0, |i| i + 1);
                expected.insert(after, (heading.to_string(), level));
            }
        }
        let actual: Vec<(String, u8)> = article
            .sections
            .iter()
            .filter_map(|s| s.heading.clone().map(|h| (h, s.level)))
            .collect();
        assert_eq!(actual, expected, "{name}");
        assert_eq!(
            article.sections[0].heading, None,
            "{name}: the lead comes first"
        );
        assert_eq!(article.sections[0].level, 0, "{name}");
    }
}

/// References per article: distinct `<ref>`s (a named one once, list-defined ones counted where
/// used), plus footnotes written as templates. Counted from the sources independently of folio
/// (a `<ref>` scan); the peer's own counts differ because it counts citation templates.
const REFERENCE_COUNTS: &[(&str, usize)] = &[
    ("2008-British-motorcycle-Grand-Prix.txt", 0),
    (
        "AACTA-Award-for-Outstanding-Achievement-in-Short-Film-Screen-Craft.txt",
        2,
    ),
    ("Alanine—oxo-acid-transaminase.txt", 0),
    ("Allen-R.-Morris.txt", 1),
    ("Alsea-(company).txt", 4),
    ("Altimont-Butler.txt", 4),
    ("Anwar_Kamal_Khan.txt", 7),
    ("BBDO.txt", 2),
    ("Charlie-Milstead.txt", 1),
    ("Chemical-biology.txt", 167),
    // Six named refs and one `{{refn|group="nb"}}` note.
    ("Clint-Murchison-Sr..txt", 7),
    ("Dollar-Point,-California.txt", 9),
    ("Ewelina-Setowska-Dryk.txt", 0),
    ("Gregory-Serper.txt", 13),
    ("HMS-Irresistible.txt", 0),
    (
        "History-of-rugby-union-matches-between-Scotland-and-Wales.txt",
        1,
    ),
    ("Keilwelle.txt", 0),
    ("Liste-der-argentinischen-Botschafter-in-Chile.txt", 0),
    ("Magnar-Saetre.txt", 0),
    ("Mark-Behr.txt", 29),
    ("Maurische-Netzwuhle.txt", 2),
    ("Mozilla-Firefox.txt", 122),
    ("Neil-McLean-(saxophonist).txt", 0),
    ("RNDIS.txt", 5),
    ("Remote-Application-Programming-Interface.txt", 0),
    ("Remote-Data-Objects.txt", 1),
    ("Routing-and-Remote-Access-Service.txt", 4),
    ("Sara-C.-Bisel.txt", 0),
    ("The-Atlas-(newspaper).txt", 1),
    ("University-of-Nevada,-Reno-Arboretum.txt", 3),
    ("Wendy-Mogel.txt", 1),
    ("africaans.txt", 0),
    // 128 distinct `<ref>`s and one `{{efn}}` note.
    ("al_Haytham.txt", 129),
    // XML-escaped: `&lt;ref&gt;` is a ref like any other.
    ("anarchism.txt", 300),
    ("bluejays.txt", 1),
    ("earthquakes.txt", 6),
    ("jodie_emery.txt", 9),
    ("list.txt", 0),
    ("raith_rovers.txt", 32),
    ("redirect.txt", 0),
    ("rnli_stations.txt", 4),
    ("royal_cinema.txt", 4),
    ("statoil.txt", 4),
    ("toronto.txt", 118),
    ("toronto_star.txt", 32),
];

#[test]
fn reference_counts_are_distinct_refs() {
    assert_eq!(REFERENCE_COUNTS.len(), corpus_files().len());
    for (name, count) in REFERENCE_COUNTS {
        let article = read(name);
        assert_eq!(article.references.len(), *count, "{name}");
        // Every citation points at a reference, and every reference is cited.
        let citations = article.citations();
        for citation in &citations {
            let index = citation.reference.unwrap_or(usize::MAX);
            let reference = article.references.get(index);
            assert_eq!(
                reference.map(|r| r.label.as_str()),
                Some(citation.label.as_str()),
                "{name}"
            );
        }
        for index in 0..article.references.len() {
            // `citations()` holds the infobox's markers too.
            let cited = citations.iter().any(|c| c.reference == Some(index))
                || references_cite(&article, index);
            // References inside hidden templates (a census box) are listed without a marker.
            if !cited {
                assert!(
                    matches!(*name, "Dollar-Point,-California.txt" | "toronto.txt"),
                    "{name}: [{index}] uncited"
                );
            }
        }
    }
}

/// A note can cite a reference (a `{{#tag:ref}}` note holding a `<ref>`).
fn references_cite(article: &Article, index: usize) -> bool {
    article
        .references
        .iter()
        .flat_map(|r| &r.text)
        .any(|inline| matches!(inline, Inline::Citation { reference: Some(i), .. } if *i == index))
}

/// Peer keys folio leaves out of the infobox, by design: the name (it is the caption), image,
/// logo, map and caption parameters, the page a pictured flag or shield links to, and
/// parameters whose value is empty or a file name.
/// Keys folio shows that the peer lacks are listed too, each with the reason.
struct InfoboxExpectation {
    file: &'static str,
    dropped: &'static [&'static str],
    /// Keys the peer misses: `capacity`, `area_footnotes`, `population_footnotes` (the peer
    /// drops a value that is only a footnote; folio keeps the marker), `koördinate` (a
    /// non-ASCII key), `leader_name3` (a `{{Collapsible list}}` value).
    extra: &'static [&'static str],
    caption: Option<&'static str>,
}

const INFOBOXES: &[InfoboxExpectation] = &[
    InfoboxExpectation {
        file: "2008-British-motorcycle-Grand-Prix.txt",
        dropped: &["image"],
        extra: &[],
        caption: None,
    },
    InfoboxExpectation {
        file: "AACTA-Award-for-Outstanding-Achievement-in-Short-Film-Screen-Craft.txt",
        dropped: &["name"],
        extra: &[],
        caption: Some("Outstanding Achievement in Short Film Screen Craft AACTA Award"),
    },
    InfoboxExpectation {
        file: "Allen-R.-Morris.txt",
        dropped: &["image", "imagesize", "caption"],
        extra: &[],
        caption: None,
    },
    InfoboxExpectation {
        file: "Alsea-(company).txt",
        dropped: &["name", "logo"],
        extra: &[],
        caption: Some("Alsea, S.A.B. de C.V."),
    },
    InfoboxExpectation {
        file: "Altimont-Butler.txt",
        dropped: &["name"],
        extra: &[],
        caption: Some("Freddie Butler"),
    },
    InfoboxExpectation {
        file: "BBDO.txt",
        dropped: &["name", "logo"],
        extra: &[],
        caption: Some("BBDO Germany GmbH"),
    },
    InfoboxExpectation {
        file: "Charlie-Milstead.txt",
        dropped: &["name"],
        extra: &[],
        caption: Some("Charlie Milstead"),
    },
    InfoboxExpectation {
        file: "Dollar-Point,-California.txt",
        dropped: &[
            "image_map",
            "mapsize",
            "map_caption",
            "pushpin_map",
            "pushpin_relief",
            "pushpin_map_caption",
        ],
        extra: &["leader_name3", "area_footnotes"],
        caption: None,
    },
    InfoboxExpectation {
        file: "Mark-Behr.txt",
        dropped: &["naam"],
        extra: &[],
        caption: Some("Mark Behr"),
    },
    InfoboxExpectation {
        file: "Maurische-Netzwuhle.txt",
        dropped: &["bild", "bildbeschreibung"],
        extra: &[],
        caption: None,
    },
    InfoboxExpectation {
        file: "Mozilla-Firefox.txt",
        dropped: &["logo", "screenshot"],
        extra: &[],
        caption: None,
    },
    InfoboxExpectation {
        file: "africaans.txt",
        dropped: &["naam", "beeld naam", "beeld byskrif"],
        extra: &["koördinate"],
        caption: Some("Groot-Brittanje"),
    },
    InfoboxExpectation {
        file: "al_Haytham.txt",
        dropped: &["name"],
        extra: &[],
        caption: Some("Hasan Ibn al-Haytham (Alhazen)"),
    },
    InfoboxExpectation {
        file: "jodie_emery.txt",
        dropped: &["name", "image", "caption"],
        extra: &[],
        caption: Some("Jodie Emery"),
    },
    InfoboxExpectation {
        file: "raith_rovers.txt",
        dropped: &["image"],
        extra: &["capacity"],
        caption: None,
    },
    InfoboxExpectation {
        file: "royal_cinema.txt",
        dropped: &["name", "image", "image_size", "caption"],
        extra: &[],
        caption: Some("Royal Cinema"),
    },
    InfoboxExpectation {
        file: "statoil.txt",
        dropped: &["namn"],
        extra: &[],
        caption: Some("Statoil ASA"),
    },
    InfoboxExpectation {
        file: "toronto.txt",
        dropped: &[
            "name",
            "image_skyline",
            "image_caption",
            "image_flag",
            "flag_size",
            "flag_link",
            "image_shield",
            "shield_size",
            "shield_link",
            "image_blank_emblem",
            "image_map",
            "mapsize",
            "map_caption",
            "pushpin_map",
            "pushpin_map_caption",
        ],
        extra: &["area_footnotes", "population_footnotes"],
        caption: Some("Toronto"),
    },
    InfoboxExpectation {
        file: "toronto_star.txt",
        dropped: &["image", "caption"],
        extra: &[],
        caption: None,
    },
];

/// A label as compared with the peer's keys: the peer gives keys in lower case, so where a
/// label breaks a glued name into words (`WissName` → "Wiss Name") is not compared.
fn label_key(label: &str) -> String {
    label.to_lowercase().replace(' ', "")
}

#[test]
fn infobox_keys_match_the_peer() {
    let peer = peer_articles();
    let with_infobox: Vec<&String> = peer
        .iter()
        .filter(|(_, summary)| {
            summary["infoboxes"]
                .as_array()
                .is_some_and(|a| !a.is_empty())
        })
        .map(|(name, _)| name)
        .collect();
    assert_eq!(with_infobox.len(), INFOBOXES.len());
    for expectation in INFOBOXES {
        let article = read(expectation.file);
        let keys = peer[expectation.file]["infoboxes"][0]["keys"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let mut expected: Vec<String> = keys
            .iter()
            .filter_map(Value::as_str)
            .filter(|key| !expectation.dropped.contains(key))
            .map(|key| label_key(&labels::humanize(key)))
            .collect();
        expected.extend(
            expectation
                .extra
                .iter()
                .map(|key| label_key(&labels::humanize(key))),
        );
        let actual: Vec<String> = article
            .infobox
            .fields
            .iter()
            .map(|field| label_key(&field.label))
            .collect();
        // Empty fields are dropped by both (the peer lists only keys with a value).
        let actual_kept: Vec<&String> = actual
            .iter()
            .filter(|label| expected.contains(label))
            .collect();
        assert_eq!(
            actual_kept.len(),
            actual.len(),
            "{}: labels the peer lacks: {actual:?}",
            expectation.file
        );
        // The fields both know come in the template's order.
        let extras: Vec<String> = expectation
            .extra
            .iter()
            .map(|key| label_key(&labels::humanize(key)))
            .collect();
        let in_common = |label: &&String| actual.contains(label) && !extras.contains(label);
        let expected_order: Vec<&String> = expected.iter().filter(in_common).collect();
        let actual_order: Vec<&String> = actual.iter().filter(in_common).collect();
        assert_eq!(actual_order, expected_order, "{}: order", expectation.file);
        let missing: Vec<&String> = expected
            .iter()
            .filter(|label| !actual.contains(label))
            .collect();
        assert!(
            missing.is_empty(),
            "{}: missing {missing:?}",
            expectation.file
        );
        assert_eq!(
            article.infobox.caption.as_deref(),
            expectation.caption,
            "{}",
            expectation.file
        );
    }
}

#[test]
fn see_also_targets_match_the_peer() {
    for (name, summary) in peer_articles() {
        let expected: Vec<String> = summary["see_also"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        let article = read(&name);
        // Mozilla-Firefox's is the German "Siehe auch", which `see_also` knows too.
        let actual = article.see_also();
        assert_eq!(actual, expected, "{name}");
    }
}

fn field(article: &Article, label: &str) -> String {
    article
        .infobox
        .fields
        .iter()
        .find(|f| f.label.eq_ignore_ascii_case(label))
        .map(|f| plain_text(&f.value))
        .unwrap_or_default()
}

fn tables(section: &folio::article::Section) -> Vec<&Vec<folio::article::TableRow>> {
    section
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Table { rows, .. } => Some(rows),
            _ => None,
        })
        .collect()
}

fn list_items(section: &folio::article::Section) -> usize {
    section
        .blocks
        .iter()
        .map(|block| match block {
            Block::List { items } => items.len(),
            _ => 0,
        })
        .sum()
}

/// A data row as header → cell text, the header row being the first.
fn row_by_header(rows: &[folio::article::TableRow], data_row: usize) -> Vec<(String, String)> {
    let header: Vec<String> = rows[0]
        .cells
        .iter()
        .map(|c| plain_text(&c.inlines))
        .collect();
    let row = &rows[data_row + 1];
    header
        .into_iter()
        .zip(row.cells.iter().map(|c| plain_text(&c.inlines)))
        .collect()
}

#[test]
fn hand_checked_values_from_the_peer_tests() {
    let assertions = peer_json("assertions.json");
    let per_article = &assertions["per_article"];

    assert_eq!(field(&read("royal_cinema.txt"), "opened"), "1939");
    assert_eq!(
        read("royal_cinema.txt").references.len(),
        per_article["royal_cinema.txt"]["citations"]
            .as_u64()
            .unwrap_or(0) as usize
    );
    let star = read("toronto_star.txt");
    assert_eq!(field(&star, "publisher"), "John D. Cruickshank");
    section(&star, "History");
    assert_eq!(list_items(section(&star, "Notable cartoonists")), 10);
    assert_eq!(field(&read("jodie_emery.txt"), "nationality"), "Canadian");
    // The name parameter is the infobox caption in folio.
    assert_eq!(
        read("statoil.txt").infobox.caption.as_deref(),
        Some("Statoil ASA")
    );
    assert_eq!(field(&read("raith_rovers.txt"), "clubname"), "Raith Rovers");

    let behr = read("Mark-Behr.txt");
    assert_eq!(tables(section(&behr, "Publikasies")).len(), 1);
    assert_eq!(list_items(section(&behr, "Toekennings")), 4);

    let jays = read("bluejays.txt");
    let rows = tables(&jays.sections[0])[0];
    // The peer counts data rows; folio's first row is the header row.
    assert_eq!(rows.len() - 1, 8);
    let first = row_by_header(rows, 0);
    for (header, value) in [
        ("Level", "AAA"),
        ("Team", "Buffalo Bisons"),
        ("League", "International League"),
    ] {
        assert!(
            first.contains(&(header.to_string(), value.to_string())),
            "{first:?}"
        );
    }
    assert!(
        row_by_header(rows, 1).contains(&("Location".into(), "Manchester, New Hampshire".into()))
    );

    let rnli = read("rnli_stations.txt");
    assert_eq!(
        (rnli.sections[1].heading.as_deref(), rnli.sections[1].level),
        (Some("Key"), 2)
    );
    assert_eq!(rnli.sections[2].level, 3);
    assert_eq!(rnli.sections[6].heading.as_deref(), Some("East Division"));
    for (division, count, location) in [
        ("East Division", 42, "Hunstanton, Norfolk"),
        ("South Division", 35, "Mudeford, Dorset"),
    ] {
        let rows = tables(section(&rnli, division))[0];
        assert_eq!(rows.len() - 1, count, "{division}");
        assert!(
            row_by_header(rows, 0).contains(&("Location".into(), location.into())),
            "{division}"
        );
    }

    let toronto = read("toronto.txt");
    assert_eq!(toronto.sections.len(), 35);
    let history = toronto
        .sections
        .iter()
        .position(|s| s.heading.as_deref() == Some("History"))
        .unwrap_or(0);
    let next_sibling = toronto.sections[history + 1..]
        .iter()
        .find(|s| s.level <= 2);
    assert_eq!(
        next_sibling.and_then(|s| s.heading.as_deref()),
        Some("Geography")
    );
    let geography = toronto
        .sections
        .iter()
        .position(|s| s.heading.as_deref() == Some("Geography"))
        .unwrap_or(0);
    let children: Vec<&str> = toronto.sections[geography + 1..]
        .iter()
        .take_while(|s| s.level > 2)
        .filter(|s| s.level == 3)
        .filter_map(|s| s.heading.as_deref())
        .collect();
    assert_eq!(children, ["Topography", "Climate"]);

    let chemistry = read("Chemical-biology.txt");
    assert_eq!(
        (
            chemistry.sections[1].heading.as_deref(),
            chemistry.sections[1].level
        ),
        (Some("Introduction"), 2)
    );
    assert_eq!(chemistry.sections[3].level, 3);

    let milstead = read("Charlie-Milstead.txt");
    let first_bold = milstead.sections[0]
        .inlines()
        .find_map(|inline| match inline {
            Inline::Text { text, emphasis } if emphasis.bold => Some(text.clone()),
            _ => None,
        });
    assert_eq!(first_bold.as_deref(), Some("Charles Frank Milstead"));
    assert_eq!(milstead.sections[1].heading.as_deref(), Some("Career"));

    let redirect = read("redirect.txt");
    assert_eq!(redirect.redirect.as_deref(), Some("Toronto"));
    assert!(redirect.infobox.is_empty());
}

#[test]
fn articles_with_and_without_citations() {
    let assertions = peer_json("assertions.json");
    let without: Vec<String> = assertions["corpus_wide"]["has_no_citation"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str())
        .filter(|name| !name.contains("not staged"))
        .map(str::to_string)
        .collect();
    for name in corpus_files() {
        let article = read(&name);
        if name == "redirect.txt" {
            continue;
        }
        // The peer also counts `{{cite…}}` in the text as citations: these two have references
        // only in a section of their own, no footnote markers.
        let peer_counts_bibliography = matches!(
            name.as_str(),
            "2008-British-motorcycle-Grand-Prix.txt" | "Alanine—oxo-acid-transaminase.txt"
        );
        let has_citation = !article.citations().is_empty();
        assert_eq!(
            has_citation,
            !without.contains(&name) && !peer_counts_bibliography,
            "{name}"
        );
        assert!(
            article.sections[0]
                .blocks
                .iter()
                .any(|b| !b.inline_runs().is_empty())
                || name == "list.txt"
                || name == "raith_rovers.txt"
                || !article.sections[0].is_empty(),
            "{name}: the lead has text"
        );
    }
}

#[test]
fn the_paired_revisions_read() {
    let clark = read("en-William_Clark_(inventor).wikitext");
    assert_eq!(clark.title, "en-William Clark (inventor)");
    assert_eq!(clark.references.len(), 1);
    assert_eq!(clark.citations().len(), 1);
    let potts = read("en-Mike_Potts_disambig.wikitext");
    let links: Vec<String> = potts.links().into_iter().map(|l| l.text).collect();
    assert!(links.len() >= 4, "{links:?}");
}
