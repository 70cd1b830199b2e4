//! A CS1/CS2 citation template's arguments as citation fields (`crate::cite::Cite`): its name
//! arguments in all their aliases (`last1`, `author1-last`, `author-last1`, `editor2-first`…),
//! the values `cite.rs` gathered, and the template's kind as a CSL type.

use super::tree::{Node, Template};
use crate::cite::{Cite, Date, Identifier, Kind, Name, UrlStatus, web_url};
use std::collections::BTreeMap;

/// One name's arguments: its surname (or the whole name), its given names, and whether the
/// whole name was given in one argument (`author=`, `editor=`), which makes it a literal name
/// unless a given name comes with it.
#[derive(Debug, Clone, Copy, Default)]
pub struct NameArguments<'t, 'a> {
    pub last: Option<&'t [Node<'a>]>,
    pub first: Option<&'t [Node<'a>]>,
    pub whole: bool,
}

/// The authors and editors of a template, each in number order.
#[derive(Debug, Default)]
pub struct Names<'t, 'a> {
    pub authors: Vec<NameArguments<'t, 'a>>,
    pub editors: Vec<NameArguments<'t, 'a>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Last,
    First,
    Whole,
}

/// Reads a name argument's name: its role (author unless `editor…`), its number (1 when none)
/// and which part of the name it gives. `author-link`, `author-mask` and the like are none.
fn name_argument(name: &str) -> Option<(bool, usize, Part)> {
    // Most arguments are no name: cheap checks on the bytes first, no lower-cased copy.
    let (editor, rest) = if let Some(rest) = strip_prefix_ignoring_case(name, "editor") {
        (true, rest)
    } else if let Some(rest) = strip_prefix_ignoring_case(name, "author") {
        (false, rest)
    } else if let Some(rest) = strip_prefix_ignoring_case(name, "autor") {
        (false, rest)
    } else {
        (false, name)
    };
    let prefixed = rest.len() != name.len();
    let leading = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (number_before, rest) = rest.split_at(leading);
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let word = rest.trim_end_matches(|c: char| c.is_ascii_digit());
    let number_after = &rest[word.len()..];
    let is = |wanted: &str| word.eq_ignore_ascii_case(wanted);
    let part = if word.is_empty() && prefixed {
        Part::Whole
    } else if is("last") || is("surname") {
        Part::Last
    } else if is("first") || is("given") {
        Part::First
    } else {
        return None;
    };
    let number = match (number_before, number_after) {
        ("", "") => 1,
        (digits, "") | ("", digits) => digits.parse().ok()?,
        _ => return None,
    };
    Some((editor, number, part))
}

fn strip_prefix_ignoring_case<'n>(name: &'n str, prefix: &str) -> Option<&'n str> {
    let head = name.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &name[prefix.len()..])
}

/// Every author and editor argument of a template, by number; a name's first argument of a
/// part wins.
pub fn name_arguments<'t, 'a>(template: &'t Template<'a>) -> Names<'t, 'a> {
    let mut authors: BTreeMap<usize, NameArguments<'t, 'a>> = BTreeMap::new();
    let mut editors: BTreeMap<usize, NameArguments<'t, 'a>> = BTreeMap::new();
    for argument in &template.args {
        let Some((editor, number, part)) = argument.name.and_then(name_argument) else {
            continue;
        };
        let names = if editor { &mut editors } else { &mut authors };
        let slot = names.entry(number).or_default();
        let value = Some(argument.value.as_slice());
        match part {
            Part::Last if slot.last.is_none() || slot.whole => {
                slot.last = value;
                slot.whole = false;
            }
            Part::Whole if slot.last.is_none() => {
                slot.last = value;
                slot.whole = true;
            }
            Part::First if slot.first.is_none() => slot.first = value,
            _ => {}
        }
    }
    Names {
        authors: authors.into_values().collect(),
        editors: editors.into_values().collect(),
    }
}

/// A name from its rendered parts: a person when a given name is there or the surname came
/// alone as `last=`, else the whole name as a literal (`author=Reuters`).
pub fn name(last: String, first: Option<String>, whole: bool) -> Option<Name> {
    let last = last.trim().to_string();
    if last.is_empty() {
        return None;
    }
    let given = first
        .map(|first| first.trim().to_string())
        .filter(|first| !first.is_empty());
    Some(match given {
        None if whole => Name::Literal { literal: last },
        given => Name::Person {
            family: last,
            given,
        },
    })
}

pub use crate::cite::vancouver_names;

