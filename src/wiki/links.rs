//! Which pages a page links to exist, read from its HTML alone: MediaWiki marks a link to a
//! missing page (a red link) with the class `new` (Parsoid and the legacy parser) and
//! `redlink=1` in a legacy href. No request is made per link.

use super::tags;
use super::url as article_url;

/// The titles a page links to on its own wiki, each with whether the page exists.
pub fn presence(html: &str, origin: &str) -> Vec<(String, bool)> {
    // Parsoid's `./X` is relative to the article path; `/wiki/` stands for it here.
    let Ok(base) = url::Url::parse(&format!("{origin}/wiki/")) else {
        return Vec::new();
    };
    tags::start_tags(html, &["a"])
        .iter()
        .filter_map(|tag| {
            let href = tag.get("href")?.trim();
            if href.starts_with('#') || tag.has_class("external") || tag.has_class("extiw") {
                return None;
            }
            let url = base.join(href).ok()?;
            let parsed = article_url::parse(url.as_str()).ok()?;
            if parsed.origin != origin {
                return None;
            }
            let missing = tag.has_class("new") || href.contains("redlink=1");
            Some((parsed.title?, !missing))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGIN: &str = "https://en.wikipedia.org";

    #[test]
    fn parsoid_links_and_red_links() {
        let html = r##"<p><a rel="mw:WikiLink" href="./Iraq" title="Iraq">Iraq</a>
            <a rel="mw:WikiLink" href="./Walka_Water_Works?action=edit&amp;redlink=1" title="Walka Water Works" class="new" typeof="mw:LocalLink">W</a>
            <a rel="mw:ExtLink" class="external text" href="https://example.org/x">ext</a>
            <a href="./Camp_Ashraf#cite_note-1">[1]</a><a href="#cite_ref-1">^</a></p>"##;
        assert_eq!(
            presence(html, ORIGIN),
            [
                ("Iraq".to_string(), true),
                ("Walka Water Works".to_string(), false),
                ("Camp Ashraf".to_string(), true)
            ]
        );
    }

    #[test]
    fn legacy_links_and_red_links() {
        let html = r#"<a href="/wiki/Mujahedin-e_Khalq" title="Mujahedin-e Khalq">MEK</a>
            <a href="/w/index.php?title=Ashraf_3&amp;action=edit&amp;redlink=1" class="new" title="Ashraf 3 (page does not exist)">A3</a>
            <a href="https://de.wikipedia.org/wiki/Irak" class="extiw">de</a>
            <a href="https://fr.wikipedia.org/wiki/Irak">fr</a>"#;
        assert_eq!(
            presence(html, ORIGIN),
            [
                ("Mujahedin-e Khalq".to_string(), true),
                ("Ashraf 3".to_string(), false)
            ]
        );
    }
}
