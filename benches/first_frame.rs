//! Time from process start to the first frame, on the real release binary in a pseudo-terminal
//! (120×40), as a reader meets it: from just before `folio` is spawned to the moment the screen
//! it drew shows the article's text.
//!
//! - `cached`: United States (Parsoid HTML, 2.5 MB, tests/fixtures/html) already in the page
//!   cache with its parsed form, opened `--offline`, and again with its wiki reachable (a
//!   loopback server answering the revalidation with 304, which must not delay the frame).
//! - `cached, HTML only`: the same page in a cache that holds its HTML but no parsed form yet
//!   (the first open after the page was fetched by an older folio, or after the parsed form was
//!   found stale): the HTML is read, as before parsed forms were kept.
//! - `fetched`: an empty cache against the tests' real MediaWiki (tests/support/mediawiki.rs):
//!   API discovery, the REST fetch and MediaWiki's own rendering, then the first frame.
//!
//! A bench binary (`harness = false`) printing medians rather than a criterion bench: every
//! sample is a whole process, started and ended, so there is no per-iteration cost for
//! criterion to fit; what matters is the spread of single starts on a loaded machine, which the
//! median and quartiles of individual runs say directly. Run with `cargo bench --bench
//! first_frame` (`FIRST_FRAME_RUNS=N` for more or fewer runs per case; `-- cached` or `--
//! fetched` for one group). On a machine busy with other work the medians mostly measure that
//! work; `chrt -f 10 target/release/deps/first_frame-* cached` (as root) sets it aside for the
//! cached cases (not for `fetched`, whose PHP server would inherit the priority).
//!
//! Figures on the 2-core machine this was written on (load 7–10 from other builds): cached
//! United States, median 47–58 ms across runs (fastest 22–34 ms); with `chrt`, median 24 ms, every
//! run of 31 under 44 ms; HTML only, 108 ms with `chrt`. In-process, up to the first frame
//! (callgrind `--dump-after=folio::ui::render`): 59 M instructions from the parsed form, 445 M
//! reading the HTML as folio did before parsed forms were kept.

#[path = "../tests/support/mod.rs"]
mod support;

use folio::wiki::cache::{Cache, CachedPage, FILE_NAME, SiteEndpoints};
use portable_pty::{PtySize, native_pty_system};
use std::io::{BufReader, Read, Write};
use std::net::{Ipv4Addr, TcpListener};
use std::num::NonZeroU16;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use support::folio::Home;
use support::http;
use support::mediawiki;

const ROWS: u16 = 40;
const COLUMNS: u16 = 120;
/// Runs per case unless `FIRST_FRAME_RUNS` says otherwise, after two not counted.
const RUNS: usize = 25;
const WARM_UP: usize = 2;
/// Far longer than a first frame should ever take; reaching it fails the bench.
const PATIENCE: Duration = Duration::from_secs(60);

/// Words from the United States article's lead, on its first screen.
const US_LEAD: &str = "The United States of America (USA)";
/// Words from Folio Alpha's lead (tests/fixtures/wiki/alpha.wikitext).
const ALPHA_LEAD: &str = "is a harbour town invented for";

fn main() {
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with('-'))
        .collect();
    let wanted = |group: &str| only.is_empty() || only.iter().any(|name| group.contains(name));
    let runs = std::env::var("FIRST_FRAME_RUNS")
        .ok()
        .and_then(|runs| runs.parse().ok())
        .unwrap_or(RUNS);
    if wanted("cached") {
        cached(runs);
    }
    if wanted("fetched") {
        fetched(runs);
    }
}

fn cached(runs: usize) {
    let path = format!(
        "{}/tests/fixtures/html/en-United_States.parsoid-2.1.0.html",
        env!("CARGO_MANIFEST_DIR")
    );
    let html = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    let wiki = NotModified::start();
    let origin = wiki.url();
    let url = format!("{origin}/wiki/United_States");

    // The parsed form is kept by the first open; the runs not counted make it.
    let home = Home::new();
    fill(&home, &origin, &html);
    report(
        "cached United States, --offline",
        &measure(runs, || first_frame(&home, &["--offline", &url], US_LEAD)),
    );
    let asked = wiki.requests();
    report(
        "cached United States, wiki reachable (304)",
        &measure(runs, || first_frame(&home, &[&url], US_LEAD)),
    );
    assert!(
        wiki.requests() > asked,
        "the cached page was never revalidated: the online case measured nothing online"
    );
    report(
        "cached United States, HTML only (no parsed form yet), --offline",
        &measure(runs, || {
            let home = Home::new();
            fill(&home, &origin, &html);
            first_frame(&home, &["--offline", &url], US_LEAD)
        }),
    );
}

fn fetched(runs: usize) {
    let wiki = mediawiki::Wiki::start();
    let url = wiki.article_url(mediawiki::ALPHA);
    report(
        "fetched Folio Alpha from the test MediaWiki, empty cache",
        &measure(runs, || first_frame(&Home::new(), &[&url], ALPHA_LEAD)),
    );
    let home = Home::new();
    report(
        "Folio Alpha cached by that fetch, wiki reachable (revalidated after the frame)",
        &measure(runs, || first_frame(&home, &[&url], ALPHA_LEAD)),
    );
}

