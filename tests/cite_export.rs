//! `folio cite` read by a real client: pandoc renders a bibliography with `--citeproc` from
//! folio's CSL-JSON and from its BibTeX, and each entry keeps its title, first author and year
//! (issue 11, items 3 and 6). Also RIS's tag list, `--ref`, and the text format.
//!
//! pandoc is Debian's package (`apt-get install pandoc`); `.ci/run` installs it when missing.
//! Without it these tests fail and say so: they never pass by skipping.

mod pandoc_support;

use pandoc_support::pandoc_bibliography;
use std::path::Path;
use std::process::Command;

const ARTICLE: &str = "'''Case''' text.<ref>{{cite web |last=O'Brien |first=Ann \
|title=Profits & Losses: 100% {true} #1 a_b ~x^y \\back |website=The Site |date=17 December 2013 \
|url=https://e.org/a%20b?x=1&y={2}#f}}</ref> More.<ref>{{cite book |author=World Health \
Organization |title=Global Report |year=2001 |publisher=WHO |location=Geneva}}</ref> \
Again.<ref>{{cite journal |last1=Émile |first1=Zoé |last2=Two |first2=B |title=Über alles \
|journal=Nature |volume=3 |issue=4 |pages=10–20 |date=2019-05 |doi=10.1000/x_y}}</ref> \
Bad.<ref>{{cite web |url=javascript:alert(1) |title=Broken \u{7}entry |date=not a date \
|last=Null}}</ref> Same.<ref>{{cite web |last=O'Brien |first=Ann |title=Profits again \
|date=2013}}</ref> Plain.<ref>Just a note, 1999.</ref>\n<references/>\n";

/// (title, first author's family name, year) of each reference in ARTICLE with fields.
const EXPECTED: &[(&str, &str, &str)] = &[
    ("Profits & Losses", "O’Brien", "2013"),
    ("Global Report", "World Health Organization", "2001"),
    ("Über alles", "Émile", "2019"),
    ("Broken", "Null", ""),
    ("Profits again", "O’Brien", "2013"),
];

fn folio(dir: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|error| panic!("folio: {error}"));
    assert!(
        output.status.success(),
        "folio {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap_or_else(|error| panic!("not UTF-8: {error}"))
}

fn article_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    std::fs::write(dir.path().join("Case.wiki"), ARTICLE).unwrap_or_else(|e| panic!("{e}"));
    dir
}

/// Each expected entry is one paragraph of the rendered bibliography with its title, first
/// author and year; the article's own entry and the plain reference are there too.
fn check_rendered(rendered: &str, format: &str) {
    let entries: Vec<&str> = rendered.split("\n\n").map(str::trim).collect();
    for (title, author, year) in EXPECTED {
        let entry = entries
            .iter()
            // The style title-cases English titles.
            .find(|entry| entry.to_lowercase().contains(&title.to_lowercase()))
            .unwrap_or_else(|| panic!("{format}: no entry titled {title:?} in\n{rendered}"));
        // The style writes a repeated author as a dash.
        let author_shown = entry.contains(author) || entry.starts_with("———");
        assert!(author_shown, "{format}: {author:?} not in {entry:?}");
        assert!(entry.contains(year), "{format}: {year:?} not in {entry:?}");
        assert!(!entry.contains("javascript"), "{format}: {entry:?}");
    }
    assert!(
        entries.iter().any(|entry| entry.contains("Case")),
        "{rendered}"
    );
    assert!(
        entries
            .iter()
            .any(|entry| entry.to_lowercase().contains("just a note")),
        "{rendered}"
    );
    assert_eq!(entries.len(), 7, "{format}: {rendered}");
}

#[test]
fn pandoc_renders_folio_csl_json() {
    let dir = article_dir();
    let json = folio(dir.path(), &["cite", "--format", "csl-json", "Case.wiki"]);
    let items: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|error| panic!("{error}: {json}"));
    let items = items.as_array().unwrap_or_else(|| panic!("not an array"));
    assert_eq!(items.len(), 7);
    assert_eq!(items[0]["type"], "entry-encyclopedia");
    assert!(items[0]["accessed"]["date-parts"][0][0].is_number());
    let ids: std::collections::HashSet<&str> = items
        .iter()
        .filter_map(|item| item["id"].as_str())
        .collect();
    assert_eq!(ids.len(), 7, "ids not unique: {json}");
    std::fs::write(dir.path().join("refs.json"), &json).unwrap_or_else(|e| panic!("{e}"));
    check_rendered(&pandoc_bibliography(dir.path(), "refs.json"), "CSL-JSON");
}

#[test]
fn pandoc_renders_folio_bibtex() {
    let dir = article_dir();
    let bib = folio(dir.path(), &["cite", "--format", "bibtex", "Case.wiki"]);
    assert!(
        bib.contains("Profits \\& Losses: 100\\% \\{true\\}"),
        "{bib}"
    );
    assert!(bib.contains("@misc{obrien2013profits,"), "{bib}");
    assert!(bib.contains("@misc{obrien2013profitsb,"), "{bib}");
    assert!(
        bib.contains("author = {{World Health Organization}}"),
        "{bib}"
    );
    // Stable: the same keys on every run.
    assert_eq!(
        bib,
        folio(dir.path(), &["cite", "--format", "bibtex", "Case.wiki"])
    );
    for file in ["refs.bib", "refs.bibtex"] {
        std::fs::write(dir.path().join(file), &bib).unwrap_or_else(|e| panic!("{e}"));
        check_rendered(&pandoc_bibliography(dir.path(), file), file);
    }
}

