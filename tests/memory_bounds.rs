//! Memory is bounded by the input, not by what it claims: a small archive whose cluster expands
//! to hundreds of megabytes is refused with a clear error, and a failed allocation is an error
//! line, not an abort. The binary runs under an address-space limit (RLIMIT_AS), so a
//! regression that allocates what the input claims fails the test instead of passing slowly.

#[path = "support/scratch.rs"]
mod scratch;
use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

/// Address space the binary may use: room for itself, mimalloc's arenas and a small article,
/// far less than the 200 MB an archive below claims.
const LIMIT: u64 = 512 * 1024 * 1024;
/// What the hostile cluster expands to.
const BOMB_LEN: usize = 200 * 1024 * 1024;

/// Runs folio with `args` under an address-space limit of `limit` bytes.
fn folio_limited(args: &[&Path], limit: u64) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    command.args(args);
    // SAFETY: setrlimit is async-signal-safe and touches only the child being started.
    unsafe {
        command.pre_exec(move || {
            let rlimit = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &rlimit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    command.output().expect("folio runs")
}

/// A file in a folder of its own (folio reads the folder of the file it opens as its library),
/// removed with the folder when the guard is dropped.
fn file_alone(name: &str, bytes: &[u8]) -> (TempDir, PathBuf) {
    let dir = scratch::folder("memory");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// A version 5 archive (namespace `A`, a title pointer list) of one article, `title`, the
/// first blob of its one cluster, `cluster` (the info byte first).
fn zim(title: &str, cluster: &[u8]) -> Vec<u8> {
    const HEADER_LEN: usize = 80;
    let mime_list = b"text/html\0\0";
    let mut dirent = vec![0, 0, 0, b'A', 0, 0, 0, 0];
    dirent.extend_from_slice(&[0; 8]); // cluster 0, blob 0
    for name in [title, title] {
        dirent.extend_from_slice(name.as_bytes());
        dirent.push(0);
    }
    let dirents = [dirent];
    let count = dirents.len();
    let url_pointers = HEADER_LEN + mime_list.len();
    let title_pointers = url_pointers + 8 * count;
    let dirents_at = title_pointers + 4 * count;
    let cluster_pointers = dirents_at + dirents.iter().map(Vec::len).sum::<usize>();
    let cluster_at = cluster_pointers + 8;
    let checksum = cluster_at + cluster.len();

    let mut out = Vec::new();
    out.extend_from_slice(&0x044D_495Au32.to_le_bytes());
    out.extend_from_slice(&5u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&[7; 16]);
    out.extend_from_slice(&(count as u32).to_le_bytes());
    out.extend_from_slice(&1u32.to_le_bytes());
    for position in [url_pointers, title_pointers, cluster_pointers, HEADER_LEN] {
        out.extend_from_slice(&(position as u64).to_le_bytes());
    }
    out.extend_from_slice(&0u32.to_le_bytes()); // main page: the first entry
    out.extend_from_slice(&u32::MAX.to_le_bytes()); // no layout page
    out.extend_from_slice(&(checksum as u64).to_le_bytes());
    assert_eq!(out.len(), HEADER_LEN);
    out.extend_from_slice(mime_list);
    let mut at = dirents_at;
    for dirent in &dirents {
        out.extend_from_slice(&(at as u64).to_le_bytes());
        at += dirent.len();
    }
    for index in 0..count {
        out.extend_from_slice(&(index as u32).to_le_bytes());
    }
    for dirent in &dirents {
        out.extend_from_slice(dirent);
    }
    out.extend_from_slice(&(cluster_at as u64).to_le_bytes());
    out.extend_from_slice(cluster);
    out.extend_from_slice(&[0; 16]);
    out
}

/// An xz cluster (info byte 4) of `data`, compressed in blocks of a megabyte: a repeated
/// block compresses to a few hundred bytes.
fn xz_cluster(data: &[u8]) -> Vec<u8> {
    let mut options = lzma_rust2::XzOptions::with_preset(0);
    options.set_block_size(std::num::NonZeroU64::new(1024 * 1024));
    let mut writer = lzma_rust2::XzWriter::new(vec![4], options).unwrap();
    writer.write_all(data).unwrap();
    writer.finish().unwrap()
}

/// The data of a cluster: the offset table of blobs of these lengths, then `tail`.
fn blobs(lengths: &[usize]) -> Vec<u8> {
    let mut offset = 4 * (lengths.len() + 1);
    let mut data = Vec::new();
    data.extend_from_slice(&(offset as u32).to_le_bytes());
    for len in lengths {
        offset += len;
        data.extend_from_slice(&(offset as u32).to_le_bytes());
    }
    data
}

const PAGE: &[u8] =
    b"<html><head><title>Small</title></head><body><p>A small page.</p></body></html>";

/// `folio dump` of an archive whose one article is the first blob of an xz cluster of `data`,
/// under the memory limit.
fn dump_archive(title: &str, data: &[u8]) -> Output {
    let archive = zim(title, &xz_cluster(data));
    assert!(archive.len() < 100_000, "{} bytes", archive.len());
    let (_folder, path) = file_alone(&format!("{title}.zim"), &archive);

    folio_limited(&[Path::new("dump"), &path], LIMIT)
}

#[test]
fn an_archive_entry_expanding_to_200_megabytes_is_refused() {
    // One blob of 200 MB of zeros: the offset table says so before anything is expanded.
    let mut data = blobs(&[BOMB_LEN]);
    data.resize(data.len() + BOMB_LEN, 0);
    let output = dump_archive("Bomb", &data);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("an entry expands beyond 64 MiB"),
        "{stderr}"
    );
}

#[test]
fn an_entry_is_expanded_no_further_than_it_ends() {
    // A small page, then 200 MB of zeros that no blob claims: reading the page expands its
    // own few bytes, not the rest of the cluster.
    let mut data = blobs(&[PAGE.len()]);
    data.extend_from_slice(PAGE);
    data.resize(data.len() + BOMB_LEN, 0);
    let output = dump_archive("Small", &data);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("A small page."), "{stdout}");
}

#[test]
fn running_out_of_memory_is_an_error_line_not_an_abort() {
    // A 10 MB article (the wikitext corpus repeated) needs more than 100 MB to read.
    let pieces: Vec<Vec<u8>> = std::fs::read_dir("tests/fixtures/wikitext")
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .filter(|path| !path.ends_with("redirect.txt"))
        .map(|path| std::fs::read(path).unwrap())
        .collect();
    let mut article = Vec::new();
    while article.len() < 10_000_000 {
        for piece in &pieces {
            article.extend_from_slice(piece);
            article.push(b'\n');
        }
    }
    let (_folder, path) = file_alone("big.wiki", &article);
    let output = folio_limited(&[Path::new("dump"), &path], 100 * 1024 * 1024);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("folio: out of memory : "), "{stderr}");
}

