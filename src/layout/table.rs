//! Tables as a text grid. Cells are placed by their column and row spans, as HTML places them;
//! columns are sized from their content (each cell's widest word and longest line) and the width
//! available, and cells wrap at word boundaries. A table whose columns cannot fit even at their
//! narrowest folds instead: each row becomes `label: value` lines, labelled by the header row.

use super::wrap::{measure, wrap};
use super::{Counters, Line, Role, Span, Style, caption_spans, spans};
use crate::article::{Inline, TableRow};

/// Column separators, roomiest first: a table that does not fit with one tries the next.
const SEPARATORS: [&str; 2] = [" │ ", "│"];

/// Placement stops tracking columns past this many: no terminal shows so many side by side, and
/// a bound keeps a hostile `colspan` cheap. Such a table folds.
const MAX_GRID_COLUMNS: usize = 512;

/// A word longer than this may break inside when the table cannot fit otherwise (a URL in a
/// cell), rather than fold the whole table.
const LONG_WORD: usize = 16;

/// A cell placed in the grid, with its runs and measures.
struct Cell {
    row: usize,
    column: usize,
    colspan: usize,
    rowspan: usize,
    header: bool,
    spans: Vec<Span>,
    /// The widest word and the longest line.
    min: usize,
    max: usize,
}

impl Cell {
    fn is_blank(&self) -> bool {
        self.max == 0
    }

    fn last_row(&self) -> usize {
        self.row + self.rowspan - 1
    }
}

/// Lays out a table with its caption, numbering anchors in reading order (caption, then cells).
pub fn lines(
    rows: &[TableRow],
    caption: &[Inline],
    width: usize,
    counters: &mut Counters,
    out: &mut Vec<Line>,
) {
    let caption = caption_spans(caption, counters);
    let (mut cells, columns) = place(rows, counters);
    let columns = drop_empty_columns(&mut cells, columns);
    if columns == 0 {
        centred(caption, width, width, out);
        return;
    }
    let fitting = SEPARATORS.iter().find_map(|&separator| {
        let separator_width = separator.chars().count();
        let available = width.saturating_sub(separator_width * (columns - 1));
        if columns > available {
            return None;
        }
        column_widths(&cells, columns, available, usize::MAX, separator_width)
            .or_else(|| {
                let share = (available / columns).max(LONG_WORD);
                column_widths(&cells, columns, available, share, separator_width)
            })
            .map(|widths| (separator, widths))
    });
    match fitting {
        Some((separator, widths)) => {
            let table_width =
                widths.iter().sum::<usize>() + separator.chars().count() * (columns - 1);
            centred(caption, table_width, width, out);
            grid(cells, rows.len(), &widths, separator, table_width, out);
        }
        None => {
            centred(caption, width, width, out);
            if !cells.is_empty() {
                folded(&cells, rows.len(), columns, width, out);
            }
        }
    }
}

/// Places the cells row by row, skipping the slots that cells above still span, as HTML does.
/// Returns the cells in reading order and the number of columns.
fn place(rows: &[TableRow], counters: &mut Counters) -> (Vec<Cell>, usize) {
    let mut cells = Vec::new();
    // For each column, the first row no longer covered by a cell from above.
    let mut free_from: Vec<usize> = Vec::new();
    let mut columns = 0;
    for (row_index, row) in rows.iter().enumerate() {
        let mut column = 0;
        for cell in &row.cells {
            while column < free_from.len() && free_from[column] > row_index {
                column += 1;
            }
            let colspan = usize::from(cell.colspan.max(1));
            let rowspan = usize::from(cell.rowspan.max(1)).min(rows.len() - row_index);
            let end = column.saturating_add(colspan);
            let tracked = end.min(MAX_GRID_COLUMNS);
            if free_from.len() < tracked {
                free_from.resize(tracked, 0);
            }
            for slot in free_from.iter_mut().take(tracked).skip(column) {
                *slot = row_index + rowspan;
            }
            let mut cell_spans = spans(&cell.inlines, counters);
            if cell.header {
                for span in &mut cell_spans {
                    span.style.bold = true;
                }
            }
            let (min, max) = measure(&cell_spans);
            cells.push(Cell {
                row: row_index,
                column,
                colspan,
                rowspan,
                header: cell.header,
                spans: cell_spans,
                min,
                max,
            });
            columns = columns.max(end);
            column = end;
        }
    }
    (cells, columns)
}

