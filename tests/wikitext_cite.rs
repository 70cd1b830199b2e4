//! References as MediaWiki's Cite extension numbers them. Cases written for folio after the
//! behaviour the Cite parser tests describe (numbering, reuse, groups, list-defined references,
//! errors), plus the CS1 citation templates and short citations.

use folio::article::{Article, Block, Inline, LinkTarget, plain_text};
use folio::format::{self, Format};

fn read(source: &str) -> Article {
    match format::read(source.as_bytes(), "case.wiki", Some(Format::Wikitext)) {
        Ok(reading) => reading.article,
        Err(error) => panic!("{error}"),
    }
}

/// Markers in reading order as `label→reference index`.
fn markers(article: &Article) -> Vec<String> {
    article
        .citations()
        .iter()
        .map(|site| match site.reference {
            Some(index) => format!("{}→{index}", site.label),
            None => format!("{}→none", site.label),
        })
        .collect()
}

/// References as `label: text`.
fn references(article: &Article) -> Vec<String> {
    article
        .references
        .iter()
        .map(|reference| format!("{}: {}", reference.label, plain_text(&reference.text)))
        .collect()
}

#[test]
fn references_are_numbered_by_first_use() {
    let article = read("A<ref>one</ref> B<ref>two</ref> C<ref>three</ref>\n\n<references/>");
    assert_eq!(markers(&article), ["1→0", "2→1", "3→2"]);
    assert_eq!(references(&article), ["1: one", "2: two", "3: three"]);
}

#[test]
fn a_reused_name_keeps_one_number_and_every_place_citing_it() {
    let article =
        read("A<ref name=\"x\">first</ref> B<ref>other</ref> C<ref name=x /> D<ref name='x'/>");
    assert_eq!(markers(&article), ["1→0", "2→1", "1→0", "1→0"]);
    assert_eq!(references(&article), ["1: first", "2: other"]);
}

#[test]
fn a_use_before_the_definition_takes_the_number() {
    let article = read("A<ref name=later/> B<ref>b</ref> C<ref name=later>the text</ref>");
    assert_eq!(markers(&article), ["1→0", "2→1", "1→0"]);
    assert_eq!(references(&article), ["1: the text", "2: b"]);
}

#[test]
fn the_first_definition_wins_and_blank_bodies_define_nothing() {
    let article = read("A<ref name=n> </ref> B<ref name=n>real</ref> C<ref name=n>other</ref>");
    assert_eq!(markers(&article), ["1→0", "1→0", "1→0"]);
    assert_eq!(references(&article), ["1: real"]);
}

#[test]
fn groups_have_their_own_lists_and_labels() {
    let article = read(
        "A<ref>r1</ref> B<ref group=note>n1</ref> C<ref group=\"lower-alpha\">a1</ref> \
         D<ref group=note>n2</ref> E<ref>r2</ref> F<ref group=lower-alpha>a2</ref>\n\
         ==Notes==\n<references group=\"lower-alpha\"/>\n<references group=note/>\n\
         ==References==\n<references/>",
    );
    assert_eq!(
        markers(&article),
        ["1→4", "note 1→2", "a→0", "note 2→3", "2→5", "b→1"]
    );
    // Lists in the order the article shows them.
    assert_eq!(
        references(&article),
        [
            "a: a1",
            "b: a2",
            "note 1: n1",
            "note 2: n2",
            "1: r1",
            "2: r2"
        ]
    );
    let groups: Vec<Option<&str>> = article
        .references
        .iter()
        .map(|r| r.group.as_deref())
        .collect();
    assert_eq!(
        groups,
        [
            Some("lower-alpha"),
            Some("lower-alpha"),
            Some("note"),
            Some("note"),
            None,
            None
        ]
    );
}

#[test]
fn efn_notes_are_lettered_and_notelist_places_them() {
    let article = read(
        "Text{{efn|A note.}} more<ref>Ref.</ref>{{efn|name=n|Named.}} again{{efn|name=n}}\n\
         ==Notes==\n{{notelist}}\n==References==\n{{reflist}}",
    );
    assert_eq!(markers(&article), ["a→0", "1→2", "b→1", "b→1"]);
    assert_eq!(references(&article), ["a: A note.", "b: Named.", "1: Ref."]);
}

