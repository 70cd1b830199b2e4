//! Lines to sections and blocks: headings (only at the start of a line), paragraphs, nested
//! numbered and definition lists, tables, block quotations and preformatted lines (those
//! starting with a space). A line is the nodes between two new lines of the top-level text;
//! templates and links spanning lines stay inside one line.

use super::inline::{Renderer, Sink, visible_text};
use super::quote::{is_blockquote_tag, quote_template};
use super::templates::block_content;
use super::tree::{Node, Tag};
use crate::article::{
    Block, Inline, ListItem, ListKind, Section, TableCell, TableRow, parse_span, plain_text,
};
use std::collections::VecDeque;

/// Container templates are opened at most this deep (`{{div col}}` inside `{{refbegin}}`).
const MAX_CONTAINER_DEPTH: usize = 4;

type Line<'a> = Vec<Node<'a>>;

/// Splits top-level nodes into lines; a line holding only a list container such as
/// `{{columns-list|…}}`, or an unknown template holding a list, is replaced by the lines of
/// its content.
pub fn lines(nodes: Vec<Node<'_>>) -> Vec<Line<'_>> {
    Lines::new(nodes).collect()
}

/// The same lines, split as they are asked for: an article's lines are never all held at once
/// beside its tree.
pub struct Lines<'a> {
    nodes: std::vec::IntoIter<Node<'a>>,
    /// The line being gathered.
    line: Line<'a>,
    /// Lines split off already, to be handed out first.
    ready: VecDeque<Line<'a>>,
    /// The last line was finished (the nodes ran out).
    finished: bool,
}

impl<'a> Lines<'a> {
    pub fn new(nodes: Vec<Node<'a>>) -> Lines<'a> {
        Lines {
            nodes: nodes.into_iter(),
            line: Vec::new(),
            ready: VecDeque::new(),
            finished: false,
        }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        while self.ready.is_empty() {
            let Some(node) = self.nodes.next() else {
                if self.finished {
                    return None;
                }
                // The last line, even when empty, as `split_into` finishes it.
                self.finished = true;
                finish_line(std::mem::take(&mut self.line), &mut self.ready, 0);
                continue;
            };
            add_node(node, &mut self.line, &mut self.ready, 0);
        }
        self.ready.pop_front()
    }
}

/// Adds a node to the line being gathered; a text's new lines finish lines.
fn add_node<'a>(node: Node<'a>, line: &mut Line<'a>, lines: &mut VecDeque<Line<'a>>, depth: usize) {
    match node {
        Node::Text(text) => {
            let mut pieces = text.split('\n');
            if let Some(first) = pieces.next()
                && !first.is_empty()
            {
                line.push(Node::Text(first));
            }
            for piece in pieces {
                finish_line(std::mem::take(line), lines, depth);
                if !piece.is_empty() {
                    line.push(Node::Text(piece));
                }
            }
        }
        other => line.push(other),
    }
}

fn split_into<'a>(nodes: Vec<Node<'a>>, lines: &mut VecDeque<Line<'a>>, depth: usize) {
    let mut line: Line<'a> = Vec::new();
    for node in nodes {
        add_node(node, &mut line, lines, depth);
    }
    finish_line(line, lines, depth);
}

fn finish_line<'a>(line: Line<'a>, lines: &mut VecDeque<Line<'a>>, depth: usize) {
    if depth < MAX_CONTAINER_DEPTH {
        let mut meaningful = line
            .iter()
            .filter(|node| !matches!(node, Node::Text(text) if text.trim().is_empty()));
        let only = match (meaningful.next(), meaningful.next()) {
            (Some(Node::Template(template)), None) => Some(template),
            _ => None,
        };
        if let Some(contents) = only.and_then(block_content) {
            for content in contents {
                split_into(content.to_vec(), lines, depth + 1);
            }
            return;
        }
    }
    lines.push_back(line);
}

/// A cell being read: header or data, its spans, and its nodes.
struct CellBuilder<'a> {
    header: bool,
    colspan: u16,
    rowspan: u16,
    nodes: Line<'a>,
}

