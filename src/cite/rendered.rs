//! A citation as CS1 renders it, read back into fields: `Authors (Date). "Title". Work.
//! Publisher. pp. 3–4. doi:… ISBN …. Archived from the original on …. Retrieved ….` Readers
//! that only have the rendering (plain text, HTML saved without COinS) get their fields here, and
//! COinS, which has no archive or access dates, takes those from here.
//!
//! Hand-written: no crate reads CS1's rendering back (citation parsers such as anystyle are
//! trained models for other languages). Every step is a single pass over the text: the reader
//! stays linear in its input whatever it is given.

use super::{Cite, Date, Identifier, Kind, Name, UrlStatus, web_url};
use crate::article::{Inline, LinkTarget};
use memchr::memmem;
use std::collections::HashSet;
use std::sync::LazyLock;

/// A rendered citation: its text and, where the source kept them, its web links (their text
/// and address) and its italic runs (CS1 sets works and book titles in italics).
#[derive(Debug, Clone, Default)]
pub struct Rendering {
    pub text: String,
    pub links: Vec<(String, String)>,
    pub italics: Vec<String>,
}

impl Rendering {
    /// The rendering a run of inlines shows: its text, external links and italic runs.
    pub fn from_inlines(inlines: &[Inline]) -> Rendering {
        let mut rendering = Rendering::default();
        for inline in inlines {
            match inline {
                Inline::Text { text, emphasis } => {
                    rendering.text.push_str(text);
                    if emphasis.italic {
                        rendering.italics.push(normalized(text));
                    }
                }
                Inline::Link { text, target } => {
                    rendering.text.push_str(text);
                    if let LinkTarget::External(url) = target {
                        rendering.links.push((normalized(text), url.clone()));
                    }
                }
                Inline::Citation { .. } => {}
                Inline::LineBreak => rendering.text.push(' '),
            }
        }
        rendering
    }

    /// Plain text with the URLs a dump writes under it, whose link text is unknown.
    pub fn from_text(text: &str, urls: &[String]) -> Rendering {
        Rendering {
            text: text.to_string(),
            links: urls
                .iter()
                .map(|url| (String::new(), url.clone()))
                .collect(),
            italics: Vec::new(),
        }
    }
}

/// The fields a rendered citation gives; None when it gives none (a note in prose).
pub fn read(rendering: &Rendering) -> Option<Cite> {
    let text = normalized(&rendering.text);
    let mut cite = Cite::default();
    let (mut rest, mut separator) = match header(&text) {
        Some(header) => {
            let (authors, editors) = names_and_editors(header.authors.unwrap_or_default());
            cite.author = authors;
            cite.editor = editors;
            cite.issued = header.date.and_then(Date::parse);
            cite.title = header.title.map(str::to_string);
            (header.rest, header.separator)
        }
        None => (text.as_str(), b'.'),
    };
    let dated = cite.issued.is_some() || !cite.author.is_empty();
    if cite.title.is_none() && dated {
        // `Authors (Date). Editor (ed.). Book Title. Publisher.`
        if let Some((editors, after)) = editors_part(rest) {
            cite.editor = authors(editors);
            rest = after;
        }
        if let Some((title, after)) = quoted(rest) {
            cite.title = Some(title.to_string());
            rest = after;
        } else if let Some((title, after)) =
            leading_title(rest, separator, &TitleRuns::new(rendering))
        {
            cite.title = Some(title.to_string());
            cite.kind = Kind::Book;
            rest = after;
        }
    } else if cite.title.is_none() {
        // No authors or date in front: a linked or italic title leads, or follows the authors.
        let titles = TitleRuns::new(rendering);
        let mut segments = Segments::new(rest, separator);
        let first = segments.next();
        let second = segments.next();
        if let Some((title, after, follows)) = titles.leading(rest) {
            cite.title = Some(title.to_string());
            cite.kind = titles.kind(title);
            rest = after;
            separator = follows;
        } else if let (Some(first), Some(second)) = (first, second)
            && titles.contains(second)
        {
            cite.author = authors(first);
            cite.title = Some(second.to_string());
            cite.kind = titles.kind(second);
            rest = after_part(rest, second, separator);
        }
    }
    if let Some(title) = cite.title.take() {
        let (title, edition) = title_and_edition(&title);
        cite.title = Some(title.to_string());
        cite.edition = edition.map(str::to_string);
    }
    if cite.title.is_some()
        && let Some((before, quote)) = trailing_quote(rest)
    {
        cite.quote = Some(quote.to_string());
        rest = before;
    }
    let mut segments = Segments::new(rest, separator).peekable();
    if cite.title.is_some()
        && let Some(book) = segments.peek().and_then(|part| {
            part.strip_prefix("In ")
                .or_else(|| part.strip_prefix("in "))
        })
    {
        // `"Chapter". In Editor (ed.). Book.` or `"Chapter". In Book.`
        cite.kind = Kind::Chapter;
        let book = book.to_string();
        segments.next();
        if book.ends_with("(ed.)") || book.ends_with("(eds.)") {
            cite.editor = authors(book.trim_end_matches("(eds.)").trim_end_matches("(ed.)"));
            cite.container_title = segments.next().map(str::to_string);
        } else {
            cite.container_title = Some(book);
        }
    }
    let structured = cite.title.is_some();
    let italics: HashSet<&str> = rendering.italics.iter().map(String::as_str).collect();
    let mut parts = HashSet::new();
    for segment in segments {
        parts.insert(title_and_edition(segment).0);
        part(&mut cite, segment, structured, &italics);
    }
    links(&mut cite, &rendering.links, &parts);
    if cite.kind == Kind::Document && (cite.doi.is_some() || cite.volume.is_some()) {
        cite.kind = Kind::JournalArticle;
    }
    (!cite.is_empty()).then_some(cite)
}

