//! Footnote markers in running text: `[3]`, `[a]`, `[note 2]`, `[nb 1]`, or any bracket whose
//! content is the label of a reference the article has. Other brackets (`[away]`) stay text.

use crate::article::Inline;
use std::collections::HashSet;

/// The longest label between brackets that can be a marker, in bytes.
const MAX_LABEL_LEN: usize = 24;

/// Splits text into text runs and citation markers (unresolved: `reference` is none).
pub fn split(text: &str, reference_labels: &HashSet<String>) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut plain_start = 0;
    let mut search_from = 0;
    while let Some(open) = text[search_from..].find('[').map(|i| i + search_from) {
        let Some(close) = text[open + 1..].find(']').map(|i| i + open + 1) else {
            break;
        };
        let label = &text[open + 1..close];
        if is_marker(label, reference_labels) {
            if plain_start < open {
                out.push(Inline::text(&text[plain_start..open]));
            }
            out.push(Inline::Citation {
                label: label.to_string(),
                reference: None,
            });
            plain_start = close + 1;
            search_from = close + 1;
        } else {
            // Every `[` between here and `close` closes there too: only those near enough to
            // it for a short label can open a marker.
            let nearest = text.floor_char_boundary(close.saturating_sub(MAX_LABEL_LEN + 1));
            search_from = (open + 1).max(nearest);
        }
    }
    if plain_start < text.len() {
        out.push(Inline::text(&text[plain_start..]));
    }
    out
}

/// True when `label` (the text between the brackets) is a footnote label.
pub fn is_marker(label: &str, reference_labels: &HashSet<String>) -> bool {
    if label.is_empty() || label.len() > MAX_LABEL_LEN {
        return false;
    }
    if label.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    if label.len() <= 2 && label.chars().all(|c| c.is_ascii_lowercase()) {
        return true;
    }
    let numbered_note = ["note ", "nb "].iter().any(|prefix| {
        label
            .strip_prefix(prefix)
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric()))
    });
    numbered_note || reference_labels.contains(label)
}

/// The label of the `position`th (from 1) reference of a group as MediaWiki shows it: `3` in
/// the main list, `c` in `lower-alpha`, `iii` in `lower-roman`, `note 3` in a group "note".
pub fn label(group: Option<&str>, position: usize) -> String {
    match group {
        None => position.to_string(),
        Some(group) => {
            counter_style(group, position).unwrap_or_else(|| format!("{group} {position}"))
        }
    }
}

/// `position` counted in a CSS list style, if `style` is one footnote groups use.
pub fn counter_style(style: &str, position: usize) -> Option<String> {
    match style {
        "lower-alpha" | "lower-latin" => Some(alphabetic(position)),
        "upper-alpha" | "upper-latin" => Some(alphabetic(position).to_uppercase()),
        "lower-roman" => Some(roman(position)),
        "upper-roman" => Some(roman(position).to_uppercase()),
        "lower-greek" => Some(greek(position)),
        _ => None,
    }
}

/// 1 → a, 26 → z, 27 → aa, as CSS `lower-alpha` counts.
fn alphabetic(position: usize) -> String {
    counted_in(position, &('a'..='z').collect::<Vec<_>>())
}

/// 1 → α … 24 → ω, then αα, as CSS `lower-greek` counts.
fn greek(position: usize) -> String {
    counted_in(
        position,
        &[
            'α', 'β', 'γ', 'δ', 'ε', 'ζ', 'η', 'θ', 'ι', 'κ', 'λ', 'μ', 'ν', 'ξ', 'ο', 'π', 'ρ',
            'σ', 'τ', 'υ', 'φ', 'χ', 'ψ', 'ω',
        ],
    )
}

/// CSS's "alphabetic" counter system: bijective base-N over `letters`.
fn counted_in(mut position: usize, letters: &[char]) -> String {
    let mut out = Vec::new();
    while position > 0 {
        position -= 1;
        out.push(letters[position % letters.len()]);
        position /= letters.len();
    }
    out.iter().rev().collect()
}

/// 14 → xiv, as CSS `lower-roman` counts (up to 3999; larger numbers in decimal, as CSS does).
fn roman(position: usize) -> String {
    const NUMERALS: &[(usize, &str)] = &[
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    if position == 0 || position > 3999 {
        return position.to_string();
    }
    let mut rest = position;
    let mut out = String::new();
    for &(value, numeral) in NUMERALS {
        while rest >= value {
            out.push_str(numeral);
            rest -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_lettered_and_note_markers_are_citations() {
        let runs = split("Iran.[1][2] More[a] and[note 3].", &HashSet::new());
        let labels: Vec<String> = runs
            .iter()
            .filter_map(|inline| match inline {
                Inline::Citation { label, .. } => Some(label.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(labels, ["1", "2", "a", "note 3"]);
        assert_eq!(runs[0], Inline::text("Iran."));
    }

    #[test]
    fn group_labels_follow_their_counter_style() {
        assert_eq!(label(None, 12), "12");
        assert_eq!(label(Some("lower-alpha"), 1), "a");
        assert_eq!(label(Some("lower-alpha"), 28), "ab");
        assert_eq!(label(Some("upper-alpha"), 2), "B");
        assert_eq!(label(Some("lower-roman"), 14), "xiv");
        assert_eq!(label(Some("upper-roman"), 14), "XIV");
        assert_eq!(label(Some("lower-greek"), 2), "β");
        assert_eq!(label(Some("lower-greek"), 25), "αα");
        assert_eq!(label(Some("note"), 3), "note 3");
    }

    #[test]
    fn editorial_brackets_stay_text() {
        let runs = split("spirited [away] seven", &HashSet::new());
        assert_eq!(runs, vec![Inline::text("spirited [away] seven")]);
    }

    #[test]
    fn a_known_reference_label_is_a_marker() {
        let runs = split("x[Smith]", &HashSet::from(["Smith".to_string()]));
        assert_eq!(runs.len(), 2);
    }
}
