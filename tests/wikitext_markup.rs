//! Wikitext markup into the article model: headings, lists, tables, emphasis, links, tags,
//! templates, redirects, detection.

use folio::article::{Article, Block, Emphasis, Inline, LinkTarget, ListKind, plain_text};
use folio::format::{self, Format};

fn read(source: &str) -> Article {
    match format::read(source.as_bytes(), "Some_Title.wiki", Some(Format::Wikitext)) {
        Ok(reading) => reading.article,
        Err(error) => panic!("{error}"),
    }
}

/// Each link of the text: what it reads and where it goes.
fn links_of(article: &Article) -> Vec<(String, LinkTarget)> {
    article
        .links()
        .into_iter()
        .map(|link| (link.text, link.target))
        .collect()
}

fn section_text(article: &Article, index: usize) -> String {
    folio::format::json::section_text(&article.sections[index])
}

#[test]
fn headings_only_at_the_start_of_a_line() {
    let article =
        read("Lead text.\n== History ==\nOld.\n=== Early ===\nx == not a heading ==\n==Later==");
    let headings: Vec<(Option<&str>, u8)> = article
        .sections
        .iter()
        .map(|s| (s.heading.as_deref(), s.level))
        .collect();
    assert_eq!(
        headings,
        [
            (None, 0),
            (Some("History"), 2),
            (Some("Early"), 3),
            (Some("Later"), 2)
        ]
    );
    assert_eq!(section_text(&article, 2), "x == not a heading ==");
    assert_eq!(article.title, "Some Title");
}

#[test]
fn nested_numbered_and_definition_lists() {
    let article = read("* a\n** b\n# one\n#* c\n; Term : Meaning\n: indented");
    let Block::List { items } = &article.sections[0].blocks[0] else {
        panic!("no list: {:?}", article.sections[0].blocks);
    };
    let shape: Vec<(ListKind, u8, String)> = items
        .iter()
        .map(|item| (item.kind, item.depth, plain_text(&item.inlines)))
        .collect();
    assert_eq!(
        shape,
        [
            (ListKind::Bullet, 1, "a".into()),
            (ListKind::Bullet, 2, "b".into()),
            (ListKind::Numbered, 1, "one".into()),
            (ListKind::Bullet, 2, "c".into()),
            (ListKind::Term, 1, "Term".into()),
            (ListKind::Definition, 1, "Meaning".into()),
            (ListKind::Definition, 1, "indented".into()),
        ]
    );
}

#[test]
fn tables_become_rows_of_cells() {
    let article = read(
        "{| class=\"wikitable\"\n|+ Caption\n! Name !! style=\"x\" | Year\n|-\n| [[Alpha]] || 1999\n|-\n| style=\"color:red\" | Beta\n| 2000\n|}\nAfter.",
    );
    let Block::Table { rows, .. } = &article.sections[0].blocks[0] else {
        panic!("no table");
    };
    let cells: Vec<Vec<(bool, String)>> = rows
        .iter()
        .map(|row| {
            row.cells
                .iter()
                .map(|c| (c.header, plain_text(&c.inlines)))
                .collect()
        })
        .collect();
    assert_eq!(
        cells,
        [
            vec![(true, "Name".to_string()), (true, "Year".to_string())],
            vec![(false, "Alpha".to_string()), (false, "1999".to_string())],
            vec![(false, "Beta".to_string()), (false, "2000".to_string())],
        ]
    );
    assert_eq!(
        article.sections[0].blocks[1],
        Block::Paragraph {
            inlines: vec![Inline::text("After.")]
        }
    );
}