#[test]
fn list_defined_references_take_numbers_where_they_are_used() {
    let article = read(
        "B<ref name=b/> A<ref name=a/>\n\n{{reflist|refs=\n<ref name=a>Alpha</ref>\n<ref name=b>Beta</ref>\n<ref name=unused>Never cited</ref>\n}}",
    );
    assert_eq!(markers(&article), ["1→0", "2→1"]);
    // An unused list-defined reference is an error in MediaWiki and is not listed.
    assert_eq!(references(&article), ["1: Beta", "2: Alpha"]);
    let tag_form =
        read("X<ref name=r/>\n<references>\n<ref name=r>Defined in the list</ref>\n</references>");
    assert_eq!(references(&tag_form), ["1: Defined in the list"]);
}

#[test]
fn a_references_list_restarts_the_numbering_of_its_group() {
    let article = read("A <ref>foo</ref>\n\n<references />\n\nB <ref>bar</ref>\n\n<references />");
    assert_eq!(markers(&article), ["1→0", "1→1"]);
    assert_eq!(references(&article), ["1: foo", "1: bar"]);
}

#[test]
fn erroneous_refs_make_no_reference() {
    // No name and no content; a self-closed use of a name never defined still numbers.
    let article = read("A<ref /> B<ref></ref> C<ref name=ghost/>");
    assert_eq!(markers(&article), ["1→0"]);
    assert_eq!(references(&article), ["1: "]);
    // Unclosed: no reference, the text stays.
    let unclosed = read("D<ref>never closed");
    assert!(unclosed.references.is_empty());
}

#[test]
fn follow_adds_text_to_the_parent_reference() {
    let article = read("A<ref name=p>Part one.</ref> B<ref follow=p>Part two.</ref>");
    assert_eq!(markers(&article), ["1→0"]);
    assert_eq!(references(&article), ["1: Part one. Part two."]);
}

#[test]
fn refs_inside_comments_and_nowiki_are_not_refs() {
    let article = read("A<!-- <ref>hidden</ref> --> B<nowiki><ref>shown</ref></nowiki>");
    assert!(article.references.is_empty());
    assert_eq!(
        plain_text(&article.sections[0].inlines().cloned().collect::<Vec<_>>()),
        "A B<ref>shown</ref>"
    );
}

#[test]
fn tag_ref_and_refn_are_footnotes() {
    let article =
        read("A{{#tag:ref|Tagged.|group=nb}} B{{refn|Plain refn.}}\n<references group=nb/>");
    assert_eq!(markers(&article), ["nb 1→0", "1→1"]);
    assert_eq!(references(&article), ["nb 1: Tagged.", "1: Plain refn."]);
}

#[test]
fn cite_templates_read_in_the_cs1_manner_and_collect_urls() {
    let article = read(
        "A<ref>{{cite web |last=Smith |first=Jane |date=5 May 2010 |title=The Page |url=http://example.org/page \
         |website=Example |archive-url=https://web.archive.org/web/2011/http://example.org/page \
         |archive-date=1 June 2011 |access-date=2 March 2012}}</ref> \
         B<ref>{{cite book |last1=Doe |first1=John |last2=Roe |first2=Rick |year=1999 |title=A Book \
         |publisher=Press |location=London |pages=10–12 |isbn=978-0-00-000000-2}}</ref> \
         C<ref>{{cite journal |author=Lee, K. |title=On Things |journal=Nature |volume=5 |issue=2 \
         |doi=10.1000/xyz |year=2001}}</ref>",
    );
    assert_eq!(
        references(&article),
        [
            "1: Smith, Jane (5 May 2010). \"The Page\". Example. Archived from the original on 1 June 2011. Retrieved 2 March 2012.",
            "2: Doe, John; Roe, Rick (1999). A Book. London: Press. pp. 10–12. ISBN 978-0-00-000000-2.",
            "3: Lee, K. (2001). \"On Things\". Nature 5 (2). doi:10.1000/xyz.",
        ]
    );
    assert_eq!(
        article.references[0].urls,
        [
            "http://example.org/page",
            "https://web.archive.org/web/2011/http://example.org/page"
        ]
    );
    assert!(article.references[1].urls.is_empty());
    assert_eq!(article.references[2].urls, ["https://doi.org/10.1000/xyz"]);
    // The title is the link to the source.
    assert!(article.references[0].text.contains(&Inline::Link {
        text: "The Page".into(),
        target: LinkTarget::External("http://example.org/page".into()),
    }));
}