/// The values of a citation's parameters, each rendered to plain text, none when empty.
#[derive(Debug, Default)]
pub struct Cs1Values {
    pub date: Option<String>,
    pub title: Option<String>,
    pub chapter: Option<String>,
    pub work: Option<String>,
    pub volume: Option<String>,
    pub issue: Option<String>,
    pub location: Option<String>,
    pub publisher: Option<String>,
    pub pages: Option<String>,
    pub page: Option<String>,
    pub edition: Option<String>,
    pub series: Option<String>,
    pub url: Option<String>,
    pub archive_url: Option<String>,
    pub archive_date: Option<String>,
    pub access_date: Option<String>,
    pub url_status: Option<String>,
    pub doi: Option<String>,
    pub isbn: Option<String>,
    pub issn: Option<String>,
    pub pmid: Option<String>,
    pub pmc: Option<String>,
    pub language: Option<String>,
    pub via: Option<String>,
    pub quote: Option<String>,
    /// Identifiers CSL has no variable for, by their CS1 names.
    pub identifiers: Vec<(&'static str, String)>,
}

impl Cs1Values {
    /// The fields of a `{{cite KIND}}` (or `{{citation}}`, `{{Literatur}}`…) with these
    /// values: the title of a chapter is the chapter's and the book is its container; what is
    /// not what its field says (a URL other than a web address, a date that is none) is left out.
    pub fn into_cite(self, kind: &str, author: Vec<Name>, editor: Vec<Name>) -> Cite {
        let mut kind = kind_of(kind, self.work.is_some());
        let (title, container_title) = match self.chapter {
            Some(chapter) => {
                if kind == Kind::Book {
                    kind = Kind::Chapter;
                }
                (Some(chapter), self.title.or(self.work))
            }
            None => (self.title, self.work),
        };
        Cite {
            kind,
            title,
            container_title,
            collection_title: self.series,
            author,
            editor,
            issued: self.date.as_deref().and_then(Date::parse),
            publisher: self.publisher.or(self.via),
            publisher_place: self.location,
            volume: self.volume,
            issue: self.issue,
            page: self.pages.or(self.page),
            edition: self.edition,
            language: self.language,
            doi: self.doi,
            isbn: self.isbn,
            issn: self.issn,
            pmid: self.pmid,
            pmcid: self.pmc.map(|pmc| {
                if pmc.to_ascii_uppercase().starts_with("PMC") {
                    pmc
                } else {
                    format!("PMC{pmc}")
                }
            }),
            url: self.url.as_deref().and_then(web_url),
            accessed: self.access_date.as_deref().and_then(Date::parse),
            quote: self.quote,
            archive_url: self.archive_url.as_deref().and_then(web_url),
            archive_date: self.archive_date.as_deref().and_then(Date::parse),
            url_status: self.url_status.as_deref().and_then(UrlStatus::parse),
            identifiers: self
                .identifiers
                .into_iter()
                .map(|(scheme, value)| Identifier {
                    scheme: scheme.to_string(),
                    value,
                })
                .collect(),
        }
    }
}

/// The CSL type of a cite template's kind (`web`, `news`, `book`…; `citation` by its work).
fn kind_of(kind: &str, has_work: bool) -> Kind {
    match kind {
        "web" | "internetquelle" | "tweet" | "podcast" => Kind::WebPage,
        "news" | "newspaper" | "press release" => Kind::NewsArticle,
        "magazine" => Kind::MagazineArticle,
        "journal" | "arxiv" | "biorxiv" | "ssrn" => Kind::JournalArticle,
        "book" | "literatur" => Kind::Book,
        "encyclopedia" | "dictionary" => Kind::EncyclopediaEntry,
        "report" | "techreport" => Kind::Report,
        "thesis" => Kind::Thesis,
        "conference" => Kind::ConferencePaper,
        "av media" | "video" | "av media notes" | "video game" => Kind::AvMedia,
        "episode" | "serial" => Kind::Broadcast,
        "map" => Kind::Map,
        "interview" => Kind::Interview,
        "speech" => Kind::Speech,
        "patent" => Kind::Patent,
        "citation" if !has_work => Kind::Book,
        _ => Kind::Document,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_arguments_in_their_aliases() {
        assert_eq!(name_argument("last1"), Some((false, 1, Part::Last)));
        assert_eq!(name_argument("last"), Some((false, 1, Part::Last)));
        assert_eq!(name_argument("author1-last"), Some((false, 1, Part::Last)));
        assert_eq!(name_argument("author-last2"), Some((false, 2, Part::Last)));
        assert_eq!(name_argument("surname3"), Some((false, 3, Part::Last)));
        assert_eq!(name_argument("given3"), Some((false, 3, Part::First)));
        assert_eq!(name_argument("Author"), Some((false, 1, Part::Whole)));
        assert_eq!(name_argument("author12"), Some((false, 12, Part::Whole)));
        assert_eq!(name_argument("editor2-first"), Some((true, 2, Part::First)));
        assert_eq!(name_argument("editor-last"), Some((true, 1, Part::Last)));
        assert_eq!(name_argument("editor"), Some((true, 1, Part::Whole)));
        assert_eq!(name_argument("author-link"), None);
        assert_eq!(name_argument("authorlink1"), None);
        assert_eq!(name_argument("title"), None);
        assert_eq!(name_argument("author1-last2"), None);
    }

    #[test]
    fn vancouver_lists() {
        assert_eq!(
            vancouver_names("Smith AB, World Health Organization"),
            [
                Name::Person {
                    family: "Smith".into(),
                    given: Some("AB".into())
                },
                Name::Literal {
                    literal: "World Health Organization".into()
                }
            ]
        );
    }
}
