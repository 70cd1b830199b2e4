//! pandoc, a real client of folio's exports: the bibliography it renders from a file.

use std::path::Path;
use std::process::Command;

/// pandoc's plain-text bibliography from a bibliography file.
pub fn pandoc_bibliography(dir: &Path, file: &str) -> String {
    std::fs::write(dir.join("doc.md"), "---\nnocite: '@*'\n---\n")
        .unwrap_or_else(|error| panic!("{error}"));
    let output = Command::new("pandoc")
        .args(["-f", "markdown", "-t", "plain", "--wrap=none", "--citeproc"])
        .arg(format!("--bibliography={file}"))
        .arg("doc.md")
        .current_dir(dir)
        .output()
        .unwrap_or_else(|error| {
            panic!(
                "pandoc is needed for this test and could not be run ({error}); install \
                 Debian's package: apt-get install pandoc (.ci/run does this)"
            )
        });
    assert!(
        output.status.success(),
        "pandoc rejected {file}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}
