//! Citations as data: a reference's fields (title, authors, date, identifiers…) where the source
//! carries them, named as CSL-JSON names them, and the exports `folio cite` prints (BibTeX, RIS,
//! CSL-JSON, text), each with an entry for the article itself.

pub mod bibtex;
pub mod csl_json;
pub mod date;
pub mod export;
pub mod rendered;
pub mod ris;

pub use date::Date;
use serde::{Deserialize, Serialize};

/// A reference's fields. Every field is optional: a reader sets what its source gives and
/// nothing it would have to invent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Cite {
    #[serde(rename = "type", default)]
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The work holding it: a website, newspaper, journal, the book of a chapter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_title: Option<String>,
    /// The series.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection_title: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub author: Vec<Name>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editor: Vec<Name>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher_place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(rename = "DOI", default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    #[serde(rename = "ISBN", default, skip_serializing_if = "Option::is_none")]
    pub isbn: Option<String>,
    #[serde(rename = "ISSN", default, skip_serializing_if = "Option::is_none")]
    pub issn: Option<String>,
    #[serde(rename = "PMID", default, skip_serializing_if = "Option::is_none")]
    pub pmid: Option<String>,
    #[serde(rename = "PMCID", default, skip_serializing_if = "Option::is_none")]
    pub pmcid: Option<String>,
    #[serde(rename = "URL", default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<Date>,
    /// The text quoted from the source (CSL has no such variable; folio's own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive_date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_status: Option<UrlStatus>,
    /// Identifiers CSL has no variable for, by their CS1 names (`OCLC`, `arXiv`, `JSTOR`…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Identifier>,
}

/// What kind of work is cited, by its CSL type name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    #[serde(rename = "webpage")]
    WebPage,
    #[serde(rename = "article-newspaper")]
    NewsArticle,
    #[serde(rename = "article-magazine")]
    MagazineArticle,
    #[serde(rename = "article-journal")]
    JournalArticle,
    #[serde(rename = "book")]
    Book,
    #[serde(rename = "chapter")]
    Chapter,
    #[serde(rename = "entry-encyclopedia")]
    EncyclopediaEntry,
    #[serde(rename = "report")]
    Report,
    #[serde(rename = "thesis")]
    Thesis,
    #[serde(rename = "paper-conference")]
    ConferencePaper,
    #[serde(rename = "motion_picture")]
    AvMedia,
    #[serde(rename = "broadcast")]
    Broadcast,
    #[serde(rename = "map")]
    Map,
    #[serde(rename = "interview")]
    Interview,
    #[serde(rename = "speech")]
    Speech,
    #[serde(rename = "patent")]
    Patent,
    /// Anything else (`{{citation}}` of a kind it does not say).
    #[default]
    #[serde(rename = "document", other)]
    Document,
}

/// A person (family and given names) or a body named as one (`literal`), as CSL names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Name {
    Person {
        family: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        given: Option<String>,
    },
    Literal {
        literal: String,
    },
}

impl Name {
    /// The family name, or the whole literal name.
    pub fn family(&self) -> &str {
        match self {
            Name::Person { family, .. } => family,
            Name::Literal { literal } => literal,
        }
    }

    /// "Family, Given", or the literal name.
    pub fn sorted(&self) -> String {
        match self {
            Name::Person {
                family,
                given: Some(given),
            } => format!("{family}, {given}"),
            other => other.family().to_string(),
        }
    }
}

/// Whether the cited URL still shows what was cited (CS1's `url-status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UrlStatus {
    Live,
    Dead,
    Unfit,
    Usurped,
}

impl UrlStatus {
    /// CS1's values, with the old `dead-url=yes|no` (`deviated` is CS1's synonym of `live`).
    pub fn parse(value: &str) -> Option<UrlStatus> {
        match value.trim().to_ascii_lowercase().as_str() {
            "live" | "deviated" | "no" | "false" => Some(UrlStatus::Live),
            "dead" | "yes" | "true" | "y" => Some(UrlStatus::Dead),
            "unfit" => Some(UrlStatus::Unfit),
            "usurped" => Some(UrlStatus::Usurped),
            _ => None,
        }
    }
}

