//! One document file named on the command line, as a source of its one title: the library
//! opens it again by title (a link back to it) after its folder was told to leave it out.

use super::file;
use super::{Document, Presence, Source, SourceError, Wanted};
use crate::format::Format;
use crate::text::title_key;
use std::path::PathBuf;

pub struct OneFile {
    path: PathBuf,
    title: String,
    /// The reader forced for it (`--from`), else detected.
    format: Option<Format>,
}

impl OneFile {
    /// The file at `path`, whose reading gave `title`.
    pub fn new(path: PathBuf, title: String, format: Option<Format>) -> OneFile {
        OneFile {
            path,
            title,
            format,
        }
    }
}

impl Source for OneFile {
    fn name(&self) -> String {
        self.path.display().to_string()
    }

    fn titles(&self) -> Option<Vec<String>> {
        Some(vec![self.title.clone()])
    }

    fn contains(&self, wanted: Wanted) -> Presence {
        if title_key(&self.title) == wanted.key {
            Presence::Present
        } else {
            Presence::Absent
        }
    }

    fn documents(&self, wanted: Wanted) -> Result<Vec<Document>, SourceError> {
        if self.contains(wanted) == Presence::Absent {
            return Ok(Vec::new());
        }
        let name = self.name();
        let bytes = file::read_document(&self.path).map_err(|error| SourceError::File {
            path: name.clone(),
            error,
        })?;
        Ok(vec![Document {
            name,
            bytes,
            format: self.format,
            warnings: Vec::new(),
        }])
    }
}
