//! No network traffic unless the reader named a wiki: the binary is run with every proxy
//! variable pointing at a loopback listener that counts the connections made to it, and a
//! config file naming wikis (without a default). Only 127.0.0.1 is ever contacted.

#[path = "support/scratch.rs"]
mod scratch;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tempfile::TempDir;

/// A loopback listener answering every connection with a 404 and counting them.
fn counting_listener() -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|error| panic!("{error}"));
    let port = listener
        .local_addr()
        .unwrap_or_else(|error| panic!("{error}"))
        .port();
    let count = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&count);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            counted.fetch_add(1, Ordering::SeqCst);
            let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
            let mut buffer = [0u8; 4096];
            let _ = stream.read(&mut buffer);
            let _ = stream.write_all(
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    (port, count)
}

/// A config folder whose config.toml names two wikis but no default one.
fn config_home(name: &str, config: &str) -> TempDir {
    let home = scratch::folder(&format!("netrule-{name}"));
    let folder = home.path().join("config").join("folio");
    std::fs::create_dir_all(&folder).unwrap_or_else(|error| panic!("{error}"));
    std::fs::write(folder.join("config.toml"), config).unwrap_or_else(|error| panic!("{error}"));
    home
}

fn folio(home: &Path, proxy_port: u16, args: &[&str]) -> Output {
    let proxy = format!("http://127.0.0.1:{proxy_port}");
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("HTTP_PROXY", &proxy)
        .env("HTTPS_PROXY", &proxy)
        .env("ALL_PROXY", &proxy)
        .env("http_proxy", &proxy)
        .env("https_proxy", &proxy)
        .env("all_proxy", &proxy)
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .output()
        .unwrap_or_else(|error| panic!("the binary runs: {error}"))
}

const NAMED: &str = "[wiki]\ncontact = \"tests@example.org\"\n[wikis]\nen = \"https://en.wikipedia.org\"\nlocal = \"http://127.0.0.1:9/\"\n";

#[test]
fn a_library_that_names_no_wiki_makes_no_connection() {
    let (port, count) = counting_listener();
    let home = config_home("none", NAMED);
    let bundled = folio(home.path(), port, &["dump"]);
    assert_eq!(bundled.status.code(), Some(0), "{bundled:?}");
    let missing = folio(home.path(), port, &["dump", "A Title No Library Has"]);
    assert_eq!(missing.status.code(), Some(1), "{missing:?}");
    let listed = folio(home.path(), port, &["list"]);
    assert_eq!(listed.status.code(), Some(0), "{listed:?}");
    let cited = folio(home.path(), port, &["cite"]);
    assert_eq!(cited.status.code(), Some(0), "{cited:?}");
    assert_eq!(count.load(Ordering::SeqCst), 0);
}

#[test]
fn offline_a_named_wiki_makes_no_connection_either() {
    let (port, count) = counting_listener();
    let home = config_home("offline", &format!("{NAMED}\n"));
    let url = folio(
        home.path(),
        port,
        &[
            "dump",
            "--offline",
            "https://en.wikipedia.org/wiki/Camp_Ashraf",
        ],
    );
    assert_eq!(url.status.code(), Some(1), "{url:?}");
    let error = String::from_utf8_lossy(&url.stderr);
    assert!(
        error.contains("not cached, and folio is offline"),
        "{error}"
    );
    let named = folio(
        home.path(),
        port,
        &["dump", "--offline", "--wiki", "en", "Camp Ashraf"],
    );
    assert_eq!(named.status.code(), Some(1), "{named:?}");
    assert_eq!(count.load(Ordering::SeqCst), 0);
}

#[test]
fn naming_a_wiki_is_what_makes_a_connection() {
    let (port, count) = counting_listener();
    let home = config_home("named", NAMED);
    // The wiki is the listener itself, reached through the proxy variables: the count proves
    // the listener sees what folio sends once a wiki is named.
    let output = folio(
        home.path(),
        port,
        &["dump", &format!("http://127.0.0.1:{port}/wiki/X")],
    );
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.starts_with("folio: "), "{error}");
    assert_eq!(error.lines().count(), 1, "{error}");
    assert!(count.load(Ordering::SeqCst) > 0);
}

#[test]
fn an_unknown_wiki_name_is_a_clear_error_without_a_connection() {
    let (port, count) = counting_listener();
    let home = config_home("unknown", NAMED);
    let output = folio(home.path(), port, &["dump", "--wiki", "fr", "Paris"]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("“fr” names no wiki"), "{error}");
    assert!(error.contains("en, local"), "{error}");
    assert_eq!(count.load(Ordering::SeqCst), 0);
}
