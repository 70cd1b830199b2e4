//! MediaWiki's section anchors: which heading of an article a `#fragment` names. MediaWiki
//! makes a heading's anchor by writing its spaces as `_`; URLs percent-encode it, and older
//! HTML wrote other bytes as `.XX` (`Caf.C3.A9`). A second heading of the same text gets `_2`.
//! A fragment is compared with the headings decoded, first exactly, then ignoring case.

use crate::article::Article;
use crate::text::display_title;
use percent_encoding::percent_decode_str;
use std::collections::HashMap;

/// The index into `article.sections` of the section `fragment` names, if one does.
pub fn section_of(article: &Article, fragment: &str) -> Option<usize> {
    Headings::of(article).section_of(fragment)
}

/// An article's headings, looked up by text: built once, so that naming many sections costs
/// each one a lookup, not a pass over every heading.
pub struct Headings {
    /// Each heading as written (`display_title`), with the sections that carry it, in order.
    exact: HashMap<String, Vec<usize>>,
    /// The same, lowercased.
    caseless: HashMap<String, Vec<usize>>,
}

impl Headings {
    pub fn of(article: &Article) -> Headings {
        let mut exact: HashMap<String, Vec<usize>> = HashMap::new();
        let mut caseless: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, section) in article.sections.iter().enumerate() {
            let Some(heading) = section.heading.as_deref() else {
                continue;
            };
            let heading = display_title(heading);
            caseless
                .entry(heading.to_lowercase())
                .or_default()
                .push(index);
            exact.entry(heading).or_default().push(index);
        }
        Headings { exact, caseless }
    }

    /// The index into the article's sections of the section `fragment` names, if one does:
    /// exactly first, then in any case; `History_2` is the second "History".
    pub fn section_of(&self, fragment: &str) -> Option<usize> {
        let wanted = readings(fragment);
        for caseless in [false, true] {
            for reading in &wanted {
                if let Some(&index) = self.titled(reading, caseless).first() {
                    return Some(index);
                }
            }
            for reading in &wanted {
                let Some((base, number)) = reading.rsplit_once(' ') else {
                    continue;
                };
                let Some(nth) = number.parse::<usize>().ok().filter(|&n| n >= 2) else {
                    continue;
                };
                if let Some(&index) = self.titled(base, caseless).get(nth - 1) {
                    return Some(index);
                }
            }
        }
        None
    }

    /// The sections headed `text` (in any case when `caseless`), in order.
    fn titled(&self, text: &str, caseless: bool) -> &[usize] {
        let found = if caseless {
            self.caseless.get(&text.to_lowercase())
        } else {
            self.exact.get(text)
        };
        found.map_or(&[], Vec::as_slice)
    }
}

/// The ways a fragment may be read, each as a heading is written (spaces, not `_`): as given,
/// percent-decoded, and `.XX`-decoded. A `.` may be a dot itself (`1.2E`), so all are tried.
fn readings(fragment: &str) -> Vec<String> {
    let given = display_title(fragment);
    let mut readings = vec![given.clone()];
    let percent = display_title(&percent_decode_str(fragment).decode_utf8_lossy());
    let dots = dot_decoded(fragment).map(|text| display_title(&text));
    for reading in [Some(percent), dots].into_iter().flatten() {
        if !readings.contains(&reading) {
            readings.push(reading);
        }
    }
    readings.retain(|reading| !reading.is_empty());
    readings
}

/// `Caf.C3.A9` → `Café`: MediaWiki's legacy anchor encoding undone, when the bytes it names
/// are UTF-8 (else it was not that encoding).
fn dot_decoded(fragment: &str) -> Option<String> {
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    let mut decoded_any = false;
    while at < bytes.len() {
        let hex = bytes.get(at + 1..at + 3).and_then(|pair| {
            let pair = std::str::from_utf8(pair).ok()?;
            u8::from_str_radix(pair, 16).ok()
        });
        match (bytes[at], hex) {
            (b'.', Some(byte)) => {
                out.push(byte);
                at += 3;
                decoded_any = true;
            }
            (byte, _) => {
                out.push(byte);
                at += 1;
            }
        }
    }
    if !decoded_any {
        return None;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Section;

    fn article(headings: &[&str]) -> Article {
        let mut sections = vec![Section {
            heading: None,
            level: 0,
            blocks: Vec::new(),
        }];
        sections.extend(headings.iter().map(|heading| Section {
            heading: Some((*heading).to_string()),
            level: 2,
            blocks: Vec::new(),
        }));
        Article {
            title: "T".to_string(),
            sections,
            ..Article::default()
        }
    }

    #[test]
    fn underscores_and_percent_encoding_name_the_heading() {
        let article = article(&["History", "Early life and career", "Café society"]);
        assert_eq!(section_of(&article, "History"), Some(1));
        assert_eq!(section_of(&article, "Early_life_and_career"), Some(2));
        assert_eq!(section_of(&article, "Early life and career"), Some(2));
        assert_eq!(section_of(&article, "Caf%C3%A9_society"), Some(3));
        assert_eq!(section_of(&article, "Café_society"), Some(3));
    }

    #[test]
    fn legacy_dot_encoding_is_read_and_a_dot_stays_a_dot() {
        let article = article(&["Café society", "Version 1.2E", "U.S. history"]);
        assert_eq!(section_of(&article, "Caf.C3.A9_society"), Some(1));
        assert_eq!(section_of(&article, "Version_1.2E"), Some(2));
        assert_eq!(section_of(&article, "U.S._history"), Some(3));
    }

    #[test]
    fn exact_case_wins_over_another_case() {
        let article = article(&["History of US", "History of us"]);
        assert_eq!(section_of(&article, "History_of_us"), Some(2));
        assert_eq!(section_of(&article, "History_of_US"), Some(1));
        assert_eq!(section_of(&article, "history_of_uS"), Some(1));
    }

    #[test]
    fn a_repeated_heading_is_numbered() {
        let article = article(&["Notes", "History", "Other", "History", "Track 2"]);
        assert_eq!(section_of(&article, "History"), Some(2));
        assert_eq!(section_of(&article, "History_2"), Some(4));
        assert_eq!(section_of(&article, "history_2"), Some(4));
        assert_eq!(section_of(&article, "History_3"), None);
        // A heading that really ends in a number is itself, not a repeat.
        assert_eq!(section_of(&article, "Track_2"), Some(5));
    }

    #[test]
    fn an_unknown_fragment_names_no_section() {
        let article = article(&["History"]);
        assert_eq!(section_of(&article, "Nowhere"), None);
        assert_eq!(section_of(&article, ""), None);
        assert_eq!(section_of(&article, "_"), None);
        assert_eq!(section_of(&article, ".ZZ"), None);
        // The lead has no heading to name.
        assert_eq!(section_of(&Article::default(), "History"), None);
    }
}
