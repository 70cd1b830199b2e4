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
/// line ends to `\n` and removes control characters and terminal escape sequences. Valid UTF-8
/// that needs no cleaning becomes the text in place: a large document is never held twice.
pub fn decode(mut bytes: Vec<u8>) -> Decoded {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let (text, lossy) = match String::from_utf8(bytes) {
        Ok(text) => (clean_owned(text), false),
        Err(error) => (
            clean_owned(String::from_utf8_lossy(error.as_bytes()).into_owned()),
            true,
        ),
    };
    Decoded { text, lossy }
}

/// `clean`, keeping the string itself when nothing is to be removed.
fn clean_owned(text: String) -> String {
    match clean(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(cleaned) => cleaned,
    }
}

/// True for characters that must never reach the terminal: C0 and C1 controls (but tab and
/// newline), DEL, and the bidirectional controls that reorder a line: embeddings, overrides,
/// isolates and the implicit marks (LRM, RLM, ALM).
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
        )
}

/// Where the first byte that `wanted` accepts is. Bytes are tested sixteen at a time without
/// branching, which the compiler turns into vector compares when `wanted` is a few comparisons
/// (`matches!`), so long stretches of ordinary text pass quickly.
#[inline]
pub fn find_byte(bytes: &[u8], wanted: impl Fn(u8) -> bool + Copy) -> Option<usize> {
    const LANES: usize = 16;
    let mut chunks = bytes.chunks_exact(LANES);
    let mut offset = 0;
    for chunk in &mut chunks {
        let chunk: &[u8; LANES] = chunk.try_into().expect("chunks_exact yields full chunks");
        if chunk
            .iter()
            .fold(0u8, |any, &byte| any | u8::from(wanted(byte)))
            != 0
        {
            return chunk
                .iter()
                .position(|&byte| wanted(byte))
                .map(|i| offset + i);
        }
        offset += LANES;
    }
    let rest = chunks.remainder().iter().position(|&byte| wanted(byte));
    rest.map(|i| offset + i)
}

/// True for bytes that may start a character `clean` removes: C0 controls (but tab and
/// newline), DEL, and the UTF-8 lead bytes of C1 controls (0xC2), of the bidi controls (0xE2)
/// and of the Arabic letter mark (0xD8).
fn is_suspect(byte: u8) -> bool {
    // Comparisons joined with `|` and `&` rather than `||` and `&&`: no branches, so
    // `find_byte` can test many bytes at once.
    ((byte < 0x20) & (byte != b'\n') & (byte != b'\t'))
        | (byte == 0x7f)
        | (byte == 0xc2)
        | (byte == 0xd8)
        | (byte == 0xe2)
}

/// True when `clean` would change the text. Most text passes in one quick pass over its bytes:
/// only at the lead bytes shared with harmless characters (é, –, “, Arabic letters) are the
/// next bytes looked at: C1 controls are `C2 80`..`C2 9F`, the bidi controls `E2 80 8E`,
/// `E2 80 8F`, `E2 80 AA`..`E2 80 AE`, `E2 81 A6`..`E2 81 A9` and `D8 9C`.
fn needs_cleaning(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut start = 0;
    while let Some(offset) = find_byte(&bytes[start..], is_suspect) {
        let at = start + offset;
        let next = |n: usize| bytes.get(at + n).copied().unwrap_or(0);
        let unsafe_here = match bytes[at] {
            0xc2 => (0x80..=0x9f).contains(&next(1)),
            0xd8 => next(1) == 0x9c,
            0xe2 => matches!(
                (next(1), next(2)),
                (0x80, 0x8e | 0x8f | 0xaa..=0xae) | (0x81, 0xa6..=0xa9)
            ),
            _ => true,
        };
        if unsafe_here {
            return true;
        }
        start = at + 1;
    }
    false
}

