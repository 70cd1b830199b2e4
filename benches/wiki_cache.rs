//! The page cache (src/wiki/cache.rs) with a real large page, United States as Parsoid HTML
//! (2.5 MB): storing it, reading it back, a miss, marking it read, and opening the cache, in a
//! cache of 50 other pages on the temporary folder's file system. Run with
//! `cargo bench --bench wiki_cache`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use folio::wiki::cache::{Cache, CachedPage};
use std::hint::black_box;

const WIKI: &str = "https://en.wikipedia.org";

fn page(title: &str, html: String) -> CachedPage {
    CachedPage {
        wiki: WIKI.to_string(),
        title: title.to_string(),
        revision: Some(1_260_000_000),
        etag: Some("\"1260000000/5f2c\"".to_string()),
        html,
        fetched_unix: 1_764_600_000,
    }
}

fn cache(c: &mut Criterion) {
    let path = format!(
        "{}/tests/fixtures/html/en-United_States.parsoid-2.1.0.html",
        env!("CARGO_MANIFEST_DIR")
    );
    let Ok(html) = std::fs::read_to_string(&path) else {
        return;
    };
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let file = dir.path().join("pages.sqlite");
    let Ok(opened) = Cache::open(&file) else {
        return;
    };
    let cache = opened.cache;
    for n in 0..50 {
        if cache
            .put(&page(
                &format!("Other {n}"),
                html[..html.len() / 4].to_string(),
            ))
            .is_err()
        {
            return;
        }
    }
    let united_states = page("United States", html);

    let mut group = c.benchmark_group("wiki_cache");
    group.sample_size(30);
    group.throughput(Throughput::Bytes(united_states.html.len() as u64));
    group.bench_function("put 2.5 MB", |b| {
        b.iter(|| cache.put(black_box(&united_states)))
    });
    group.bench_function("get 2.5 MB", |b| {
        b.iter(|| cache.get(WIKI, black_box("United_States")))
    });
    group.throughput(Throughput::Elements(1));
    group.bench_function("get a miss", |b| {
        b.iter(|| cache.get(WIKI, black_box("Nowhere")))
    });
    group.bench_function("mark_read", |b| {
        b.iter(|| cache.mark_read(WIKI, black_box("United States")))
    });
    group.bench_function("open", |b| b.iter(|| Cache::open(black_box(&file))));
    group.finish();
}

criterion_group!(benches, cache);
criterion_main!(benches);
