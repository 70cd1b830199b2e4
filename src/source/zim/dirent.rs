//! Directory entries: one per article, redirect, image or metadata item, each naming its
//! namespace, URL, title and where its content is (a blob in a cluster) or which entry it
//! redirects to.

const REDIRECT: u16 = 0xffff;
const LINK_TARGET: u16 = 0xfffe;
const DELETED: u16 = 0xfffd;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Content {
        cluster: u32,
        blob: u32,
        mime: u16,
    },
    Redirect(u32),
    /// Link targets and deleted entries: listed, but with nothing to read.
    Placeholder,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dirent {
    pub namespace: u8,
    pub url: String,
    pub title: String,
    pub kind: Kind,
}

impl Dirent {
    /// Parses an entry from the bytes at its position; `None` when the bytes end before the
    /// entry does (the caller reads more, up to a limit).
    pub fn parse(bytes: &[u8]) -> Option<Dirent> {
        let fixed = bytes.get(..8)?;
        let mime = u16::from_le_bytes([fixed[0], fixed[1]]);
        let namespace = fixed[3];
        let word = |at: usize| {
            bytes
                .get(at..at + 4)
                .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
        };
        let (kind, names_at) = match mime {
            REDIRECT => (Kind::Redirect(word(8)?), 12),
            LINK_TARGET | DELETED => (Kind::Placeholder, 8),
            _ => (
                Kind::Content {
                    cluster: word(8)?,
                    blob: word(12)?,
                    mime,
                },
                16,
            ),
        };
        let names = bytes.get(names_at..)?;
        let url_end = names.iter().position(|&b| b == 0)?;
        let title_len = names[url_end + 1..].iter().position(|&b| b == 0)?;
        let url = &names[..url_end];
        let title = &names[url_end + 1..url_end + 1 + title_len];
        Some(Dirent {
            namespace,
            url: String::from_utf8_lossy(url).into_owned(),
            title: String::from_utf8_lossy(title).into_owned(),
            kind,
        })
    }

    /// What the title-ordered lists sort by: the title, or the URL when the title is empty.
    pub fn sort_title(&self) -> &str {
        if self.title.is_empty() {
            &self.url
        } else {
            &self.title
        }
    }

    /// The title as people read it (`Ray_Charles` → "Ray Charles").
    pub fn display_title(&self) -> String {
        crate::text::display_title(self.sort_title())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(head: &[u8], names: &[u8]) -> Vec<u8> {
        let mut bytes = head.to_vec();
        bytes.extend_from_slice(names);
        bytes
    }

    #[test]
    fn content_and_redirect_entries_parse() {
        let content = entry(
            &[3, 0, 0, b'A', 0, 0, 0, 0, 7, 0, 0, 0, 9, 0, 0, 0],
            b"Ray_Charles.html\0Ray Charles\0",
        );
        let dirent = Dirent::parse(&content).unwrap();
        assert_eq!(dirent.namespace, b'A');
        assert_eq!(dirent.url, "Ray_Charles.html");
        assert_eq!(dirent.display_title(), "Ray Charles");
        let kind = Kind::Content {
            cluster: 7,
            blob: 9,
            mime: 3,
        };
        assert_eq!(dirent.kind, kind);

        let redirect = entry(
            &[0xff, 0xff, 0, b'C', 0, 0, 0, 0, 5, 0, 0, 0],
            b"Dog_(animal)\0\0",
        );
        let dirent = Dirent::parse(&redirect).unwrap();
        assert_eq!(dirent.kind, Kind::Redirect(5));
        assert_eq!(dirent.display_title(), "Dog (animal)");
    }

    #[test]
    fn cut_entries_ask_for_more_bytes() {
        let content = entry(
            &[3, 0, 0, b'A', 0, 0, 0, 0, 7, 0, 0, 0, 9, 0, 0, 0],
            b"Ray\0Ray",
        );
        for len in 0..content.len() {
            assert_eq!(Dirent::parse(&content[..len]), None);
        }
    }
}
