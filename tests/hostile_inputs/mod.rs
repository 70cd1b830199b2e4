//! Hostile inputs that grow one kind of thing to `n`: the cases of issue 13 item 3, each of
//! which once took time quadratic in `n`. Shared by `tests/linear_time.rs` (correctness at a
//! large size) and `benches/hostile.rs` (time per element at 10³, 10⁴, 10⁵).
//! Each generator says what a correct reading of its input gives, for the tests to check.

#![allow(dead_code)] // each includer uses the generators it needs

use std::fmt::Write;

/// One HTML element with `n` distinct attributes, inside a paragraph reading "before inside after".
pub fn html_attributes(n: usize) -> String {
    let mut html = String::from("<html><head><title>Attributes</title></head><body><p>before ");
    html.push_str("<span");
    for i in 0..n {
        let _ = write!(html, " data-a{i}=\"v{i}\"");
    }
    html.push_str(">inside</span> after</p></body></html>");
    html
}

/// `n` markers in a paragraph, each pointing at a note the page lacks (`#cite_note-gone-i`),
/// and a reference list of `n` notes with other ids: marker `[i]` finds the reference labelled
/// `i` by its label.
pub fn html_missing_notes(n: usize) -> String {
    let mut html = String::from("<html><head><title>Missing notes</title></head><body><p>");
    for i in 1..=n {
        let _ = write!(
            html,
            "Fact {i}.<sup id=\"cite_ref-gone-{i}\" class=\"reference\"><a href=\"#cite_note-gone-{i}\">[{i}]</a></sup> "
        );
    }
    html.push_str("</p><h2>References</h2><ol class=\"references\">");
    for i in 1..=n {
        let _ = write!(
            html,
            "<li id=\"cite_note-other-{i}\"><span class=\"reference-text\">Source {i}.</span></li>"
        );
    }
    html.push_str("</ol></body></html>");
    html
}

/// Wikitext with `n` references, each in a group of its own (`g0`…), and a list of the default
/// group: reference `i` is labelled "g{i} 1" and they come in order of first use.
pub fn wikitext_ref_groups(n: usize) -> String {
    let mut text = String::from("'''Groups''' has [[many]] notes.\n\n");
    for i in 0..n {
        let _ = writeln!(text, "Fact {i}.<ref group=\"g{i}\">Note {i}.</ref>");
    }
    text.push_str("\n== Notes ==\n{{reflist}}\n");
    text
}

/// Wikitext with `n` references of the default group, then `n` lists of other groups
/// (`<references group="g{i}"/>`) that show none of them, then the default group's list.
pub fn wikitext_reference_lists(n: usize) -> String {
    let mut text = String::from("'''Lists''' has [[many]] lists.\n\n");
    for i in 0..n {
        let _ = writeln!(text, "Fact {i}.<ref name=\"r{i}\">Source {i}.</ref>");
    }
    for i in 0..n {
        let _ = writeln!(text, "<references group=\"g{i}\"/>");
    }
    text.push_str("\n== References ==\n<references/>\n");
    text
}

/// Wikitext with `n` `{{sfn}}` short citations and a bibliography of `n` books: short citation
/// `i` points at book `i` (titled "Book {i}"), by the author and year `sfn_source(i)` gives.
pub fn wikitext_sfn(n: usize) -> String {
    let mut text = String::from("'''Harvard''' is [[cited]] short.\n\n");
    for i in 0..n {
        let (author, year) = sfn_source(i);
        let _ = writeln!(text, "Claim {i}.{{{{sfn|{author}|{year}}}}}");
    }
    text.push_str("\n== References ==\n{{reflist}}\n\n== Sources ==\n");
    for i in 0..n {
        let (author, year) = sfn_source(i);
        let _ = writeln!(
            text,
            "* {{{{cite book |last={author} |first=Ann |year={year} |title=Book {i} |publisher=Press}}}}"
        );
    }
    text
}

/// Author and year of book `i` of `wikitext_sfn`: every other book is by an author of its own
/// (years shared), the rest all by Smith, one year each (so one surname has many years).
pub fn sfn_source(i: usize) -> (String, usize) {
    if i.is_multiple_of(2) {
        (format!("Author{i}"), 1900 + i % 97)
    } else {
        ("Smith".to_string(), 1000 + i)
    }
}