#[test]
fn bold_and_italic_are_emphasis() {
    let article = read("'''Bold''' and ''italic'' and '''''both'''''.");
    let Block::Paragraph { inlines } = &article.sections[0].blocks[0] else {
        panic!("no paragraph");
    };
    let bold = Emphasis {
        bold: true,
        italic: false,
    };
    let italic = Emphasis {
        bold: false,
        italic: true,
    };
    let both = Emphasis {
        bold: true,
        italic: true,
    };
    assert_eq!(
        inlines,
        &vec![
            Inline::Text {
                text: "Bold".into(),
                emphasis: bold
            },
            Inline::text(" and "),
            Inline::Text {
                text: "italic".into(),
                emphasis: italic
            },
            Inline::text(" and "),
            Inline::Text {
                text: "both".into(),
                emphasis: both
            },
            Inline::text("."),
        ]
    );
}

#[test]
fn internal_and_external_links() {
    let article = read(
        "[[Dog]]s, [[cat (animal)|cats]], [[Foo#Bar|foo]], [[#Local|here]], [http://e.example/x label], https://f.example/y",
    );
    assert_eq!(
        links_of(&article),
        [
            ("Dogs".to_string(), LinkTarget::Article("Dog".into())),
            (
                "cats".to_string(),
                LinkTarget::Article("Cat (animal)".into())
            ),
            (
                "foo".to_string(),
                LinkTarget::section("Foo".into(), "Bar".into())
            ),
            (
                "label".to_string(),
                LinkTarget::External("http://e.example/x".into())
            ),
            (
                "https://f.example/y".to_string(),
                LinkTarget::External("https://f.example/y".into())
            ),
        ]
    );
    assert_eq!(
        section_text(&article, 0),
        "Dogs, cats, foo, here, label, https://f.example/y"
    );
}

#[test]
fn categories_files_and_interlanguage_links_leave_the_text() {
    let article = read(
        "[[File:Pic.jpg|thumb|A caption]]Text [[Image:x.png]]stays.\n[[Category:Things]]\n[[de:Ding]]\n[[Kategorie:Dinge]]",
    );
    assert_eq!(section_text(&article, 0), "Text stays.");
}

#[test]
fn comments_nowiki_and_math() {
    let article = read("a<!-- hidden -->b <nowiki>''[[not]]''</nowiki> <math>\\alpha^2</math> c");
    assert_eq!(section_text(&article, 0), "ab ''[[not]]'' \\alpha^2 c");
}

#[test]
fn common_inline_templates_are_readable_and_unknown_ones_vanish() {
    let article = read(
        "{{convert|10|km|mi}}, {{lang|de|Haus}}, {{nowrap|New York}}, {{flag|France}}, \
         {{small|tiny}}, {{abbr|UN|United Nations}}, {{IPA|/ˈtɛst/}}, {{birth date and age|1950|3|4}}, \
         {{frac|1|2}}, {{circa|1900}}{{citation needed|date=May 2020}}{{Navbox|a|b}}. \
         Principles {{emdash}} and values {{ndash}} a{{snd}}b. Statoil ({{OSE|STL}}, {{Nasdaq|X}}).",
    );
    assert_eq!(
        section_text(&article, 0),
        "10 km, Haus, New York, France, tiny, UN, /ˈtɛst/, March 4, 1950, 1/2, c. 1900. \
         Principles — and values – a – b. Statoil (OSE: STL, Nasdaq: X)."
    );
}

#[test]
fn infobox_fields_in_order_with_links_and_breaks() {
    let article = read(
        "{{Infobox person\n| name = Jane Doe\n| image = Jane.jpg\n| birth_place = [[Paris]], France\n\
         | spouse = A<br>B\n| website =\n| birth_date = {{birth date|1950|1|2}}\n}}\n'''Jane''' is.",
    );
    assert_eq!(article.infobox.caption.as_deref(), Some("Jane Doe"));
    let labels: Vec<&str> = article
        .infobox
        .fields
        .iter()
        .map(|f| f.label.as_str())
        .collect();
    assert_eq!(labels, ["Birth place", "Spouse", "Birth date"]);
    assert_eq!(
        article.infobox.fields[0].value,
        vec![
            Inline::article_link("Paris", "Paris"),
            Inline::text(", France")
        ]
    );
    assert_eq!(
        article.infobox.fields[1].value,
        vec![Inline::text("A"), Inline::LineBreak, Inline::text("B")]
    );
    assert_eq!(
        plain_text(&article.infobox.fields[2].value),
        "January 2, 1950"
    );
    assert_eq!(section_text(&article, 0), "Jane is.");
}

