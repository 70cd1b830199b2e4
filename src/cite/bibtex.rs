//! BibTeX: one `@type{key, field = {value}}` an entry. Values are escaped for LaTeX (`\&`,
//! `\{`…) so braces always balance; URLs and DOIs, which BibTeX styles print verbatim, have only
//! their braces and backslashes percent-encoded. Titles are braced whole to keep their case.

use super::export::Entry;
use super::{Cite, Kind, Name};

pub fn write(entries: &[Entry]) -> String {
    let mut out = String::new();
    for entry in entries {
        let cite = &entry.cite;
        let mut fields: Vec<(&str, String)> = Vec::new();
        fields.extend(names(&cite.author).map(|names| ("author", names)));
        fields.extend(names(&cite.editor).map(|names| ("editor", names)));
        let mut text = |name: &'static str, value: Option<&str>| {
            if let Some(value) = value.map(str::trim).filter(|value| !value.is_empty()) {
                fields.push((name, escape(value)));
            }
        };
        let container = cite.container_title.as_deref();
        match entry_type(cite) {
            "article" => text("journal", container),
            "incollection" | "inproceedings" => text("booktitle", container),
            _ => text("howpublished", container),
        }
        text("series", cite.collection_title.as_deref());
        text("publisher", cite.publisher.as_deref());
        text("address", cite.publisher_place.as_deref());
        text("volume", cite.volume.as_deref());
        text("number", cite.issue.as_deref());
        text("pages", cite.page.as_deref());
        text("edition", cite.edition.as_deref());
        text("language", cite.language.as_deref());
        text("isbn", cite.isbn.as_deref());
        text("issn", cite.issn.as_deref());
        text("pmid", cite.pmid.as_deref());
        if let Some(issued) = &cite.issued {
            if let Some(year) = issued.year() {
                text("year", Some(&year.to_string()));
            }
            if let Some(month) = issued.month() {
                text("month", Some(&month.to_string()));
            }
        }
        if let Some(accessed) = &cite.accessed {
            text("urldate", Some(&accessed.iso()));
        }
        for identifier in &cite.identifiers {
            text(
                "note",
                Some(&format!("{}: {}", identifier.scheme, identifier.value)),
            );
        }
        let mut verbatim = |name: &'static str, value: Option<&str>| {
            if let Some(value) = value.filter(|value| !value.is_empty()) {
                fields.push((name, escape_verbatim(value)));
            }
        };
        verbatim("doi", cite.doi.as_deref());
        verbatim("url", cite.url.as_deref());
        out.push_str(&format!("@{}{{{},\n", entry_type(cite), entry.key));
        if let Some(title) = cite
            .title
            .as_deref()
            .filter(|title| !title.trim().is_empty())
        {
            out.push_str(&format!("  title = {{{{{}}}}},\n", escape(title.trim())));
        }
        let mut seen_note = false;
        for (name, value) in fields {
            // One note field: BibTeX reads a repeated field as an error.
            if name == "note" {
                if seen_note {
                    continue;
                }
                seen_note = true;
            }
            out.push_str(&format!("  {name} = {{{value}}},\n"));
        }
        out.push_str("}\n\n");
    }
    out
}

fn entry_type(cite: &Cite) -> &'static str {
    match cite.kind {
        Kind::JournalArticle | Kind::NewsArticle | Kind::MagazineArticle => "article",
        Kind::Book => "book",
        Kind::Chapter | Kind::EncyclopediaEntry => "incollection",
        Kind::ConferencePaper => "inproceedings",
        Kind::Report => "techreport",
        _ => "misc",
    }
}

/// `Family, Given and {Literal Body} and …`, escaped; a literal name is braced so BibTeX does
/// not split it, and an "and" inside a name is braced so it does not end the name.
fn names(names: &[Name]) -> Option<String> {
    let shown: Vec<String> = names
        .iter()
        .map(|name| match name {
            Name::Person { .. } => escape(&name.sorted()).replace(" and ", " {and} "),
            Name::Literal { literal } => format!("{{{}}}", escape(literal)),
        })
        .collect();
    (!shown.is_empty()).then(|| shown.join(" and "))
}

/// LaTeX's special characters made literal.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\{"),
            '}' => out.push_str("\\}"),
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
    }
    out
}

/// A URL or DOI: printed verbatim by BibTeX styles, so only what would unbalance the value is
/// encoded.
fn escape_verbatim(text: &str) -> String {
    text.replace('\\', "%5C")
        .replace('{', "%7B")
        .replace('}', "%7D")
}
