//! The output boundary: whatever folio prints (dumps, JSON, lists, errors, warnings) passes
//! through `Clean`, which removes control characters, bidi controls and escape sequences with
//! the same rule the readers use (`text::clean`), so nothing from input reaches a terminal raw.

use crate::text;
use std::io::{self, Write};

/// An unfinished line longer than this is cleaned and written without waiting for its end, so a
/// long line (compact JSON is one) streams through in bounded memory.
const LINE_HOLD: usize = 8 * 1024;

/// A writer that cleans text for a terminal on its way to `inner`. Text is cleaned a line at a
/// time, so an escape sequence split across two writes is still recognised whole; invalid UTF-8
/// is written as replacement characters. Call `flush` at the end: dropping it writes what is
/// left but cannot report an error.
pub struct Clean<W: Write> {
    inner: W,
    /// Bytes written but not yet cleaned: the end of an unfinished line.
    pending: Vec<u8>,
}

impl<W: Write> Clean<W> {
    pub fn new(inner: W) -> Clean<W> {
        Clean {
            inner,
            pending: Vec::new(),
        }
    }

    /// Cleans `bytes` and writes them on.
    fn emit(&mut self, bytes: &[u8]) -> io::Result<()> {
        if bytes.is_empty() {
            return Ok(());
        }
        let decoded = String::from_utf8_lossy(bytes);
        self.inner.write_all(text::clean(&decoded).as_bytes())
    }
}

impl<W: Write> Write for Clean<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.pending.is_empty() {
            let cut = ready_part(buf);
            self.emit(&buf[..cut])?;
            self.pending.extend_from_slice(&buf[cut..]);
        } else {
            let mut bytes = std::mem::take(&mut self.pending);
            bytes.extend_from_slice(buf);
            let cut = ready_part(&bytes);
            let written = self.emit(&bytes[..cut]);
            bytes.drain(..cut);
            self.pending = bytes;
            written?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let rest = std::mem::take(&mut self.pending);
        self.emit(&rest)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Clean<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// How much of `bytes` can be cleaned now: up to the last line end, or, past a long unfinished
/// line, all but a character cut in two.
fn ready_part(bytes: &[u8]) -> usize {
    let line_end = bytes
        .iter()
        .rposition(|&byte| byte == b'\n')
        .map_or(0, |at| at + 1);
    if bytes.len() - line_end <= LINE_HOLD {
        return line_end;
    }
    bytes.len() - unfinished_character(bytes)
}

/// The length of a UTF-8 sequence cut off at the end of `bytes` (0 when the last character is
/// whole or the bytes are not UTF-8 there anyway).
fn unfinished_character(bytes: &[u8]) -> usize {
    for back in 1..=bytes.len().min(3) {
        let byte = bytes[bytes.len() - back];
        let expected = match byte {
            0x80..=0xbf => continue,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf7 => 4,
            _ => return 0,
        };
        return if expected > back { back } else { 0 };
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `pieces` one write at a time and returns what came out.
    fn through(pieces: &[&[u8]]) -> String {
        let mut out = Vec::new();
        {
            let mut clean = Clean::new(&mut out);
            for piece in pieces {
                assert!(clean.write_all(piece).is_ok());
            }
            assert!(clean.flush().is_ok());
        }
        String::from_utf8(out).unwrap_or_else(|error| panic!("not UTF-8: {error}"))
    }

    #[test]
    fn controls_escapes_and_bidi_never_pass() {
        let out = through(&[
            "A/L \u{1b}]0;pwned\u{7}\u{1b}[2J title\n".as_bytes(),
            "c1 \u{9b}31m red \u{85} del \u{7f} rlo \u{202e} lri \u{2066} lrm \u{200e}\n"
                .as_bytes(),
            b"raw c1 \x9b\x9d bytes\ttab\n",
        ]);
        assert_eq!(
            out,
            "A/L  title\nc1  red  del  rlo  lri  lrm \nraw c1 \u{fffd}\u{fffd} bytes\ttab\n"
        );
    }

    #[test]
    fn sequences_and_characters_split_across_writes_are_handled_whole() {
        let out = through(&[b"a \x1b]0;ti", b"tle\x07 b \xe2\x80", b"\xae c\n"]);
        assert_eq!(out, "a  b  c\n");
        let out = through(&[b"caf\xc3", b"\xa9"]);
        assert_eq!(out, "caf\u{e9}");
    }

    #[test]
    fn a_long_line_streams_without_splitting_characters() {
        let line = "\u{e9}".repeat(3 * LINE_HOLD);
        let bytes = line.as_bytes();
        let pieces: Vec<&[u8]> = bytes.chunks(LINE_HOLD / 2 + 1).collect();
        assert_eq!(through(&pieces), line);
        assert_eq!(unfinished_character(b"ab\xe2\x80"), 2);
        assert_eq!(unfinished_character(b"ab\xe2\x80\xae"), 0);
        assert_eq!(unfinished_character(b"\x80\x80\x80"), 0);
    }

    #[test]
    fn errors_of_the_writer_behind_are_reported() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::from(io::ErrorKind::StorageFull))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut clean = Clean::new(Full);
        assert!(clean.write_all(b"line\n").is_err());
        assert!(clean.write_all(b"unfinished").is_ok());
        assert!(clean.flush().is_err());
    }
}
