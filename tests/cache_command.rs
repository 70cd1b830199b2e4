//! `folio cache` and `folio cache clear`, run as a user runs them, on a cache in a temporary
//! `XDG_CACHE_HOME` (never the real one).

use folio::wiki::cache::{Cache, CachedPage};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    fn cache_home(&self) -> PathBuf {
        self.dir.path().join("cache")
    }

    fn cache_file(&self) -> PathBuf {
        self.cache_home().join("folio").join("pages.sqlite")
    }

    fn folio(&self, args: &[&str]) -> Output {
        self.folio_with_cache_home(&self.cache_home(), args)
    }

    fn folio_with_cache_home(&self, cache_home: &Path, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(args)
            .env("HOME", self.dir.path())
            .env("XDG_CACHE_HOME", cache_home)
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .output()
            .expect("the binary runs")
    }

    fn fill(&self, pages: usize, bytes: usize) {
        let cache = Cache::open(&self.cache_file())
            .unwrap_or_else(|error| panic!("{error}"))
            .cache;
        for n in 0..pages {
            cache
                .put(&CachedPage {
                    wiki: "https://en.wikipedia.org".to_string(),
                    title: format!("Page {n}"),
                    revision: Some(n as u64),
                    etag: None,
                    html: "h".repeat(bytes),
                    fetched_unix: 0,
                })
                .unwrap_or_else(|error| panic!("{error}"));
        }
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn cache_shows_where_the_cache_is_and_what_it_holds() {
    let home = Home::new();
    let output = home.folio(&["cache"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let path = home.cache_file().display().to_string();
    assert!(text.starts_with(&format!("Page cache: {path}\n")), "{text}");
    assert!(text.contains("\n0 pages, 0 B (at most 1.0 GiB;"), "{text}");
    assert_eq!(stderr(&output), "");

    home.fill(3, 100_000);
    let text = stdout(&home.folio(&["cache"]));
    // 3 × (100,000 bytes of HTML + title + wiki name) = 300,090 bytes.
    assert!(
        text.contains("\n3 pages, 293.1 KiB (at most 1.0 GiB;"),
        "{text}"
    );
}

#[test]
fn cache_clear_empties_it_and_says_what_was_freed() {
    let home = Home::new();
    home.fill(2, 1 << 20);
    let output = home.folio(&["cache", "clear"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with("Cleared the page cache "), "{text}");
    assert!(text.ends_with(": 2 pages, 2.0 MiB freed\n"), "{text}");
    let text = stdout(&home.folio(&["cache"]));
    assert!(text.contains("\n0 pages, 0 B"), "{text}");
    let cache = Cache::open(&home.cache_file())
        .unwrap_or_else(|error| panic!("{error}"))
        .cache;
    assert_eq!(
        cache
            .get("https://en.wikipedia.org", "Page 0")
            .map(|page| page.is_some())
            .ok(),
        Some(false)
    );
}

#[test]
fn the_cap_shown_is_the_configured_one() {
    let home = Home::new();
    let config = home.dir.path().join("config").join("folio");
    std::fs::create_dir_all(&config).unwrap_or_else(|error| panic!("{error}"));
    std::fs::write(
        config.join("config.toml"),
        "[cache]\nmax_size = \"500 MiB\"\n",
    )
    .unwrap_or_else(|error| panic!("{error}"));
    let text = stdout(&home.folio(&["cache"]));
    assert!(text.contains("(at most 500.0 MiB;"), "{text}");
}

#[test]
fn a_damaged_cache_is_set_aside_with_one_message() {
    let home = Home::new();
    let file = home.cache_file();
    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder).unwrap_or_else(|error| panic!("{error}"));
    }
    std::fs::write(&file, "this is not a database\n".repeat(500))
        .unwrap_or_else(|error| panic!("{error}"));
    let output = home.folio(&["cache"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let message = stderr(&output);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(message.starts_with("folio: the page cache "), "{message}");
    assert!(message.contains("set aside as"), "{message}");
    assert!(stdout(&output).contains("\n0 pages"));
    // Said once: the next run finds a sound cache.
    let output = home.folio(&["cache"]);
    assert_eq!(stderr(&output), "");
}

#[test]
fn escape_sequences_in_the_path_do_not_reach_the_terminal() {
    let home = Home::new();
    let hostile = home.dir.path().join("c\u{1b}]0;owned\u{7}\u{1b}[31mache");
    let output = home.folio_with_cache_home(&hostile, &["cache"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!output.stdout.contains(&0x1b) && !output.stdout.contains(&0x07));
    let text = stdout(&output);
    assert!(text.starts_with("Page cache: "), "{text}");
    assert!(text.contains("/folio/pages.sqlite\n"), "{text}");
}

#[test]
fn a_cache_folder_that_cannot_be_made_is_one_line_of_error() {
    let home = Home::new();
    let blocker = home.dir.path().join("a file");
    std::fs::write(&blocker, "").unwrap_or_else(|error| panic!("{error}"));
    let output = home.folio_with_cache_home(&blocker, &["cache", "clear"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.starts_with("folio: page cache folder "),
        "{message}"
    );
    assert_eq!(stdout(&output), "");
}

#[test]
fn damage_inside_the_file_is_found_by_cache_and_set_aside() {
    let home = Home::new();
    home.fill(10, 200_000);
    let file = home.cache_file();
    let mut bytes = std::fs::read(&file).unwrap_or_else(|error| panic!("{error}"));
    // The middle of the pages' HTML: the file opens and counts its pages as before.
    let middle = bytes.len() / 2;
    bytes[middle..middle + 64 * 1024].fill(0xff);
    std::fs::write(&file, &bytes).unwrap_or_else(|error| panic!("{error}"));
    assert!(Cache::open(&file).is_ok_and(|opened| opened.message.is_none()));
    let output = home.folio(&["cache"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let message = stderr(&output);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(message.contains("set aside as"), "{message}");
    assert!(stdout(&output).contains("\n0 pages"), "{}", stdout(&output));
    assert_eq!(stderr(&home.folio(&["cache"])), "");
}
