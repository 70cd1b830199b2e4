//! Hostile inputs grown from 10³ to 10⁵ elements (issue 13 item 3): one group per case, with
//! the time per element (Throughput::Elements), which stays flat when the time is linear.
//! Run with `cargo bench --bench hostile`; the inputs come from tests/hostile_inputs, which
//! tests/linear_time.rs checks for correctness.

#[path = "../tests/hostile_inputs/mod.rs"]
mod hostile_inputs;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use folio::article::Article;
use folio::config::Config;
use folio::format::{self, Format};
use std::hint::black_box;
use std::time::Duration;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn read(text: &str, format: Format) -> Article {
    format::read(text.as_bytes(), "hostile", Some(format))
        .map(|reading| reading.article)
        .unwrap_or_default()
}

/// One group reading documents of `generate(n)` with `format`.
fn reader_case(c: &mut Criterion, name: &str, format: Format, generate: fn(usize) -> String) {
    let mut group = c.benchmark_group(name);
    for n in SIZES {
        let text = generate(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(n.to_string(), &text, |b, text| {
            b.iter(|| read(black_box(text), format))
        });
    }
    group.finish();
}

/// One group merging the two outline documents of `generate(n)` (read beforehand).
fn merge_case(c: &mut Criterion, name: &str, generate: fn(usize) -> (String, String)) {
    let mut group = c.benchmark_group(name);
    for n in SIZES {
        let (first, second) = generate(n);
        let articles = vec![
            read(&first, Format::Outline),
            read(&second, Format::Outline),
        ];
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(n.to_string(), &articles, |b, articles| {
            b.iter_batched(
                || articles.clone(),
                folio::library::merge,
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

fn hostile(c: &mut Criterion) {
    use hostile_inputs as inputs;
    reader_case(c, "html_attributes", Format::Html, inputs::html_attributes);
    reader_case(
        c,
        "html_missing_notes",
        Format::Html,
        inputs::html_missing_notes,
    );
    reader_case(
        c,
        "wikitext_ref_groups",
        Format::Wikitext,
        inputs::wikitext_ref_groups,
    );
    reader_case(
        c,
        "wikitext_reference_lists",
        Format::Wikitext,
        inputs::wikitext_reference_lists,
    );
    reader_case(c, "wikitext_sfn", Format::Wikitext, inputs::wikitext_sfn);
    reader_case(
        c,
        "plaintext_markers",
        Format::Plaintext,
        inputs::plaintext_markers,
    );
    reader_case(c, "html_reference_urls", Format::Html, |n| {
        inputs::reference_urls(n).0
    });
    reader_case(c, "wikitext_reference_urls", Format::Wikitext, |n| {
        inputs::reference_urls(n).1
    });
    reader_case(
        c,
        "wikitext_own_section_links",
        Format::Wikitext,
        inputs::wikitext_own_section_links,
    );
    merge_case(c, "merge_infoboxes", inputs::outline_infoboxes);
    merge_case(c, "merge_sections", inputs::outline_sections);

    let mut group = c.benchmark_group("config_key_bindings");
    for n in SIZES {
        let text = inputs::key_bindings(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(n.to_string(), &text, |b, text| {
            b.iter(|| Config::parse(black_box(text), false).is_ok())
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // Few, short samples: the point is the trend over sizes, on a shared machine.
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = hostile
}
criterion_main!(benches);