/// Columns no cell with content stands in (the empty spacer columns of some templates) go;
/// spans shrink to match. Returns the number of columns left.
fn drop_empty_columns(cells: &mut Vec<Cell>, columns: usize) -> usize {
    if columns > MAX_GRID_COLUMNS {
        return columns;
    }
    let mut keep = vec![false; columns];
    for cell in cells
        .iter()
        .filter(|cell| !cell.is_blank() && cell.colspan == 1)
    {
        keep[cell.column] = true;
    }
    for cell in cells
        .iter()
        .filter(|cell| !cell.is_blank() && cell.colspan > 1)
    {
        let range = cell.column..cell.column + cell.colspan;
        if !keep[range.clone()].iter().any(|&kept| kept) {
            keep[range.start] = true;
        }
    }
    // The new index of each column: how many kept columns come before it.
    let mut index = Vec::with_capacity(columns + 1);
    let mut kept = 0;
    for &column_kept in &keep {
        index.push(kept);
        kept += usize::from(column_kept);
    }
    index.push(kept);
    cells.retain_mut(|cell| {
        let start = index[cell.column];
        let span = index[cell.column + cell.colspan] - start;
        cell.column = start;
        cell.colspan = span;
        span > 0
    });
    kept
}

/// Column widths that fit `available`: each column's natural width when they all fit, else the
/// widest cut down to a common level, none below its widest word. None when even the narrowest
/// do not fit. A word longer than `longest_word` counts as that long.
fn column_widths(
    cells: &[Cell],
    columns: usize,
    available: usize,
    longest_word: usize,
    separator_width: usize,
) -> Option<Vec<usize>> {
    let mut min = vec![0usize; columns];
    let mut max = vec![0usize; columns];
    for cell in cells.iter().filter(|cell| cell.colspan == 1) {
        min[cell.column] = min[cell.column].max(cell.min.min(longest_word));
        max[cell.column] = max[cell.column].max(cell.max);
    }
    // Spanning cells widen the columns under them only by what they need beyond those columns:
    // their widest word; a long line of theirs (a title, a note under the table) wraps rather
    // than stretch columns that have content of their own.
    let mut spanning: Vec<&Cell> = cells.iter().filter(|cell| cell.colspan > 1).collect();
    spanning.sort_by_key(|cell| cell.colspan);
    for cell in spanning {
        let range = cell.column..cell.column + cell.colspan;
        let inner = separator_width * (cell.colspan - 1);
        widen(&mut min[range.clone()], cell.min.min(longest_word), inner);
        let natural = if max[range.clone()].iter().all(|&width| width == 0) {
            cell.max
        } else {
            cell.min
        };
        widen(&mut max[range], natural, inner);
    }
    for (low, high) in min.iter_mut().zip(max.iter_mut()) {
        *low = (*low).max(1);
        *high = (*high).max(*low);
    }
    let total_min: usize = min.iter().sum();
    let total_max: usize = max.iter().sum();
    if total_max <= available {
        return Some(max);
    }
    if total_min > available {
        return None;
    }
    // Water-filling: the widest columns give way first, none below its widest word, so short
    // columns stay on one line and the long ones wrap.
    let fitted = |level: usize| -> Vec<usize> {
        min.iter()
            .zip(&max)
            .map(|(&low, &high)| level.clamp(low, high))
            .collect()
    };
    let (mut low, mut high) = (0, max.iter().copied().max().unwrap_or(0));
    while low < high {
        let level = (low + high).div_ceil(2);
        if fitted(level).iter().sum::<usize>() <= available {
            low = level;
        } else {
            high = level - 1;
        }
    }
    let mut widths = fitted(low);
    // The columns at the level share what is left, one column each, from the left.
    let mut left = available - widths.iter().sum::<usize>();
    for (width, &high) in widths.iter_mut().zip(&max) {
        if left == 0 {
            break;
        }
        if *width < high {
            *width += 1;
            left -= 1;
        }
    }
    Some(widths)
}

/// Widens columns so that together (with `inner` columns of separators) they hold `need`: in
/// proportion to their widths, so a wide column takes more of a long spanning line than a narrow
/// one (evenly when all are empty).
fn widen(columns: &mut [usize], need: usize, inner: usize) {
    let sum: usize = columns.iter().sum();
    let have = sum + inner;
    if need <= have || columns.is_empty() {
        return;
    }
    let excess = need - have;
    let count = columns.len();
    let shares: Vec<usize> = columns
        .iter()
        .map(|&column| match sum {
            0 => excess / count,
            _ => excess * column / sum,
        })
        .collect();
    let mut left = excess - shares.iter().sum::<usize>();
    for (column, share) in columns.iter_mut().zip(shares) {
        let one_more = usize::from(left > 0);
        left -= one_more;
        *column += share + one_more;
    }
}

