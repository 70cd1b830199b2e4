//! An infobox row as a field: `th` label + `td` value; a lone `th` spanning the box is a header,
//! a lone `td` a value spanning the box (both fields with an empty label); a picture row (image
//! and its caption) is dropped.

use crate::article::{Field, Inline, plain_text};
use crate::text::collapse_whitespace;

/// The field a finished row (its cells: header or not, and their inlines) gives, if any.
pub fn field(cells: Vec<(bool, Vec<Inline>)>, has_image: bool) -> Option<Field> {
    let mut cells: Vec<(bool, Vec<Inline>)> = cells
        .into_iter()
        .filter(|(_, inlines)| !plain_text(inlines).trim().is_empty())
        .collect();
    if cells.is_empty() {
        return None;
    }
    // A picture's caption goes with the picture, unless it cites something.
    let cites = |inlines: &[Inline]| {
        inlines
            .iter()
            .any(|inline| matches!(inline, Inline::Citation { .. }))
    };
    if has_image && cells.len() == 1 && !cites(&cells[0].1) {
        return None;
    }
    if cells.len() == 1 {
        let (header, value) = cells.remove(0);
        return Some(Field {
            header,
            ..Field::new(String::new(), value)
        });
    }
    let (_, label_cell) = cells.remove(0);
    // A label is plain text: markers in it (`Religion (2017)[7]`) move to the end of the value.
    let (label_markers, label_text): (Vec<Inline>, Vec<Inline>) = label_cell
        .into_iter()
        .partition(|inline| matches!(inline, Inline::Citation { .. }));
    let label = collapse_whitespace(&plain_text(&label_text)).into_owned();
    let label = label.trim().trim_end_matches(':').trim_end().to_string();
    let mut value = Vec::new();
    for (_, cell) in cells {
        if !value.is_empty() {
            value.push(Inline::text(" "));
        }
        value.extend(cell);
    }
    value.extend(label_markers);
    Some(Field::new(label, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str) -> (bool, Vec<Inline>) {
        (false, vec![Inline::text(text)])
    }

    #[test]
    fn label_and_value_rows() {
        let field = field(vec![cell("Born:"), cell("November 14, 1971")], false);
        let field = field.expect("a two-cell row is a field");
        assert_eq!(field.label, "Born");
        assert_eq!(plain_text(&field.value), "November 14, 1971");
    }

    #[test]
    fn markers_in_a_label_move_to_the_value() {
        let label = vec![
            Inline::text("Religion (2017)"),
            Inline::Citation {
                label: "7".into(),
                reference: None,
            },
        ];
        let field = field(vec![(true, label), cell("73.0% Christian")], false).expect("a field");
        assert_eq!(field.label, "Religion (2017)");
        assert_eq!(plain_text(&field.value), "73.0% Christian[7]");
    }

    #[test]
    fn lone_header_cells_are_headers_lone_data_cells_values_and_picture_rows_go() {
        let header = field(
            vec![(true, vec![Inline::text("Personal information")])],
            false,
        )
        .expect("a header");
        assert_eq!((header.label.as_str(), header.header), ("", true));
        let motto = field(vec![cell("Motto: In God We Trust")], false).expect("a value");
        assert_eq!((motto.label.as_str(), motto.header), ("", false));
        assert_eq!(field(vec![cell("Lewis in 2007"), cell(" ")], true), None);
        assert_eq!(field(vec![cell("  ")], false), None);
    }
}
