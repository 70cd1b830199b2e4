//! Scratch folders for tests: each is removed when dropped, even when its test fails, so no
//! run leaves files in the temporary folder.

use tempfile::TempDir;

/// A new empty folder in the temporary folder, named `folio-NAME-…` to tell whose it is.
pub fn folder(name: &str) -> TempDir {
    tempfile::Builder::new()
        .prefix(&format!("folio-{name}-"))
        .tempdir()
        .unwrap_or_else(|error| panic!("a scratch folder for {name}: {error}"))
}