/// Lines centred in `within` columns (no wider than `width`), wrapped where they must.
fn centred(spans: Vec<Span>, within: usize, width: usize, out: &mut Vec<Line>) {
    if spans.iter().all(|span| span.text.trim().is_empty()) {
        return;
    }
    let (_, natural) = measure(&spans);
    let wrap_width = within.max(natural.min(width)).max(1);
    for mut line in wrap(spans, wrap_width, "", "") {
        let pad = within.saturating_sub(line.width()) / 2;
        if pad > 0 {
            line.spans
                .insert(0, Span::new(" ".repeat(pad), Style::of(Role::Body)));
        }
        out.push(line);
    }
}

fn rule(width: usize) -> Line {
    Line {
        spans: vec![Span::new(
            "─".repeat(width.max(1)),
            Style::of(Role::Decoration),
        )],
    }
}

/// The table side by side: a rule above, below, and under the rows of headers that open it.
fn grid(
    mut cells: Vec<Cell>,
    rows: usize,
    widths: &[usize],
    separator: &str,
    table_width: usize,
    out: &mut Vec<Line>,
) {
    let columns = widths.len();
    let separator_width = separator.chars().count();
    let span_width = |cell: &Cell| {
        widths[cell.column..cell.column + cell.colspan]
            .iter()
            .sum::<usize>()
            + separator_width * (cell.colspan - 1)
    };
    // Cells are wrapped when their row comes and let go after their last row, so a long
    // table holds only the lines of the cells around the current row.
    let mut wrapped: Vec<Vec<Line>> = Vec::with_capacity(cells.len());
    wrapped.resize_with(cells.len(), Vec::new);
    // Where each row starts, in lines from the top of the table.
    let mut starts = Vec::with_capacity(rows);
    let mut top = 0;
    let rule = rule(table_width);
    out.push(rule.clone());
    // The cell covering each column at the current row.
    let mut covering: Vec<Option<usize>> = vec![None; columns];
    let mut next = 0;
    let mut heading = true;
    for row in 0..rows {
        for slot in covering.iter_mut() {
            if let Some(index) = *slot
                && cells[index].last_row() < row
            {
                wrapped[index] = Vec::new();
                *slot = None;
            }
        }
        starts.push(top);
        // The row is as tall as its tallest cell, and as the rest of a taller spanning cell
        // ending in it.
        let mut height = 1;
        while next < cells.len() && cells[next].row == row {
            let cell = &mut cells[next];
            let cell_width = span_width(cell);
            let mut lines = wrap(std::mem::take(&mut cell.spans), cell_width, "", "");
            if cell.header && cell.colspan > 1 {
                for line in &mut lines {
                    let pad = cell_width.saturating_sub(line.width()) / 2;
                    if pad > 0 {
                        line.spans
                            .insert(0, Span::new(" ".repeat(pad), Style::of(Role::Body)));
                    }
                }
            }
            if cell.rowspan == 1 {
                height = height.max(lines.len());
            }
            for slot in &mut covering[cell.column..cell.column + cell.colspan] {
                *slot = Some(next);
            }
            wrapped[next] = lines;
            next += 1;
        }
        for &index in covering.iter().flatten() {
            let cell = &cells[index];
            if cell.rowspan > 1 && cell.last_row() == row {
                let above = top - starts[cell.row];
                height = height.max(wrapped[index].len().saturating_sub(above));
            }
        }
        top += height;
        for line_index in 0..height {
            let mut line = Line::default();
            let mut column = 0;
            while column < columns {
                if column > 0 {
                    line.spans
                        .push(Span::new(separator, Style::of(Role::Decoration)));
                }
                let (piece, used, span) = match covering[column] {
                    Some(index) => {
                        let cell = &cells[index];
                        let offset = starts[row] - starts[cell.row] + line_index;
                        // Each line of a cell is drawn once: it is taken, not copied.
                        let piece = wrapped[index]
                            .get_mut(offset)
                            .map(std::mem::take)
                            .unwrap_or_default();
                        (piece, span_width(cell), cell.colspan)
                    }
                    None => (Line::default(), widths[column], 1),
                };
                let pad = used.saturating_sub(piece.width());
                line.spans.extend(piece.spans);
                column += span;
                if column < columns && pad > 0 {
                    line.spans
                        .push(Span::new(" ".repeat(pad), Style::of(Role::Body)));
                }
            }
            out.push(line);
        }
        // The rows of headers that open the table are ruled off from its body.
        heading &= covering.iter().flatten().all(|&index| cells[index].header);
        let ends_here = covering
            .iter()
            .flatten()
            .all(|&index| cells[index].last_row() == row);
        if heading && ends_here && covering.iter().any(Option::is_some) && row + 1 < rows {
            out.push(rule.clone());
        }
    }
    out.push(rule);
}

