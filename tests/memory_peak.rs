//! Peak memory of reading a large article, as a multiple of its size: the most memory reading
//! holds at once is bounded by the input (SPEC.md: at most 10× on the 50 MB synthetic inputs;
//! benches/peak_memory.sh measures the whole process). The one test of this file runs alone in
//! its process, whose peak resident memory (Linux's VmHWM) is the measure.

use folio::format::{self, Format};

/// A figure of this process from /proc/self/status, in bytes ("VmRSS", "VmHWM").
fn status_bytes(field: &str) -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|value| value.trim().strip_suffix("kB"))
        .and_then(|kb| kb.trim().parse::<usize>().ok())
        .map(|kb| kb * 1024)
        .unwrap()
}

/// The corpus articles of one reader's fixtures folder, a redirect aside, repeated into one
/// document of at least `size` bytes, as benches/peak_memory.sh builds its inputs.
fn repeated(folder: &str, extension: &str, size: usize) -> Vec<u8> {
    let mut paths: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == extension))
        .filter(|path| !path.ends_with("redirect.txt"))
        .collect();
    paths.sort();
    let pieces: Vec<Vec<u8>> = paths
        .iter()
        .map(|path| std::fs::read(path).unwrap())
        .collect();
    // Allocated once at its final size, so that no freed buffer is left for reading to reuse.
    let round: usize = pieces.iter().map(|piece| piece.len() + 1).sum();
    let rounds = size.div_ceil(round);
    let mut document = Vec::with_capacity(rounds * round);
    for _ in 0..rounds {
        for piece in &pieces {
            document.extend_from_slice(piece);
            document.push(b'\n');
        }
    }
    document
}

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