#[test]
fn ris_follows_its_tag_list() {
    let dir = article_dir();
    let ris = folio(dir.path(), &["cite", "--format", "ris", "Case.wiki"]);
    let records: Vec<&str> = ris.split_inclusive("ER  - \n").collect();
    assert_eq!(records.len(), 7, "{ris}");
    for record in &records {
        assert!(record.starts_with("TY  - "), "{record}");
        for line in record.lines() {
            let bytes = line.as_bytes();
            assert!(
                bytes.len() >= 6
                    && &bytes[2..6] == b"  - "
                    && bytes[..2].iter().all(u8::is_ascii_alphanumeric),
                "not a RIS line: {line:?}"
            );
        }
    }
    assert!(records[0].starts_with("TY  - ENCYC\n"));
    let journal = records[3];
    for line in [
        "TY  - JOUR",
        "AU  - Émile, Zoé",
        "AU  - Two, B",
        "T2  - Nature",
        "PY  - 2019",
        "DA  - 2019/05//",
        "SP  - 10",
        "EP  - 20",
        "VL  - 3",
        "IS  - 4",
        "DO  - 10.1000/x_y",
    ] {
        assert!(
            journal.lines().any(|l| l == line),
            "{line:?} not in {journal}"
        );
    }
}

#[test]
fn ref_picks_references_and_text_lists_them() {
    let dir = article_dir();
    let text = folio(
        dir.path(),
        &["cite", "--ref", "3", "--ref", "1", "Case.wiki"],
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0].starts_with("Case. Encyclopedia article. Retrieved "),
        "{text}"
    );
    assert!(
        lines[1].starts_with("[3] Émile, Zoé; Two, B (May 2019)")
            || lines[1].starts_with("[3] Émile"),
        "{text}"
    );
    assert!(lines[2].starts_with("[1] O'Brien, Ann"), "{text}");
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["cite", "--ref", "99", "Case.wiki"])
        .current_dir(dir.path())
        .output()
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no reference labelled “99”"));
}

/// The item properties of the CSL data schema (citation-style-language/schema,
/// schemas/input/csl-data.json, which sets `additionalProperties: false`) that folio can write.
const CSL_ITEM_KEYS: &[&str] = &[
    "type",
    "id",
    "language",
    "author",
    "editor",
    "accessed",
    "issued",
    "collection-title",
    "container-title",
    "DOI",
    "edition",
    "ISBN",
    "ISSN",
    "issue",
    "page",
    "PMCID",
    "PMID",
    "publisher",
    "publisher-place",
    "title",
    "URL",
    "volume",
    "custom",
];

/// The schema's types (its `type` enum) that folio's kinds map to.
const CSL_TYPES: &[&str] = &[
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "book",
    "broadcast",
    "chapter",
    "document",
    "entry-encyclopedia",
    "interview",
    "map",
    "motion_picture",
    "paper-conference",
    "patent",
    "report",
    "speech",
    "thesis",
    "webpage",
];

#[test]
fn csl_json_keeps_to_the_csl_data_schema() {
    let dir = article_dir();
    let extra = "X.<ref>{{cite web |url=http://e.org |title=T |archive-url=https://web.archive.org/x \
                 |archive-date=2001-02-03 |url-status=dead |quote=Q |jstor=42 |editor=Ed}}</ref>\n";
    let article = format!("{ARTICLE}{extra}<references/>\n");
    std::fs::write(dir.path().join("Case.wiki"), article).unwrap_or_else(|e| panic!("{e}"));
    let json = folio(dir.path(), &["cite", "--format", "csl-json", "Case.wiki"]);
    let items: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_str(&json).unwrap_or_else(|error| panic!("{error}: {json}"));
    for item in &items {
        for (key, value) in item {
            assert!(
                CSL_ITEM_KEYS.contains(&key.as_str()),
                "{key} is no CSL variable"
            );
            if let Some(names) = value
                .as_array()
                .filter(|_| key == "author" || key == "editor")
            {
                for name in names.iter().filter_map(|name| name.as_object()) {
                    assert!(
                        name.keys()
                            .all(|k| ["family", "given", "literal"].contains(&k.as_str()))
                    );
                }
            }
            if key == "issued" || key == "accessed" {
                let date = value.as_object().unwrap_or_else(|| panic!("{value}"));
                assert!(
                    date.keys().all(|k| k == "date-parts" || k == "literal"),
                    "{value}"
                );
                if let Some(parts) = date.get("date-parts").and_then(|p| p.as_array()) {
                    assert_eq!(parts.len(), 1);
                    let first = parts[0].as_array().map_or(0, Vec::len);
                    assert!((1..=3).contains(&first), "{value}");
                }
            }
        }
        assert!(item["id"].is_string());
        let kind = item["type"].as_str().unwrap_or_default();
        assert!(CSL_TYPES.contains(&kind), "{kind}");
    }
    let archived = items.last().unwrap_or_else(|| panic!("no items"));
    assert_eq!(archived["custom"]["url-status"], "dead");
    assert_eq!(
        archived["custom"]["archive-url"],
        "https://web.archive.org/x"
    );
    assert_eq!(archived["custom"]["identifiers"][0]["scheme"], "JSTOR");
    assert_eq!(archived["editor"][0]["literal"], "Ed");
    // pandoc reads it, `custom` and all: one rendered entry per item.
    std::fs::write(dir.path().join("refs.json"), &json).unwrap_or_else(|e| panic!("{e}"));
    let rendered = pandoc_bibliography(dir.path(), "refs.json");
    assert_eq!(
        rendered.trim().split("\n\n").count(),
        items.len(),
        "{rendered}"
    );
}
