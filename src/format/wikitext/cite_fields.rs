//! A CS1/CS2 citation template's arguments as citation fields (`crate::cite::Cite`): its name
//! arguments in all their aliases (`last1`, `author1-last`, `author-last1`, `editor2-first`…),
//! the values `cite.rs` gathered, and the template's kind as a CSL type.

use super::tree::{Node, Template};
use crate::cite::{Cite, Date, Identifier, Kind, Name, UrlStatus, web_url};
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// One name's arguments: its surname (or the whole name), its given names, and whether the
/// whole name was given in one argument (`author=`, `editor=`), which makes it a literal name
/// unless a given name comes with it.
#[derive(Debug, Clone, Copy)]
pub struct NameArguments<V> {
    pub last: Option<V>,
    pub first: Option<V>,
    pub whole: bool,
}

impl<V> Default for NameArguments<V> {
    fn default() -> Self {
        NameArguments {
            last: None,
            first: None,
            whole: false,
        }
    }
}

/// The authors and editors of a template, each in number order.
#[derive(Debug)]
pub struct Names<V> {
    pub authors: Vec<NameArguments<V>>,
    pub editors: Vec<NameArguments<V>>,
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

/// A wikitext template's named arguments, in order, as names and values.
pub fn named_arguments<'t, 'a>(
    template: &'t Template<'a>,
) -> impl Iterator<Item = (&'a str, &'t [Node<'a>])> + Clone {
    let arguments = template.args.iter();
    arguments.filter_map(|argument| Some((argument.name?, argument.value.as_slice())))
}

/// Every author and editor argument, by number; a name's first argument of a part wins.
pub fn name_arguments<'n, V: Copy>(arguments: impl IntoIterator<Item = (&'n str, V)>) -> Names<V> {
    let mut authors: BTreeMap<usize, NameArguments<V>> = BTreeMap::new();
    let mut editors: BTreeMap<usize, NameArguments<V>> = BTreeMap::new();
    for (name, value) in arguments {
        let Some((editor, number, part)) = name_argument(name) else {
            continue;
        };
        let names = if editor { &mut editors } else { &mut authors };
        let slot = names.entry(number).or_default();
        let value = Some(value);
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

/// The parameters of a CS1 citation that folio shows.
#[derive(Debug, Clone, Copy)]
enum Cs1Param {
    Authors,
    Date,
    Title,
    Chapter,
    Work,
    Volume,
    Issue,
    Location,
    Publisher,
    Pages,
    Page,
    Url,
    ArchiveUrl,
    ArchiveDate,
    AccessDate,
    Doi,
    Isbn,
    Issn,
    Pmid,
    Language,
    Via,
    Quote,
    Edition,
    Series,
    UrlStatus,
    Pmc,
    Oclc,
    Arxiv,
    Bibcode,
    Jstor,
    Hdl,
    Lccn,
    S2cid,
}

impl Cs1Param {
    const ALL: [Cs1Param; 33] = [
        Cs1Param::Authors,
        Cs1Param::Date,
        Cs1Param::Title,
        Cs1Param::Chapter,
        Cs1Param::Work,
        Cs1Param::Volume,
        Cs1Param::Issue,
        Cs1Param::Location,
        Cs1Param::Publisher,
        Cs1Param::Pages,
        Cs1Param::Page,
        Cs1Param::Url,
        Cs1Param::ArchiveUrl,
        Cs1Param::ArchiveDate,
        Cs1Param::AccessDate,
        Cs1Param::Doi,
        Cs1Param::Isbn,
        Cs1Param::Issn,
        Cs1Param::Pmid,
        Cs1Param::Language,
        Cs1Param::Via,
        Cs1Param::Quote,
        Cs1Param::Edition,
        Cs1Param::Series,
        Cs1Param::UrlStatus,
        Cs1Param::Pmc,
        Cs1Param::Oclc,
        Cs1Param::Arxiv,
        Cs1Param::Bibcode,
        Cs1Param::Jstor,
        Cs1Param::Hdl,
        Cs1Param::Lccn,
        Cs1Param::S2cid,
    ];

    /// The argument names (lower case) that give the parameter, the preferred first: English
    /// CS1 and German `{{Literatur}}`/`{{Internetquelle}}`.
    fn names(self) -> &'static [&'static str] {
        match self {
            Cs1Param::Authors => &["vauthors", "authors", "people"],
            Cs1Param::Date => &["date", "year", "datum", "jahr", "publication-date"],
            Cs1Param::Title => &["title", "titel", "trans-title"],
            Cs1Param::Chapter => &["chapter", "contribution", "entry", "article", "section"],
            Cs1Param::Work => &[
                "work",
                "website",
                "newspaper",
                "journal",
                "magazine",
                "periodical",
                "encyclopedia",
                "encyclopaedia",
                "werk",
                "sammelwerk",
                "zeitschrift",
                "dictionary",
                "publication",
            ],
            Cs1Param::Volume => &["volume", "band"],
            Cs1Param::Issue => &["issue", "number", "nummer"],
            Cs1Param::Location => &["location", "place", "ort"],
            Cs1Param::Publisher => &["publisher", "verlag", "hrsg", "institution"],
            Cs1Param::Pages => &["pages", "pp", "seiten"],
            Cs1Param::Page => &["page", "p", "seite", "at"],
            Cs1Param::Url => &["url", "chapter-url", "chapterurl"],
            Cs1Param::ArchiveUrl => &["archive-url", "archiveurl", "archiv-url"],
            Cs1Param::ArchiveDate => &["archive-date", "archivedate", "archiv-datum"],
            Cs1Param::AccessDate => &["access-date", "accessdate", "zugriff", "abruf"],
            Cs1Param::Doi => &["doi"],
            Cs1Param::Isbn => &["isbn"],
            Cs1Param::Issn => &["issn"],
            Cs1Param::Pmid => &["pmid"],
            Cs1Param::Language => &["language", "sprache"],
            Cs1Param::Via => &["via"],
            Cs1Param::Quote => &["quote", "zitat"],
            Cs1Param::Edition => &["edition", "auflage"],
            Cs1Param::Series => &["series", "reihe"],
            Cs1Param::UrlStatus => &["url-status", "dead-url", "deadurl"],
            Cs1Param::Pmc => &["pmc"],
            Cs1Param::Oclc => &["oclc"],
            Cs1Param::Arxiv => &["arxiv", "eprint"],
            Cs1Param::Bibcode => &["bibcode"],
            Cs1Param::Jstor => &["jstor"],
            Cs1Param::Hdl => &["hdl"],
            Cs1Param::Lccn => &["lccn"],
            Cs1Param::S2cid => &["s2cid"],
        }
    }
}

/// Argument name → the parameter it gives and its rank among that parameter's names.
static CS1_NAMES: LazyLock<HashMap<&'static str, (Cs1Param, usize)>> = LazyLock::new(|| {
    Cs1Param::ALL
        .iter()
        .flat_map(|&param| {
            let names = param.names().iter().enumerate();
            names.map(move |(rank, &name)| (name, (param, rank)))
        })
        .collect()
});

