//! Measuring a test process's memory, and the large repeated inputs it is measured on.

// Each test file that includes this uses some of it.
#![allow(dead_code)]

/// A figure of this process from /proc/self/status, in bytes ("VmRSS", "VmHWM").
pub fn status_bytes(field: &str) -> usize {
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
pub fn repeated(folder: &str, extension: &str, size: usize) -> Vec<u8> {
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
