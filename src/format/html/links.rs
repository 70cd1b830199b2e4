//! What an `href` points at: another article (Parsoid `./X`, legacy `/wiki/X`, Kiwix `X`,
//! `../A/X.html`), an outside URL, a footnote (`#cite_note-…`), a marker's backlink
//! (`#cite_ref-…`), or nothing worth a link (in-page anchors, files, special pages).

use crate::text::display_title;
use percent_encoding::percent_decode_str;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Href {
    Article(String),
    /// A section of an article (`./Dog#Senses`): the title, and the section decoded.
    Section {
        title: String,
        section: String,
    },
    External(String),
    /// A marker's link to its footnote: the footnote's element id.
    Note(String),
    /// A footnote's backlink to a marker: the marker's element id.
    Backlink(String),
    /// Shown as text only.
    Plain,
}

/// Schemes whose links leave the library (MediaWiki's `$wgUrlProtocols`, roughly).
const EXTERNAL_SCHEMES: &[&str] = &[
    "http",
    "https",
    "ftp",
    "ftps",
    "mailto",
    "news",
    "irc",
    "ircs",
    "gopher",
    "nntp",
    "telnet",
    "sftp",
    "ssh",
    "svn",
    "git",
    "mms",
    "tel",
    "urn",
    "geo",
    "magnet",
    "sip",
    "sms",
    "xmpp",
    "worldwind",
];

/// Namespaces whose pages are not articles: a link to one is kept as its text.
const NON_ARTICLE_NAMESPACES: &[&str] = &[
    "file",
    "image",
    "media",
    "special",
    "help",
    "template",
    "template talk",
    "category",
    "wikipedia",
    "project",
    "portal",
    "talk",
    "user",
    "user talk",
    "module",
    "mediawiki",
    "draft",
    "book",
    "timedtext",
    "wp",
    "w",
];

pub fn classify(href: &str) -> Href {
    let href = href.trim();
    let (path, fragment) = match href.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (href, None),
    };
    if let Some(fragment) = fragment {
        if fragment.starts_with("cite_note") {
            return Href::Note(decode(fragment));
        }
        if fragment.starts_with("cite_ref") {
            return Href::Backlink(decode(fragment));
        }
    }
    if path.is_empty() {
        // `#History`: a section of this article, named once its title is known
        // (`format::own_sections`).
        return match fragment
            .map(|fragment| display_title(&decode(fragment)))
            .filter(|section| !section.is_empty())
        {
            Some(section) => Href::Section {
                title: String::new(),
                section,
            },
            None => Href::Plain,
        };
    }
    if let Some(rest) = path.strip_prefix("//") {
        return external(&format!("https://{rest}"), fragment);
    }
    if let Some(scheme) = scheme(path) {
        return if EXTERNAL_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()) {
            external(path, fragment)
        } else {
            Href::Plain
        };
    }
    if let Some(title) = path.strip_prefix("/wiki/") {
        return article(title, fragment);
    }
    if let Some(query) = path.strip_prefix("/w/index.php?") {
        // Red links: `/w/index.php?title=X&action=edit&redlink=1`.
        return query
            .split('&')
            .find_map(|pair| pair.strip_prefix("title="))
            .map_or(Href::Plain, |title| article(title, fragment));
    }
    if path.starts_with('/') {
        return Href::Plain;
    }
    let mut relative = path;
    while let Some(rest) = relative
        .strip_prefix("./")
        .or_else(|| relative.strip_prefix("../"))
    {
        relative = rest;
    }
    // Kiwix's old namespace scheme puts articles under `A/`.
    let relative = relative.strip_prefix("A/").unwrap_or(relative);
    article(relative, fragment)
}

