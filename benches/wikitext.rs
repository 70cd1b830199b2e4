//! Throughput of the wikitext reader over the corpus (tests/fixtures/wikitext): each of the
//! largest articles on its own, and the whole corpus read file by file. Throughput in MB/s
//! (decimal), the unit of the target.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use folio::format::{self, Format};
use std::hint::black_box;
use std::path::PathBuf;

const LARGEST: &[&str] = &[
    "anarchism.txt",
    "Chemical-biology.txt",
    "toronto.txt",
    "al_Haytham.txt",
];

fn fixture(name: &str) -> PathBuf {
    PathBuf::from("tests/fixtures/wikitext").join(name)
}

fn read(bytes: &[u8]) -> usize {
    format::read(bytes, "bench.wiki", Some(Format::Wikitext))
        .map(|reading| reading.article.references.len())
        .unwrap_or_default()
}

fn largest_articles(c: &mut Criterion) {
    let mut group = c.benchmark_group("wikitext");
    for name in LARGEST {
        let bytes = std::fs::read(fixture(name)).unwrap_or_default();
        group.throughput(Throughput::BytesDecimal(bytes.len() as u64));
        group.bench_function(*name, |b| b.iter(|| read(black_box(&bytes))));
    }
    let corpus: Vec<Vec<u8>> = std::fs::read_dir("tests/fixtures/wikitext")
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "txt"))
        .filter_map(|entry| std::fs::read(entry.path()).ok())
        .collect();
    let total: usize = corpus.iter().map(Vec::len).sum();
    group.throughput(Throughput::BytesDecimal(total as u64));
    group.bench_function("whole corpus", |b| {
        b.iter(|| {
            corpus
                .iter()
                .map(|bytes| read(black_box(bytes)))
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = largest_articles
}
criterion_main!(benches);