impl<'a> CellBuilder<'a> {
    fn plain(nodes: Line<'a>) -> CellBuilder<'a> {
        CellBuilder {
            header: false,
            colspan: 1,
            rowspan: 1,
            nodes,
        }
    }
}

/// A table being read: its caption, its rows of cells, the last row open.
#[derive(Default)]
struct TableBuilder<'a> {
    rows: Vec<Vec<CellBuilder<'a>>>,
    caption: Line<'a>,
    /// The last line read was the caption (`|+`): lines that continue it join it.
    in_caption: bool,
    /// Tables nested inside a cell: the model's cells hold inline runs, so a nested table is
    /// read into the outer cell, a line per row, its cells separated by " · ".
    nested: usize,
    /// Cells of the nested row being read.
    nested_cells: usize,
}

impl<'a> TableBuilder<'a> {
    fn last_cell(&mut self) -> Option<&mut Line<'a>> {
        if self.in_caption {
            return Some(&mut self.caption);
        }
        self.rows.last_mut()?.last_mut().map(|cell| &mut cell.nodes)
    }

    /// The outer cell a nested table is read into (made when the table has none yet).
    fn nesting_cell(&mut self) -> &mut Line<'a> {
        if self.rows.last().is_none_or(|row| row.is_empty()) {
            self.rows.push(vec![CellBuilder::plain(Vec::new())]);
        }
        let row = self.rows.len() - 1;
        let cell = self.rows[row].len() - 1;
        &mut self.rows[row][cell].nodes
    }

    /// Ends a line of the nested table in the outer cell.
    fn nested_line_break(&mut self) {
        self.nested_cells = 0;
        self.nesting_cell().push(Node::Tag(Tag {
            name: "br",
            attrs: "",
            body: None,
            closing: false,
        }));
    }
}

struct SectionBuilder<'r> {
    renderer: &'r mut Renderer,
    sections: Vec<Section>,
    current: Section,
    paragraph: Sink,
    items: Vec<ListItem>,
    /// Rendered lines of the preformatted block being read.
    pre: Vec<Vec<Inline>>,
}