/// The archive and access dates, archive URL and URL status a rendering gives, added to fields
/// read elsewhere (COinS carries none of them). Only CS1's marks are read: `Archived from the
/// original on …`, `Retrieved …`, and the links `Archived` (the copy of a live URL) and `the
/// original` (a dead one, whose copy the title links).
pub fn complete(cite: &mut Cite, rendering: &Rendering) {
    let text = normalized(&rendering.text);
    for segment in Segments::new(&text, b'.') {
        if cite.archive_date.is_none()
            && segment.starts_with("Archived")
            && segment.contains("from the original")
        {
            cite.archive_date = segment
                .rsplit_once(" on ")
                .and_then(|(_, date)| Date::parse(date));
        } else if cite.accessed.is_none()
            && let Some(at) = retrieved(segment)
        {
            cite.accessed = Date::parse(&segment[at..]);
        }
    }
    let is_archived = |text: &str| text == "Archived" || text.starts_with("Archived ");
    // Each address is checked (`web_url`) only when its link is one that is wanted.
    let (mut original, mut archived) = (None, None);
    for (text, url) in &rendering.links {
        if text == "the original" {
            if original.is_none() {
                original = web_url(url);
            }
        } else if is_archived(text) && archived.is_none() {
            archived = web_url(url);
        }
    }
    // Another link to an archive is the copy, when nothing names one.
    let copy = || {
        let others = rendering.links.iter();
        others
            .filter(|(text, _)| text != "the original" && !is_archived(text))
            .filter_map(|(_, url)| web_url(url))
            .find(|url| ARCHIVE_HOSTS.iter().any(|host| url.contains(host)))
    };
    let status = match (&original, &archived) {
        (Some(_), _) => Some(UrlStatus::Dead),
        (None, Some(_)) => Some(UrlStatus::Live),
        (None, None) => None,
    };
    if cite.url.is_none() {
        cite.url = original;
    }
    if cite.archive_url.is_none() {
        cite.archive_url = match cite.archive_date {
            Some(_) => archived.or_else(copy),
            None => None,
        };
    }
    if cite.url_status.is_none() {
        cite.url_status = status;
    }
}

/// One line of text: no-break spaces as spaces, control characters gone, white space single.
fn normalized(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    let bytes = text.as_bytes();
    let mut at = 0;
    // Stretches of printable ASCII other than a space are copied whole; only the bytes around
    // them (spaces, controls, anything not ASCII) are looked at one character at a time.
    while at < bytes.len() {
        let plain = bytes[at..]
            .iter()
            .position(|&b| !(b'!'..=b'~').contains(&b))
            .unwrap_or(bytes.len() - at);
        if plain > 0 {
            out.push_str(&text[at..at + plain]);
            space = false;
            at += plain;
            continue;
        }
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        if c.is_whitespace() || c == '\u{a0}' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else if !c.is_control() {
            out.push(c);
            space = false;
        }
        at += c.len_utf8();
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// What precedes the parts: the authors, the date in parentheses, the quoted title, and what
/// separates the parts (`.` in CS1, `,` in CS2's `{{citation}}`).
struct Header<'a> {
    authors: Option<&'a str>,
    date: Option<&'a str>,
    title: Option<&'a str>,
    rest: &'a str,
    separator: u8,
}

/// How many `(` before the title are tried as the date's: names rarely hold parentheses.
const MAX_PARENTHESES: usize = 4;

fn header(text: &str) -> Option<Header<'_>> {
    let quote = text.find(['"', '“']);
    let before_quote = &text[..quote.unwrap_or(text.len())];
    if let Some((open, close)) = parenthesized_date(before_quote) {
        let authors = Some(text[..open].trim()).filter(|authors| !authors.is_empty());
        let date = &text[open + 1..close];
        let separator = if text[close + 1..].starts_with(',') {
            b','
        } else {
            b'.'
        };
        let after = text[close + 1..]
            .trim_start_matches(['.', ','])
            .trim_start();
        let (title, rest) = match quoted(after) {
            Some((title, rest)) => (Some(title), rest),
            None => (None, after),
        };
        return Some(Header {
            authors,
            date: Some(date),
            title,
            rest,
            separator,
        });
    }
    let quote = quote?;
    let (title, rest) = quoted(&text[quote..])?;
    let separator = if text[quote..].len() > rest.len() && closing_comma(&text[quote..], rest) {
        b','
    } else {
        b'.'
    };
    let authors = text[..quote].trim();
    // CS1 ends the author list with a full stop before the title; anything else is prose.
    let authors = match authors.strip_suffix('.') {
        Some(authors) => Some(authors.trim()).filter(|authors| !authors.is_empty()),
        None if authors.is_empty() => None,
        None => return None,
    };
    // `Smith (someday).`: a date that is none is no part of the name.
    let (authors, date) = match authors.and_then(|a| a.strip_suffix(')')?.rsplit_once('(')) {
        Some((names, date)) => (Some(names.trim()).filter(|n| !n.is_empty()), Some(date)),
        None => (authors, None),
    };
    Some(Header {
        authors,
        date,
        title: Some(title),
        rest,
        separator,
    })
}

