//! Bounds the attributes of a tag before html5ever's tokenizer reads it. The tokenizer checks
//! each new attribute's name against every earlier one of its tag (a linear scan), so one tag
//! with n attributes costs n² (10⁵ attributes took 22 s). A tag keeps its first
//! `MAX_ATTRIBUTES`; the rest are cut out of the text. Real pages have a handful per tag, and a
//! document without an oversized tag reaches the tokenizer untouched, borrowed byte for byte.
//!
//! The same scan finds the first `title` element for peeking a page's title (`first_title`).
//!
//! The scan sees tags where the tokenizer will: it follows the tokenizer states that decide
//! where a tag starts and ends (markup declarations, tags and their quoted values, and the raw
//! text of the elements `classify::raw_content` names, script data with its escapes).

use super::classify::{self, RawContent};
use crate::text::find_byte;
use html5ever::LocalName;
use html5ever::tokenizer::states::RawKind;
use std::borrow::Cow;
use std::ops::Range;

/// Far beyond any real element (Wikipedia's have at most a dozen), and small enough that the
/// tokenizer's check stays cheap: at most this many comparisons per attribute.
pub const MAX_ATTRIBUTES: usize = 256;

/// The text with the attributes beyond the first `MAX_ATTRIBUTES` of each tag removed.
pub fn limit_attributes(text: &str) -> Cow<'_, str> {
    let cuts = excess_attributes(text.as_bytes());
    if cuts.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for cut in cuts {
        // Cuts start after an attribute and end at `/` or `>`, all character boundaries.
        match text.get(from..cut.start) {
            Some(kept) => out.push_str(kept),
            None => return Cow::Borrowed(text),
        }
        from = cut.end;
    }
    out.push_str(text.get(from..).unwrap_or_default());
    Cow::Owned(out)
}

fn is_space(byte: u8) -> bool {
    // The tokenizer reads `\r` as `\n`.
    matches!(byte, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// Where the first `wanted` byte at or after `from` is.
fn find_from(bytes: &[u8], from: usize, wanted: impl Fn(u8) -> bool + Copy) -> Option<usize> {
    find_byte(bytes.get(from..)?, wanted).map(|offset| from + offset)
}

/// Where the first `wanted` byte at or after `from` is: memchr, as most of a page is the text
/// between tags and the quoted values inside them, searched for one byte.
fn find_exact(bytes: &[u8], from: usize, wanted: u8) -> Option<usize> {
    memchr::memchr(wanted, bytes.get(from..)?).map(|offset| from + offset)
}

/// Just after the first `>` at or after `from` (bogus comments, doctypes), else the end.
fn after_gt(bytes: &[u8], from: usize) -> usize {
    find_exact(bytes, from, b'>').map_or(bytes.len(), |gt| gt + 1)
}

/// The byte ranges to cut: the excess attributes of each oversized tag.
fn excess_attributes(bytes: &[u8]) -> Vec<Range<usize>> {
    let mut cuts = Vec::new();
    let mut at = 0;
    while let Some(lt) = find_exact(bytes, at, b'<') {
        at = after_markup(bytes, lt, &mut cuts, &mut |_, _| ());
    }
    cuts
}

/// The text of the first `title` element, as the reader's tokenizer sees it (a `<title` inside
/// another tag's attributes is none), to the end of the text when it is not closed; none without
/// one. Peeking a page's title with this gives the title reading it gives.
pub fn first_title(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut cuts = Vec::new();
    let mut title = None;
    let mut at = 0;
    while title.is_none()
        && let Some(lt) = find_exact(bytes, at, b'<')
    {
        at = after_markup(bytes, lt, &mut cuts, &mut |name, content| {
            if title.is_none() && name.eq_ignore_ascii_case(b"title") {
                title = Some(content);
            }
        });
    }
    // Ranges between a tag's `>` and a `<`: character boundaries.
    title.and_then(|range| text.get(range))
}

/// Reads what a `<` at `lt` opens in the data state; returns where the data state resumes.
/// An element read as raw text is handed to `raw`: its name and its content (to the end of the
/// text when it is not closed).
fn after_markup(
    bytes: &[u8],
    lt: usize,
    cuts: &mut Vec<Range<usize>>,
    raw: &mut dyn FnMut(&[u8], Range<usize>),
) -> usize {
    match bytes.get(lt + 1) {
        Some(b'!') => after_declaration(bytes, lt + 2),
        Some(b'?') => after_gt(bytes, lt + 1),
        Some(b'/') => match bytes.get(lt + 2) {
            Some(c) if c.is_ascii_alphabetic() => tag(bytes, lt + 2, cuts).end,
            Some(b'>') => lt + 3,
            Some(_) => after_gt(bytes, lt + 2),
            None => bytes.len(),
        },
        Some(c) if c.is_ascii_alphabetic() => {
            let start = tag(bytes, lt + 1, cuts);
            if start.end >= bytes.len() {
                return bytes.len();
            }
            let name = &bytes[start.name];
            let end_tag = match raw_content(name) {
                None => return start.end,
                Some(RawContent::Plaintext) => None,
                Some(RawContent::Raw(RawKind::ScriptData)) => script_end(bytes, start.end, name),
                Some(RawContent::Raw(_)) => raw_end(bytes, start.end, name),
            };
            match end_tag {
                Some(lt) => {
                    raw(name, start.end..lt);
                    tag(bytes, lt + 2, cuts).end
                }
                None => {
                    raw(name, start.end..bytes.len());
                    bytes.len()
                }
            }
        }
        _ => lt + 1,
    }
}

/// How the reader has the tokenizer read the content of an element with this tag name.
fn raw_content(name: &[u8]) -> Option<RawContent> {
    // No element read as raw text has a longer name (`plaintext`): skip making an atom.
    let mut lower = [0u8; 9];
    let lower = lower.get_mut(..name.len())?;
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    let lower = std::str::from_utf8(lower).ok()?;
    classify::raw_content(&LocalName::from(lower))
}

/// After `<!`: a comment, a doctype or a bogus comment.
fn after_declaration(bytes: &[u8], from: usize) -> usize {
    let rest = bytes.get(from..).unwrap_or_default();
    if !rest.starts_with(b"--") {
        // A doctype and a bogus comment (CDATA outside foreign content too) end at `>`.
        return after_gt(bytes, from);
    }
    let body = from + 2;
    let text = bytes.get(body..).unwrap_or_default();
    // `<!-->` and `<!--->` end at once.
    if text.starts_with(b">") {
        return body + 1;
    }
    if text.starts_with(b"->") {
        return body + 2;
    }
    let mut at = body;
    while let Some(dash) = find_exact(bytes, at, b'-') {
        let after = &bytes[dash..];
        if after.starts_with(b"-->") {
            return dash + 3;
        }
        if after.starts_with(b"--!>") {
            return dash + 4;
        }
        at = dash + 1;
    }
    bytes.len()
}

fn is_end_tag_of(bytes: &[u8], lt: usize, name: &[u8]) -> bool {
    let after_name = lt + 2 + name.len();
    bytes.get(lt + 1) == Some(&b'/')
        && bytes
            .get(lt + 2..after_name)
            .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name))
        && bytes
            .get(after_name)
            .is_some_and(|&b| is_space(b) || b == b'/' || b == b'>')
}

