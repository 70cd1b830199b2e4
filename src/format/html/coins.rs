//! COinS: the `<span class="Z3988" title="ctx_ver=Z39.88-2004&rft.atitle=…">` that CS1 puts
//! after every citation in Wikipedia's HTML (action=parse, Parsoid, Kiwix). Its title is an
//! OpenURL ContextObject in key/value form (form-encoded: `+` is a space, `%XX` a byte), read
//! here into citation fields. Hand-written: the keys are a dozen and percent-encoding (already a
//! dependency) decodes the values. COinS has no archive or access dates: those come from the
//! rendered citation beside it, which also gives all the fields of a page saved without COinS.

use crate::article::Inline;
use crate::cite::rendered::{self, Rendering};
use crate::cite::{Cite, Date, Identifier, Kind, Name};

/// A place in a run of inlines: an inline's index and a byte offset in its text.
#[derive(Debug, Clone, Copy)]
pub struct RunPosition {
    inline: usize,
    offset: usize,
}

impl RunPosition {
    /// Where the next text appended to `inlines` will start (it joins a last text run).
    pub fn end_of(inlines: &[Inline]) -> RunPosition {
        match inlines.last() {
            Some(Inline::Text { text, .. }) => RunPosition {
                inline: inlines.len() - 1,
                offset: text.len(),
            },
            _ => RunPosition {
                inline: inlines.len(),
                offset: 0,
            },
        }
    }
}

/// A reference's fields: those its COinS span or `data-mw` gave, completed from its rendered
/// citation (the runs from `start`, where its `cite.citation` element starts, to `end`, its
/// COinS span or the next citation); without them, the rendered citation read back. A
/// reference without a rendered citation (a note in prose) has only what its spans gave.
pub fn with_rendering(
    cite: Option<Cite>,
    inlines: &[Inline],
    start: Option<RunPosition>,
    end: Option<RunPosition>,
) -> Option<Cite> {
    let Some(start) = start else {
        return cite;
    };
    let rendering = Rendering::from_inlines(&runs_between(inlines, start, end));
    match cite {
        Some(mut cite) => {
            rendered::complete(&mut cite, &rendering);
            Some(cite)
        }
        None => rendered::read(&rendering),
    }
}

/// The runs from `start` to `end` (or the last), cut at their offsets.
fn runs_between(inlines: &[Inline], start: RunPosition, end: Option<RunPosition>) -> Vec<Inline> {
    // An end in the middle of a text run keeps that run's head.
    let (stop, partial) = match end {
        Some(end) if end.offset > 0 => (end.inline + 1, Some(end.offset)),
        Some(end) => (end.inline, None),
        None => (inlines.len(), None),
    };
    let mut runs: Vec<Inline> = inlines
        .get(start.inline..stop.min(inlines.len()))
        .unwrap_or_default()
        .to_vec();
    // Cut the end first: the start's offset counts in the same run when both are in one.
    if let (Some(offset), Some(Inline::Text { text, .. })) = (partial, runs.last_mut())
        && text.is_char_boundary(offset.min(text.len()))
    {
        text.truncate(offset);
    }
    if let Some(Inline::Text { text, .. }) = runs.first_mut() {
        *text = text.get(start.offset..).unwrap_or_default().to_string();
    }
    runs
}

/// The fields a COinS title gives; None when it gives none (not a ContextObject, or empty).
pub fn read(title: &str) -> Option<Cite> {
    let mut cite = Cite::default();
    let (mut genre, mut format) = (String::new(), String::new());
    let (mut atitle, mut btitle, mut jtitle, mut plain_title) = (None, None, None, None);
    let (mut aulast, mut aufirst) = (None, None);
    let (mut spage, mut epage) = (None, None);
    let mut others: Vec<Name> = Vec::new();
    let mut from = 0;
    // Pairs and their `=` found with memchr: a page has hundreds of spans of a dozen pairs.
    let ends = memchr::memchr_iter(b'&', title.as_bytes()).chain([title.len()]);
    for end in ends {
        let pair = &title[from..end];
        from = end + 1;
        let Some(equals) = memchr::memchr(b'=', pair.as_bytes()) else {
            continue;
        };
        let (key, value) = (&pair[..equals], &pair[equals + 1..]);
        // The key first: values of keys not read here (`ctx_ver`, `rfr_id`…) are not decoded.
        let Some(key) = Key::of(key) else {
            continue;
        };
        let value = decode(value);
        if value.is_empty() {
            continue;
        }
        match key {
            Key::Format => format = value,
            Key::Genre => genre = value,
            Key::Atitle => atitle = Some(value),
            Key::Btitle => btitle = Some(value),
            Key::Jtitle => jtitle = Some(value),
            Key::Title => plain_title = Some(value),
            Key::Aulast => aulast = Some(value),
            Key::Aufirst => aufirst = Some(value),
            Key::Au => others.push(name_of(&value)),
            Key::Aucorp => others.push(Name::Literal { literal: value }),
            Key::Date => cite.issued = Date::parse(&value),
            Key::Volume => cite.volume = Some(value),
            Key::Issue => cite.issue = Some(value),
            Key::Pages => cite.page = Some(value),
            Key::Spage => spage = Some(value),
            Key::Epage => epage = Some(value),
            Key::Edition => cite.edition = Some(value),
            Key::Publisher => cite.publisher = Some(value),
            Key::Place => cite.publisher_place = Some(value),
            Key::Series => cite.collection_title = Some(value),
            Key::Isbn => cite.isbn = Some(value),
            Key::Issn => {
                cite.issn.get_or_insert(value);
            }
            Key::Id => identifier(&mut cite, &value),
        }
    }
    if let Some(family) = aulast {
        cite.author.push(Name::Person {
            family,
            given: aufirst,
        });
    }
    // CS1 repeats the first author as `rft.au` when it also gives `aulast`.
    for name in others {
        if !cite.author.contains(&name)
            && !cite
                .author
                .first()
                .is_some_and(|first| same_person(first, &name))
        {
            cite.author.push(name);
        }
    }
    if cite.page.is_none() {
        cite.page = match (spage, epage) {
            (Some(start), Some(end)) => Some(format!("{start}–{end}")),
            (start, _) => start,
        };
    }
    let journal = format.ends_with(":journal");
    cite.kind = match genre.as_str() {
        "article" if journal => Kind::JournalArticle,
        "bookitem" => Kind::Chapter,
        "book" => Kind::Book,
        "conference" | "proceeding" => Kind::ConferencePaper,
        "report" => Kind::Report,
        _ => Kind::Document,
    };
    (cite.title, cite.container_title) = match atitle {
        Some(atitle) => (Some(atitle), jtitle.or(btitle).or(plain_title)),
        None => (btitle.or(plain_title), jtitle),
    };
    (!cite.is_empty()).then_some(cite)
}