/// The table too wide to stand side by side: each row's cells one under the other as
/// `label: value`, labelled by the header row; rows joined by a cell spanning them stay together.
fn folded(cells: &[Cell], rows: usize, columns: usize, width: usize, out: &mut Vec<Line>) {
    let labels = column_labels(cells, columns);
    let title_row = |row: usize| {
        let mut row_cells = cells.iter().filter(|cell| cell.row == row);
        matches!((row_cells.next(), row_cells.next()), (Some(cell), None) if cell.colspan >= columns || cell.header)
    };
    let rule = rule(width);
    out.push(rule.clone());
    // The last row a cell seen so far reaches down to.
    let mut reach = 0;
    let mut first = true;
    let mut index = 0;
    for row in 0..rows {
        let start = index;
        while index < cells.len() && cells[index].row == row {
            index += 1;
        }
        let row_cells = &cells[start..index];
        if row_cells.iter().all(Cell::is_blank) {
            continue;
        }
        let label_row = labels.rows.contains(&row);
        let anchored = row_cells
            .iter()
            .any(|cell| cell.spans.iter().any(|span| span.anchor.is_some()));
        if label_row && !anchored {
            continue;
        }
        if !first && row > reach {
            out.push(rule.clone());
        }
        first = false;
        reach = reach.max(row_cells.iter().map(Cell::last_row).max().unwrap_or(row));
        if label_row || title_row(row) {
            // Its texts label the rows under it; it is shown for what in it can be followed.
            let mut joined = Vec::new();
            for cell in row_cells.iter().filter(|cell| !cell.is_blank()) {
                if !joined.is_empty() {
                    joined.push(Span::new(" · ", Style::of(Role::Decoration)));
                }
                joined.extend(cell.spans.iter().cloned().map(|mut span| {
                    span.style.bold = true;
                    span
                }));
            }
            out.extend(wrap(joined, width, "", ""));
            continue;
        }
        for cell in row_cells.iter().filter(|cell| !cell.is_blank()) {
            let label = labels.text.get(cell.column).map_or("", String::as_str);
            if label.is_empty() {
                out.extend(wrap(cell.spans.clone(), width, "", ""));
                continue;
            }
            let prefix = format!("{label}: ");
            let mut lines = wrap(cell.spans.clone(), width, &prefix, "  ");
            if let Some(first_span) = lines.first_mut().and_then(|line| line.spans.first_mut())
                && first_span.text == prefix
            {
                first_span.style = Style::of(Role::Label);
            }
            out.extend(lines);
        }
    }
    out.push(rule);
}

/// The label of each column and the header rows they come from.
struct Labels {
    text: Vec<String>,
    rows: Vec<usize>,
}

