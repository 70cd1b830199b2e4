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

/// Letters and digits only, lower-cased: the style changes case, quotation marks and dashes.
fn squashed(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// (title, first author's family name, year) of every reference of `file` that has all three,
/// from `folio dump --json`.
fn dumped_fields(dir: &Path, file: &str) -> Vec<(String, String, String)> {
    let json = folio(dir, &["dump", "--json", file]);
    let dump: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|error| panic!("{error}"));
    let references = dump["references"].as_array().cloned().unwrap_or_default();
    references
        .iter()
        .filter_map(|reference| {
            let cite = &reference["cite"];
            let title = cite["title"].as_str()?;
            let author = &cite["author"][0];
            let family = author["family"].as_str().or(author["literal"].as_str())?;
            let year = cite["issued"]["date-parts"][0][0].as_i64()?;
            Some((title.to_string(), family.to_string(), year.to_string()))
        })
        .collect()
}

/// pandoc renders `file`'s references from folio's CSL-JSON and BibTeX, each entry with its
/// reference's title, first author and year.
fn pandoc_renders_the_fields_of(dir: &Path, file: &str, minimum: usize) {
    let expected = dumped_fields(dir, file);
    assert!(
        expected.len() >= minimum,
        "{file}: only {} references with title, author and year",
        expected.len()
    );
    for (format, bibliography) in [("csl-json", "refs.json"), ("bibtex", "refs.bib")] {
        let export = folio(dir, &["cite", "--format", format, file]);
        std::fs::write(dir.join(bibliography), &export).unwrap_or_else(|e| panic!("{e}"));
        let rendered = pandoc_bibliography(dir, bibliography);
        let entries: Vec<String> = rendered.split("\n\n").map(squashed).collect();
        for (title, author, year) in &expected {
            let entry = entries
                .iter()
                .zip(rendered.split("\n\n"))
                .find(|(entry, _)| entry.contains(&squashed(title)))
                .unwrap_or_else(|| panic!("{file} {format}: no entry titled {title:?}"));
            let author_shown = entry.0.contains(&squashed(author)) || entry.1.starts_with("———");
            assert!(
                author_shown,
                "{file} {format}: {author:?} not in {}",
                entry.1
            );
            assert!(
                entry.0.contains(year.as_str()),
                "{file} {format}: {year} not in {}",
                entry.1
            );
        }
    }
}

fn copy_into(dir: &Path, from: &str, to: &str, change: impl Fn(String) -> String) {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join(from);
    let text = std::fs::read_to_string(&source).unwrap_or_else(|error| panic!("{error}"));
    std::fs::write(dir.join(to), change(text)).unwrap_or_else(|error| panic!("{error}"));
}

#[test]
fn pandoc_renders_the_fields_read_back_from_seed_001() {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    copy_into(
        dir.path(),
        "assets/001_1b985710a8456a24.txt",
        "Ashraf.txt",
        |text| text,
    );
    // Nine references; three name an author (the others a work only).
    pandoc_renders_the_fields_of(dir.path(), "Ashraf.txt", 3);
}

#[test]
fn pandoc_renders_the_fields_of_html_pages_with_and_without_coins() {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    copy_into(
        dir.path(),
        "tests/fixtures/html/en-Ray_Charles.kiwix-2015-06.html",
        "Ray.html",
        |text| text,
    );
    pandoc_renders_the_fields_of(dir.path(), "Ray.html", 8);
    copy_into(
        dir.path(),
        "tests/fixtures/html/readability-wikipedia.source.html",
        "Mozilla.html",
        |text| text.replace("class=\"Z3988\"", "class=\"no-coins\""),
    );
    pandoc_renders_the_fields_of(dir.path(), "Mozilla.html", 12);
}