/// The ContextObject keys read into fields.
#[derive(Clone, Copy)]
enum Key {
    Format,
    Genre,
    Atitle,
    Btitle,
    Jtitle,
    Title,
    Aulast,
    Aufirst,
    Au,
    Aucorp,
    Date,
    Volume,
    Issue,
    Pages,
    Spage,
    Epage,
    Edition,
    Publisher,
    Place,
    Series,
    Isbn,
    Issn,
    Id,
}

impl Key {
    fn of(key: &str) -> Option<Key> {
        Some(match key {
            "rft_val_fmt" => Key::Format,
            "rft.genre" => Key::Genre,
            "rft.atitle" => Key::Atitle,
            "rft.btitle" => Key::Btitle,
            "rft.jtitle" => Key::Jtitle,
            "rft.title" => Key::Title,
            "rft.aulast" => Key::Aulast,
            "rft.aufirst" => Key::Aufirst,
            "rft.au" => Key::Au,
            "rft.aucorp" => Key::Aucorp,
            "rft.date" => Key::Date,
            "rft.volume" => Key::Volume,
            "rft.issue" => Key::Issue,
            "rft.pages" => Key::Pages,
            "rft.spage" => Key::Spage,
            "rft.epage" => Key::Epage,
            "rft.edition" => Key::Edition,
            "rft.pub" => Key::Publisher,
            "rft.place" => Key::Place,
            "rft.series" => Key::Series,
            "rft.isbn" => Key::Isbn,
            "rft.issn" | "rft.eissn" => Key::Issn,
            "rft_id" => Key::Id,
            _ => return None,
        })
    }
}

/// `+` as a space, then percent-decoding (invalid UTF-8 replaced), then the HTML entities CS1
/// leaves in values (`No.&nbsp;10`).
fn decode(value: &str) -> String {
    let spaced = value.replace('+', " ");
    // Many values (titles, names, dates) have no `%`: they are valid UTF-8 as they are.
    let decoded = if spaced.contains('%') {
        percent_decoded(&spaced)
    } else {
        spaced
    };
    let decoded = if decoded.contains('&') {
        crate::text::decode_entities(&decoded)
    } else {
        decoded
    };
    crate::text::collapse_whitespace(decoded.trim()).into_owned()
}

