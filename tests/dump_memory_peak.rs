//! Peak memory of the text dump beyond the article it is made from: the dump is written as it is
//! laid out, so a long article's lines and references are never all held at once. The one test
//! of this file runs alone in its process, whose peak resident memory (Linux's VmHWM) is the
//! measure.

#[path = "support/memory.rs"]
mod memory;

use folio::format::{self, Format};
use memory::status_bytes;

/// The seed's plain-text rendering repeated into one article of about 4 MB: some 13,000
/// references, each with its fields read back from its rendering.
fn long_plain_text() -> Vec<u8> {
    let seed = std::fs::read_to_string("assets/001_1b985710a8456a24.txt").unwrap();
    let body = seed.split_once('\n').unwrap().1;
    let mut document = String::from("Synthetic\n");
    while document.len() < 4_000_000 {
        document.push_str(body);
        document.push('\n');
    }
    document.into_bytes()
}

#[test]
fn dumping_a_long_article_holds_little_beyond_the_article() {
    let bytes = long_plain_text();
    let size = bytes.len();
    let reading = format::read(bytes, "synthetic.txt", Some(Format::Plaintext)).unwrap();
    assert!(reading.article.references.len() > 10_000);
    let before = status_bytes("VmRSS");
    std::fs::write("/proc/self/clear_refs", "5").unwrap();
    folio::dump::write_text(&reading.article, 20, &mut std::io::sink()).unwrap();
    let peak = status_bytes("VmHWM").saturating_sub(before);
    let ratio = peak as f64 / size as f64;
    eprintln!("dump: peak memory beyond the article {ratio:.2}× the input");
    // At this narrow width, laying all the references out at once held 14 times the input
    // more; written as laid out, 0 to 0.6 times (the allocator gives some of the pages reading
    // freed back to the system, and touching them again counts).
    assert!(
        ratio < 2.0,
        "peak memory beyond the article {ratio:.2}× the input"
    );
}
