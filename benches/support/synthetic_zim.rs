//! A synthetic Kiwix archive of any number of titles, for measuring title search and listing
//! on archives as large as Wikipedia's. Written front to back with constant memory: every
//! entry's title follows from its number, in title order, so nothing is sorted or held.
//!
//! The archive is a ZIM 5 file (articles in namespace `A`, a title pointer list in the header)
//! with one uncompressed cluster: every article shares one small page. Every tenth entry is
//! a redirect to the article before it. Titles are three made-up words ("Kabode mitulo
//! faneri"), each word from a list of 200, so a word or two of a title find a few hundred
//! titles among millions, as a real query does.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

const HEADER_LEN: u64 = 80;
const MIME_TYPES: &[u8] = b"text/html\0\0";
const PAGE: &[u8] =
    b"<html><head><title>Synthetic</title></head><body><p>A synthetic article.</p></body></html>";
const WORDS: usize = 200;
/// Every `REDIRECT_EVERY`th entry is a redirect.
const REDIRECT_EVERY: u32 = 10;

/// Word `n` of the list: three syllables, so no word starts another and titles sort as their
/// numbers do.
pub fn word(n: usize) -> String {
    const CONSONANTS: &[u8] = b"bdfgklmnprstvz";
    const VOWELS: &[u8] = b"aeiou";
    // Spread over the 70³ syllable triples, in order.
    let n = n * (70 * 70 * 70 / WORDS);
    let syllable = |s: usize| {
        let (c, v) = (s / VOWELS.len(), s % VOWELS.len());
        [CONSONANTS[c], VOWELS[v]]
    };
    let mut word = Vec::new();
    for s in [n / (70 * 70), (n / 70) % 70, n % 70] {
        word.extend_from_slice(&syllable(s));
    }
    String::from_utf8_lossy(&word).into_owned()
}

/// The URL of entry `i` (its title, with `_` for spaces; the title itself is left empty).
pub fn url(i: u32) -> String {
    let i = i as usize;
    let first = word(i / (WORDS * WORDS) % WORDS);
    let mut first = first.into_bytes();
    first[0] = first[0].to_ascii_uppercase();
    format!(
        "{}_{}_{}",
        String::from_utf8_lossy(&first),
        word(i / WORDS % WORDS),
        word(i % WORDS)
    )
}

/// The title of entry `i`, as folio shows it.
pub fn title(i: u32) -> String {
    url(i).replace('_', " ")
}

fn is_redirect(i: u32) -> bool {
    i % REDIRECT_EVERY == REDIRECT_EVERY - 1
}

fn dirent_len(i: u32) -> u64 {
    let fixed = if is_redirect(i) { 12 } else { 16 };
    fixed + url(i).len() as u64 + 2
}

/// Writes an archive of `count` titles (at most 200³) to `path`.
pub fn write(path: &Path, count: u32) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path)?);
    let mime_list = HEADER_LEN;
    let url_pointers = mime_list + MIME_TYPES.len() as u64;
    let title_pointers = url_pointers + 8 * u64::from(count);
    let dirents = title_pointers + 4 * u64::from(count);
    let dirents_len: u64 = (0..count).map(dirent_len).sum();
    let cluster_pointers = dirents + dirents_len;
    let cluster = cluster_pointers + 8;
    // Compression 1 (none), two blob offsets (the blob's start and end), the blob.
    let cluster_len = 1 + 8 + PAGE.len() as u64;
    let checksum = cluster + cluster_len;

    let mut header = Vec::with_capacity(HEADER_LEN as usize);
    header.extend_from_slice(&0x044D_495Au32.to_le_bytes());
    header.extend_from_slice(&5u16.to_le_bytes());
    header.extend_from_slice(&0u16.to_le_bytes());
    header.extend_from_slice(&[7; 16]);
    header.extend_from_slice(&count.to_le_bytes());
    header.extend_from_slice(&1u32.to_le_bytes());
    for position in [url_pointers, title_pointers, cluster_pointers, mime_list] {
        header.extend_from_slice(&position.to_le_bytes());
    }
    header.extend_from_slice(&0u32.to_le_bytes()); // main page: the first article
    header.extend_from_slice(&u32::MAX.to_le_bytes()); // no layout page
    header.extend_from_slice(&checksum.to_le_bytes());
    out.write_all(&header)?;
    out.write_all(MIME_TYPES)?;

    let mut at = dirents;
    for i in 0..count {
        out.write_all(&at.to_le_bytes())?;
        at += dirent_len(i);
    }
    // Titles sort as entry numbers do.
    for i in 0..count {
        out.write_all(&i.to_le_bytes())?;
    }
    for i in 0..count {
        if is_redirect(i) {
            out.write_all(&0xffffu16.to_le_bytes())?;
            out.write_all(&[0, b'A', 0, 0, 0, 0])?;
            out.write_all(&(i - 1).to_le_bytes())?;
        } else {
            out.write_all(&0u16.to_le_bytes())?;
            out.write_all(&[0, b'A', 0, 0, 0, 0])?;
            out.write_all(&0u32.to_le_bytes())?; // cluster
            out.write_all(&0u32.to_le_bytes())?; // blob
        }
        out.write_all(url(i).as_bytes())?;
        out.write_all(&[0, 0])?;
    }
    out.write_all(&cluster.to_le_bytes())?;
    out.write_all(&[1])?;
    out.write_all(&8u32.to_le_bytes())?;
    out.write_all(&(8 + PAGE.len() as u32).to_le_bytes())?;
    out.write_all(PAGE)?;
    out.write_all(&[0; 16])?;
    out.flush()
}