/// The scheme of an absolute URL (`https` of `https://…`), if `path` has one.
fn scheme(path: &str) -> Option<&str> {
    let (scheme, _) = path.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

/// An absolute URL: a Wikipedia article URL is still an article (at the section its fragment
/// names), anything else is outside.
fn external(url: &str, fragment: Option<&str>) -> Href {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    if let Some((host, path)) = after_scheme.split_once('/')
        && host.ends_with("wikipedia.org")
        && let Some(title) = path.strip_prefix("wiki/")
    {
        return article(title, fragment);
    }
    Href::External(url.to_string())
}

/// An article's path, and the fragment after it, which names a section.
fn article(raw: &str, fragment: Option<&str>) -> Href {
    let raw = raw.split(['?', '#']).next().unwrap_or(raw);
    let decoded = decode(raw);
    let decoded = decoded
        .strip_suffix(".html")
        .or_else(|| decoded.strip_suffix(".htm"))
        .unwrap_or(&decoded);
    let title = display_title(decoded);
    if title.is_empty() {
        return Href::Plain;
    }
    if let Some((namespace, _)) = title.split_once(':')
        && NON_ARTICLE_NAMESPACES.contains(&namespace.trim().to_lowercase().as_str())
    {
        return Href::Plain;
    }
    match fragment
        .map(|fragment| display_title(&decode(fragment)))
        .filter(|section| !section.is_empty())
    {
        Some(section) => Href::Section { title, section },
        None => Href::Article(title),
    }
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(t: &str) -> Href {
        Href::Article(t.to_string())
    }

    #[test]
    fn article_links_in_every_flavour() {
        assert_eq!(classify("./Don_E._Wilson"), title("Don E. Wilson"));
        assert_eq!(classify("/wiki/Gray_wolf"), title("Gray wolf"));
        assert_eq!(
            classify("Ray_Charles_discography"),
            title("Ray Charles discography")
        );
        assert_eq!(
            classify("../A/Hit_the_Road_Jack.html"),
            title("Hit the Road Jack")
        );
        assert_eq!(classify("./Caf%C3%A9_society"), title("Café society"));
        assert_eq!(
            classify("./%D8%B1%D9%8A%D8%A7%D8%B6%D9%8A%D8%A7%D8%AA"),
            title("رياضيات")
        );
        assert_eq!(
            classify("https://en.wikipedia.org/wiki/Mozilla_Foundation"),
            title("Mozilla Foundation")
        );
        assert_eq!(
            classify("/w/index.php?title=Walka_Water_Works&action=edit&redlink=1"),
            title("Walka Water Works")
        );
    }

    #[test]
    fn a_fragment_names_a_section_of_the_article() {
        let section = |title: &str, section: &str| Href::Section {
            title: title.to_string(),
            section: section.to_string(),
        };
        assert_eq!(
            classify("/wiki/Gray_wolf#Taxonomy"),
            section("Gray wolf", "Taxonomy")
        );
        assert_eq!(
            classify("./Dog#Senses_and_Caf%C3%A9"),
            section("Dog", "Senses and Café")
        );
        assert_eq!(
            classify("../A/Dog.html#Early_life"),
            section("Dog", "Early life")
        );
        assert_eq!(
            classify("https://en.wikipedia.org/wiki/Dog#Senses"),
            section("Dog", "Senses")
        );
        assert_eq!(classify("./Dog#"), title("Dog"));
    }

    #[test]
    fn external_links_keep_their_url() {
        assert_eq!(
            classify("https://doi.org/10.1042/CBI20090006"),
            Href::External("https://doi.org/10.1042/CBI20090006".into())
        );
        assert_eq!(
            classify("//web.archive.org/web/2007/http://x.org/"),
            Href::External("https://web.archive.org/web/2007/http://x.org/".into())
        );
        assert_eq!(
            classify("mailto:a@b.org"),
            Href::External("mailto:a@b.org".into())
        );
    }

    #[test]
    fn footnotes_backlinks_and_clutter() {
        assert_eq!(
            classify("./Dog#cite_note-wozencraft2005-1"),
            Href::Note("cite_note-wozencraft2005-1".into())
        );
        assert_eq!(classify("#cite_ref-1"), Href::Backlink("cite_ref-1".into()));
        assert_eq!(
            classify("#Early_history"),
            Href::Section {
                title: String::new(),
                section: "Early history".to_string()
            }
        );
        assert_eq!(classify("#"), Href::Plain);
        assert_eq!(classify("./File:Dog.jpg"), Href::Plain);
        assert_eq!(
            classify("./Special:BookSources/978-0-8018-8221-0"),
            Href::Plain
        );
        assert_eq!(classify("javascript:void(0)"), Href::Plain);
        assert_eq!(classify("/w/index.php?action=edit"), Href::Plain);
        assert_eq!(classify(""), Href::Plain);
    }
}