/// Labels from the rows of headers that open the table: for each column, the header over it
/// in the lowest such row that is not a title spanning the whole table.
fn column_labels(cells: &[Cell], columns: usize) -> Labels {
    let mut labels = Labels {
        text: Vec::new(),
        rows: Vec::new(),
    };
    let mut index = 0;
    while index < cells.len() {
        let row = cells[index].row;
        let start = index;
        while index < cells.len() && cells[index].row == row {
            index += 1;
        }
        let row_cells = &cells[start..index];
        if !row_cells.iter().all(|cell| cell.header) {
            break;
        }
        let title = row_cells.len() == 1 && row_cells[0].colspan >= columns;
        if title {
            continue;
        }
        labels.rows.push(row);
        labels
            .text
            .resize(columns.min(MAX_GRID_COLUMNS), String::new());
        for cell in row_cells {
            let text: String = cell
                .spans
                .iter()
                .map(|span| span.text.as_str())
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let end = (cell.column + cell.colspan).min(labels.text.len());
            for label in labels.text.iter_mut().take(end).skip(cell.column) {
                label.clone_from(&text);
            }
        }
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::TableCell;

    fn cell(text: &str) -> TableCell {
        TableCell::new(false, vec![Inline::text(text)])
    }

    fn header(text: &str) -> TableCell {
        TableCell::new(true, vec![Inline::text(text)])
    }

    fn row(cells: Vec<TableCell>) -> TableRow {
        TableRow { cells }
    }

    fn text(rows: &[TableRow], caption: &str, width: usize) -> Vec<String> {
        let mut out = Vec::new();
        let caption = if caption.is_empty() {
            Vec::new()
        } else {
            vec![Inline::text(caption)]
        };
        lines(rows, &caption, width, &mut Counters::default(), &mut out);
        out.iter()
            .map(|line| line.text().trim_end().to_string())
            .collect()
    }

    #[test]
    fn a_spanning_header_spans_and_does_not_widen_the_first_column() {
        let rows = [
            row(vec![header("Pos."), header("Rider"), header("Points")]),
            row(vec![cell("1"), cell("Casey Stoner"), cell("25")]),
            row(vec![header("OFFICIAL MOTOGP REPORT").spanning(3, 1)]),
        ];
        assert_eq!(
            text(&rows, "", 80),
            [
                "────────────────────────────",
                "Pos. │ Rider        │ Points",
                "────────────────────────────",
                "1    │ Casey Stoner │ 25",
                "   OFFICIAL MOTOGP REPORT",
                "────────────────────────────",
            ]
        );
    }

    #[test]
    fn cells_wrap_at_words_and_break_a_word_only_when_it_is_wider_than_its_column() {
        let rows = [
            row(vec![header("Rider"), header("Manufacturer")]),
            row(vec![cell("Valentino Rossi"), cell("Yamaha")]),
        ];
        // 15 + 3 + 12 = 30 columns: at 25 the rider wraps at its space, never inside a word.
        assert_eq!(
            text(&rows, "", 25),
            [
                "─────────────────────────",
                "Rider      │ Manufacturer",
                "─────────────────────────",
                "Valentino  │ Yamaha",
                "Rossi      │",
                "─────────────────────────",
            ]
        );
    }

    #[test]
    fn rowspans_fill_the_rows_below_and_the_next_cells_move_right() {
        let rows = [
            row(vec![cell("2005").spanning(1, 2), cell("a"), cell("b")]),
            row(vec![cell("c"), cell("d")]),
        ];
        assert_eq!(
            text(&rows, "", 40),
            [
                "────────────",
                "2005 │ a │ b",
                "     │ c │ d",
                "────────────",
            ]
        );
    }

    #[test]
    fn headers_over_two_rows_are_ruled_off_below_the_second() {
        let rows = [
            row(vec![
                header("Year").spanning(1, 2),
                header("Peak").spanning(2, 1),
            ]),
            row(vec![header("US"), header("UK")]),
            row(vec![cell("1960"), cell("9"), cell("—")]),
        ];
        assert_eq!(
            text(&rows, "", 40),
            [
                "──────────────",
                "Year │  Peak",
                "     │ US │ UK",
                "──────────────",
                "1960 │ 9  │ —",
                "──────────────",
            ]
        );
    }

    #[test]
    fn the_caption_is_centred_above_and_empty_columns_go() {
        let rows = [
            row(vec![header("Census"), header(""), header("Pop.")]),
            row(vec![cell("1790"), cell(""), cell("3,929,214")]),
        ];
        assert_eq!(
            text(&rows, "Population", 40),
            [
                "    Population",
                "──────────────────",
                "Census │ Pop.",
                "──────────────────",
                "1790   │ 3,929,214",
                "──────────────────",
            ]
        );
    }

    #[test]
    fn a_table_too_wide_folds_into_labelled_lines() {
        let rows = [
            row(vec![
                header("Rider"),
                header("Manufacturer"),
                header("Time"),
            ]),
            row(vec![
                cell("Valentino Rossi"),
                cell("Yamaha"),
                cell("+5.789"),
            ]),
            row(vec![
                cell("Casey Stoner"),
                cell("Ducati"),
                cell("44:44.982"),
            ]),
        ];
        assert_eq!(
            text(&rows, "", 20),
            [
                "────────────────────",
                "Rider: Valentino",
                "  Rossi",
                "Manufacturer: Yamaha",
                "Time: +5.789",
                "────────────────────",
                "Rider: Casey Stoner",
                "Manufacturer: Ducati",
                "Time: 44:44.982",
                "────────────────────",
            ]
        );
    }

    #[test]
    fn hostile_spans_stay_cheap_and_fold() {
        let wide = TableCell::new(false, vec![Inline::text("x")]).spanning(u16::MAX, u16::MAX);
        let rows: Vec<TableRow> = (0..200)
            .map(|_| row(vec![wide.clone(), cell("y")]))
            .collect();
        let lines = text(&rows, "", 30);
        assert!(lines.iter().all(|line| line.chars().count() <= 30));
        assert!(lines.iter().any(|line| line == "y"), "{lines:?}");
    }
}