#[test]
fn see_also_targets_inside_column_templates_are_links() {
    let article = read(
        "Lead.\n==See also==\n{{columns-list|colwidth=20em|\n* [[Alpha]]\n* [[Beta (thing)|Beta]]\n}}\n{{div col}}\n* [[Gamma]]\n{{div col end}}\n{{Portal|Things}}",
    );
    assert_eq!(article.see_also(), ["Alpha", "Beta (thing)", "Gamma"]);
}

#[test]
fn xml_escaped_wikitext_reads_as_wikitext() {
    let article =
        read("'''A''' is.&lt;ref&gt;&quot;Quote&quot; source&lt;/ref&gt; [[B]] &amp;amp; C");
    assert_eq!(article.references.len(), 1);
    assert_eq!(plain_text(&article.references[0].text), "\"Quote\" source");
    assert_eq!(section_text(&article, 0), "A is.[1] B & C");
}

#[test]
fn redirects_name_their_target() {
    let article = read("#REDIRECT [[Toronto]] {{R from move}}");
    assert_eq!(article.redirect.as_deref(), Some("Toronto"));
}

#[test]
fn detection_keeps_outline_and_plaintext() {
    assert_eq!(
        format::detect("= Title =\n\n==Heading==\n[[x]] {{y}}", "a.txt"),
        Format::Outline
    );
    let seed = std::fs::read_to_string("assets/001_1b985710a8456a24.txt").unwrap_or_default();
    assert_eq!(format::detect(&seed, "001.txt"), Format::Plaintext);
    assert_eq!(
        format::detect("'''Bold''' [[link]]", "a.txt"),
        Format::Wikitext
    );
    assert_eq!(
        format::detect("Just some words.", "page.wiki"),
        Format::Wikitext
    );
    assert_eq!(
        format::detect("Just some words.", "page.txt"),
        Format::Plaintext
    );
}

#[test]
fn a_dump_page_carries_its_title() {
    let page = "<mediawiki><page><title>Foo Bar</title><revision><text>'''Foo''' [[bar]]</text></revision></page></mediawiki>";
    let article = read(page);
    assert_eq!(article.title, "Foo Bar");
    assert_eq!(section_text(&article, 0), "Foo bar");
}

#[test]
fn quotations_on_their_own_line_are_quote_blocks_with_their_attribution() {
    let article = read(
        "He wrote:{{quote|First part.\n\nSecond [[part]].|Jane Doe|The Book|p. 5}}\n\
         {{Cquote|quote=Short.|author=[[Ann Lee]]}}\n\
         <blockquote>One\nline.\n\nTwo<ref>r</ref>.</blockquote> After.\n\
         Said {{quote|inline words}} in passing.",
    );
    let italic = Emphasis {
        bold: false,
        italic: true,
    };
    assert_eq!(
        article.sections[0].blocks,
        [
            Block::Paragraph {
                inlines: vec![Inline::text("He wrote:")]
            },
            Block::Quote {
                inlines: vec![
                    Inline::text("First part."),
                    Inline::LineBreak,
                    Inline::text("Second "),
                    Inline::article_link("part", "Part"),
                    Inline::text("."),
                    Inline::LineBreak,
                    Inline::text("— Jane Doe, "),
                    Inline::Text {
                        text: "The Book".into(),
                        emphasis: italic
                    },
                    Inline::text(", p. 5"),
                ]
            },
            Block::Quote {
                inlines: vec![
                    Inline::text("Short."),
                    Inline::LineBreak,
                    Inline::text("— "),
                    Inline::article_link("Ann Lee", "Ann Lee"),
                ]
            },
            Block::Quote {
                inlines: vec![
                    Inline::text("One line."),
                    Inline::LineBreak,
                    Inline::text("Two"),
                    Inline::Citation {
                        label: "1".into(),
                        reference: Some(0)
                    },
                    Inline::text("."),
                ]
            },
            Block::Paragraph {
                inlines: vec![Inline::text("After. Said inline words in passing.")]
            },
        ]
    );
}

