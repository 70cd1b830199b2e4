//! Footnote markers in running text: `[3]`, `[a]`, `[note 2]`, `[nb 1]`, or any bracket whose
//! content is the label of a reference the article has. Other brackets (`[away]`) stay text.

use crate::article::Inline;

/// Splits text into text runs and citation markers (unresolved: `reference` is none).
pub fn split(text: &str, reference_labels: &[String]) -> Vec<Inline> {
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
            search_from = open + 1;
        }
    }
    if plain_start < text.len() {
        out.push(Inline::text(&text[plain_start..]));
    }
    out
}

/// True when `label` (the text between the brackets) is a footnote label.
pub fn is_marker(label: &str, reference_labels: &[String]) -> bool {
    if label.is_empty() || label.len() > 24 {
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
    numbered_note || reference_labels.iter().any(|known| known == label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_lettered_and_note_markers_are_citations() {
        let runs = split("Iran.[1][2] More[a] and[note 3].", &[]);
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
    fn editorial_brackets_stay_text() {
        let runs = split("spirited [away] seven", &[]);
        assert_eq!(runs, vec![Inline::text("spirited [away] seven")]);
    }

    #[test]
    fn a_known_reference_label_is_a_marker() {
        let runs = split("x[Smith]", &["Smith".to_string()]);
        assert_eq!(runs.len(), 2);
    }
}