#[test]
fn bare_and_bracketed_urls_in_refs_are_collected() {
    let article = read("A<ref>[http://a.example/x Report] and http://b.example/y.</ref>");
    assert_eq!(references(&article), ["1: Report and http://b.example/y."]);
    assert_eq!(
        article.references[0].urls,
        ["http://a.example/x", "http://b.example/y"]
    );
}

#[test]
fn short_citations_read_author_year_page_and_point_to_the_full_entry() {
    let article = read(
        "A.{{sfn|Smith|2001|p=5}} B.{{sfn|Smith|2001|p=5}} C.{{sfn|Smith|Jones|2003|pp=1–2}} \
         D.<ref>{{harvnb|Smith|2001|p=9}}; see also.</ref>\n\
         ==Sources==\n\
         * {{cite book |last=Smith |first=Ann |year=2001 |title=Old Book |url=http://books.example/old}}\n\
         * {{cite book |last=Smith |first=Ann |last2=Jones |first2=Bo |year=2003 |title=New Book}}",
    );
    assert_eq!(markers(&article), ["1→0", "1→0", "2→1", "3→2"]);
    let texts = references(&article);
    assert_eq!(
        texts[0],
        "1: Smith 2001, p. 5. → Smith, Ann (2001). Old Book."
    );
    assert_eq!(
        texts[1],
        "2: Smith & Jones 2003, pp. 1–2. → Smith, Ann; Jones, Bo (2003). New Book."
    );
    assert_eq!(
        texts[2],
        "3: Smith 2001, p. 9; see also. → Smith, Ann (2001). Old Book."
    );
    assert_eq!(article.references[0].urls, ["http://books.example/old"]);
    // Without a bibliography entry the short text stands alone.
    let alone = read("X.{{sfn|Nobody|1900}}");
    assert_eq!(references(&alone), ["1: Nobody 1900."]);
}

#[test]
fn citations_in_the_infobox_come_first() {
    let article =
        read("{{Infobox thing\n| size = 5 m<ref>Size ref.</ref>\n}}\nText.<ref>Text ref.</ref>");
    assert_eq!(references(&article), ["1: Size ref.", "2: Text ref."]);
    let value = &article.infobox.fields[0].value;
    assert!(value.contains(&Inline::Citation {
        label: "1".into(),
        reference: Some(0)
    }));
}

#[test]
fn a_reference_in_a_heading_is_a_marker_under_the_heading() {
    let article = read(
        "Lead.<ref>lead ref</ref>\n== History<ref>heading ref</ref><ref name=h>named</ref> ==\nBody.<ref name=h/>\n==References==\n<references/>",
    );
    let history = &article.sections[1];
    assert_eq!(history.heading.as_deref(), Some("History"));
    assert_eq!(
        history.blocks,
        [
            Block::Paragraph {
                inlines: vec![
                    Inline::Citation {
                        label: "2".into(),
                        reference: Some(1)
                    },
                    Inline::Citation {
                        label: "3".into(),
                        reference: Some(2)
                    },
                ]
            },
            Block::Paragraph {
                inlines: vec![
                    Inline::text("Body."),
                    Inline::Citation {
                        label: "3".into(),
                        reference: Some(2)
                    },
                ]
            },
        ]
    );
    assert_eq!(markers(&article), ["1→0", "2→1", "3→2", "3→2"]);
    assert_eq!(
        references(&article),
        ["1: lead ref", "2: heading ref", "3: named"]
    );
}

#[test]
fn an_unknown_template_that_is_a_whole_reference_shows_its_arguments() {
    let article = read(
        "A<ref name=\"SC2011cd\">{{SCref |unit=cd |3520}}</ref> \
         B<ref>{{Data source|Year=2007|ScientificName=Blanus cinereus|link=http://x.example/a|note=}}</ref> \
         C<ref>See {{unknown|x}} here.</ref> D<ref>{{cbignore}}</ref>",
    );
    assert_eq!(
        references(&article),
        [
            "1: SCref. Unit: cd. 3520.",
            "2: Data source. Year: 2007. Scientific Name: Blanus cinereus. Link: http://x.example/a.",
            "3: See here.",
            "4: ",
        ]
    );
    assert_eq!(article.references[1].urls, ["http://x.example/a"]);
    let no_debris = article
        .references
        .iter()
        .map(|r| plain_text(&r.text))
        .all(|text| !text.contains(['{', '|', '=']));
    assert!(no_debris);
}