/// Percent-decoding (invalid UTF-8 replaced), copying the stretches between `%`s whole.
/// Hand-written because `percent_encoding` decodes through a byte iterator, which cost more
/// than the rest of reading a COinS span (URLs are most of a span and most `%XX`).
fn percent_decoded(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut from = 0;
    for at in memchr::memchr_iter(b'%', bytes) {
        if at < from {
            continue;
        }
        let digit = |offset: usize| {
            let byte = *bytes.get(at + offset)?;
            char::from(byte).to_digit(16)
        };
        if let (Some(high), Some(low)) = (digit(1), digit(2)) {
            out.extend_from_slice(&bytes[from..at]);
            // Two hex digits make a byte: at most 0xff.
            out.push((high * 16 + low) as u8);
            from = at + 3;
        }
    }
    out.extend_from_slice(&bytes[from..]);
    String::from_utf8(out)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

/// `Smith, John` as a person; any other form as it is written.
fn name_of(value: &str) -> Name {
    match value.split_once(", ") {
        Some((family, given)) if !family.is_empty() && !given.is_empty() => Name::Person {
            family: family.to_string(),
            given: Some(given.to_string()),
        },
        _ => Name::Literal {
            literal: value.to_string(),
        },
    }
}

fn same_person(first: &Name, other: &Name) -> bool {
    match other {
        Name::Literal { literal } => literal.starts_with(first.family()),
        Name::Person { family, .. } => family == first.family(),
    }
}

/// Where identifiers' pages are, which COinS gives as `rft_id` web addresses.
const IDENTIFIER_HOSTS: &[&str] = &[
    "jstor.org/stable/",
    "ncbi.nlm.nih.gov/pmc/",
    "ncbi.nlm.nih.gov/pubmed/",
    "doi.org/",
    "arxiv.org/abs/",
    "hdl.handle.net/",
    "worldcat.org/oclc/",
    "adsabs.harvard.edu/",
    "api.semanticscholar.org/",
];

/// `rft_id`: a web address, or `info:doi/…`, `info:pmid/…`, `info:oclcnum/…`…
fn identifier(cite: &mut Cite, value: &str) {
    let Some(info) = value.strip_prefix("info:") else {
        // CS1 writes identifiers' web addresses (JSTOR, PMC) before the cited URL, the last;
        // an identifier's address is no URL of the work.
        if let Some(url) = crate::cite::web_url(value)
            && !IDENTIFIER_HOSTS.iter().any(|host| url.contains(host))
        {
            cite.url = Some(url);
        }
        return;
    };
    let Some((scheme, id)) = info.split_once('/') else {
        return;
    };
    let id = id.to_string();
    match scheme {
        "doi" => cite.doi = Some(id),
        "pmid" => cite.pmid = Some(id),
        "pmc" => cite.pmcid = Some(id),
        other => {
            let scheme = match other {
                "oclcnum" => "OCLC",
                "bibcode" => "bibcode",
                "arxiv" => "arXiv",
                "hdl" => "hdl",
                "lccn" => "LCCN",
                "jstor" => "JSTOR",
                _ => return,
            };
            cite.identifiers.push(Identifier {
                scheme: scheme.to_string(),
                value: id,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_book_chapter_from_wikipedias_cat_article() {
        let cite = read(
            "ctx_ver=Z39.88-2004&rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Abook&rft.genre=\
             bookitem&rft.atitle=Species+Felis+catus&rft.btitle=Mammal+Species+of+the+World&\
             rft.pages=534-535&rft.edition=3rd&rft.pub=Johns+Hopkins+University+Press&rft.date=\
             2005&rft_id=info%3Aoclcnum%2F62265494&rft.isbn=978-0-8018-8221-0&rft.aulast=\
             Wozencraft&rft.aufirst=W.+C.&rft.au=Wozencraft%2C+W.+C.&rft.au=Smith%2C+Ann&rft_id=\
             http%3A%2F%2Fwww.example.edu%2Fmsw3&rfr_id=info%3Asid%2Fen.wikipedia.org%3ACat",
        );
        let Some(cite) = cite else {
            panic!("no fields");
        };
        assert_eq!(cite.kind, Kind::Chapter);
        assert_eq!(cite.title.as_deref(), Some("Species Felis catus"));
        assert_eq!(
            cite.container_title.as_deref(),
            Some("Mammal Species of the World")
        );
        assert_eq!(cite.year(), Some(2005));
        assert_eq!(cite.author.len(), 2);
        assert_eq!(cite.author[0].sorted(), "Wozencraft, W. C.");
        assert_eq!(cite.author[1].sorted(), "Smith, Ann");
        assert_eq!(cite.identifiers[0].value, "62265494");
        assert_eq!(cite.url.as_deref(), Some("http://www.example.edu/msw3"));
        assert_eq!(cite.page.as_deref(), Some("534-535"));
        let entity = read("rft.genre=article&rft.atitle=No.%26nbsp%3B10");
        assert_eq!(entity.and_then(|c| c.title).as_deref(), Some("No.\u{a0}10"));
    }

    proptest::proptest! {
        /// Decoding by stretches gives what the percent-encoding crate gives.
        #[test]
        fn percent_decoding_agrees_with_the_crate(
            text in "([a-z %+é]|%[0-9a-fA-F]{2}|%[0-9a-gG]{0,2}|%[cCeE][0-9a-f]%[89ab][0-9a-f])*"
        ) {
            let expected = percent_encoding::percent_decode_str(&text).decode_utf8_lossy();
            proptest::prop_assert_eq!(percent_decoded(&text), expected.into_owned());
        }
    }

    #[test]
    fn nonsense_gives_nothing_and_bad_urls_go() {
        assert_eq!(read(""), None);
        assert_eq!(read("just a tooltip"), None);
        let cite = read("rft.btitle=T&rft_id=javascript%3Aalert(1)&rft.date=soon%ZZ");
        assert_eq!(cite.as_ref().and_then(|c| c.url.clone()), None);
        assert_eq!(cite.as_ref().and_then(|c| c.issued.clone()), None);
        assert_eq!(cite.and_then(|c| c.title), Some("T".to_string()));
    }
}