/// The page cache of `home` holding United States of `origin`, with the site's endpoints, as
/// folio would have kept it after fetching.
fn fill(home: &Home, origin: &str, html: &str) {
    let file = home.cache().join("folio").join(FILE_NAME);
    let cache = Cache::open(&file)
        .unwrap_or_else(|error| panic!("{}: {error}", file.display()))
        .cache;
    let page = CachedPage {
        wiki: origin.to_string(),
        title: "United States".to_string(),
        revision: Some(1_000),
        etag: Some(NotModified::ETAG.to_string()),
        html: html.to_string(),
        fetched_unix: 1_764_600_000,
    };
    let site = SiteEndpoints {
        rest: Some(format!("{origin}/w/rest.php")),
        action: Some(format!("{origin}/w/api.php")),
    };
    if let Err(error) = cache
        .put(&page)
        .and_then(|()| cache.put_site(origin, &site))
    {
        panic!("filling the cache: {error}");
    }
}

/// Times `run` `runs` times after the warm-up, sorted.
fn measure(runs: usize, mut run: impl FnMut() -> Duration) -> Vec<Duration> {
    for _ in 0..WARM_UP {
        run();
    }
    let mut times: Vec<Duration> = (0..runs).map(|_| run()).collect();
    times.sort();
    times
}

fn report(case: &str, times: &[Duration]) {
    let at = |fraction: f64| {
        let index = ((times.len() - 1) as f64 * fraction).round() as usize;
        times[index].as_secs_f64() * 1000.0
    };
    println!(
        "{case}\n  median {:.1} ms  (quartiles {:.1}–{:.1} ms, min {:.1}, max {:.1}; {} runs)",
        at(0.5),
        at(0.25),
        at(0.75),
        at(0.0),
        at(1.0),
        times.len()
    );
}

/// Spawns folio with `args` in a pseudo-terminal and returns how long it took from the spawn
/// to a screen showing `text`; then quits it with `q` and waits for it to end.
fn first_frame(home: &Home, args: &[&str], text: &str) -> Duration {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLUMNS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap_or_else(|error| panic!("no pseudo-terminal: {error}"));
    let mut output = pty
        .master
        .try_clone_reader()
        .unwrap_or_else(|error| panic!("{error}"));
    let mut keys = pty
        .master
        .take_writer()
        .unwrap_or_else(|error| panic!("{error}"));
    let (Some(rows), Some(columns)) = (NonZeroU16::new(ROWS), NonZeroU16::new(COLUMNS)) else {
        unreachable!("the sizes are constants above zero");
    };
    let (seen, shown) = mpsc::channel();
    let wanted = text.to_string();
    // The screen is checked after every read, so the moment is the read that completed it.
    let reader = std::thread::spawn(move || {
        let mut screen = vt100::Parser::new(rows, columns, 0);
        let mut buffer = [0u8; 16384];
        let mut told = false;
        let mut all = Vec::new();
        while let Ok(read) = output.read(&mut buffer) {
            if read == 0 {
                break;
            }
            screen.process(&buffer[..read]);
            if !told && screen.screen().contents().contains(&wanted) {
                let _ = seen.send(Ok(Instant::now()));
                told = true;
            }
            if !told {
                all.extend_from_slice(&buffer[..read]);
            }
        }
        if !told {
            let _ = seen.send(Err(String::from_utf8_lossy(&all).into_owned()));
        }
    });
    let command = home.pty_command(args);
    let start = Instant::now();
    let mut child = pty
        .slave
        .spawn_command(command)
        .unwrap_or_else(|error| panic!("folio did not start: {error}"));
    drop(pty.slave);
    let took = match shown.recv_timeout(PATIENCE) {
        Ok(Ok(at)) => at.duration_since(start),
        Ok(Err(output)) => panic!("folio {args:?} ended without showing {text:?}: {output}"),
        Err(_) => {
            let _ = child.kill();
            panic!("folio {args:?} showed no {text:?} within {PATIENCE:?}");
        }
    };
    let _ = keys.write_all(b"q").and_then(|()| keys.flush());
    let waited = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            _ if waited.elapsed() > PATIENCE => {
                let _ = child.kill();
                panic!("folio {args:?} did not quit");
            }
            _ => std::thread::sleep(Duration::from_millis(5)),
        }
    }
    drop(pty.master);
    let _ = reader.join();
    took
}

/// A loopback wiki that answers every request with 304 Not Modified (the cached page is
/// current), counting them.
struct NotModified {
    port: u16,
    requests: Arc<AtomicUsize>,
}

impl NotModified {
    const ETAG: &str = "\"1000/first-frame\"";

    fn start() -> NotModified {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .unwrap_or_else(|error| panic!("no loopback port: {error}"));
        let port = listener
            .local_addr()
            .unwrap_or_else(|error| panic!("{error}"))
            .port();
        let requests = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let counted = Arc::clone(&counted);
                std::thread::spawn(move || {
                    let Ok(writer) = stream.try_clone() else {
                        return;
                    };
                    let mut writer = writer;
                    let mut reader = BufReader::new(stream);
                    while let Ok(Some(_)) = http::read_head(&mut reader) {
                        counted.fetch_add(1, Ordering::Relaxed);
                        let answer = format!(
                            "HTTP/1.1 304 Not Modified\r\nETag: {}\r\nContent-Length: 0\r\n\r\n",
                            NotModified::ETAG
                        );
                        if writer.write_all(answer.as_bytes()).is_err() {
                            return;
                        }
                    }
                });
            }
        });
        NotModified { port, requests }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn requests(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }
}
