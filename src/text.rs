//! Text hygiene shared by all readers: decoding, control-character and escape-sequence removal,
//! whitespace, entities and title normalisation.

use std::borrow::Cow;

/// Input bytes decoded as UTF-8, with the fact that replacement characters had to be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub lossy: bool,
}

/// Decodes bytes as UTF-8 (replacing invalid sequences), drops a byte-order mark, normalises
/// line ends to `\n` and removes control characters and terminal escape sequences.
pub fn decode(bytes: &[u8]) -> Decoded {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (text, lossy) = match std::str::from_utf8(bytes) {
        Ok(text) => (clean(text).into_owned(), false),
        Err(_) => (clean(&String::from_utf8_lossy(bytes)).into_owned(), true),
    };
    Decoded { text, lossy }
}

/// True for characters that must never reach the terminal: C0 and C1 controls (but tab and
/// newline), DEL, and the bidirectional embedding/override/isolate controls that reorder a line.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// True when `clean` would change the text. Every character it removes is a C0 control or DEL,
/// or starts with the byte 0xC2 (C1 controls) or 0xE2 (bidi controls) in UTF-8, so the bytes
/// are scanned first and characters decoded only around those lead bytes: most text passes in
/// one quick pass over its bytes.
fn needs_cleaning(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut start = 0;
    while let Some(offset) = bytes[start..].iter().position(|&b| {
        (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f || b == 0xc2 || b == 0xe2
    }) {
        let at = start + offset;
        if bytes[at] < 0x80 {
            return true;
        }
        // A lead byte always starts a character in valid UTF-8, so `at` is a char boundary.
        if text[at..].chars().next().is_some_and(is_unsafe) {
            return true;
        }
        start = at + 1;
    }
    false
}

/// Removes escape sequences (CSI, OSC, DCS and two-character ones) and every unsafe control
/// character; `\r\n` and lone `\r` become `\n`. Text without such characters is returned as is.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !needs_cleaning(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\u{1b}' => skip_escape_sequence(&mut chars),
            // A C1 CSI/OSC/DCS introducer starts a sequence just like its ESC form.
            '\u{9b}' => skip_until_final(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{9e}' | '\u{9f}' => skip_until_string_end(&mut chars),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn skip_escape_sequence(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => skip_until_final(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_until_string_end(chars),
        // Character-set designations and the like take one more character.
        Some('(' | ')' | '*' | '+' | '#' | '%' | ' ') => {
            chars.next();
        }
        _ => {}
    }
}

/// CSI: parameter and intermediate bytes up to a final byte in `@`..`~`.
fn skip_until_final(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) || !(' '..='?').contains(&c) {
            break;
        }
    }
}

/// OSC, DCS and friends: up to BEL, ST (`ESC \`) or the C1 string terminator.
fn skip_until_string_end(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

/// Collapses every run of whitespace (including newlines) into one space, keeping no-break
/// spaces and other non-breaking characters as they are.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}' {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// Decodes HTML character references (`&amp;`, `&nbsp;`, `&#8211;`) into characters.
pub fn decode_entities(text: &str) -> String {
    if text.contains('&') {
        clean(&html_escape::decode_html_entities(text)).into_owned()
    } else {
        text.to_string()
    }
}

/// The form titles are compared in: case-insensitive, `_` and spaces equal, spaces collapsed.
pub fn title_key(title: &str) -> String {
    title
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A title as people write it: `_` read as a space, spaces collapsed.
pub fn display_title(title: &str) -> String {
    title
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_controls_are_removed() {
        assert_eq!(clean("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(clean("x\u{1b}]0;title\u{7}y"), "xy");
        assert_eq!(clean("x\u{1b}]8;;http://e\u{1b}\\y"), "xy");
        assert_eq!(clean("bell\u{7} nul\u{0} del\u{7f}"), "bell nul del");
        assert_eq!(clean("c1\u{9b}2Jafter"), "c1after");
        assert_eq!(clean("line\r\nnext\rlast"), "line\nnext\nlast");
        assert_eq!(clean("tab\tkept\nnewline"), "tab\tkept\nnewline");
        assert_eq!(clean("rtl\u{202e}override"), "rtloverride");
    }

    #[test]
    fn clean_text_is_borrowed_and_every_unsafe_character_is_found() {
        assert!(matches!(
            clean("en\u{2013}dash \u{e9}t\u{e9} \u{a0}nbsp"),
            Cow::Borrowed(_)
        ));
        for unsafe_text in [
            "\u{1b}", "\r", "\u{7f}", "\u{85}", "\u{9f}", "\u{202a}", "\u{2069}",
        ] {
            assert!(
                needs_cleaning(&format!("ok \u{2013} {unsafe_text} ok")),
                "{unsafe_text:?}"
            );
        }
    }

    #[test]
    fn invalid_utf8_is_replaced_and_flagged() {
        let decoded = decode(b"caf\xe9 ok");
        assert!(decoded.lossy);
        assert_eq!(decoded.text, "caf\u{fffd} ok");
        let decoded = decode("\u{feff}caf\u{e9}".as_bytes());
        assert!(!decoded.lossy);
        assert_eq!(decoded.text, "caf\u{e9}");
    }

    #[test]
    fn whitespace_collapses_but_nbsp_stays() {
        assert_eq!(collapse_whitespace("a \n\t b\u{a0}c"), "a b\u{a0}c");
    }

    #[test]
    fn entities_decode_without_letting_controls_in() {
        assert_eq!(
            decode_entities("a &amp; b&nbsp;&#8211;"),
            "a & b\u{a0}\u{2013}"
        );
        assert!(!decode_entities("&#27;[2J&#x9b;").contains(['\u{1b}', '\u{9b}']));
    }

    #[test]
    fn titles_compare_loosely() {
        assert_eq!(title_key("2011_Camp  Ashraf raid"), "2011 camp ashraf raid");
        assert_eq!(display_title("Ray_Charles"), "Ray Charles");
    }
}