/// A page copied as text: `n` markers `[1]`…`[n]`, ten to a paragraph, and `n` references.
pub fn plaintext_markers(n: usize) -> String {
    let mut text = String::from("Markers\n\nThe lead of the page.\n\n");
    for i in 1..=n {
        let _ = write!(text, "Sentence {i}.[{i}] ");
        if i.is_multiple_of(10) {
            text.push_str("\n\n");
        }
    }
    text.push_str("\n\nReferences\n\n");
    for i in 1..=n {
        let _ = writeln!(text, "  {i}. ^ Source number {i}.");
    }
    text
}

/// Two outline documents of one title with `n` infobox fields each: the first has fields
/// `0..n`, the second `n/2..n + n/2`, so the merge has `n + n/2` fields, in that order.
pub fn outline_infoboxes(n: usize) -> (String, String) {
    let document = |range: std::ops::Range<usize>| {
        let mut text = String::from("= Merged =\n\nInfobox\n");
        for i in range {
            let _ = writeln!(text, "- Field {i}: Value {i}");
        }
        text.push_str("\nThe lead.\n");
        text
    };
    (document(0..n), document(n / 2..n + n / 2))
}

/// Two outline documents of one title with `n` sections each, headed "Section {i}": the first
/// has `0..n`, the second `n/2..n + n/2`; the merge has the lead and `n + n/2` sections in order.
pub fn outline_sections(n: usize) -> (String, String) {
    let document = |range: std::ops::Range<usize>| {
        let mut text = String::from("= Merged =\n\nThe lead.\n");
        for i in range {
            let _ = write!(text, "\n==Section {i}==\nText of section {i}.\n");
        }
        text
    };
    (document(0..n), document(n / 2..n + n / 2))
}

/// A config file binding `n` distinct keys in the browse context, key `i` to `bound_action(i)`.
pub fn key_bindings(n: usize) -> String {
    let mut text = String::from("[keys.browse]\n");
    for i in 0..n {
        let _ = writeln!(text, "\"{}\" = \"{}\"", bound_key(i), bound_action(i));
    }
    text
}

/// The `i`th key of `key_bindings`: a character from U+10000 on (none of them a default key).
pub fn bound_key(i: usize) -> char {
    u32::try_from(i)
        .ok()
        .and_then(|i| char::from_u32(0x1_0000 + i))
        .unwrap_or('x')
}

/// The action the `i`th key of `key_bindings` is bound to, as the config file names it.
pub fn bound_action(i: usize) -> &'static str {
    ["quit", "next_citation", "page_down", "find"][i % 4]
}

/// One reference linking `n` distinct URLs and then the first one again, as HTML and as
/// wikitext: `https://example.org/0` … `https://example.org/{n-1}`.
pub fn reference_urls(n: usize) -> (String, String) {
    let mut html = String::from(
        "<html><head><title>Links</title></head><body><p>Fact.<sup id=\"cite_ref-1\" class=\"reference\"><a href=\"#cite_note-1\">[1]</a></sup></p><ol class=\"references\"><li id=\"cite_note-1\"><span class=\"reference-text\">",
    );
    let mut wikitext = String::from("'''Links''' is a fact.<ref>");
    for i in (0..n).chain([0]) {
        let _ = write!(
            html,
            "<a class=\"external\" href=\"https://example.org/{i}\">{i}</a> "
        );
        let _ = write!(wikitext, "[https://example.org/{i} {i}] ");
    }
    html.push_str("</span></li></ol></body></html>");
    wikitext.push_str("</ref>\n\n== References ==\n<references/>\n");
    (html, wikitext)
}

/// Wikitext with `n` sections, "Part 0"…, and a lead of `n` links to them (`[[#Part_i|i]]`)
/// and `n` links to anchors that are no heading (`[[#Gone_i|gone i]]`): each of the first is a
/// link to the article's own section, each of the second its text.
pub fn wikitext_own_section_links(n: usize) -> String {
    let mut text = String::from("'''Parts''' has many parts:");
    for i in 0..n {
        let _ = write!(text, " [[#Part_{i}|{i}]] [[#Gone_{i}|gone {i}]]");
    }
    text.push('\n');
    for i in 0..n {
        let _ = write!(text, "\n== Part {i} ==\nText {i}.\n");
    }
    text
}
