//! Title search and listing on a synthetic archive of millions of titles (5 million unless
//! `FOLIO_BENCH_TITLES` says otherwise), written once to the temporary folder by
//! benches/support/synthetic_zim.rs. Reports, for a few kinds of query, how soon the first
//! results come and how long the whole search takes; and the time and peak memory of
//! `folio list` on that archive beside a small one. `cargo bench --bench zim_search`.

#[path = "support/synthetic_zim.rs"]
mod synthetic_zim;

use folio::source::search::{self, Results};
use folio::source::zim::Zim;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// When a search's batches came.
struct Timing {
    start: Instant,
    first: Option<Duration>,
    batches: usize,
    found: usize,
}

impl Results for Timing {
    fn batch(&mut self, titles: &[String], _done: bool) {
        if !titles.is_empty() && self.first.is_none() {
            self.first = Some(self.start.elapsed());
        }
        self.batches += 1;
        self.found = titles.len();
    }
}

fn main() {
    let count: u32 = std::env::var("FOLIO_BENCH_TITLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5_000_000);
    let path = std::env::temp_dir().join(format!("folio-synthetic-{count}.zim"));
    if !path.exists() {
        let start = Instant::now();
        if let Err(error) = synthetic_zim::write(&path, count) {
            eprintln!("cannot write {}: {error}", path.display());
            return;
        }
        println!(
            "wrote {} ({count} titles) in {:.1?}",
            path.display(),
            start.elapsed()
        );
    }
    let start = Instant::now();
    let zim = match Zim::open(&path) {
        Ok(zim) => zim,
        Err(error) => {
            eprintln!("{error}");
            return;
        }
    };
    println!("opened in {:.1?}", start.elapsed());

    let middle = synthetic_zim::title(count / 2);
    let words: Vec<&str> = middle.split(' ').collect();
    let typo: String = {
        let mut last: Vec<char> = words[2].chars().collect();
        last.swap(2, 3);
        format!("{} {}", words[1], last.into_iter().collect::<String>())
    };
    let queries = [
        ("prefix (a title's first word)", words[0].to_string()),
        ("prefix (a whole title)", middle.clone()),
        (
            "words inside (second and third)",
            format!("{} {}", words[1], words[2]),
        ),
        ("a typo in the last word", typo),
        ("no title matches", "qqqq zzzz".to_string()),
    ];
    println!("\ntitle search, {count} titles, at most 200 results:");
    for (kind, query) in queries {
        let mut timing = Timing {
            start: Instant::now(),
            first: None,
            batches: 0,
            found: 0,
        };
        search::search(&[&zim], &query, 200, &mut timing);
        let total = timing.start.elapsed();
        let first = timing
            .first
            .map_or("none".to_string(), |first| format!("{first:.1?}"));
        println!(
            "  {kind:34} {query:28} first results {first:>9}, all {total:>8.1?}, {} found, {} batches",
            timing.found, timing.batches
        );
    }

    println!("\nfolio list (time, peak resident memory):");
    let small = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/zim/wikipedia_en_ray_charles_mini_2020-03.libkiwix-zimfile.zim");
    for archive in [small.as_path(), path.as_path()] {
        match list(archive) {
            Some((time, lines, peak_kib)) => println!(
                "  {:70} {lines:>8} titles in {time:>8.1?}, peak {:.1} MiB",
                archive.display().to_string(),
                peak_kib as f64 / 1024.0
            ),
            None => println!("  {}: folio list failed", archive.display()),
        }
    }
}

/// Runs `folio list ARCHIVE`, counting its lines: the time, the count and the peak resident
/// memory in KiB. The peak is the child's own high-water mark (`VmHWM` in /proc, Linux), read
/// while it runs: the rusage of a spawned child also counts the image it was forked from.
fn list(archive: &Path) -> Option<(Duration, usize, i64)> {
    use std::io::{BufRead, BufReader};
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("list")
        .arg(archive)
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    let status = format!("/proc/{}/status", child.id());
    let watcher = std::thread::spawn(move || {
        let mut peak = 0;
        while let Ok(text) = std::fs::read_to_string(&status) {
            let Some(kib) = text
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
            else {
                break;
            };
            peak = kib;
            std::thread::sleep(Duration::from_millis(5));
        }
        peak
    });
    let lines = BufReader::new(child.stdout.take()?).lines().count();
    let peak = watcher.join().ok()?;
    child.wait().ok()?;
    Some((start.elapsed(), lines, peak))
}
