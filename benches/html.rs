//! Reader throughput of the HTML reader on the largest corpus pages (bytes per second).
//! Run with `cargo bench --bench html`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use folio::format::{self, Format};
use std::hint::black_box;

const PAGES: &[&str] = &[
    "en-United_States.parsoid-2.1.0.html",
    "en-Dog.parsoid-1.7.0.html",
    "en-Dog.action-parse.html",
    "readability-wikipedia.source.html",
];

fn html_reader(c: &mut Criterion) {
    let mut group = c.benchmark_group("html_read");
    group.sample_size(20);
    for name in PAGES {
        let path = format!("{}/tests/fixtures/html/{name}", env!("CARGO_MANIFEST_DIR"));
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| format::read(black_box(&bytes), name, Some(Format::Html)))
        });
    }
    group.finish();
}

criterion_group!(benches, html_reader);
criterion_main!(benches);