/// Reads the lines into sections: the lead first (no heading), then one per heading.
pub fn sections<'a>(
    renderer: &mut Renderer,
    mut lines: impl Iterator<Item = Line<'a>>,
) -> Vec<Section> {
    let mut builder = SectionBuilder {
        renderer,
        sections: Vec::new(),
        current: Section::default(),
        paragraph: Sink::default(),
        items: Vec::new(),
        pre: Vec::new(),
    };
    let mut table: Option<TableBuilder<'a>> = None;
    // The lines of a `<blockquote>` whose closing tag is still to come.
    let mut quoted: Option<Vec<Line<'a>>> = None;
    // What follows a `<blockquote>` or `</blockquote>` on its line, read as a line of its own.
    let mut pending: Option<Line<'a>> = None;
    while let Some(line) = pending.take().or_else(|| lines.next()) {
        let first_text = match line.first() {
            Some(Node::Text(text)) => *text,
            _ => "",
        };
        let trimmed = first_text.trim_start();
        if let Some(open) = table.as_mut() {
            if !table_line(open, line, trimmed)
                && let Some(finished) = table.take()
            {
                builder.table(finished);
            }
            continue;
        }
        if let Some(quote_lines) = quoted.as_mut() {
            let mut line = line;
            if let Some(close) = line.iter().position(|node| is_blockquote_tag(node, true)) {
                let mut rest = line.split_off(close + 1);
                line.pop();
                quote_lines.push(line);
                // The rest of the line is not at the start of a line: no preformatting.
                if let Some(Node::Text(text)) = rest.first_mut() {
                    *text = text.trim_start();
                }
                pending = Some(rest);
            } else if heading(&line, first_text).is_some() {
                // An unclosed quote ends at the next heading.
                pending = Some(line);
            } else {
                quote_lines.push(line);
                continue;
            }
            if let Some(quote_lines) = quoted.take() {
                let inlines = builder.renderer.blockquote(quote_lines);
                builder.quote(inlines);
            }
            continue;
        }
        let opens_blockquote = meaningful(&line)
            .next()
            .filter(|&first| is_blockquote_tag(&line[first], false));
        if trimmed.starts_with("{|") {
            builder.flush();
            table = Some(TableBuilder::default());
        } else if let Some((level, heading)) = heading(&line, first_text) {
            builder.flush();
            let runs = builder.renderer.runs(&heading);
            let heading = visible_text(&runs).trim().to_string();
            // Headings are plain text (they name the section in the outline); the heading's
            // citation markers open the section as a line of their own, so they can be followed.
            let markers: Vec<Inline> = runs
                .into_iter()
                .filter(|inline| matches!(inline, Inline::Citation { .. }))
                .collect();
            let blocks = if markers.is_empty() {
                Vec::new()
            } else {
                vec![Block::Paragraph { inlines: markers }]
            };
            let finished = std::mem::replace(
                &mut builder.current,
                Section {
                    heading: Some(heading),
                    level,
                    blocks,
                },
            );
            builder.sections.push(finished);
        } else if first_text.starts_with(['*', '#', ':', ';']) {
            builder.flush_paragraph();
            builder.flush_pre();
            builder.list_item(line, first_text);
        } else if let Some(open) = opens_blockquote {
            builder.flush();
            let mut line = line;
            pending = Some(line.split_off(open + 1));
            quoted = Some(Vec::new());
        } else if let Some(at) = meaningful(&line).last()
            && let Some(template) = quote_template(&line[at])
        {
            // A quotation template ending its line is a block; text before it leads in.
            if !is_blank(&line[..at]) {
                builder.paragraph_line(&line[..at]);
            }
            let inlines = builder.renderer.quote_block(template);
            builder.quote(inlines);
        } else if is_blank(&line) || is_magic_word(&line) || trimmed.starts_with("----") {
            builder.flush();
        } else if first_text.starts_with(' ') && !has_block_tag(&line) {
            builder.pre_line(&line);
        } else {
            builder.paragraph_line(&line);
        }
    }
    if let Some(quote_lines) = quoted.take() {
        let inlines = builder.renderer.blockquote(quote_lines);
        builder.quote(inlines);
    }
    if let Some(finished) = table.take() {
        builder.table(finished);
    }
    builder.flush();
    let SectionBuilder {
        mut sections,
        current,
        ..
    } = builder;
    sections.push(current);
    sections
}

