//! What reading a wiki page costs beyond the HTML reader: finding its red links
//! (`wiki::links::missing`), on the largest corpus page. Run with `cargo bench --bench wiki_links`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn red_links(c: &mut Criterion) {
    let path = format!(
        "{}/tests/fixtures/html/en-United_States.parsoid-2.1.0.html",
        env!("CARGO_MANIFEST_DIR")
    );
    let Ok(html) = std::fs::read_to_string(&path) else {
        return;
    };
    let mut group = c.benchmark_group("wiki_red_links");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(html.len() as u64));
    group.bench_function("en-United_States", |b| {
        b.iter(|| folio::wiki::links::missing(black_box(&html), "https://en.wikipedia.org"))
    });
    group.finish();
}

criterion_group!(benches, red_links);
criterion_main!(benches);
