//! `Effect::Export`: every reference of the article on screen, and its own entry, written to a
//! file in a format. An existing file is replaced only when the reader said so, and only a
//! regular one (never a FIFO, which would block, or a device).

use crate::app::App;
use crate::cite::export::{self, Style};
use crate::output::Clean;
use std::fs::OpenOptions;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Writes the export and tells the app how it went.
pub fn write(app: &mut App, path: &Path, style: Style, overwrite: bool) {
    let shown = path.display().to_string();
    match write_file(app, path, style, overwrite) {
        Ok(references) => {
            let name = path
                .file_name()
                .map_or_else(|| shown.clone(), |name| name.to_string_lossy().into_owned());
            let folder = std::path::absolute(path)
                .ok()
                .and_then(|path| path.parent().map(|parent| parent.display().to_string()))
                .unwrap_or_default();
            let count = match references {
                1 => "1 reference".to_string(),
                n => format!("{n} references"),
            };
            app.exported(Ok(super::for_the_screen(format!(
                "Wrote “{name}”: {count} and the article's entry as {} (in {folder})",
                style.name()
            ))));
        }
        Err(Problem::Exists) => app.export_file_exists(),
        Err(Problem::NotAFile) => app.exported(Err(super::for_the_screen(format!(
            "Not written: “{shown}” is there and is not a regular file"
        )))),
        Err(Problem::Io(error)) => app.exported(Err(super::for_the_screen(format!(
            "Not written: “{shown}”: {error}"
        )))),
    }
}

enum Problem {
    Exists,
    NotAFile,
    Io(io::Error),
}

/// The number of references written.
fn write_file(app: &App, path: &Path, style: Style, overwrite: bool) -> Result<usize, Problem> {
    let article = &app.page().article;
    let entries = export::entries(article, &[], export::today())
        .map_err(|error| Problem::Io(io::Error::other(error.to_string())))?;
    let mut options = OpenOptions::new();
    options.write(true);
    if overwrite {
        match std::fs::metadata(path) {
            Ok(metadata) if !metadata.is_file() => return Err(Problem::NotAFile),
            _ => {}
        }
        options.create(true).truncate(true);
    } else {
        // Created only if it is not there, in one step: nothing can appear in between.
        options.create_new(true);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => return Err(Problem::Exists),
        Err(error) => return Err(Problem::Io(error)),
    };
    let mut out = Clean::new(BufWriter::new(file));
    out.write_all(style.write(&entries).as_bytes())
        .and_then(|()| out.flush())
        .map_err(Problem::Io)?;
    Ok(entries.len().saturating_sub(1))
}