pub fn is_blank(line: &[Node<'_>]) -> bool {
    meaningful(line).next().is_none()
}

/// The positions of a line's nodes other than whitespace.
fn meaningful<'l>(line: &'l [Node<'_>]) -> impl DoubleEndedIterator<Item = usize> + 'l {
    line.iter()
        .enumerate()
        .filter(|(_, node)| !matches!(node, Node::Text(text) if text.trim().is_empty()))
        .map(|(index, _)| index)
}

/// Block-level tags: a line holding one is not preformatted, even when it starts with a space.
const BLOCK_TAGS: &[&str] = &[
    "div",
    "center",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "p",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "hr",
    "pre",
    "references",
    "gallery",
    "poem",
    "timeline",
    "imagemap",
];

fn has_block_tag(line: &[Node<'_>]) -> bool {
    line.iter()
        .any(|node| matches!(node, Node::Tag(tag) if BLOCK_TAGS.contains(&tag.name)))
}

/// `__NOTOC__` and friends alone on a line.
fn is_magic_word(line: &[Node<'_>]) -> bool {
    match line {
        [Node::Text(text)] => {
            let text = text.trim();
            text.len() > 4 && text.starts_with("__") && text.ends_with("__")
        }
        _ => false,
    }
}

/// `== Heading ==` at the start of a line: its level and the nodes between the `=`s.
fn heading<'a>(line: &[Node<'a>], first_text: &'a str) -> Option<(u8, Line<'a>)> {
    if !first_text.starts_with('=') {
        return None;
    }
    let Some(Node::Text(last_text)) = line.last() else {
        return None;
    };
    let leading = first_text.bytes().take_while(|&b| b == b'=').count();
    let last_trimmed = last_text.trim_end();
    let trailing = last_trimmed
        .bytes()
        .rev()
        .take_while(|&b| b == b'=')
        .count();
    let level = leading.min(trailing).min(6);
    if line.len() == 1 && leading + trailing >= last_trimmed.len() {
        let inner_len = last_trimmed.len().saturating_sub(2 * level);
        if inner_len == 0 || last_trimmed.bytes().all(|b| b == b'=') {
            return None;
        }
    }
    let mut inner: Line<'a> = line.to_vec();
    let last_index = inner.len() - 1;
    if let Some(Node::Text(text)) = inner.get_mut(last_index) {
        let trimmed = text.trim_end();
        *text = &trimmed[..trimmed.len() - level];
    }
    if let Some(Node::Text(text)) = inner.get_mut(0) {
        *text = text.get(level..).unwrap_or("");
    }
    Some((level as u8, inner))
}

impl SectionBuilder<'_> {
    fn flush(&mut self) {
        self.flush_paragraph();
        self.flush_list();
        self.flush_pre();
    }

    /// A line of running text: it joins the paragraph being read.
    fn paragraph_line(&mut self, line: &[Node<'_>]) {
        self.flush_list();
        self.flush_pre();
        if !self.paragraph.is_empty() {
            self.paragraph.plain(" ");
        }
        self.renderer.nodes(line, &mut self.paragraph);
        self.paragraph.end_line();
    }

    fn quote(&mut self, inlines: Vec<Inline>) {
        self.flush();
        if !inlines.is_empty() {
            self.current.blocks.push(Block::Quote { inlines });
        }
    }

    /// A line starting with a space, shown as written: the space taken off, markup rendered
    /// (links as their labels), the other spaces kept. They are rendered as no-break spaces,
    /// which tidying leaves alone, and turned back after. A line that renders to nothing (a
    /// stray space before an infobox or a category) is no preformatted line.
    fn pre_line(&mut self, line: &[Node<'_>]) {
        let kept: Vec<String> = line
            .iter()
            .enumerate()
            .map(|(index, node)| match node {
                Node::Text(text) if index == 0 => keep_spaces(&text[1..]),
                Node::Text(text) => keep_spaces(text),
                _ => String::new(),
            })
            .collect();
        let nodes: Vec<Node<'_>> = line
            .iter()
            .zip(&kept)
            .map(|(node, text)| match node {
                Node::Text(_) => Node::Text(text),
                other => other.clone(),
            })
            .collect();
        let runs = self.renderer.runs(&nodes);
        if runs.is_empty() {
            return;
        }
        self.flush_paragraph();
        self.flush_list();
        self.pre.push(runs);
    }

    /// Preformatted lines as one block; lines holding citation markers become a paragraph with
    /// line breaks instead, as a plain-text block cannot carry markers a reader can follow.
    fn flush_pre(&mut self) {
        if self.pre.is_empty() {
            return;
        }
        let lines = std::mem::take(&mut self.pre);
        let cites = lines
            .iter()
            .flatten()
            .any(|inline| matches!(inline, Inline::Citation { .. }));
        if cites {
            let mut inlines = Vec::new();
            for line in lines {
                if !inlines.is_empty() {
                    inlines.push(Inline::LineBreak);
                }
                inlines.extend(line.into_iter().map(|inline| match inline {
                    Inline::Text { text, emphasis } => Inline::Text {
                        text: text.replace(KEPT_SPACE, " "),
                        emphasis,
                    },
                    other => other,
                }));
            }
            self.current.blocks.push(Block::Paragraph { inlines });
        } else {
            let text: Vec<String> = lines
                .iter()
                .map(|line| plain_text(line).replace(KEPT_SPACE, " "))
                .collect();
            self.current.blocks.push(Block::Preformatted {
                text: text.join("\n"),
            });
        }
    }

    fn flush_paragraph(&mut self) {
        let sink = std::mem::take(&mut self.paragraph);
        let inlines = sink.finish();
        if !inlines.is_empty() {
            self.current.blocks.push(Block::Paragraph { inlines });
        }
    }

    fn flush_list(&mut self) {
        if !self.items.is_empty() {
            let items = std::mem::take(&mut self.items);
            self.current.blocks.push(Block::List { items });
        }
    }

    /// `*`, `#`, `:`, `;` items, nested by the number of markers; `; term : definition` on
    /// one line gives two items.
    fn list_item(&mut self, mut line: Line<'_>, first_text: &str) {
        let markers: String = first_text
            .chars()
            .take_while(|c| matches!(c, '*' | '#' | ':' | ';'))
            .collect();
        let depth = u8::try_from(markers.len()).unwrap_or(u8::MAX);
        let kind = match markers.chars().last() {
            Some('#') => ListKind::Numbered,
            Some(';') => ListKind::Term,
            Some(':') => ListKind::Definition,
            _ => ListKind::Bullet,
        };
        if let Some(Node::Text(text)) = line.first_mut() {
            *text = text.get(markers.len()..).unwrap_or("");
        }
        let definition = if kind == ListKind::Term {
            split_definition(&mut line)
        } else {
            None
        };
        let inlines = self.renderer.runs(&line);
        if !inlines.is_empty() {
            self.items.push(ListItem {
                kind,
                depth,
                inlines,
            });
        }
        if let Some(definition) = definition {
            let inlines = self.renderer.runs(&definition);
            if !inlines.is_empty() {
                self.items.push(ListItem {
                    kind: ListKind::Definition,
                    depth,
                    inlines,
                });
            }
        }
    }

    fn table(&mut self, table: TableBuilder<'_>) {
        let caption = self.renderer.value_runs(&table.caption);
        let mut rows = Vec::new();
        // The row count a cell's rowspan reaches down to: an empty row above it still counts.
        let mut reach = 0;
        for row in table.rows {
            let cells: Vec<TableCell> = row
                .into_iter()
                .map(|cell| {
                    TableCell::new(cell.header, self.renderer.value_runs(&cell.nodes))
                        .spanning(cell.colspan, cell.rowspan)
                })
                .collect();
            let empty = cells.iter().all(|cell| cell.inlines.is_empty());
            if !cells.is_empty() && (!empty || rows.len() < reach) {
                let spanned = cells.iter().map(|cell| usize::from(cell.rowspan)).max();
                reach = reach.max(rows.len() + spanned.unwrap_or(1));
                rows.push(TableRow { cells });
            }
        }
        if !rows.is_empty() || !caption.is_empty() {
            self.current.blocks.push(Block::Table { rows, caption });
        }
    }
}

/// Spaces of preformatted text, hidden from whitespace tidying (a tab as four).
const KEPT_SPACE: char = '\u{a0}';

fn keep_spaces(text: &str) -> String {
    text.replace(' ', "\u{a0}")
        .replace('\t', "\u{a0}\u{a0}\u{a0}\u{a0}")
}

/// Splits `term : definition` at the first `:` of the top-level text.
fn split_definition<'a>(line: &mut Line<'a>) -> Option<Line<'a>> {
    let position = line
        .iter()
        .position(|node| matches!(node, Node::Text(text) if text.contains(':')))?;
    let Node::Text(text) = line[position] else {
        return None;
    };
    let colon = text.find(':')?;
    let mut definition: Line<'a> = line.split_off(position + 1);
    line[position] = Node::Text(&text[..colon]);
    definition.insert(0, Node::Text(&text[colon + 1..]));
    Some(definition)
}

/// Reads one line inside a table; false when the line closes the table.
fn table_line<'a>(table: &mut TableBuilder<'a>, mut line: Line<'a>, trimmed: &'a str) -> bool {
    if trimmed.starts_with("{|") {
        table.nested += 1;
        table.nested_line_break();
        return true;
    }
    if trimmed.starts_with("|}") {
        if table.nested == 0 {
            return false;
        }
        table.nested -= 1;
        table.nested_line_break();
        return true;
    }
    if trimmed.starts_with("|-") || trimmed.starts_with("|+") {
        if table.nested > 0 {
            if table.nested_cells > 0 {
                table.nested_line_break();
            }
            return true;
        }
        table.in_caption = false;
        if let Some(caption_text) = trimmed.strip_prefix("|+") {
            if let Some(Node::Text(text)) = line.first_mut() {
                *text = caption_text;
            }
            let (_, caption) = strip_attributes(line);
            if !table.caption.is_empty() {
                table.caption.push(Node::Text(" "));
            }
            table.caption.extend(caption);
            table.in_caption = true;
            return true;
        }
        let row_open = table.rows.last().is_some_and(|row| !row.is_empty());
        if row_open {
            table.rows.push(Vec::new());
        }
        return true;
    }
    let header = trimmed.starts_with('!');
    if header || trimmed.starts_with('|') {
        if let Some(Node::Text(text)) = line.first_mut() {
            *text = &trimmed[1..];
        }
        table.in_caption = false;
        let separators: &[&str] = if header { &["||", "!!"] } else { &["||"] };
        for cell in split_cells(line, separators) {
            let (attributes, cell) = strip_attributes(cell);
            if table.nested > 0 {
                let first = table.nested_cells == 0;
                table.nested_cells += 1;
                let outer = table.nesting_cell();
                if !first {
                    outer.push(Node::Text(" · "));
                }
                outer.extend(cell);
            } else {
                let cell = CellBuilder {
                    header,
                    colspan: span_attribute(&attributes, "colspan"),
                    rowspan: span_attribute(&attributes, "rowspan"),
                    nodes: cell,
                };
                match table.rows.last_mut() {
                    Some(row) => row.push(cell),
                    None => table.rows.push(vec![cell]),
                }
            }
        }
        return true;
    }
    if let Some(last) = table.last_cell() {
        last.push(Node::Text("\n"));
        last.extend(line);
    }
    true
}