#[test]
fn harvard_citations_place_the_year_as_their_template_does() {
    let article = read(
        "{{harvs|txt|first=Ann|last=Smith|year=2001}} wrote; \
         {{harvs|txt=yes|author1=Smith|author2=Jones|year1=2003|p=4}} agree; \
         {{harvs|nb=yes|last1=Smith|last2=Jones|last3=Lee|year=2003|year2=2005}}; \
         {{harvs|last=Smith|year=2001}}; {{harvtxt|Smith|Jones|2003|p=9}}; \
         {{harvcoltxt|Smith|2001|p=9}}; {{harv|Smith|Jones|Lee|Kay|2003}}; \
         X.{{sfnp|Smith|2001|p=5}} Y.<ref>{{harvs|txt|last=Smith|year=2001}} says so.</ref>\n\
         ==Sources==\n\
         * {{cite book |last=Smith |first=Ann |year=2001 |title=Old Book}}\n\
         * {{cite book |last=Smith |first=Ann |last2=Jones |first2=Bo |year=2003 |title=New Book}}",
    );
    assert_eq!(
        plain_text(match &article.sections[0].blocks[0] {
            Block::Paragraph { inlines } => inlines,
            other => panic!("not a paragraph: {other:?}"),
        }),
        "Ann Smith (2001) wrote; Smith & Jones (2003, p. 4) agree; \
         Smith, Jones & Lee 2003, 2005; (Smith 2001); Smith & Jones (2003, p. 9); \
         Smith (2001:9); (Smith et al. 2003); X.[1] Y.[2]"
    );
    assert_eq!(
        references(&article),
        [
            "1: Smith (2001), p. 5. → Smith, Ann (2001). Old Book.",
            "2: Smith (2001) says so. → Smith, Ann (2001). Old Book.",
        ]
    );
}

/// Cases of MediaWiki's citeParserTests.txt (shared corpus, peer/mediawiki-cite): each list
/// numbers its group from 1 again, labels repeat as the page shows them, and every reference
/// keeps an index of its own.
#[test]
fn each_references_list_numbers_its_group_as_the_cite_parser_tests_show() {
    // "Counters should be cleared after processing named <references group="…">"
    let article = read(
        "A <ref group=\"g\">foo</ref>\n\n<references group=\"g\" />\n\n\
         B <ref group=\"g\">bar</ref>\n\n<references group=\"g\" />",
    );
    assert_eq!(markers(&article), ["g 1→0", "g 1→1"]);
    assert_eq!(references(&article), ["g 1: foo", "g 1: bar"]);

    // "References: 4. only referenced group should be cleared after processing references"
    let article = read(
        "A <ref group=\"a\">afoo</ref>\nB <ref>bfoo</ref>\n\n<references group=\"a\" />\n\n\
         C <ref>cfoo</ref>\n\n<references />",
    );
    assert_eq!(markers(&article), ["a 1→0", "1→1", "2→2"]);
    assert_eq!(references(&article), ["a 1: afoo", "1: bfoo", "2: cfoo"]);

    // "Numbers in the default group need to start with 1, independent from other groups"
    let article = read(
        "<ref name=\"a\" group=\"g\" />\n{{#tag:references|\n<ref name=\"a\">a</ref>\n|group=g}}\n\
         <ref name=\"c\">c</ref>",
    );
    assert_eq!(markers(&article), ["g 1→0", "1→1"]);
    assert_eq!(references(&article), ["g 1: a", "1: c"]);

    // "References: 9. Generate missing references list at the end"
    let article = read("A <ref>foo</ref>\nB <ref group=\"inexistent\">bar</ref>");
    assert_eq!(markers(&article), ["1→0", "inexistent 1→1"]);
    assert_eq!(references(&article), ["1: foo", "inexistent 1: bar"]);

    // A name reused after its list is a new reference of the new list (numbered 1 again).
    let article = read(
        "A<ref name=x>foo</ref> B<ref>bar</ref>\n<references/>\nC<ref name=x/> D<ref>baz</ref>\n{{reflist}}",
    );
    assert_eq!(markers(&article), ["1→0", "2→1", "1→2", "2→3"]);
    assert_eq!(references(&article), ["1: foo", "2: bar", "1: ", "2: baz"]);
}