/// Whether the quoted title that `quoted_text` starts with, before `rest`, ends with a comma.
fn closing_comma(quoted_text: &str, rest: &str) -> bool {
    let consumed = &quoted_text[..quoted_text.len() - rest.len()];
    consumed.trim_end().ends_with(',')
}

/// `(date).` before the title: where its parentheses are.
fn parenthesized_date(text: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    for _ in 0..MAX_PARENTHESES {
        let open = from + text[from..].find('(')?;
        let close = open + text[open..].find(')')?;
        let after = &text[close + 1..];
        let inner = &text[open + 1..close];
        if (after.is_empty() || after.starts_with(['.', ',']))
            && !inner.ends_with("ed.")
            && looks_like_date(inner)
            && Date::parse(inner).is_some_and(|date| date.year().is_some())
        {
            return Some((open, close));
        }
        from = close + 1;
    }
    None
}

/// `"Title" (PDF). rest` → ("Title", "(PDF). rest"): the title between its quotes.
fn quoted(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix('"').or_else(|| text.strip_prefix('“'))?;
    let end = closing_quote(inner)?;
    let title = inner[..end].trim();
    let closing = inner[end..].chars().next().map_or(1, char::len_utf8);
    let rest = inner[end + closing..]
        .trim_start_matches(['.', ','])
        .trim_start();
    (!title.is_empty()).then_some((title, rest))
}

/// The quotation mark that closes a title: the first one followed by the end, punctuation or
/// ` (`: a quote inside the title (`"Other countries don't have a "47%""`) is followed by words.
fn closing_quote(inner: &str) -> Option<usize> {
    let mut first = None;
    for (at, c) in inner.char_indices() {
        if c != '"' && c != '”' {
            continue;
        }
        first.get_or_insert(at);
        let after = &inner[at + c.len_utf8()..];
        if after.is_empty()
            || after.starts_with(['.', ',', ';', ')', '"', '”'])
            || after.starts_with(" (")
            || after.starts_with(" –")
        {
            return Some(at);
        }
    }
    first
}

/// CS1's author list: `Last, First; Last2, First2` (or `&` before the last), `et al.` dropped;
/// a name without a comma is a literal one (`Reuters`, `Ashish Kumar Sen`); `Smith AB, Jones
/// CD` is a Vancouver list.
fn authors(list: &str) -> Vec<Name> {
    let list = list.trim().trim_end_matches(',');
    if is_vancouver(list) {
        return super::vancouver_names(list);
    }
    // `&` joins the last name only in `Family, Given & Family, Given`; `Foster & Smith` is one.
    let ampersand = list
        .rsplit_once(" & ")
        .is_some_and(|(_, last)| last.contains(", "));
    list.split(|c| c == ';' || (ampersand && c == '&'))
        .map(str::trim)
        .filter(|name| !name.is_empty() && *name != "et al." && *name != "et al")
        .map(|name| match name.split_once(", ") {
            Some((family, given)) if !family.is_empty() && !given.trim().is_empty() => {
                Name::Person {
                    family: family.trim().to_string(),
                    given: Some(given.trim().to_string()),
                }
            }
            _ => Name::Literal {
                literal: name.trim_end_matches(',').to_string(),
            },
        })
        .collect()
}

/// `Smith AB, Jones CD`: no semicolons, every name ending in one to three capital initials.
fn is_vancouver(list: &str) -> bool {
    !list.contains(';')
        && list.contains(',')
        && list.split(',').all(|name| {
            // `((Brorsson A-C))`: a name kept as written.
            let name = name.trim().trim_start_matches('(').trim_end_matches(')');
            name.rsplit_once(' ').is_some_and(|(_, initials)| {
                (1..=4).contains(&initials.len())
                    && initials.chars().all(|c| c.is_uppercase() || c == '-')
            })
        })
}

/// Authors, or editors when the list says so (`Francis Hemming, ed.`, `Smith, J. (eds.)`).
fn names_and_editors(list: &str) -> (Vec<Name>, Vec<Name>) {
    let list = list.trim();
    if list.contains(';') && !list.contains(" & ") {
        // `Solovyov, Dmitry; Pearce, Tim (ed.)`: each name says which it is.
        let (mut names, mut editors) = (Vec::new(), Vec::new());
        for name in list.split(';') {
            match editors_suffix(name.trim()) {
                Some(editor) => editors.extend(authors(editor)),
                None => names.extend(authors(name)),
            }
        }
        return (names, editors);
    }
    match editors_suffix(list) {
        Some(editors) => (Vec::new(), authors(editors)),
        None => (authors(list), Vec::new()),
    }
}

/// The names before `, ed` / `, eds` / ` (ed.)` / ` (eds.)`.
fn editors_suffix(part: &str) -> Option<&str> {
    [", eds", ", ed", " (eds.)", " (ed.)", ", eds.", ", ed."]
        .iter()
        .find_map(|suffix| part.strip_suffix(suffix))
        .map(str::trim)
        .filter(|names| !names.is_empty())
}

/// `Editor, A. (ed.). rest` or `Editor, A., ed. "rest`: the editors and what follows them.
fn editors_part(text: &str) -> Option<(&str, &str)> {
    let part = Segments::new(text, b'.').next()?;
    let names = editors_suffix(part)?;
    Some((names, after_part(text, part, b'.')))
}