/// Splits a line at cell separators in its top-level text.
fn split_cells<'a>(line: Line<'a>, separators: &[&str]) -> Vec<Line<'a>> {
    let mut cells = vec![Vec::new()];
    for node in line {
        let Node::Text(mut text) = node else {
            if let Some(cell) = cells.last_mut() {
                cell.push(node);
            }
            continue;
        };
        while let Some((at, len)) = separators
            .iter()
            .filter_map(|sep| text.find(sep).map(|at| (at, sep.len())))
            .min()
        {
            if let Some(cell) = cells.last_mut() {
                cell.push(Node::Text(&text[..at]));
            }
            cells.push(Vec::new());
            text = &text[at + len..];
        }
        if let Some(cell) = cells.last_mut() {
            cell.push(Node::Text(text));
        }
    }
    cells
}

/// `style="…" | content` → (attributes, content): the first single `|` of the cell's top-level
/// text ends its attributes (which may hold templates, as in `style="{{…}}"|`). The attributes
/// are their top-level text.
fn strip_attributes(mut cell: Line<'_>) -> (String, Line<'_>) {
    let bar = cell
        .iter()
        .enumerate()
        .find_map(|(index, node)| match node {
            Node::Text(text) => text.find('|').map(|at| (index, at)),
            _ => None,
        });
    let mut attributes = String::new();
    if let Some((index, at)) = bar {
        for node in cell.drain(..index) {
            if let Node::Text(text) = node {
                attributes.push_str(text);
            }
        }
        if let Node::Text(text) = cell[0] {
            attributes.push_str(&text[..at]);
            cell[0] = Node::Text(&text[at + 1..]);
        }
    }
    (attributes, cell)
}

/// A `colspan` or `rowspan` attribute's number (`2`, `"2"`, `2;`); 1 when absent or unreadable.
fn span_attribute(attributes: &str, name: &str) -> u16 {
    super::cite::attribute(attributes, name).map_or(1, |value| parse_span(&value))
}