/// The `<` of the end tag that closes RCDATA or RAWTEXT content, if any.
fn raw_end(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(lt) = find_exact(bytes, at, b'<') {
        if is_end_tag_of(bytes, lt, name) {
            return Some(lt);
        }
        at = lt + 1;
    }
    None
}

/// The script data states: `<!--` escapes, and inside it `<script` escapes twice, where
/// `</script>` does not end the element.
#[derive(Clone, Copy)]
enum Script {
    Data,
    Escaped,
    EscapedDash,
    EscapedDashDash,
    DoubleEscaped,
    DoubleEscapedDash,
    DoubleEscapedDashDash,
}

/// The `<` of the end tag that closes script data, if any.
fn script_end(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut state = Script::Data;
    let mut at = from;
    while let Some(&byte) = bytes.get(at) {
        at += 1;
        state = match (state, byte) {
            (Script::Data, b'<') => {
                if is_end_tag_of(bytes, at - 1, name) {
                    return Some(at - 1);
                }
                if bytes.get(at..).is_some_and(|rest| rest.starts_with(b"!--")) {
                    at += 3;
                    Script::EscapedDashDash
                } else {
                    Script::Data
                }
            }
            (Script::Data, _) => Script::Data,
            (Script::Escaped | Script::EscapedDash | Script::EscapedDashDash, b'<') => {
                if is_end_tag_of(bytes, at - 1, name) {
                    return Some(at - 1);
                }
                let (word, next) = ascii_word(bytes, at);
                if word.eq_ignore_ascii_case(b"script") && next.is_some_and(ends_word) {
                    at += word.len() + 1;
                    Script::DoubleEscaped
                } else {
                    // The letters read are text; the byte after them is read again.
                    at += word.len();
                    Script::Escaped
                }
            }
            (Script::Escaped, b'-') => Script::EscapedDash,
            (Script::EscapedDash | Script::EscapedDashDash, b'-') => Script::EscapedDashDash,
            (Script::EscapedDashDash, b'>') => Script::Data,
            (Script::Escaped | Script::EscapedDash | Script::EscapedDashDash, _) => Script::Escaped,
            (
                Script::DoubleEscaped | Script::DoubleEscapedDash | Script::DoubleEscapedDashDash,
                b'<',
            ) => {
                if bytes.get(at) != Some(&b'/') {
                    Script::DoubleEscaped
                } else {
                    at += 1;
                    let (word, next) = ascii_word(bytes, at);
                    if next.is_some_and(ends_word) {
                        at += word.len() + 1;
                        if word.eq_ignore_ascii_case(b"script") {
                            Script::Escaped
                        } else {
                            Script::DoubleEscaped
                        }
                    } else {
                        at += word.len();
                        Script::DoubleEscaped
                    }
                }
            }
            (Script::DoubleEscaped, b'-') => Script::DoubleEscapedDash,
            (Script::DoubleEscapedDash | Script::DoubleEscapedDashDash, b'-') => {
                Script::DoubleEscapedDashDash
            }
            (Script::DoubleEscapedDashDash, b'>') => Script::Data,
            (
                Script::DoubleEscaped | Script::DoubleEscapedDash | Script::DoubleEscapedDashDash,
                _,
            ) => Script::DoubleEscaped,
        };
    }
    None
}