/// What follows `part` (a slice of `text`) and its separator.
fn after_part<'a>(text: &'a str, part: &str, separator: u8) -> &'a str {
    let start = (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    let at = (start + part.len()).min(text.len());
    let at = (at..=text.len())
        .find(|&at| text.is_char_boundary(at))
        .unwrap_or(text.len());
    text[at..]
        .trim_start_matches(|c: char| c == char::from(separator) || c == ' ')
        .trim_start()
}

/// A book title at the start of `text`: an italic or linked run it starts with (a title may
/// hold full stops), else its first part.
fn leading_title<'a>(
    text: &'a str,
    separator: u8,
    titles: &TitleRuns<'_>,
) -> Option<(&'a str, &'a str)> {
    if let Some((title, rest, _)) = titles.leading(text) {
        return Some((title, rest));
    }
    let title = Segments::new(text, separator).next()?;
    Some((title, after_part(text, title, separator)))
}

/// How many italic runs or links are looked at for the title.
const MAX_TITLE_RUNS: usize = 4;

/// The runs a title may be shown as: the first italic runs (a book's) and links (a linked
/// title), without their quotation marks.
struct TitleRuns<'a> {
    italics: Vec<&'a str>,
    links: Vec<&'a str>,
}

impl<'a> TitleRuns<'a> {
    fn new(rendering: &'a Rendering) -> TitleRuns<'a> {
        TitleRuns {
            italics: rendering
                .italics
                .iter()
                .take(MAX_TITLE_RUNS)
                .map(|run| run.trim_end_matches('.'))
                .collect(),
            links: rendering
                .links
                .iter()
                .take(MAX_TITLE_RUNS)
                .map(|(text, _)| text.trim_matches(['"', '“', '”']))
                .collect(),
        }
    }

    /// A title run `text` starts with (in quotation marks or not), what follows it, and the
    /// separator after it (`,` in CS2).
    fn leading<'t>(&self, text: &'t str) -> Option<(&'t str, &'t str, u8)> {
        let body = text.strip_prefix(['"', '“']).unwrap_or(text);
        self.italics.iter().chain(&self.links).find_map(|run| {
            if run.len() < 2 || !body.starts_with(run) {
                return None;
            }
            let title = &body[..run.len()];
            let after = body[run.len()..].trim_start_matches(['"', '”']);
            let separator = match after.bytes().next() {
                None | Some(b'.') => b'.',
                Some(b',') => b',',
                Some(b' ') if after.starts_with(" (") => b'.',
                Some(_) => return None,
            };
            let rest = after
                .trim_start_matches(|c: char| c == char::from(separator) || c == ' ')
                .trim_start();
            Some((title, rest, separator))
        })
    }

    fn contains(&self, part: &str) -> bool {
        let part = title_and_edition(part).0.trim_matches(['"', '“', '”']);
        !part.is_empty() && (self.italics.contains(&part) || self.links.contains(&part))
    }

    fn kind(&self, part: &str) -> Kind {
        if self.italics.contains(&title_and_edition(part).0) {
            Kind::Book
        } else {
            Kind::Document
        }
    }
}

/// `Title (2nd ed.) (PDF)` → ("Title", Some("2nd")): a title without the edition and format
/// CS1 writes after it.
fn title_and_edition(title: &str) -> (&str, Option<&str>) {
    let mut title = title.trim();
    let mut edition = None;
    while let Some((head, note)) = title
        .strip_suffix(')')
        .and_then(|inner| inner.rsplit_once(" ("))
    {
        if let Some(number) = note.strip_suffix(" ed.") {
            edition = Some(number);
        } else if !(FORMATS.contains(&note) || language(note).is_some()) {
            break;
        }
        title = head.trim_end();
    }
    (title, edition)
}

/// `in German`, `in en`: the language CS1 names after a title (`in trillion dollars` is none).
fn language(note: &str) -> Option<&str> {
    let language = note.strip_prefix("in ")?;
    let code = language.len() <= 3 && language.chars().all(|c| c.is_ascii_lowercase());
    (code || language.starts_with(char::is_uppercase)).then_some(language)
}

/// The formats CS1 names after a title.
const FORMATS: &[&str] = &[
    "PDF", "DOC", "DOCX", "PPT", "XLS", "RTF", "EPUB", "PS", "ZIP", "HTML", "video", "audio",
];

/// Words whose full stop does not end a part.
const ABBREVIATIONS: &[&str] = &[
    "p", "pp", "no", "nos", "vol", "vols", "trans", "jr", "sr", "st", "dr", "drs", "mr", "mrs",
    "ms", "ch", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec",
];

/// The parts of a rendering, split at the full stops that end them (not an initial's, `pp.`'s
/// or `U.S.`'s), each trimmed; one pass.
struct Segments<'a> {
    rest: &'a str,
    separator: u8,
}

impl<'a> Segments<'a> {
    fn new(text: &'a str, separator: u8) -> Segments<'a> {
        Segments {
            rest: text.trim(),
            separator,
        }
    }
}

impl<'a> Iterator for Segments<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        loop {
            if self.rest.is_empty() {
                return None;
            }
            let bytes = self.rest.as_bytes();
            let mut end = bytes.len();
            let mut next = bytes.len();
            // From separator to separator; the word before one starts after a space or `(`.
            for at in memchr::memchr_iter(self.separator, bytes) {
                if bytes.get(at + 1).is_none_or(|&b| b == b' ') {
                    let word_start =
                        memchr::memrchr2(b' ', b'(', &bytes[..at]).map_or(0, |i| i + 1);
                    if self.separator == b','
                        || ends_part(&self.rest[word_start..at], bytes.get(at + 2))
                    {
                        end = at;
                        next = at + 1;
                        break;
                    }
                }
            }
            let segment = self.rest[..end].trim();
            self.rest = self.rest[next..].trim_start();
            if !segment.is_empty() {
                return Some(segment);
            }
        }
    }
}

