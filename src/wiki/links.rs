//! Which pages a page links to are missing, read from its HTML alone: MediaWiki marks a link to
//! a missing page (a red link) with the class `new` (Parsoid and the legacy parser) and
//! `redlink=1` in a legacy href. No request is made per link. Only the few tags around those
//! marks are read, so a long page costs a substring search, not a second parse.

use super::tags;
use super::url as article_url;

/// What marks a red link's tag: the class `new` (a word in a quoted attribute value; "new"
/// in text is passed over quickly) or `redlink=1` in its href.
const MARKS: &[&str] = &["new", "redlink=1"];
/// How far before a mark its tag may start: a tag's attributes are short.
const TAG_REACH: usize = 4096;

/// The titles of the pages a page's red links point to, on its own wiki.
pub fn missing(html: &str, origin: &str) -> Vec<String> {
    // Parsoid's `./X` is relative to the article path; `/wiki/` stands for it here.
    let Ok(base) = url::Url::parse(&format!("{origin}/wiki/")) else {
        return Vec::new();
    };
    let bytes = html.as_bytes();
    let mut titles = Vec::new();
    let mut last_tag = None;
    let found = MARKS.iter().flat_map(|mark| {
        html.match_indices(mark)
            .map(|(at, mark)| (at, at + mark.len()))
    });
    for (start, end) in found {
        // `new` counts as a word of an attribute value only: `"new"`, `"new x"`, `x new"`.
        let word = |at: Option<&u8>| matches!(at, Some(b'"' | b' ' | b'\''));
        if bytes[start] == b'n'
            && !(word(start.checked_sub(1).map(|at| &bytes[at])) && word(bytes.get(end)))
        {
            continue;
        }
        let from = floor_boundary(html, start.saturating_sub(TAG_REACH));
        let Some(open) = html[from..start].rfind("<a ").map(|at| from + at) else {
            continue;
        };
        let Some(close) = html[end..].find('>').map(|at| end + at + 1) else {
            continue;
        };
        // A mark outside the tag (in text after it), or a tag already read for another mark.
        if html[open..start].contains('>') || last_tag == Some(open) {
            continue;
        }
        last_tag = Some(open);
        for tag in tags::start_tags(&html[open..close], &["a"]) {
            let Some(href) = tag.get("href") else {
                continue;
            };
            if !(tag.has_class("new") || href.contains("redlink=1")) {
                continue;
            }
            let Some(parsed) = base
                .join(href.trim())
                .ok()
                .and_then(|url| article_url::parse(url.as_str()).ok())
            else {
                continue;
            };
            if parsed.origin == origin
                && let Some(title) = parsed.title
            {
                titles.push(title);
            }
        }
    }
    titles
}

/// The nearest char boundary at or before `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGIN: &str = "https://en.wikipedia.org";

    fn missing_titles(html: &str) -> Vec<String> {
        missing(html, ORIGIN)
    }

    #[test]
    fn parsoid_red_links() {
        let html = r##"<p><a rel="mw:WikiLink" href="./Iraq" title="Iraq">Iraq</a>
            <a rel="mw:WikiLink" href="./Walka_Water_Works?action=edit&amp;redlink=1" title="Walka Water Works" class="new" typeof="mw:LocalLink">W</a>
            <a rel="mw:ExtLink" class="external text" href="https://example.org/x">ext</a>
            <a href="./Camp_Ashraf#cite_note-1">[1]</a><a href="#cite_ref-1">^</a></p>"##;
        assert_eq!(missing_titles(html), ["Walka Water Works"]);
        // MediaWiki 1.39's Parsoid marks the class alone, the href plain.
        let html = r#"<a rel="mw:WikiLink" href="./Nowhere_Island" title="Nowhere Island" class="new" id="mwBw">N</a><p>a new" word</p>"#;
        assert_eq!(missing_titles(html), ["Nowhere Island"]);
    }

    #[test]
    fn legacy_red_links() {
        let html = r#"<a href="/wiki/Mujahedin-e_Khalq" title="Mujahedin-e Khalq">MEK</a>
            <a href="/w/index.php?title=Ashraf_3&amp;action=edit&amp;redlink=1" class="new" title="Ashraf 3 (page does not exist)">A3</a>
            <a href="https://de.wikipedia.org/wiki/Irak" class="extiw">de</a>
            <a href="https://fr.wikipedia.org/wiki/Irak">fr</a>"#;
        assert_eq!(missing_titles(html), ["Ashraf 3"]);
        let other_wiki = r#"<a href="https://de.wikipedia.org/w/index.php?title=X&amp;redlink=1" class="new">x</a>"#;
        assert!(missing_titles(other_wiki).is_empty());
        assert!(missing_titles("class=\"new\" but no tag é").is_empty());
    }
}