/// Removes escape sequences (CSI, OSC, DCS and two-character ones) and every unsafe control
/// character; `\r\n` and lone `\r` become `\n`. Text without such characters is returned as is;
/// in text with some, the stretches between suspect bytes are copied whole (a page with one
/// left-to-right mark in each line is not rebuilt a character at a time).
pub fn clean(text: &str) -> Cow<'_, str> {
    if !needs_cleaning(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    loop {
        let rest = chars.as_str();
        // Suspect bytes are ASCII or UTF-8 lead bytes: the cut is at a character boundary.
        let at = find_byte(rest.as_bytes(), is_suspect).unwrap_or(rest.len());
        out.push_str(&rest[..at]);
        chars = rest[at..].chars();
        let Some(c) = chars.next() else {
            break;
        };
        match c {
            '\r' => {
                if peek(&chars) != Some('\n') {
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

fn peek(chars: &std::str::Chars<'_>) -> Option<char> {
    chars.clone().next()
}

fn skip_escape_sequence(chars: &mut std::str::Chars<'_>) {
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

/// CSI: parameter and intermediate bytes up to a final byte in `@`..`~`. Anything else ends
/// the sequence without being swallowed, so a cut-off sequence never eats a line end.
fn skip_until_final(chars: &mut std::str::Chars<'_>) {
    while let Some(c) = peek(chars) {
        if !(' '..='~').contains(&c) {
            break;
        }
        chars.next();
        if ('@'..='~').contains(&c) {
            break;
        }
    }
}

/// OSC, DCS and friends: up to BEL, ST (`ESC \`) or the C1 string terminator.
fn skip_until_string_end(chars: &mut std::str::Chars<'_>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if peek(chars) == Some('\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

/// True for the whitespace `collapse_whitespace` folds: all of Unicode's but the no-break
/// spaces, which hold words together.
fn collapses(c: char) -> bool {
    c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}'
}

/// True for bytes that may start whitespace other than a plain space: ASCII tab, new lines,
/// form feed, and the lead bytes of U+0085, U+1680, U+2000..U+205F and U+3000.
fn may_start_folding(byte: u8) -> bool {
    (byte.wrapping_sub(b'\t') <= b'\r' - b'\t') | (byte == 0xc2) | (byte.wrapping_sub(0xe1) <= 2)
}

/// True when the text holds whitespace other than single spaces, so that `collapse_whitespace`
/// would change it. Two quick byte scans; characters are decoded only at the lead bytes of
/// non-ASCII whitespace.
pub fn needs_collapsing(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut start = 0;
    while let Some(offset) = find_byte(&bytes[start..], may_start_folding) {
        let at = start + offset;
        // A lead byte always starts a character, so `at` is a char boundary.
        if bytes[at] < 0x80 || text[at..].chars().next().is_some_and(collapses) {
            return true;
        }
        start = at + 1;
    }
    text.contains("  ")
}

/// Collapses every run of whitespace (including newlines) into one space, keeping no-break
/// spaces and other non-breaking characters as they are. Text that needs no change is
/// returned as is.
pub fn collapse_whitespace(text: &str) -> Cow<'_, str> {
    if !needs_collapsing(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if collapses(c) {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    Cow::Owned(out)
}

/// Decodes HTML character references (`&amp;`, `&nbsp;`, `&#8211;`) into characters.
pub fn decode_entities(text: &str) -> String {
    if text.contains('&') {
        clean(&html_escape::decode_html_entities(text)).into_owned()
    } else {
        text.to_string()
    }
}

/// The strings in their first order, each once: a reference's URLs, in time linear in their number
/// (a hostile reference may link thousands of distinct URLs).
pub fn each_once(strings: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::with_capacity(strings.len());
    let mut once = Vec::with_capacity(strings.len());
    for string in strings {
        if !seen.contains(&string) {
            seen.insert(string.clone());
            once.push(string);
        }
    }
    once
}

/// The form titles are compared in: case-insensitive, `_` and spaces equal, spaces collapsed.
pub fn title_key(title: &str) -> String {
    display_title(title).to_lowercase()
}

/// A title as people write it: `_` read as a space, spaces collapsed.
pub fn display_title(title: &str) -> String {
    // Most titles already are (a search reads millions): copied as they are.
    if is_display_title(title) {
        return title.to_string();
    }
    title
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when `display_title` would give the title back unchanged: single spaces between
/// words, and no `_` or other white space.
fn is_display_title(title: &str) -> bool {
    let mut after_space = true;
    for c in title.chars() {
        if c == '_' || (c.is_whitespace() && (c != ' ' || after_space)) {
            return false;
        }
        after_space = c == ' ';
    }
    !after_space || title.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_once_keeps_the_first_of_each_in_order() {
        let strings = ["b", "a", "b", "c", "a"].map(str::to_string).to_vec();
        assert_eq!(each_once(strings), ["b", "a", "c"]);
    }

    #[test]
    fn text_between_removed_characters_is_kept_whole() {
        let line = "A café – “quoted”\u{200e} é\u{1b}[31mred\u{1b}[0m\r\n";
        let expected = "A café – “quoted” éred\n";
        assert_eq!(clean(&line.repeat(3)), expected.repeat(3));
        assert_eq!(clean("cut\u{1b}["), "cut");
        assert_eq!(clean("\u{9d}0;title\u{7}after\r"), "after\n");
    }

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
        assert_eq!(clean("marks\u{200e}\u{200f}\u{61c}gone"), "marksgone");
        // A sequence cut off by a line end ends there; the line end stays.
        assert_eq!(clean("cut \u{1b}[12\nnext"), "cut \nnext");
        assert_eq!(clean("cut \u{9b}\nnext"), "cut \nnext");
    }

    #[test]
    fn clean_text_is_borrowed_and_every_unsafe_character_is_found() {
        assert!(matches!(
            clean(
                "en\u{2013}dash \u{e9}t\u{e9} \u{a0}nbsp \u{627}\u{644}\u{631}\u{64a}\u{627}\u{636}"
            ),
            Cow::Borrowed(_)
        ));
        for unsafe_text in [
            "\u{1b}", "\r", "\u{7f}", "\u{85}", "\u{9f}", "\u{202a}", "\u{2069}", "\u{200e}",
            "\u{200f}", "\u{61c}",
        ] {
            assert!(
                needs_cleaning(&format!("ok \u{2013} {unsafe_text} ok")),
                "{unsafe_text:?}"
            );
        }
    }

    #[test]
    fn invalid_utf8_is_replaced_and_flagged() {
        let decoded = decode(b"caf\xe9 ok".to_vec());
        assert!(decoded.lossy);
        assert_eq!(decoded.text, "caf\u{fffd} ok");
        let decoded = decode("\u{feff}caf\u{e9}".as_bytes().to_vec());
        assert!(!decoded.lossy);
        assert_eq!(decoded.text, "caf\u{e9}");
    }

    #[test]
    fn whitespace_collapses_but_nbsp_stays() {
        assert_eq!(collapse_whitespace("a \n\t b\u{a0}c"), "a b\u{a0}c");
        assert_eq!(collapse_whitespace("a\u{2003}\u{3000}b"), "a b");
        assert!(matches!(
            collapse_whitespace("one space \u{a0}\u{202f} \u{2013} \u{e9}"),
            Cow::Borrowed(_)
        ));
        for spaced in [
            "a  b",
            "a\tb",
            "a\nb",
            "a\u{85}b",
            "a\u{1680}b",
            "a\u{2009}b",
            "a\u{205f}b",
        ] {
            assert!(needs_collapsing(spaced), "{spaced:?}");
        }
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
        for (title, shown) in [
            ("Ray Charles", "Ray Charles"),
            (" Ray", "Ray"),
            ("Ray ", "Ray"),
            ("Ray\tCharles", "Ray Charles"),
            ("Ray\u{a0}Charles", "Ray Charles"),
            ("", ""),
            (" ", ""),
        ] {
            assert_eq!(display_title(title), shown, "{title:?}");
        }
    }
}