/// A citation's arguments by parameter, found in one pass over the arguments (a citation has
/// a dozen arguments and folio asks for some sixty names): for each parameter the argument
/// with its most preferred name, the first of equals.
struct Cs1Arguments<V> {
    values: [Option<(usize, V)>; Cs1Param::ALL.len()],
}

impl<V: Copy> Cs1Arguments<V> {
    fn gather<'n>(arguments: impl IntoIterator<Item = (&'n str, V)>) -> Self {
        let mut values = [None; Cs1Param::ALL.len()];
        for (name, value) in arguments {
            let lower;
            let name = if name.bytes().any(|b| b.is_ascii_uppercase()) {
                lower = name.to_ascii_lowercase();
                lower.as_str()
            } else {
                name
            };
            let Some(&(param, rank)) = CS1_NAMES.get(name) else {
                continue;
            };
            let slot: &mut Option<(usize, V)> = &mut values[param as usize];
            if slot.is_none_or(|(best, _)| rank < best) {
                *slot = Some((rank, value));
            }
        }
        Cs1Arguments { values }
    }

    fn get(&self, param: Cs1Param) -> Option<V> {
        self.values[param as usize].map(|(_, value)| value)
    }
}

/// A name as its arguments render: surname (or whole name), given names, and whether it came
/// whole (`author=`).
#[derive(Debug, Clone)]
pub struct NameText {
    pub last: String,
    pub first: Option<String>,
    pub whole: bool,
}

/// Everything a citation's arguments give, as plain text: its names, its `vauthors` list and
/// its other parameters.
#[derive(Debug, Default)]
pub struct Cs1Reading {
    /// Authors with a surname, in number order.
    pub authors: Vec<NameText>,
    pub editors: Vec<NameText>,
    /// `vauthors=`/`authors=`: a list of names in one argument.
    pub author_list: Option<String>,
    pub values: Cs1Values,
}

