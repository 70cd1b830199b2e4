//! The articles compiled into the binary from assets/, so folio works anywhere it is installed.

use super::{Document, Presence, Source, SourceError, Wanted};
use crate::format;
use crate::text::title_key;

/// The seed article in its two renderings (see assets/NOTICE).
const BUNDLED: &[(&str, &[u8])] = &[
    (
        "000_2fa5264a87595d6d.txt",
        include_bytes!("../../assets/000_2fa5264a87595d6d.txt"),
    ),
    (
        "001_1b985710a8456a24.txt",
        include_bytes!("../../assets/001_1b985710a8456a24.txt"),
    ),
];

pub struct Bundled {
    /// (title, file name, bytes), in the order of `BUNDLED`.
    entries: Vec<(String, &'static str, &'static [u8])>,
}

impl Bundled {
    pub fn new() -> Bundled {
        let entries = BUNDLED
            .iter()
            .filter_map(|&(file, bytes)| {
                let name = format!("bundled:{file}");
                let title = format::title(bytes, &name, None).ok()?;
                Some((title, file, bytes))
            })
            .collect();
        Bundled { entries }
    }
}

impl Default for Bundled {
    fn default() -> Self {
        Bundled::new()
    }
}

impl Source for Bundled {
    fn name(&self) -> String {
        "bundled articles".to_string()
    }

    fn titles(&self) -> Option<Vec<String>> {
        let mut titles: Vec<String> = self.entries.iter().map(|(t, _, _)| t.clone()).collect();
        titles.sort();
        titles.dedup_by(|a, b| title_key(a) == title_key(b));
        Some(titles)
    }

    /// The articles and the files they are read from, for the info view.
    fn info(&self) -> Vec<(String, String)> {
        let files: Vec<&str> = self.entries.iter().map(|(_, file, _)| *file).collect();
        vec![
            (
                "Articles".to_string(),
                self.titles().unwrap_or_default().join("; "),
            ),
            ("Files".to_string(), files.join(", ")),
        ]
    }

    fn contains(&self, wanted: Wanted) -> Presence {
        if self
            .entries
            .iter()
            .any(|(title, _, _)| title_key(title) == wanted.key)
        {
            Presence::Present
        } else {
            Presence::Absent
        }
    }

    fn documents(&self, wanted: Wanted) -> Result<Vec<Document>, SourceError> {
        Ok(self
            .entries
            .iter()
            .filter(|(title, _, _)| title_key(title) == wanted.key)
            .map(|(_, file, bytes)| Document {
                name: format!("bundled:{file}"),
                bytes: bytes.to_vec(),
                format: None,
                warnings: Vec::new(),
            })
            .collect())
    }
}