/// An identifier CSL has no variable for: its scheme (`OCLC`, `arXiv`, `bibcode`, `JSTOR`,
/// `hdl`, `LCCN`, `S2CID`) and value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identifier {
    pub scheme: String,
    pub value: String,
}

impl Cite {
    /// True when no field beyond the type is set: such a cite says nothing and is left out.
    pub fn is_empty(&self) -> bool {
        *self
            == Cite {
                kind: self.kind,
                ..Cite::default()
            }
    }

    /// The year it was published, when known.
    pub fn year(&self) -> Option<i32> {
        self.issued.as_ref().and_then(Date::year)
    }

    /// Every string field, for passes that rewrite them all (the model boundary's cleaning).
    pub fn strings_mut(&mut self) -> Vec<&mut String> {
        let mut strings: Vec<&mut String> = [
            &mut self.title,
            &mut self.container_title,
            &mut self.collection_title,
            &mut self.publisher,
            &mut self.publisher_place,
            &mut self.volume,
            &mut self.issue,
            &mut self.page,
            &mut self.edition,
            &mut self.language,
            &mut self.doi,
            &mut self.isbn,
            &mut self.issn,
            &mut self.pmid,
            &mut self.pmcid,
            &mut self.url,
            &mut self.quote,
            &mut self.archive_url,
        ]
        .into_iter()
        .flatten()
        .collect();
        for name in self.author.iter_mut().chain(self.editor.iter_mut()) {
            match name {
                Name::Person { family, given } => {
                    strings.push(family);
                    strings.extend(given.as_mut());
                }
                Name::Literal { literal } => strings.push(literal),
            }
        }
        for date in [&mut self.issued, &mut self.accessed, &mut self.archive_date]
            .into_iter()
            .flatten()
        {
            strings.extend(date.literal.as_mut());
        }
        for identifier in &mut self.identifiers {
            strings.push(&mut identifier.scheme);
            strings.push(&mut identifier.value);
        }
        strings
    }
}

/// `vauthors=Smith AB, Jones CD`: Vancouver names, surname then initials.
pub fn vancouver_names(list: &str) -> Vec<Name> {
    list.split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| match name.rsplit_once(' ') {
            Some((family, initials))
                if initials.len() <= 3 && initials.chars().all(|c| c.is_uppercase()) =>
            {
                Name::Person {
                    family: family.trim().to_string(),
                    given: Some(initials.to_string()),
                }
            }
            _ => Name::Literal {
                literal: name.to_string(),
            },
        })
        .collect()
}

/// A URL a citation may carry: a web or FTP address (never `javascript:`, `file:`…).
pub fn web_url(url: &str) -> Option<String> {
    crate::url_policy::openable(url)
        .ok()
        .filter(|url| url.starts_with("http") || url.starts_with("ftp"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_with_csl_names_and_reads_back() {
        let cite = Cite {
            kind: Kind::NewsArticle,
            title: Some("Exclusive".into()),
            container_title: Some("Foreign Policy".into()),
            author: vec![
                Name::Person {
                    family: "Dreazen".into(),
                    given: Some("Yochi".into()),
                },
                Name::Literal {
                    literal: "Reuters".into(),
                },
            ],
            issued: Date::parse("17 December 2013"),
            doi: Some("10.1/x".into()),
            url_status: Some(UrlStatus::Dead),
            identifiers: vec![Identifier {
                scheme: "OCLC".into(),
                value: "123".into(),
            }],
            ..Cite::default()
        };
        let json = serde_json::to_value(&cite).unwrap();
        assert_eq!(json["type"], "article-newspaper");
        assert_eq!(json["container-title"], "Foreign Policy");
        assert_eq!(json["author"][0]["family"], "Dreazen");
        assert_eq!(json["author"][1]["literal"], "Reuters");
        assert_eq!(json["issued"]["date-parts"][0][0], 2013);
        assert_eq!(json["DOI"], "10.1/x");
        assert_eq!(json["url-status"], "dead");
        let back: Cite = serde_json::from_value(json).unwrap();
        assert_eq!(back, cite);
    }

    #[test]
    fn an_unknown_type_reads_as_a_document() {
        let cite: Cite = serde_json::from_str(r#"{"type":"song","title":"x"}"#).unwrap();
        assert_eq!(cite.kind, Kind::Document);
        assert!(!cite.is_empty());
        assert!(Cite::default().is_empty());
    }
}