/// The ASCII letters from `at` on, and the byte after them.
fn ascii_word(bytes: &[u8], at: usize) -> (&[u8], Option<u8>) {
    let rest = bytes.get(at..).unwrap_or_default();
    let len = rest
        .iter()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    (&rest[..len], rest.get(len).copied())
}

fn ends_word(byte: u8) -> bool {
    is_space(byte) || byte == b'/' || byte == b'>'
}

/// A tag read: its name and where the data state resumes after it.
struct Tag {
    name: Range<usize>,
    end: usize,
}

/// The tag states from the tag name on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TagState {
    Name,
    BeforeAttribute,
    AttributeName,
    AfterAttributeName,
    BeforeValue,
    UnquotedValue,
    AfterQuotedValue,
    SelfClosing,
}

/// Reads a start or end tag whose name starts at `name_start`; records the cut of its excess
/// attributes, if it has more than `MAX_ATTRIBUTES`.
fn tag(bytes: &[u8], name_start: usize, cuts: &mut Vec<Range<usize>>) -> Tag {
    let name_end = find_from(bytes, name_start, |b| {
        is_space(b) | (b == b'/') | (b == b'>')
    })
    .unwrap_or(bytes.len());
    let name = name_start..name_end;
    let mut state = TagState::Name;
    let mut attributes = 0;
    // The end of the last attribute kept, and where the cut starts once there are too many.
    let mut kept_end = name_end;
    let mut cut_start = None;
    let mut at = name_end;
    while let Some(&byte) = bytes.get(at) {
        if byte == b'>' {
            if let Some(start) = cut_start {
                // A self-closing tag keeps its slash.
                let end = if state == TagState::SelfClosing {
                    at - 1
                } else {
                    at
                };
                cuts.push(start..end.max(start));
            }
            return Tag { name, end: at + 1 };
        }
        let space = is_space(byte);
        let mut new_attribute = false;
        state = match state {
            TagState::Name if space => TagState::BeforeAttribute,
            TagState::Name if byte == b'/' => TagState::SelfClosing,
            TagState::Name => TagState::Name,
            TagState::AttributeName if space => TagState::AfterAttributeName,
            TagState::AttributeName | TagState::AfterAttributeName if byte == b'=' => {
                TagState::BeforeValue
            }
            TagState::AttributeName if byte == b'/' => TagState::SelfClosing,
            TagState::AttributeName => TagState::AttributeName,
            TagState::BeforeValue if space => TagState::BeforeValue,
            TagState::BeforeValue if byte == b'"' || byte == b'\'' => {
                at = find_exact(bytes, at + 1, byte).unwrap_or(bytes.len());
                TagState::AfterQuotedValue
            }
            TagState::BeforeValue => TagState::UnquotedValue,
            TagState::UnquotedValue if space => TagState::BeforeAttribute,
            TagState::UnquotedValue => TagState::UnquotedValue,
            TagState::AfterAttributeName if space => TagState::AfterAttributeName,
            // After a quoted value or a slash, the byte is read again as before an attribute.
            TagState::BeforeAttribute | TagState::AfterQuotedValue | TagState::SelfClosing
                if space =>
            {
                TagState::BeforeAttribute
            }
            _ if byte == b'/' => TagState::SelfClosing,
            _ => {
                new_attribute = true;
                TagState::AttributeName
            }
        };
        if new_attribute {
            attributes += 1;
            if attributes == MAX_ATTRIBUTES + 1 {
                cut_start = Some(kept_end);
            }
        }
        // A name or an unquoted value runs on to the next byte that can end it.
        let run_end = match state {
            TagState::AttributeName => find_from(bytes, at + 1, |b| {
                is_space(b) | (b == b'/') | (b == b'>') | (b == b'=')
            }),
            TagState::UnquotedValue => find_from(bytes, at + 1, |b| is_space(b) | (b == b'>')),
            _ => Some(at + 1),
        }
        .unwrap_or(bytes.len());
        if cut_start.is_none()
            && matches!(
                state,
                TagState::AttributeName | TagState::UnquotedValue | TagState::AfterQuotedValue
            )
        {
            kept_end = run_end.min(bytes.len());
        }
        at = run_end.max(at + 1);
    }
    if let Some(start) = cut_start {
        cuts.push(start..bytes.len());
    }
    Tag {
        name,
        end: bytes.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attributes(n: usize) -> String {
        (0..n).map(|i| format!(" a{i}=\"{i}\"")).collect()
    }

    #[test]
    fn ordinary_markup_passes_untouched() {
        let html = r#"<!DOCTYPE html><p class="x" id=y data-z='>'>a<br/>b<!-- <p a b c> --></p>"#;
        assert!(matches!(limit_attributes(html), Cow::Borrowed(_)));
    }

    #[test]
    fn a_tag_keeps_its_first_attributes() {
        let html = format!("<p><span{}>text</span></p>", attributes(MAX_ATTRIBUTES + 3));
        let limited = limit_attributes(&html);
        assert_eq!(
            limited,
            format!("<p><span{}>text</span></p>", attributes(MAX_ATTRIBUTES))
        );
        let at_the_limit = format!("<span{}>", attributes(MAX_ATTRIBUTES));
        assert!(matches!(limit_attributes(&at_the_limit), Cow::Borrowed(_)));
    }

    #[test]
    fn self_closing_and_unquoted_tags_stay_so() {
        let many: String = (0..MAX_ATTRIBUTES + 2)
            .map(|i| format!(" b{i}=v/{i}"))
            .collect();
        let kept: String = (0..MAX_ATTRIBUTES)
            .map(|i| format!(" b{i}=v/{i}"))
            .collect();
        assert_eq!(
            limit_attributes(&format!("<img{many} />")),
            format!("<img{kept}/>")
        );
        // `a/b` is two attributes, and the tag is not self-closing.
        let slashed: String = (0..MAX_ATTRIBUTES + 2).map(|i| format!("c{i}/")).collect();
        let html = format!("<x {slashed}d>");
        let limited = limit_attributes(&html);
        assert!(
            limited.ends_with(&format!("c{}>", MAX_ATTRIBUTES - 1)),
            "{limited}"
        );
    }

    #[test]
    fn quoted_values_hide_their_brackets() {
        let many: String = (0..MAX_ATTRIBUTES + 1)
            .map(|i| format!(" q{i}='>'"))
            .collect();
        let html = format!("<b{many}>bold</b>");
        let limited = limit_attributes(&html);
        assert!(limited.ends_with(&format!("q{}='>'>bold</b>", MAX_ATTRIBUTES - 1)));
        assert!(!limited.contains(&format!("q{MAX_ATTRIBUTES}=")));
    }

    #[test]
    fn raw_text_comments_and_escaped_scripts_are_read_as_the_tokenizer_does() {
        let fake = format!("<p{}>", attributes(MAX_ATTRIBUTES + 1));
        // (document, whether `fake` is a tag there)
        let cases = [
            (format!("<script>{fake}</script>"), false),
            (format!("<STYLE type=x>{fake}</style >"), false),
            (format!("<title>{fake}</title>{fake}"), true),
            (format!("<!--{fake}-->"), false),
            (format!("<!-- x --!>{fake}"), true),
            (format!("<!--->{fake}"), true),
            (format!("<plaintext>{fake}"), false),
            (format!("<?php {fake}"), false),
            // Escaped twice, `</script>` only ends the inner escape.
            (format!("<script><!--<script>x</script>{fake}"), false),
            (format!("<script><!--<script>--></script>{fake}"), true),
            (format!("<script><!--</script>{fake}"), true),
        ];
        for (html, is_tag) in cases {
            let limited = limit_attributes(&html);
            assert_eq!(matches!(limited, Cow::Owned(_)), is_tag, "{}", &html[..40]);
        }
    }

    #[test]
    fn a_tag_cut_off_by_the_end_loses_its_excess_too() {
        let html = format!("<p>x<span{}", attributes(MAX_ATTRIBUTES + 5));
        assert_eq!(
            limit_attributes(&html),
            format!("<p>x<span{}", attributes(MAX_ATTRIBUTES))
        );
    }
}
