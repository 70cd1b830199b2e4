//! Peak memory of reading a large article, as a multiple of its size: the most memory reading
//! holds at once is bounded by the input (SPEC.md: at most 10× on the 50 MB synthetic inputs;
//! benches/peak_memory.sh measures the whole process). The one test of this file runs alone in
//! its process, whose peak resident memory (Linux's VmHWM) is the measure.

#[path = "support/memory.rs"]
mod memory;

use folio::format::{self, Format};
use memory::{repeated, status_bytes};

/// The most memory resident at once while `read` runs, the input included, beyond what was
/// resident before it was made, as a multiple of the input's size. The process's high-water
/// mark is reset first (writing 5 to /proc/self/clear_refs), so earlier work does not count.
fn peak_ratio(make: impl FnOnce() -> Vec<u8>, name: &str, format: Format) -> f64 {
    let before = status_bytes("VmRSS");
    std::fs::write("/proc/self/clear_refs", "5").unwrap();
    let bytes = make();
    let size = bytes.len();
    let reading = format::read(bytes, name, Some(format)).unwrap();
    let peak = status_bytes("VmHWM").saturating_sub(before);
    drop(reading);
    peak as f64 / size as f64
}

#[test]
fn reading_a_large_wikitext_article_holds_a_bounded_multiple_of_it() {
    let ratio = peak_ratio(
        || repeated("tests/fixtures/wikitext", "txt", 3_000_000),
        "big.wiki",
        Format::Wikitext,
    );
    eprintln!("wikitext: peak memory {ratio:.2}× the input");
    assert!(ratio < 14.0, "peak memory {ratio:.2}× the input");
}
