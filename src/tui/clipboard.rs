//! The system clipboard through the terminal: OSC 52 (`ESC ] 52 ; c ; <base64> BEL`), which
//! xterm, kitty, foot, WezTerm, iTerm2, Windows Terminal and tmux (with `set-clipboard on`)
//! pass to the clipboard, over ssh too. The text travels base64-encoded, so nothing in it can
//! end the sequence or start another one; it is cleaned of control characters first anyway, so
//! what is pasted later cannot carry escape sequences either.

use base64::Engine;
use std::io::{self, Write};
use thiserror::Error;

/// The most text copied at once, in bytes: its base64 stays under the 100 000 bytes xterm and
/// tmux take in one OSC 52 sequence (they drop longer ones); a reference is far shorter.
pub const MAX_COPY: usize = 74_000;

#[derive(Debug, Error)]
pub enum CopyError {
    #[error("{0} bytes is more than the terminal clipboard takes ({MAX_COPY} bytes at most)")]
    TooLarge(usize),
    #[error("the terminal could not be written to: {0}")]
    Write(#[from] io::Error),
}

/// The OSC 52 sequence that puts `text` (cleaned) on the clipboard, and the bytes copied.
pub fn sequence(text: &str) -> Result<(Vec<u8>, usize), CopyError> {
    let text = crate::text::clean(text);
    if text.len() > MAX_COPY {
        return Err(CopyError::TooLarge(text.len()));
    }
    let mut bytes = b"\x1b]52;c;".to_vec();
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    bytes.extend_from_slice(encoded.as_bytes());
    bytes.push(0x07);
    Ok((bytes, text.len()))
}

/// Writes the sequence for `text` to the terminal; the number of bytes copied.
pub fn copy(terminal: &mut dyn Write, text: &str) -> Result<usize, CopyError> {
    let (bytes, copied) = sequence(text)?;
    terminal.write_all(&bytes)?;
    terminal.flush()?;
    Ok(copied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_is_osc_52_with_base64() {
        let (bytes, copied) = sequence("hi").unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(bytes, b"\x1b]52;c;aGk=\x07");
        assert_eq!(copied, 2);
    }

    #[test]
    fn control_characters_cannot_break_out() {
        let hostile = "a\x07\x1b]52;c;ZXZpbA==\x07\x1b[2J\u{9b}31mb\nc";
        let (bytes, _) = sequence(hostile).unwrap_or_else(|error| panic!("{error}"));
        let payload = &bytes[b"\x1b]52;c;".len()..bytes.len() - 1];
        assert!(
            payload
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
        );
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(payload)
            .unwrap_or_default();
        assert_eq!(String::from_utf8_lossy(&decoded), "ab\nc");
    }

    #[test]
    fn too_much_is_refused() {
        let text = "x".repeat(MAX_COPY + 1);
        assert!(matches!(sequence(&text), Err(CopyError::TooLarge(n)) if n == MAX_COPY + 1));
    }
}
