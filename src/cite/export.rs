//! What `folio cite` exports: the article's own entry, then the references asked for, each with
//! a key that is unique in the export and the same on every run; and the text format.

use super::{Cite, Date, Kind};
use crate::article::{Article, Reference, plain_text};
use std::collections::HashSet;

/// The export formats of `folio cite`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Style {
    /// One line an entry: the label and the reference as the article shows it.
    Text,
    /// BibTeX entries (`@book{key, …}`), for BibTeX, biblatex, pandoc.
    Bibtex,
    /// RIS records (`TY  - BOOK` … `ER  - `), for Zotero, EndNote, Mendeley.
    Ris,
    /// A CSL-JSON array, for citeproc (pandoc --citeproc, Zotero).
    CslJson,
}

impl Style {
    pub const ALL: [Style; 4] = [Style::Bibtex, Style::Ris, Style::CslJson, Style::Text];

    /// The format's name as people write it.
    pub fn name(self) -> &'static str {
        match self {
            Style::Text => "text",
            Style::Bibtex => "BibTeX",
            Style::Ris => "RIS",
            Style::CslJson => "CSL-JSON",
        }
    }

    /// The file name extension its files usually have.
    pub fn extension(self) -> &'static str {
        match self {
            Style::Text => "txt",
            Style::Bibtex => "bib",
            Style::Ris => "ris",
            Style::CslJson => "json",
        }
    }

    /// The entries written in this format.
    pub fn write(self, entries: &[Entry]) -> String {
        match self {
            Style::Text => text(entries),
            Style::Bibtex => super::bibtex::write(entries),
            Style::Ris => super::ris::write(entries),
            Style::CslJson => super::csl_json::write(entries),
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExportError {
    #[error("the article has no reference labelled “{0}”")]
    NoSuchReference(String),
}

/// One entry of an export.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key: BibTeX's key, CSL-JSON's `id`, RIS's `ID`.
    pub key: String,
    /// The label the article shows (`1`, `note a`); none for the article's own entry.
    pub label: Option<String>,
    pub cite: Cite,
    /// The reference's text as the article shows it.
    pub text: String,
}

/// The article's entry, then the references (those labelled `labels`, in that order, or all).
/// A reference without fields is exported with its text as its title, so it is not lost.
pub fn entries(
    article: &Article,
    labels: &[String],
    accessed: Date,
) -> Result<Vec<Entry>, ExportError> {
    let chosen: Vec<&Reference> = if labels.is_empty() {
        article.references.iter().collect()
    } else {
        labels
            .iter()
            .map(|wanted| {
                article
                    .references
                    .iter()
                    .find(|reference| reference.label == *wanted)
                    .ok_or_else(|| ExportError::NoSuchReference(wanted.clone()))
            })
            .collect::<Result<_, _>>()?
    };
    let mut keys = HashSet::new();
    let own = own_entry(article, accessed);
    let mut entries = vec![Entry {
        key: unique_key(&own, &mut keys),
        label: None,
        text: own.title.clone().unwrap_or_default(),
        cite: own,
    }];
    for reference in chosen {
        let text = plain_text(&reference.text).trim().to_string();
        let cite = match reference.cite.as_deref() {
            Some(cite) => cite.clone(),
            None => Cite {
                title: Some(text.clone()).filter(|text| !text.is_empty()),
                url: reference.urls.first().cloned(),
                ..Cite::default()
            },
        };
        entries.push(Entry {
            key: unique_key(&cite, &mut keys),
            label: Some(reference.label.clone()),
            cite,
            text,
        });
    }
    Ok(entries)
}

/// The article itself as an encyclopedia entry: its title, its address when it was read from
/// one, and the day it was read.
fn own_entry(article: &Article, accessed: Date) -> Cite {
    let url = article
        .sources
        .iter()
        .find(|source| source.starts_with("http://") || source.starts_with("https://"))
        .cloned();
    Cite {
        kind: Kind::EncyclopediaEntry,
        title: Some(article.title.clone()),
        url,
        accessed: Some(accessed),
        ..Cite::default()
    }
}

/// `family` + year + first title word, ASCII letters and digits only (`thomas1985karl`);
/// `b`, `c`… appended when taken.
fn unique_key(cite: &Cite, taken: &mut HashSet<String>) -> String {
    let word = |text: &str| -> String {
        text.split_whitespace()
            .map(|word| {
                word.chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect::<String>()
                    .to_ascii_lowercase()
            })
            .find(|word| !word.is_empty())
            .unwrap_or_default()
    };
    let mut base = String::new();
    if let Some(author) = cite.author.first().or(cite.editor.first()) {
        base.push_str(&word(author.family()));
    }
    if let Some(year) = cite.year() {
        base.push_str(&year.to_string());
    }
    base.push_str(&word(cite.title.as_deref().unwrap_or_default()));
    base.truncate(40);
    if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
        base.insert_str(0, "ref");
    }
    let mut key = base.clone();
    let mut suffix = 0u32;
    while taken.contains(&key) {
        suffix += 1;
        key = format!("{base}{}", suffix_letters(suffix));
    }
    taken.insert(key.clone());
    key
}

/// 1 → "b", 2 → "c", … 25 → "z", 26 → "aa", …: the letters after a repeated key.
fn suffix_letters(n: u32) -> String {
    let mut letters = Vec::new();
    let mut n = n + 1;
    while n > 0 {
        n -= 1;
        letters.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Today's date (UTC), for the article's access date.
pub fn today() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs())
        .unwrap_or(0);
    let (year, month, day) = civil_from_days((seconds / 86_400) as i64);
    Date::from_parts(year, month, day)
}

/// Days since 1970-01-01 → (year, month, day), Howard Hinnant's algorithm (no calendar crate is
/// needed for one conversion).
fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

/// The text export: the article's entry, then `[label] text`, one a line.
pub fn text(entries: &[Entry]) -> String {
    let mut out = String::new();
    for entry in entries {
        match &entry.label {
            Some(label) => out.push_str(&format!("[{label}] {}\n", entry.text)),
            None => {
                out.push_str(&entry.text);
                out.push_str(". Encyclopedia article");
                if let Some(url) = &entry.cite.url {
                    out.push_str(&format!(". {url}"));
                }
                if let Some(accessed) = &entry.cite.accessed {
                    out.push_str(&format!(". Retrieved {}", accessed.iso()));
                }
                out.push_str(".\n");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::Name;

    #[test]
    fn days_to_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_788), (2026, 12, 1));
    }

    #[test]
    fn keys_are_unique_and_plain() {
        let cite = Cite {
            author: vec![Name::Person {
                family: "Ørsted-Smith".into(),
                given: None,
            }],
            issued: Date::parse("1985"),
            title: Some("{Karl} Marx".into()),
            ..Cite::default()
        };
        let mut taken = HashSet::new();
        assert_eq!(unique_key(&cite, &mut taken), "rstedsmith1985karl");
        assert_eq!(unique_key(&cite, &mut taken), "rstedsmith1985karlb");
        assert_eq!(unique_key(&cite, &mut taken), "rstedsmith1985karlc");
        assert_eq!(unique_key(&Cite::default(), &mut taken), "ref");
        assert_eq!(suffix_letters(25), "z");
        assert_eq!(suffix_letters(26), "aa");
    }
}
