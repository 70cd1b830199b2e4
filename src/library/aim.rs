//! The section a command line names after `#`: `folio URL#History`, `folio file.txt#History`,
//! `folio "Camp Ashraf#Reactions"`, `folio archive.zim "Dog#Senses"`. The section is taken off
//! what is opened and said separately, for the browser to open at. A path that exists with
//! its `#` is that path; a title never holds a `#` (MediaWiki forbids it), so the first one
//! ends it.

use crate::source::file;
use crate::wiki::url;
use std::ffi::{OsStr, OsString};
use std::path::Path;

/// What to open, and the section to open it at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aim {
    pub target: Option<OsString>,
    pub title: Option<String>,
    /// As written after `#`, or decoded from a URL's fragment; matched by `wiki::anchor`.
    pub section: Option<String>,
}

/// Takes the section off a command line's target and title.
pub fn aim(target: Option<&OsStr>, title: Option<&str>) -> Aim {
    if let Some(title) = title {
        let (title, section) = split(title);
        return Aim {
            target: target.map(OsStr::to_os_string),
            title: Some(title.to_string()),
            section,
        };
    }
    let Some((target, text)) = target.and_then(|target| Some((target, target.to_str()?))) else {
        return Aim {
            target: target.map(OsStr::to_os_string),
            title: None,
            section: None,
        };
    };
    if url::looks_like_url(text) {
        // The URL is opened as given: its reader leaves the fragment out.
        let section = url::parse(text).ok().and_then(|parsed| parsed.section);
        return Aim {
            target: Some(target.to_os_string()),
            title: None,
            section,
        };
    }
    let exists = |path: &str| file::kind_of(Path::new(path)).is_some();
    let (target, section) = if exists(text) {
        (text, None)
    } else {
        // The first `#` after which a path exists, else the first (a title's end).
        text.match_indices('#')
            .map(|(at, _)| at)
            .find(|&at| exists(&text[..at]))
            .map(|at| (&text[..at], nonempty(&text[at + 1..])))
            .unwrap_or_else(|| split(text))
    };
    Aim {
        target: Some(OsString::from(target)),
        title: None,
        section,
    }
}

/// `Title#Section` → the title and the section (none when empty).
fn split(text: &str) -> (&str, Option<String>) {
    match text.split_once('#') {
        Some((before, after)) => (before, nonempty(after)),
        None => (text, None),
    }
}

fn nonempty(section: &str) -> Option<String> {
    (!section.trim().is_empty()).then(|| section.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aimed(
        target: &str,
        title: Option<&str>,
    ) -> (Option<String>, Option<String>, Option<String>) {
        let aim = aim(Some(OsStr::new(target)), title);
        (
            aim.target.map(|t| t.to_string_lossy().into_owned()),
            aim.title,
            aim.section,
        )
    }

    fn some(text: &str) -> Option<String> {
        Some(text.to_string())
    }

    #[test]
    fn a_url_keeps_its_fragment_and_says_the_section() {
        let url = "https://en.wikipedia.org/wiki/Camp_Ashraf#Early_years";
        assert_eq!(aimed(url, None), (some(url), None, some("Early years")));
        let url = "https://en.wikipedia.org/wiki/Camp_Ashraf";
        assert_eq!(aimed(url, None), (some(url), None, None));
    }

    #[test]
    fn titles_end_at_their_first_hash() {
        assert_eq!(
            aimed("No Such Title Here#Reactions", None),
            (some("No Such Title Here"), None, some("Reactions"))
        );
        assert_eq!(
            aimed("folder", Some("Dog#Senses#x")),
            (some("folder"), some("Dog"), some("Senses#x"))
        );
        assert_eq!(
            aimed("No Such Title Here#", None),
            (some("No Such Title Here"), None, None)
        );
    }

    #[test]
    fn a_path_with_a_hash_is_a_path_and_a_section_may_follow_one() {
        let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
        let file = dir.path().join("notes#1.txt");
        std::fs::write(&file, "x").unwrap_or_else(|error| panic!("{error}"));
        let path = file.to_string_lossy().into_owned();
        assert_eq!(aimed(&path, None), (some(&path), None, None));
        let with_section = format!("{path}#C# and more");
        assert_eq!(
            aimed(&with_section, None),
            (some(&path), None, some("C# and more"))
        );
    }

    #[test]
    fn a_file_named_with_a_section_opens_and_the_section_is_found_in_it() {
        let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
        let file = dir.path().join("harbour.txt");
        let text =
            "= Harbour =\n\nA town.\n\n== Salt trade ==\n\nSalt.\n\n== Ferries ==\n\nBoats.\n";
        std::fs::write(&file, text).unwrap_or_else(|error| panic!("{error}"));
        let target = format!("{}#Salt_trade", file.display());
        let aim = aim(Some(OsStr::new(&target)), None);
        let mut library = crate::library::Library::new();
        let reading = library
            .open_target(aim.target.as_deref(), aim.title.as_deref(), None)
            .unwrap_or_else(|error| panic!("{error}"));
        let section = aim.section.unwrap_or_default();
        let found = crate::wiki::anchor::section_of(&reading.article, &section);
        let heading = found.and_then(|index| reading.article.sections[index].heading.clone());
        assert_eq!(heading.as_deref(), Some("Salt trade"));
    }
}
