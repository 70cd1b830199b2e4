//! RIS: one record an entry, `TY` first and `ER` last, a tag of two characters, two spaces, a
//! dash and a space before each value (the RIS tag list).

use super::export::Entry;
use super::{Date, Kind};

pub fn write(entries: &[Entry]) -> String {
    let mut out = String::new();
    for entry in entries {
        let cite = &entry.cite;
        let mut tag = |tag: &str, value: &str| {
            let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
            if !value.is_empty() {
                out.push_str(&format!("{tag}  - {value}\n"));
            }
        };
        tag("TY", record_type(cite.kind));
        tag("ID", &entry.key);
        for author in &cite.author {
            tag("AU", &author.sorted());
        }
        for editor in &cite.editor {
            tag("A2", &editor.sorted());
        }
        tag("TI", cite.title.as_deref().unwrap_or_default());
        tag("T2", cite.container_title.as_deref().unwrap_or_default());
        tag("T3", cite.collection_title.as_deref().unwrap_or_default());
        if let Some(issued) = &cite.issued {
            if let Some(year) = issued.year() {
                tag("PY", &year.to_string());
            }
            tag("DA", &ris_date(issued));
        }
        tag("PB", cite.publisher.as_deref().unwrap_or_default());
        tag("CY", cite.publisher_place.as_deref().unwrap_or_default());
        tag("VL", cite.volume.as_deref().unwrap_or_default());
        tag("IS", cite.issue.as_deref().unwrap_or_default());
        if let Some(page) = &cite.page {
            match page.split_once(['-', '–']) {
                Some((start, end)) => {
                    tag("SP", start);
                    tag("EP", end);
                }
                None => tag("SP", page),
            }
        }
        tag("ET", cite.edition.as_deref().unwrap_or_default());
        tag("LA", cite.language.as_deref().unwrap_or_default());
        tag("DO", cite.doi.as_deref().unwrap_or_default());
        for number in [&cite.isbn, &cite.issn].into_iter().flatten() {
            tag("SN", number);
        }
        tag("UR", cite.url.as_deref().unwrap_or_default());
        if let Some(accessed) = &cite.accessed {
            tag("Y2", &ris_date(accessed));
        }
        if let Some(archive) = &cite.archive_url {
            tag("L2", archive);
        }
        for identifier in &cite.identifiers {
            tag(
                "N1",
                &format!("{}: {}", identifier.scheme, identifier.value),
            );
        }
        out.push_str("ER  - \n");
    }
    out
}

fn record_type(kind: Kind) -> &'static str {
    match kind {
        Kind::WebPage => "ELEC",
        Kind::NewsArticle => "NEWS",
        Kind::MagazineArticle => "MGZN",
        Kind::JournalArticle => "JOUR",
        Kind::Book => "BOOK",
        Kind::Chapter => "CHAP",
        Kind::EncyclopediaEntry => "ENCYC",
        Kind::Report => "RPRT",
        Kind::Thesis => "THES",
        Kind::ConferencePaper => "CPAPER",
        Kind::AvMedia | Kind::Broadcast => "VIDEO",
        Kind::Map => "MAP",
        Kind::Patent => "PAT",
        Kind::Interview | Kind::Speech | Kind::Document => "GEN",
    }
}

/// `YYYY/MM/DD/`, parts left empty when unknown; a literal date as it is.
fn ris_date(date: &Date) -> String {
    match date.year() {
        Some(year) if date.literal.is_none() => {
            let part = |part: Option<u32>| part.map(|p| format!("{p:02}")).unwrap_or_default();
            format!("{year:04}/{}/{}/", part(date.month()), part(date.day()))
        }
        _ => date.literal.clone().unwrap_or_default(),
    }
}
