//! BibTeX: one `@type{key, field = {value}}` an entry. Values are escaped for LaTeX (`\&`,
//! `\{`…) so braces always balance; URLs and DOIs, which BibTeX styles print verbatim, have only
//! their braces and backslashes percent-encoded. Titles are braced whole to keep their case.

use super::export::Entry;
use super::{Cite, Kind, Name};

pub fn write(entries: &[Entry]) -> String {
    let mut out = String::new();
    for entry in entries {
        let cite = &entry.cite;
        let kind = entry_type(cite);
        let mut fields: Vec<(&str, String)> = Vec::new();
        fields.extend(names(&cite.author).map(|names| ("author", names)));
        fields.extend(names(&cite.editor).map(|names| ("editor", names)));
        let mut text = |name: &'static str, value: Option<&str>| {
            if let Some(value) = value.map(str::trim).filter(|value| !value.is_empty()) {
                fields.push((name, escape(value)));
            }
        };
        let container = cite.container_title.as_deref();
        match kind {
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
        let identifiers: Vec<String> = cite
            .identifiers
            .iter()
            .map(|identifier| format!("{}: {}", identifier.scheme, identifier.value))
            .collect();
        // One note: BibTeX reads a repeated field as an error.
        text("note", Some(&identifiers.join("; ")));
        let mut verbatim = |name: &'static str, value: Option<&str>| {
            if let Some(value) = value.filter(|value| !value.is_empty()) {
                fields.push((name, escape_verbatim(value)));
            }
        };
        verbatim("doi", cite.doi.as_deref());
        verbatim("url", cite.url.as_deref());
        out.push_str(&format!("@{}{{{},\n", kind, entry.key));
        if let Some(title) = cite
            .title
            .as_deref()
            .filter(|title| !title.trim().is_empty())
        {
            out.push_str(&format!("  title = {{{{{}}}}},\n", escape(title.trim())));
        }
        for (name, value) in fields {
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

/// `Family, Given and {Literal Body} and …`, escaped; a literal name, or a family name without
/// a given name (COinS's `aulast=Jacob Katel`), is braced so BibTeX does not split it, and an
/// "and" inside a name is braced so it does not end the name.
fn names(names: &[Name]) -> Option<String> {
    let shown: Vec<String> = names
        .iter()
        .map(|name| match name {
            Name::Person {
                family,
                given: None,
            } => format!("{{{}}}", escape(family)),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::Identifier;

    #[test]
    fn fields_are_escaped_and_identifiers_share_one_note() {
        let cite = Cite {
            kind: Kind::JournalArticle,
            title: Some("50% of {x} & y_z".into()),
            author: vec![
                Name::Person {
                    family: "Smith and Sons".into(),
                    given: Some("A".into()),
                },
                Name::Literal {
                    literal: "R&D {Lab}".into(),
                },
                Name::Person {
                    family: "Jacob Katel".into(),
                    given: None,
                },
            ],
            url: Some("https://e.org/{a}%20b".into()),
            identifiers: vec![
                Identifier {
                    scheme: "OCLC".into(),
                    value: "1".into(),
                },
                Identifier {
                    scheme: "JSTOR".into(),
                    value: "2".into(),
                },
            ],
            ..Cite::default()
        };
        let entry = Entry {
            key: "smith".into(),
            label: Some("1".into()),
            cite,
            text: String::new(),
        };
        let bib = write(&[entry]);
        assert!(bib.starts_with("@article{smith,\n"), "{bib}");
        assert!(
            bib.contains("title = {{50\\% of \\{x\\} \\& y\\_z}},"),
            "{bib}"
        );
        assert!(
            bib.contains("author = {Smith {and} Sons, A and {R\\&D \\{Lab\\}} and {Jacob Katel}},"),
            "{bib}"
        );
        assert!(bib.contains("url = {https://e.org/%7Ba%7D%20b},"), "{bib}");
        assert_eq!(bib.matches("note = ").count(), 1, "{bib}");
        assert!(bib.contains("note = {OCLC: 1; JSTOR: 2},"), "{bib}");
        let opens = bib.matches('{').count() - bib.matches("\\{").count();
        let closes = bib.matches('}').count() - bib.matches("\\}").count();
        assert_eq!(opens, closes, "{bib}");
    }
}