/// Whether a full stop after `word`, followed by `next` after a space, ends a part.
fn ends_part(word: &str, next: Option<&u8>) -> bool {
    if word.ends_with([')', '"', '”', ']']) {
        return true;
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_alphabetic()
    {
        // An initial.
        return false;
    }
    if word.contains('.') {
        // `U.S.`, `e.g.` end no part, unless a number follows (`Raith Rovers F.C. 15 May
        // 2013`); `example.com.` does.
        return next.is_some_and(u8::is_ascii_digit)
            || !word.split('.').all(|piece| piece.chars().count() <= 2);
    }
    !(word.len() <= 5
        && ABBREVIATIONS
            .iter()
            .any(|abbreviation| abbreviation.eq_ignore_ascii_case(word)))
}

/// The identifiers CS1 writes as `NAME value` or `NAME:value`: (prefix, scheme).
const IDENTIFIERS: &[(&str, &str)] = &[
    ("doi:", "DOI"),
    ("ISBN ", "ISBN"),
    ("ISSN ", "ISSN"),
    ("eISSN ", "ISSN"),
    ("PMID ", "PMID"),
    ("PMC ", "PMCID"),
    ("OCLC ", "OCLC"),
    ("arXiv:", "arXiv"),
    ("Bibcode:", "bibcode"),
    ("JSTOR ", "JSTOR"),
    ("hdl:", "hdl"),
    ("LCCN ", "LCCN"),
    ("S2CID ", "S2CID"),
];

/// One part after the title: a marker CS1 writes (archive, access date, pages, identifiers) or,
/// in a structured citation, the work, the publisher or the date.
fn part(cite: &mut Cite, segment: &str, structured: bool, italics: &HashSet<&str>) {
    // `February 4, 2011 – via Christian Science Monitor`: where it was read is no field.
    let segment = segment
        .split_once(" – via ")
        .map_or(segment, |(head, _)| head.trim());
    if segment.starts_with("Archived") && segment.contains("from the original") {
        cite.archive_date = segment
            .rsplit_once(" on ")
            .and_then(|(_, date)| Date::parse(date));
        return;
    }
    if let Some(at) = retrieved(segment) {
        cite.accessed = Date::parse(&segment[at..]);
        return;
    }
    for (prefix, scheme) in IDENTIFIERS {
        if let Some(value) = segment.strip_prefix(prefix) {
            identifier(cite, scheme, value);
            return;
        }
    }
    if let Some(pages) = segment
        .strip_prefix("pp. ")
        .or_else(|| segment.strip_prefix("p. "))
    {
        cite.page.get_or_insert_with(|| pages.trim().to_string());
        return;
    }
    if segment.starts_with('(') || segment.starts_with("Via ") || !structured {
        let note = segment
            .strip_prefix('(')
            .and_then(|rest| rest.strip_suffix(')'));
        if let Some(language) = note.and_then(language) {
            cite.language.get_or_insert_with(|| language.to_string());
        } else if let Some(edition) = note.and_then(|note| note.strip_suffix(" ed.")) {
            cite.edition.get_or_insert_with(|| edition.to_string());
        }
        return;
    }
    if cite.issued.is_none()
        && looks_like_date(segment)
        && let Some(date) = Date::parse(segment).filter(is_publication_date)
    {
        cite.issued = Some(date);
        return;
    }
    if let Some((volume, issue, page)) = volume_issue(segment) {
        cite.volume = volume.map(str::to_string);
        cite.issue = issue.map(str::to_string);
        if let Some(page) = page {
            cite.page.get_or_insert_with(|| page.to_string());
        }
        return;
    }
    let (work, volume, issue) = work_volume_issue(segment);
    let italic = italics.contains(segment) || italics.contains(work);
    if cite.container_title.is_none() && (italics.is_empty() || italic) && cite.kind != Kind::Book {
        cite.container_title = Some(work.to_string());
        cite.volume = volume.map(str::to_string).or(cite.volume.take());
        cite.issue = issue.map(str::to_string).or(cite.issue.take());
    } else if cite.publisher.is_none() {
        match segment.split_once(": ") {
            Some((place, publisher)) if !place.is_empty() && !publisher.is_empty() => {
                cite.publisher_place = Some(place.to_string());
                cite.publisher = Some(publisher.to_string());
            }
            _ => cite.publisher = Some(segment.to_string()),
        }
    }
}

/// Whether a part may be a date, before it is parsed: short, with a digit.
fn looks_like_date(segment: &str) -> bool {
    segment.len() <= MAX_DATE_BYTES && segment.bytes().any(|b| b.is_ascii_digit())
}

/// The longest date CS1 writes (`Spring–Summer 2008`, `12–15 February 2007`), with room.
const MAX_DATE_BYTES: usize = 48;

/// A part that is a date: a calendar date, not a bare number under 1000 (a volume, a page).
fn is_publication_date(date: &Date) -> bool {
    match date.parts.as_slice() {
        [] => false,
        [parts] => parts.len() > 1 || parts.first().is_some_and(|&year| year >= 1000),
        _ => true,
    }
}

/// `…. Retrieved 5 May 2010. "Quoted text. More."`: the parts before CS1's closing quotation,
/// and the quotation.
fn trailing_quote(text: &str) -> Option<(&str, &str)> {
    let body = text.trim_end().trim_end_matches('.');
    let inner = body.strip_suffix(['"', '”'])?;
    let open = match (inner.rfind(". \""), inner.rfind(". “")) {
        (Some(a), Some(b)) => a.max(b),
        (a, b) => a.or(b)?,
    } + 2;
    let quote = inner[open..].trim_start_matches(['"', '“']).trim();
    (!quote.is_empty()).then(|| (&text[..open], quote))
}

/// The marks of an access date, in the order they are tried.
const RETRIEVED: [&str; 5] = [
    "Retrieved ",
    "retrieved ",
    "Accessed ",
    "accessed ",
    "abgerufen am ",
];

/// A searcher per mark, made once: every segment of every rendering is searched for each.
static RETRIEVED_FINDERS: LazyLock<Vec<memmem::Finder<'static>>> =
    LazyLock::new(|| RETRIEVED.iter().map(memmem::Finder::new).collect());

/// Where the access date starts: `Retrieved 5 May 2013`, or `…; retrieved 5 May 2013`.
fn retrieved(segment: &str) -> Option<usize> {
    for (marker, finder) in RETRIEVED.iter().zip(RETRIEVED_FINDERS.iter()) {
        if let Some(at) = finder.find(segment.as_bytes())
            && (at == 0 || segment[..at].ends_with([' ', ';', ',']))
        {
            return Some(at + marker.len());
        }
    }
    None
}

fn identifier(cite: &mut Cite, scheme: &str, value: &str) {
    // The value is its first word; CS1 may follow it with a lock icon's text or a note.
    let value = value
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_end_matches([',', ';'])
        .to_string();
    if value.is_empty() {
        return;
    }
    let slot = match scheme {
        "DOI" => &mut cite.doi,
        "ISBN" => &mut cite.isbn,
        "ISSN" => &mut cite.issn,
        "PMID" => &mut cite.pmid,
        "PMCID" => &mut cite.pmcid,
        _ => {
            cite.identifiers.push(Identifier {
                scheme: scheme.to_string(),
                value,
            });
            return;
        }
    };
    slot.get_or_insert(value);
}

/// `12 (3): 45–67`, `12: 45–67`, `(946)`: a journal's volume, issue and pages after its name.
fn volume_issue(segment: &str) -> Option<(Option<&str>, Option<&str>, Option<&str>)> {
    let (numbers, page) = match segment.split_once(": ") {
        Some((numbers, page)) => (numbers, Some(page)),
        None => (segment, None),
    };
    let (volume, issue) = match numbers.split_once('(') {
        Some((volume, issue)) => (volume.trim(), Some(issue.strip_suffix(')')?.trim())),
        None => (numbers.trim(), None),
    };
    let number = |value: &str| !value.is_empty() && value.chars().all(|c| c.is_ascii_digit());
    let volume_ok = volume.is_empty() || number(volume);
    let issue_ok = issue.is_none_or(|issue| !issue.is_empty() && issue.len() <= 12);
    (volume_ok && issue_ok && (!volume.is_empty() || issue.is_some())).then_some((
        Some(volume).filter(|v| !v.is_empty()),
        issue,
        page,
    ))
}

/// `Rolling Stone (946)`, `Nature 3 (4)`: the work, with a volume and issue written after it.
fn work_volume_issue(segment: &str) -> (&str, Option<&str>, Option<&str>) {
    let Some((head, issue)) = segment
        .strip_suffix(')')
        .and_then(|inner| inner.rsplit_once(" ("))
    else {
        return (segment, None, None);
    };
    if issue.is_empty() || !issue.chars().any(|c| c.is_ascii_digit()) {
        return (segment, None, None);
    }
    match head.rsplit_once(' ') {
        Some((work, volume)) if volume.chars().all(|c| c.is_ascii_digit()) => {
            (work, Some(volume), Some(issue))
        }
        _ => (head, None, Some(issue)),
    }
}

/// Hosts that keep copies of other pages.
const ARCHIVE_HOSTS: &[&str] = &[
    "web.archive.org/",
    "archive.org/wayback/",
    "archive.today/",
    "archive.ph/",
    "archive.is/",
    "webcitation.org/",
    "wayback.archive-it.org/",
];

/// The URLs: the title's link is the original unless "the original" is linked (then the URL
/// is dead and the title links the archive copy); "Archived" links the copy of a live one.
fn links(cite: &mut Cite, links: &[(String, String)], parts: &HashSet<&str>) {
    // Worked out once: every link is compared with them.
    let title = cite.title.as_deref().map(bare).map(str::to_string);
    let container = cite
        .container_title
        .as_deref()
        .map(|container| title_and_edition(container).0.to_string());
    let mut title_url = None;
    let mut container_url = None;
    let mut part_url = None;
    let mut original = None;
    let mut archived = None;
    let mut plain = Vec::new();
    for (text, url) in links {
        let Some(url) = web_url(url) else {
            continue;
        };
        if let Some(doi) = doi_of(&url) {
            cite.doi.get_or_insert(doi);
        } else if text == "the original" {
            original.get_or_insert(url);
        } else if text == "Archived" || text.starts_with("Archived ") {
            archived.get_or_insert(url);
        } else if !text.is_empty() && title.as_deref() == Some(bare(text)) {
            title_url.get_or_insert(url);
        } else if container.as_deref() == Some(title_and_edition(text).0) {
            // A chapter's book, linked when the URL is the book's.
            container_url.get_or_insert(url);
        } else if parts.contains(title_and_edition(text).0) {
            // A book linked after its chapter, the editors unmarked (`In James Serpell. Book`).
            part_url.get_or_insert(url);
        } else if text.is_empty() {
            plain.push(url);
        }
    }
    let mut title_url = title_url.or(container_url).or(part_url);
    // A dump's URLs come without their text: an archive host's is the copy.
    for url in plain {
        let slot = if ARCHIVE_HOSTS.iter().any(|host| url.contains(host)) {
            &mut archived
        } else {
            &mut title_url
        };
        slot.get_or_insert(url);
    }
    match original {
        Some(original) => {
            cite.url = Some(original);
            cite.archive_url = title_url.or(archived);
            cite.url_status = Some(UrlStatus::Dead);
        }
        // An unfit or usurped URL: the title links the copy, the original is not linked.
        None if archived.is_none()
            && cite.archive_date.is_some()
            && title_url
                .as_deref()
                .is_some_and(|url| ARCHIVE_HOSTS.iter().any(|host| url.contains(host))) =>
        {
            cite.archive_url = title_url;
        }
        None => {
            cite.url = title_url;
            if archived.is_some() {
                cite.archive_url = archived;
                if cite.url.is_some() {
                    cite.url_status = Some(UrlStatus::Live);
                }
            }
        }
    }
}

/// A title as a link shows it: without its edition, format or quotation marks.
fn bare(title: &str) -> &str {
    title_and_edition(title).0.trim_matches(['"', '“', '”'])
}

/// `https://doi.org/10.1/x` → `10.1/x`.
fn doi_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let doi = rest
        .strip_prefix("doi.org/")
        .or_else(|| rest.strip_prefix("dx.doi.org/"))?;
    let doi = percent_encoding::percent_decode_str(doi).decode_utf8_lossy();
    doi.starts_with("10.").then(|| doi.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Copying printable stretches whole gives what reading character by character does.
        #[test]
        fn normalized_reads_as_character_by_character(
            text in "[ a-z.\t\n\r\u{0}\u{7f}\u{a0}\u{85}\u{2003}é“”]{0,40}"
        ) {
            let mut expected = String::new();
            let mut space = true;
            for c in text.chars() {
                if c.is_whitespace() || c == '\u{a0}' {
                    if !space {
                        expected.push(' ');
                    }
                    space = true;
                } else if !c.is_control() {
                    expected.push(c);
                    space = false;
                }
            }
            if expected.ends_with(' ') {
                expected.pop();
            }
            proptest::prop_assert_eq!(normalized(&text), expected);
        }
    }
    use crate::article::Emphasis;

    fn italic(text: &str) -> Inline {
        Inline::Text {
            text: text.to_string(),
            emphasis: Emphasis {
                italic: true,
                ..Emphasis::default()
            },
        }
    }

    fn plain(text: &str) -> Cite {
        read(&Rendering::from_text(text, &[])).unwrap_or_else(|| panic!("no fields: {text}"))
    }

    fn iso(date: &Option<Date>) -> String {
        date.as_ref().map(Date::iso).unwrap_or_default()
    }

    #[test]
    fn a_news_citation_with_its_archive_and_access_dates() {
        let cite = plain(
            "Williams, Carol J. (19 September 2013). \"Envoys urge U.N. probe of massacre at \
             Iranian exile camp in Iraq\". Los Angeles Times. Archived from the original on 5 \
             November 2013. Retrieved 30 October 2013.",
        );
        assert_eq!(cite.author[0].sorted(), "Williams, Carol J.");
        assert_eq!(iso(&cite.issued), "2013-09-19");
        assert_eq!(
            cite.title.as_deref(),
            Some("Envoys urge U.N. probe of massacre at Iranian exile camp in Iraq")
        );
        assert_eq!(cite.container_title.as_deref(), Some("Los Angeles Times"));
        assert_eq!(iso(&cite.archive_date), "2013-11-05");
        assert_eq!(iso(&cite.accessed), "2013-10-30");
        assert_eq!(cite.url_status, None);
    }

    #[test]
    fn no_authors_the_date_after_the_work_and_a_pdf() {
        let cite = plain(
            "\"Statement by High Representative\" (PDF). European Union. 2 September 2013. \
             Archived (PDF) from the original on 20 December 2013. Retrieved 2023-05-27.",
        );
        assert!(cite.author.is_empty());
        assert_eq!(
            cite.title.as_deref(),
            Some("Statement by High Representative")
        );
        assert_eq!(cite.container_title.as_deref(), Some("European Union"));
        assert_eq!(iso(&cite.issued), "2013-09-02");
        assert_eq!(iso(&cite.archive_date), "2013-12-20");
        assert_eq!(iso(&cite.accessed), "2023-05-27");
        let literal = plain("Ashish Kumar Sen (1 September 2013). \"52 exiles\". The Times.");
        assert_eq!(
            literal.author,
            [Name::Literal {
                literal: "Ashish Kumar Sen".into()
            }]
        );
    }

    #[test]
    fn a_book_and_a_chapter() {
        let book = plain(
            "Charles, Ray; Ritz, David (1992). Brother Ray. Spring Street, New York: Da Capo \
             Press. p. 12. ISBN 0-306-80482-4.",
        );
        assert_eq!(book.kind, Kind::Book);
        assert_eq!(book.author.len(), 2);
        assert_eq!(book.author[1].sorted(), "Ritz, David");
        assert_eq!(book.title.as_deref(), Some("Brother Ray"));
        assert_eq!(
            book.publisher_place.as_deref(),
            Some("Spring Street, New York")
        );
        assert_eq!(book.publisher.as_deref(), Some("Da Capo Press"));
        assert_eq!(book.page.as_deref(), Some("12"));
        assert_eq!(book.isbn.as_deref(), Some("0-306-80482-4"));
        let chapter = plain(
            "Wozencraft, W. C. (2005). \"Order Carnivora\". In Wilson, D. E.; Reeder, D. M. \
             (eds.). Mammal Species of the World. Johns Hopkins University Press. pp. 532–628.",
        );
        assert_eq!(chapter.kind, Kind::Chapter);
        assert_eq!(chapter.author[0].sorted(), "Wozencraft, W. C.");
        assert_eq!(chapter.title.as_deref(), Some("Order Carnivora"));
        assert_eq!(chapter.editor.len(), 2);
        assert_eq!(
            chapter.container_title.as_deref(),
            Some("Mammal Species of the World")
        );
        assert_eq!(chapter.page.as_deref(), Some("532–628"));
    }

    #[test]
    fn a_journal_article_with_its_doi_and_links() {
        let inlines = vec![
            Inline::text("Smith, A.; Jones, B. (2019). \""),
            Inline::Link {
                text: "A study".into(),
                target: LinkTarget::External("https://example.org/study".into()),
            },
            Inline::text("\". "),
            italic("Nature"),
            Inline::text(". 3 (4): 10–20. doi:"),
            Inline::Link {
                text: "10.1000/x".into(),
                target: LinkTarget::External("https://doi.org/10.1000%2Fx".into()),
            },
            Inline::text(". PMID 123. "),
            Inline::Link {
                text: "Archived".into(),
                target: LinkTarget::External("https://web.archive.org/web/1/x".into()),
            },
            Inline::text(" from the original on 2 May 2020."),
        ];
        let Some(cite) = read(&Rendering::from_inlines(&inlines)) else {
            panic!("no fields");
        };
        assert_eq!(cite.kind, Kind::JournalArticle);
        assert_eq!(cite.container_title.as_deref(), Some("Nature"));
        assert_eq!(
            (cite.volume.as_deref(), cite.issue.as_deref()),
            (Some("3"), Some("4"))
        );
        assert_eq!(cite.page.as_deref(), Some("10–20"));
        assert_eq!(cite.doi.as_deref(), Some("10.1000/x"));
        assert_eq!(cite.pmid.as_deref(), Some("123"));
        assert_eq!(cite.url.as_deref(), Some("https://example.org/study"));
        assert_eq!(
            cite.archive_url.as_deref(),
            Some("https://web.archive.org/web/1/x")
        );
        assert_eq!(cite.url_status, Some(UrlStatus::Live));
    }

    #[test]
    fn a_dead_url_links_the_original_and_the_title_links_the_copy() {
        let inlines = vec![
            Inline::text("\""),
            Inline::Link {
                text: "Gone".into(),
                target: LinkTarget::External("https://web.archive.org/web/2/y".into()),
            },
            Inline::text("\". Site. Archived from "),
            Inline::Link {
                text: "the original".into(),
                target: LinkTarget::External("https://example.org/y".into()),
            },
            Inline::text(" on 1 May 2001. Retrieved June 13, 2010."),
        ];
        let Some(cite) = read(&Rendering::from_inlines(&inlines)) else {
            panic!("no fields");
        };
        assert_eq!(cite.url.as_deref(), Some("https://example.org/y"));
        assert_eq!(
            cite.archive_url.as_deref(),
            Some("https://web.archive.org/web/2/y")
        );
        assert_eq!(cite.url_status, Some(UrlStatus::Dead));
        assert_eq!(iso(&cite.archive_date), "2001-05-01");
        assert_eq!(iso(&cite.accessed), "2010-06-13");
    }

    #[test]
    fn prose_gives_only_what_is_marked() {
        assert!(read(&Rendering::from_text("Just a note, 1999.", &[])).is_none());
        let note = plain("Guide Profile: Ray Charles, About.com; retrieved December 12, 2008.");
        assert_eq!(note.title, None);
        assert_eq!(iso(&note.accessed), "2008-12-12");
        let quoted = plain("He said \"no\" to it. Retrieved 2001.");
        assert_eq!(quoted.title, None);
        let undated = plain("Smith, Ann (someday). \"T\". W.");
        assert_eq!(undated.author[0].sorted(), "Smith, Ann");
        assert_eq!(undated.issued, None);
    }

    #[test]
    fn parts_end_at_full_stops_that_end_them() {
        let parts: Vec<&str> = Segments::new(
            "U.S. Department of State. Jan. 2001. p. 5. example.com. J. Smith.",
            b'.',
        )
        .collect();
        assert_eq!(
            parts,
            [
                "U.S. Department of State",
                "Jan. 2001",
                "p. 5",
                "example.com",
                "J. Smith"
            ]
        );
    }
}