/// Broken renderings (issue 11, item 6) as plain text and as HTML without COinS: each still a
/// reference with its text, with only fields that make sense, and pandoc reads the exports.
#[test]
fn broken_renderings_give_references_with_sensible_fields_and_valid_exports() {
    let many: Vec<String> = (1..=10_000).map(|n| format!("A{n}, B")).collect();
    let entries = [
        "Smith, J. (2001).".to_string(),
        "Null (not a date). \"Broken date\". Work.".to_string(),
        format!("{} (2002). \"Many authors\". Work.", many.join("; ")),
        "Ctl\u{7}name (2003). \"Con\u{1b}[31mtrol\". Work. Retrieved 5 May 2010.".to_string(),
        "\"\". . . (). Archived from the original on soon. Retrieved never.".to_string(),
    ];
    let mut text = String::from("Broken\n\nText.[1][2][3][4][5]\n\nReferences\n\n");
    for (n, entry) in entries.iter().enumerate() {
        text.push_str(&format!("  {}. ^ {entry}\n", n + 1));
    }
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    std::fs::write(dir.path().join("Broken.txt"), &text).unwrap_or_else(|e| panic!("{e}"));
    let json = folio(dir.path(), &["dump", "--json", "Broken.txt"]);
    let dump: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|error| panic!("{error}"));
    let references = dump["references"].as_array().cloned().unwrap_or_default();
    assert_eq!(references.len(), entries.len());
    let cite = |n: usize| references[n]["cite"].clone();
    assert_eq!(cite(0)["author"][0]["family"], "Smith");
    assert_eq!(cite(0)["issued"]["date-parts"][0][0], 2001);
    assert!(cite(0)["title"].is_null());
    assert_eq!(cite(1)["author"][0]["literal"], "Null");
    assert!(cite(1)["issued"].is_null());
    assert_eq!(cite(1)["title"], "Broken date");
    assert_eq!(cite(2)["author"].as_array().map(Vec::len), Some(10_000));
    assert!(!json.contains('\u{7}') && !json.contains('\u{1b}'));
    assert_eq!(cite(3)["accessed"]["date-parts"][0][1], 5);
    assert!(cite(4)["title"].is_null() && cite(4)["archive-date"].is_null());
    // Each reference keeps its text.
    for (n, words) in [
        "Smith, J. (2001).",
        "\"Broken date\". Work.",
        "A10000, B (2002). \"Many authors\"",
        "Ctlname (2003).",
        "Retrieved never.",
    ]
    .iter()
    .enumerate()
    {
        let text = references[n]["text"].to_string();
        assert!(
            text.contains(&words.replace('"', "\\\"")),
            "{words} not in {text}"
        );
    }
    for (format, file) in [("csl-json", "refs.json"), ("bibtex", "refs.bib")] {
        let export = folio(dir.path(), &["cite", "--format", format, "Broken.txt"]);
        std::fs::write(dir.path().join(file), &export).unwrap_or_else(|e| panic!("{e}"));
        let rendered = pandoc_bibliography(dir.path(), file);
        assert!(
            rendered.to_lowercase().contains("broken date"),
            "{format}: {rendered}"
        );
    }

    // HTML without COinS: a citation's links that are no web addresses give no URL.
    let html = "<html><head><title>Links - Wikipedia</title></head><body><p>Text.<sup \
                class=\"reference\" id=\"cite_ref-1\"><a href=\"#cite_note-1\">[1]</a></sup></p>\
                <ol class=\"references\"><li id=\"cite_note-1\"><a href=\"#cite_ref-1\">^</a> \
                <cite class=\"citation web\">Smith, Ann (2001). <a class=\"external\" \
                href=\"javascript:alert(1)\">\"Script\"</a>. <i>Work</i>. <a class=\"external\" \
                href=\"file:///etc/passwd\">Archived</a> from the original on 2 May 2002.</cite>\
                </li></ol></body></html>";
    std::fs::write(dir.path().join("Links.html"), html).unwrap_or_else(|e| panic!("{e}"));
    let json = folio(dir.path(), &["dump", "--json", "Links.html"]);
    let dump: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|error| panic!("{error}"));
    let cite = &dump["references"][0]["cite"];
    assert_eq!(cite["title"], "Script", "{json}");
    assert_eq!(cite["container-title"], "Work");
    assert!(
        cite["URL"].is_null() && cite["archive-url"].is_null(),
        "{json}"
    );
    assert!(
        !json.contains("javascript:") && !json.contains("file:"),
        "{json}"
    );
}