/// The 50 MB synthetic HTML article of SPEC.md (the bodies of the corpus pages one after
/// another under one head); slow in a debug build, so run on demand:
/// `cargo test --release --test memory_bounds -- --ignored`. benches/peak_memory.sh builds the
/// same input to measure peak memory.
#[test]
#[ignore]
fn a_fifty_megabyte_html_article() {
    let source = corpus_html(50_000_000);
    let reading = folio::format::read(
        source.as_bytes(),
        "synthetic.html",
        Some(folio::format::Format::Html),
    )
    .unwrap();
    assert_eq!(reading.article.title, "Synthetic");
    let (sections, references) = (
        reading.article.sections.len(),
        reading.article.references.len(),
    );
    assert!(sections > 500, "{sections} sections");
    assert!(references > 1000, "{references} references");
}

/// One HTML page of `size` bytes: what lies between `<body>` and `</body>` in each corpus
/// page, repeated.
fn corpus_html(size: usize) -> String {
    let bodies: Vec<String> = std::fs::read_dir("tests/fixtures/html")
        .unwrap()
        .flatten()
        .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
        .filter_map(|page| {
            let open = page.find("<body")?;
            let start = open + page[open..].find('>')? + 1;
            let end = page.rfind("</body>")?;
            (start <= end).then(|| page[start..end].to_string())
        })
        .collect();
    let mut html = String::from("<!DOCTYPE html><html><head><title>Synthetic</title></head><body>");
    while !bodies.is_empty() && html.len() < size {
        for body in &bodies {
            html.push_str(body);
        }
    }
    html.push_str("</body></html>");
    html
}