/// Reads a citation's named arguments, each value made plain text by `plain` (names first,
/// then the other parameters, in the order CS1 shows them).
pub fn read<'n, V: Copy>(
    arguments: impl IntoIterator<Item = (&'n str, V)> + Clone,
    mut plain: impl FnMut(V) -> String,
) -> Cs1Reading {
    let names = name_arguments(arguments.clone());
    let mut authors = Vec::new();
    for slot in names.authors {
        let Some(last) = slot.last.map(&mut plain).filter(|last| !last.is_empty()) else {
            continue;
        };
        let first = slot.first.map(&mut plain);
        authors.push(NameText {
            last,
            first,
            whole: slot.whole,
        });
    }
    let mut editors = Vec::new();
    for slot in names.editors {
        let last = slot.last.map(&mut plain).unwrap_or_default();
        let first = slot.first.map(&mut plain);
        editors.push(NameText {
            last,
            first,
            whole: slot.whole,
        });
    }
    let arguments = Cs1Arguments::gather(arguments);
    let mut param = |param: Cs1Param| -> Option<String> {
        arguments
            .get(param)
            .map(&mut plain)
            .filter(|value| !value.is_empty())
    };
    let author_list = param(Cs1Param::Authors);
    let identifiers = [
        (Cs1Param::Oclc, "OCLC"),
        (Cs1Param::Arxiv, "arXiv"),
        (Cs1Param::Bibcode, "bibcode"),
        (Cs1Param::Jstor, "JSTOR"),
        (Cs1Param::Hdl, "hdl"),
        (Cs1Param::Lccn, "LCCN"),
        (Cs1Param::S2cid, "S2CID"),
    ]
    .into_iter()
    .filter_map(|(id, scheme)| param(id).map(|value| (scheme, value)))
    .collect();
    let values = Cs1Values {
        date: param(Cs1Param::Date),
        title: param(Cs1Param::Title),
        chapter: param(Cs1Param::Chapter),
        work: param(Cs1Param::Work),
        volume: param(Cs1Param::Volume),
        issue: param(Cs1Param::Issue),
        location: param(Cs1Param::Location),
        publisher: param(Cs1Param::Publisher),
        pages: param(Cs1Param::Pages),
        page: param(Cs1Param::Page),
        edition: param(Cs1Param::Edition),
        series: param(Cs1Param::Series),
        url: param(Cs1Param::Url),
        archive_url: param(Cs1Param::ArchiveUrl),
        archive_date: param(Cs1Param::ArchiveDate),
        access_date: param(Cs1Param::AccessDate),
        url_status: param(Cs1Param::UrlStatus),
        doi: param(Cs1Param::Doi),
        isbn: param(Cs1Param::Isbn),
        issn: param(Cs1Param::Issn),
        pmid: param(Cs1Param::Pmid),
        pmc: param(Cs1Param::Pmc),
        language: param(Cs1Param::Language),
        via: param(Cs1Param::Via),
        quote: param(Cs1Param::Quote),
        identifiers,
    };
    Cs1Reading {
        authors,
        editors,
        author_list,
        values,
    }
}

impl Cs1Reading {
    /// The fields of a `{{cite KIND}}` with these arguments.
    pub fn into_cite(self, kind: &str) -> Cite {
        let names = |names: Vec<NameText>| -> Vec<Name> {
            let names = names.into_iter();
            names
                .filter_map(|slot| name(slot.last, slot.first, slot.whole))
                .collect()
        };
        let mut author = names(self.authors);
        if let Some(list) = &self.author_list {
            author.extend(vancouver_names(list));
        }
        self.values.into_cite(kind, author, names(self.editors))
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
    fn every_cs1_name_gives_one_parameter_and_the_preferred_name_wins() {
        let names: usize = Cs1Param::ALL.iter().map(|param| param.names().len()).sum();
        assert_eq!(CS1_NAMES.len(), names, "a name listed for two parameters");
        let nodes = super::super::tree::parse("{{cite web|trans-title=B|URL=u|Title=A|title=C}}");
        let Some(Node::Template(template)) = nodes.first() else {
            panic!("not a template: {nodes:?}");
        };
        let arguments = Cs1Arguments::gather(named_arguments(template));
        assert_eq!(arguments.get(Cs1Param::Title), Some(&[Node::Text("A")][..]));
        assert_eq!(arguments.get(Cs1Param::Url), Some(&[Node::Text("u")][..]));
        assert_eq!(arguments.get(Cs1Param::Doi), None);
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