#[test]
fn lines_starting_with_a_space_are_preformatted() {
    let article = read(
        "Text.\n code  here [[Foo|foo]] ''x''\n   indented\n * not a list\n \nAfter.\n \
         {{Infobox a|b=c}}\n [[Category:X]]\n cited<ref>r</ref>\n <div>block</div>",
    );
    assert_eq!(
        article.sections[0].blocks,
        [
            Block::Paragraph {
                inlines: vec![Inline::text("Text.")]
            },
            Block::Preformatted {
                text: "code  here foo x\n  indented\n* not a list".into()
            },
            Block::Paragraph {
                inlines: vec![Inline::text("After.")]
            },
            // A citation must stay a marker: such lines become a paragraph with line breaks.
            Block::Paragraph {
                inlines: vec![
                    Inline::text("cited"),
                    Inline::Citation {
                        label: "1".into(),
                        reference: Some(0)
                    },
                ]
            },
            Block::Paragraph {
                inlines: vec![Inline::text("block")]
            },
        ]
    );
    assert_eq!(article.infobox.fields.len(), 1);
}

#[test]
fn a_nested_table_is_read_into_its_cell_a_line_per_row() {
    let article = read(
        "{| class=\"wikitable\"\n! Team !! Players\n|-\n| Reds\n| Squad:\n\
         {| class=\"inner\"\n! Name !! Pos\n|-\n| Ann || GK\n|-\n| Bob\n| DF\n|}\n\
         after inner\n|-\n| Blues || none\n|}",
    );
    let Block::Table { rows, .. } = &article.sections[0].blocks[0] else {
        panic!("no table: {:?}", article.sections[0].blocks);
    };
    let cells: Vec<Vec<Vec<Inline>>> = rows
        .iter()
        .map(|row| row.cells.iter().map(|cell| cell.inlines.clone()).collect())
        .collect();
    assert_eq!(
        cells,
        [
            vec![vec![Inline::text("Team")], vec![Inline::text("Players")]],
            vec![
                vec![Inline::text("Reds")],
                vec![
                    Inline::text("Squad:"),
                    Inline::LineBreak,
                    Inline::text("Name · Pos"),
                    Inline::LineBreak,
                    Inline::text("Ann · GK"),
                    Inline::LineBreak,
                    Inline::text("Bob · DF"),
                    Inline::LineBreak,
                    Inline::text("after inner"),
                ]
            ],
            vec![vec![Inline::text("Blues")], vec![Inline::text("none")]],
        ]
    );
}

/// `[[#Section]]` is a link to a section of the article itself, named by the article's title,
/// when a heading is that section; otherwise it is its text.
#[test]
fn a_link_to_a_section_of_this_article() {
    let article = read(
        "See [[#Early_history|below]], [[#Nowhere|nowhere]] and [[#Later]].\n\n\
         == Early history ==\nOld.\n\n== Later ==\nNew.\n",
    );
    assert_eq!(
        links_of(&article),
        [
            (
                "below".to_string(),
                LinkTarget::section("Some Title".into(), "Early history".into())
            ),
            (
                "#Later".to_string(),
                LinkTarget::section("Some Title".into(), "Later".into())
            ),
        ]
    );
    assert_eq!(section_text(&article, 0), "See below, nowhere and #Later.");
}
