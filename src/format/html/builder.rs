//! The model built from a stream of tags and text, one token at a time, without a DOM.
//!
//! Open elements sit on a bounded stack, each with the role it plays (heading, list item,
//! infobox cell, footnote marker, clutter to skip…). Text goes to the innermost open *sink*
//! (the running paragraph, a list item, a cell, a reference, a link's text…); closing an element
//! turns its sink into part of the article.

use super::citations::{self, Citations};
use super::classify::{self, Attrs};
use super::infobox;
use super::links::{self, Href};
use crate::article::{
    Article, Block, Emphasis, Field, Inline, LinkTarget, ListItem, ListKind, Reference, Section,
    TableCell, TableRow, plain_text,
};
use crate::text::collapse_whitespace;
use html5ever::{Attribute, LocalName, local_name};

/// Open elements kept beyond this depth are not tracked and their text is dropped: real
/// articles nest a few dozen deep, and a bound keeps hostile input cheap.
const MAX_DEPTH: usize = 512;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// No effect on the model (`span`, `tbody`, anything inside skipped content).
    Plain,
    /// Clutter: nothing inside is read.
    Skip,
    /// `#mw-content-text` of a full page: only what is inside it is article text.
    ContentRoot,
    Title,
    PageHeading,
    Heading,
    /// A block at paragraph level: ends the running paragraph where it starts and ends.
    FlowBlock,
    /// A block inside a cell, item or reference: it starts and ends a line there.
    InlineBlock,
    List,
    InlineList,
    ListItem,
    Quote,
    Preformatted,
    /// A figure's caption (`figcaption`, `.thumbcaption`) in the running text.
    FigureCaption,
    Table,
    Row,
    Cell,
    TableCaption,
    InlineTable,
    InlineRow,
    Infobox,
    InfoboxRow,
    InfoboxCell,
    InfoboxCaption,
    ReferenceList,
    ReferenceItem,
    Marker,
    Link,
    Bold,
    Italic,
}

struct Open {
    name: LocalName,
    role: Role,
    /// Inside an `.hlist`: list items read as `a · b · c`.
    hlist: bool,
    /// Inside a `.plainlist` or a list styled without markers: items go without bullets.
    plainlist: bool,
    /// The items of a list read into a cell so far, to number them.
    items: u32,
}

enum SinkKind {
    /// The running text of the current section: becomes paragraphs.
    Flow,
    Title,
    PageHeading,
    Heading(u8),
    ListItem {
        kind: ListKind,
        depth: u8,
    },
    Quote,
    Preformatted(String),
    FigureCaption,
    Cell {
        header: bool,
        colspan: u16,
        rowspan: u16,
    },
    TableCaption,
    InfoboxCell {
        header: bool,
    },
    InfoboxCaption,
    Reference {
        id: Option<String>,
        urls: Vec<String>,
        backlinks: Vec<String>,
    },
    Marker {
        marker_id: Option<String>,
        note_id: Option<String>,
        /// The markup alone says it is a footnote marker (`id="cite_ref-…"`, `.mw-ref`).
        certain: bool,
    },
    Link(Href),
}

struct Sink {
    kind: SinkKind,
    inlines: Vec<Inline>,
}

#[derive(Default)]
struct TableFrame {
    rows: Vec<TableRow>,
    row: Option<TableRow>,
    caption: Vec<Inline>,
}

pub struct Builder {
    stack: Vec<Open>,
    /// Elements opened beyond `MAX_DEPTH` and not yet closed.
    overflow: usize,
    /// Open `Role::Skip` elements.
    skipping: usize,
    /// The document is a full page: text counts only inside `#mw-content-text`.
    content_mode: bool,
    content_open: usize,
    sinks: Vec<Sink>,
    bold: usize,
    italic: usize,
    article: Article,
    /// Kinds of the open structured lists, outermost first.
    lists: Vec<ListKind>,
    list_items: Vec<ListItem>,
    table: Option<TableFrame>,
    infobox_depth: usize,
    /// The cells of the infobox row being read: header (`th`) or not, and their runs.
    infobox_row: Vec<(bool, Vec<Inline>)>,
    infobox_row_has_image: bool,
    citations: Citations,
    /// A title element with text has been read (the title itself is the tokenizer sink's:
    /// `html::read`); an `h1` after it is no page heading.
    has_title: bool,
    page_heading: Option<String>,
    /// The fields of the reference being read, from its COinS span (`coins.rs`).
    reference_cite: Option<crate::cite::Cite>,
    /// Where the reference's rendered citation (`cite.citation`) starts in its runs.
    citation_start: Option<super::coins::RunPosition>,
    /// Where it ends: at its COinS span or the next citation.
    citation_end: Option<super::coins::RunPosition>,
    /// The reference's fields came from its template's `data-mw`.
    template_cite: bool,
}

impl Builder {
    pub fn new(content_mode: bool) -> Builder {
        Builder {
            stack: Vec::new(),
            overflow: 0,
            skipping: 0,
            content_mode,
            content_open: 0,
            sinks: vec![Sink {
                kind: SinkKind::Flow,
                inlines: Vec::new(),
            }],
            bold: 0,
            italic: 0,
            article: Article {
                sections: vec![Section::default()],
                ..Article::default()
            },
            lists: Vec::new(),
            list_items: Vec::new(),
            table: None,
            infobox_depth: 0,
            infobox_row: Vec::new(),
            infobox_row_has_image: false,
            citations: Citations::default(),
            has_title: false,
            page_heading: None,
            reference_cite: None,
            citation_start: None,
            citation_end: None,
            template_cite: false,
        }
    }

    pub fn start(&mut self, name: &LocalName, attributes: &[Attribute], self_closing: bool) {
        let attrs = Attrs(attributes);
        if self.infobox_depth > 0 && classify::is_image(name) {
            self.infobox_row_has_image = true;
        }
        if self.overflow > 0 || self.stack.len() >= MAX_DEPTH {
            if !classify::is_void(name) && !self_closing {
                self.overflow += 1;
            }
            return;
        }
        if self.skipping == 0 {
            self.close_implied(name);
        }
        if classify::is_void(name) {
            self.void_element(name, attrs);
            return;
        }
        // Only foreign content (SVG, MathML, all skipped) closes itself with `/>`.
        let foreign = matches!(*name, local_name!("svg") | local_name!("math"));
        if self_closing && (self.skipping > 0 || foreign) {
            return;
        }
        let coins = *name == local_name!("span") && attrs.has_class("Z3988");
        let in_reference = matches!(
            self.sinks.last(),
            Some(Sink {
                kind: SinkKind::Reference { .. },
                ..
            })
        );
        if in_reference && (coins || attrs.has_class("citation")) {
            self.mark_citation(coins);
        }
        if coins {
            self.coins(attrs);
        } else if self.reference_cite.is_none()
            && let Some(data_mw) = attributes.iter().find(|a| &*a.name.local == "data-mw")
        {
            self.data_mw(&data_mw.value);
        }
        let role = self.role_for(name, attrs);
        let hlist = attrs.has_class("hlist") || self.stack.last().is_some_and(|open| open.hlist);
        let plainlist =
            classify::is_plain_list(attrs) || self.stack.last().is_some_and(|open| open.plainlist);
        self.stack.push(Open {
            name: name.clone(),
            role,
            hlist,
            plainlist,
            items: 0,
        });
    }

    pub fn end(&mut self, name: &LocalName) {
        if self.overflow > 0 {
            self.overflow -= 1;
            return;
        }
        let table_part = matches!(
            *name,
            local_name!("table")
                | local_name!("tbody")
                | local_name!("thead")
                | local_name!("tfoot")
                | local_name!("tr")
                | local_name!("td")
                | local_name!("th")
                | local_name!("caption")
        );
        // A stray end tag inside a cell does not close the table around it.
        let mut found = None;
        for (index, open) in self.stack.iter().enumerate().rev() {
            if open.name == *name {
                found = Some(index);
                break;
            }
            let boundary = matches!(
                open.name,
                local_name!("td")
                    | local_name!("th")
                    | local_name!("caption")
                    | local_name!("table")
            );
            if boundary && !table_part {
                break;
            }
        }
        if let Some(index) = found {
            self.close_down_to(index);
        }
    }

    pub fn text(&mut self, text: &str) {
        if self.overflow > 0 || self.skipping > 0 {
            return;
        }
        let in_content = self.in_content();
        let emphasis = self.emphasis();
        let Some(sink) = self.sinks.last_mut() else {
            return;
        };
        match &mut sink.kind {
            SinkKind::Title | SinkKind::PageHeading => {}
            _ if !in_content => return,
            SinkKind::Preformatted(raw) => {
                raw.push_str(text);
                return;
            }
            _ => {}
        }
        push_text(&mut sink.inlines, text, emphasis);
    }

    /// Closes what is still open and hands back the article, its markers tied to references.
    /// `title` is the document's first `title` element's, which the tokenizer's sink keeps
    /// (`title_text`); without one, the page heading (`h1`) is the title.
    pub fn finish(mut self, title: Option<String>, fallback_title: &str) -> Article {
        self.close_down_to(0);
        self.flush_flow();
        self.flush_list();
        let title = title
            .or(self.page_heading.filter(|heading| !heading.is_empty()))
            .unwrap_or_else(|| fallback_title.to_string());
        let mut article = self.article;
        article.title = title;
        self.citations.resolve(&mut article);
        article
    }

    fn in_content(&self) -> bool {
        !self.content_mode || self.content_open > 0
    }

    fn emphasis(&self) -> Emphasis {
        Emphasis {
            bold: self.bold > 0,
            italic: self.italic > 0,
        }
    }

    fn at_flow(&self) -> bool {
        matches!(
            self.sinks.last(),
            Some(Sink {
                kind: SinkKind::Flow,
                ..
            })
        )
    }

    fn role_for(&mut self, name: &LocalName, attrs: Attrs) -> Role {
        if self.skipping > 0 {
            return Role::Plain;
        }
        if *name == local_name!("title") && !self.has_title {
            self.push_sink(SinkKind::Title);
            return Role::Title;
        }
        if classify::is_clutter(name, attrs) {
            self.skipping += 1;
            return Role::Skip;
        }
        if attrs.id() == Some("mw-content-text") {
            self.content_open += 1;
            return Role::ContentRoot;
        }
        if *name == local_name!("h1") {
            return if !self.has_title && self.page_heading.is_none() {
                self.push_sink(SinkKind::PageHeading);
                Role::PageHeading
            } else {
                // A page heading repeating the title (Kiwix) is not a section.
                self.skipping += 1;
                Role::Skip
            };
        }
        if !self.in_content() {
            return Role::Plain;
        }
        if let Some(level) = classify::heading_level(name) {
            return if self.at_flow() {
                self.flush_flow();
                self.flush_list();
                self.push_sink(SinkKind::Heading(level));
                Role::Heading
            } else {
                self.bold += 1;
                Role::Bold
            };
        }
        match *name {
            local_name!("sup") if classify::may_be_marker(attrs) => {
                let id = attrs.id().filter(|id| id.starts_with("cite_ref"));
                let certain = id.is_some() || attrs.has_class("mw-ref");
                self.push_sink(SinkKind::Marker {
                    marker_id: id.map(str::to_string),
                    note_id: None,
                    certain,
                });
                Role::Marker
            }
            local_name!("a") => self.link_role(attrs),
            local_name!("b") | local_name!("strong") => {
                self.bold += 1;
                Role::Bold
            }
            local_name!("i") | local_name!("em") => {
                self.italic += 1;
                Role::Italic
            }
            local_name!("table") => self.table_role(attrs),
            local_name!("tr") => self.row_role(),
            local_name!("td") | local_name!("th") => {
                self.cell_role(*name == local_name!("th"), attrs)
            }
            local_name!("caption") => match self.nearest_table_role() {
                Some(Role::Infobox) => {
                    self.push_sink(SinkKind::InfoboxCaption);
                    Role::InfoboxCaption
                }
                Some(Role::Table) => {
                    self.push_sink(SinkKind::TableCaption);
                    Role::TableCaption
                }
                _ => self.block_role(),
            },
            local_name!("ul") | local_name!("ol") | local_name!("dl") => {
                self.list_role(name, attrs)
            }
            local_name!("li") | local_name!("dt") | local_name!("dd") => {
                self.item_role(name, attrs)
            }
            local_name!("blockquote") if self.at_flow() => {
                self.flush_flow();
                self.push_sink(SinkKind::Quote);
                Role::Quote
            }
            _ if self.at_flow() && classify::is_figure_caption(name, attrs) => {
                self.flush_flow();
                self.flush_list();
                self.push_sink(SinkKind::FigureCaption);
                Role::FigureCaption
            }
            local_name!("pre") if self.at_flow() => {
                self.flush_flow();
                self.push_sink(SinkKind::Preformatted(String::new()));
                Role::Preformatted
            }
            _ if classify::is_block(name) => self.block_role(),
            _ => Role::Plain,
        }
    }

    fn block_role(&mut self) -> Role {
        if self.at_flow() {
            self.flush_flow();
            Role::FlowBlock
        } else {
            self.separate(true);
            Role::InlineBlock
        }
    }

    fn link_role(&mut self, attrs: Attrs) -> Role {
        let Some(href) = attrs.get(&local_name!("href")) else {
            return Role::Plain;
        };
        match links::classify(href) {
            Href::Note(note) => {
                if let Some(Sink {
                    kind: SinkKind::Marker { note_id, .. },
                    ..
                }) = self.sinks.last_mut()
                {
                    note_id.get_or_insert(note);
                }
                Role::Plain
            }
            Href::Backlink(marker) => match self.nearest_reference() {
                Some((_, backlinks)) => {
                    backlinks.push(marker);
                    self.skipping += 1;
                    Role::Skip
                }
                None => Role::Plain,
            },
            href => {
                self.push_sink(SinkKind::Link(href));
                Role::Link
            }
        }
    }

    fn table_role(&mut self, attrs: Attrs) -> Role {
        if self.infobox_depth > 0 || classify::is_infobox(attrs) {
            if self.infobox_depth > 0 {
                // A box nested in the infobox: its rows become the infobox's own rows.
                self.finish_infobox_row_in_cell();
            } else if self.at_flow() {
                self.flush_flow();
            }
            self.infobox_depth += 1;
            Role::Infobox
        } else if self.at_flow() && self.table.is_none() {
            self.flush_flow();
            self.flush_list();
            self.table = Some(TableFrame::default());
            Role::Table
        } else {
            self.separate(true);
            Role::InlineTable
        }
    }

    fn row_role(&mut self) -> Role {
        match self.nearest_table_role() {
            Some(Role::Infobox) => {
                self.finish_infobox_row();
                Role::InfoboxRow
            }
            Some(Role::Table) => {
                self.finish_table_row();
                Role::Row
            }
            Some(Role::InlineTable) => {
                self.separate(true);
                Role::InlineRow
            }
            _ => Role::Plain,
        }
    }

    fn cell_role(&mut self, header: bool, attrs: Attrs) -> Role {
        match self.nearest_table_role() {
            Some(Role::Infobox) => {
                self.push_sink(SinkKind::InfoboxCell { header });
                Role::InfoboxCell
            }
            Some(Role::Table) => {
                self.push_sink(SinkKind::Cell {
                    header,
                    colspan: classify::span(attrs, &local_name!("colspan")),
                    rowspan: classify::span(attrs, &local_name!("rowspan")),
                });
                Role::Cell
            }
            Some(Role::InlineTable) => {
                self.separate(false);
                Role::Plain
            }
            _ => Role::Plain,
        }
    }

    fn list_role(&mut self, name: &LocalName, attrs: Attrs) -> Role {
        if *name == local_name!("ol") && classify::is_reference_list(attrs) {
            let group = attrs
                .get(&LocalName::from("data-mw-group"))
                .map(str::to_string);
            self.citations
                .open_list(group, self.article.references.len());
            return Role::ReferenceList;
        }
        let in_item = matches!(
            self.sinks.last(),
            Some(Sink {
                kind: SinkKind::ListItem { .. },
                ..
            })
        );
        if in_item {
            // The text of the item so far comes before its sub-items.
            self.flush_partial_item();
        } else if self.at_flow() {
            self.flush_flow();
        } else {
            self.separate(true);
            return Role::InlineList;
        }
        self.lists.push(match *name {
            local_name!("ol") => ListKind::Numbered,
            local_name!("dl") => ListKind::Definition,
            _ => ListKind::Bullet,
        });
        Role::List
    }

    fn item_role(&mut self, name: &LocalName, attrs: Attrs) -> Role {
        let container = self
            .stack
            .iter()
            .rev()
            .map(|open| open.role)
            .find(|role| matches!(role, Role::List | Role::InlineList | Role::ReferenceList));
        match container {
            Some(Role::ReferenceList) => {
                self.reference_cite = None;
                self.citation_start = None;
                self.citation_end = None;
                self.template_cite = false;
                self.push_sink(SinkKind::Reference {
                    id: attrs.id().map(str::to_string),
                    urls: Vec::new(),
                    backlinks: Vec::new(),
                });
                Role::ReferenceItem
            }
            Some(Role::List) => {
                let kind = match *name {
                    local_name!("dt") => ListKind::Term,
                    local_name!("dd") => ListKind::Definition,
                    _ => self.lists.last().copied().unwrap_or(ListKind::Bullet),
                };
                let depth = u8::try_from(self.lists.len()).unwrap_or(u8::MAX);
                self.push_sink(SinkKind::ListItem { kind, depth });
                Role::ListItem
            }
            Some(Role::InlineList) => {
                let hlist = self.stack.last().is_some_and(|open| open.hlist);
                // A list in a cell keeps its items' markers, unless it is shown without them.
                let marker = match self
                    .stack
                    .iter_mut()
                    .rev()
                    .find(|open| open.role == Role::InlineList)
                {
                    Some(list) if !hlist && !list.plainlist && *name == local_name!("li") => {
                        list.items += 1;
                        Some(if list.name == local_name!("ol") {
                            format!("{}. ", list.items)
                        } else {
                            "• ".to_string()
                        })
                    }
                    _ => None,
                };
                if let Some(sink) = self.sinks.last_mut() {
                    if !is_blank(&sink.inlines) {
                        if hlist {
                            push_text(&mut sink.inlines, " · ", Emphasis::default());
                        } else {
                            push_line_break(&mut sink.inlines);
                        }
                    }
                    if let Some(marker) = marker {
                        push_text(&mut sink.inlines, &marker, Emphasis::default());
                    }
                }
                Role::Plain
            }
            _ => self.block_role(),
        }
    }

    fn void_element(&mut self, name: &LocalName, attrs: Attrs) {
        if self.skipping > 0 || !self.in_content() {
            return;
        }
        match *name {
            local_name!("br") => {
                if let Some(sink) = self.sinks.last_mut() {
                    match &mut sink.kind {
                        SinkKind::Preformatted(raw) => raw.push('\n'),
                        _ if !is_blank(&sink.inlines) => push_line_break(&mut sink.inlines),
                        _ => {}
                    }
                }
            }
            local_name!("hr") if self.at_flow() => self.flush_flow(),
            local_name!("img") => {
                if let Some(formula) = classify::math_alt_text(attrs) {
                    let emphasis = self.emphasis();
                    if let Some(sink) = self.sinks.last_mut() {
                        push_text(&mut sink.inlines, &formula, emphasis);
                    }
                }
            }
            _ => {}
        }
    }

    /// Closes the elements the HTML parser closes implicitly when `name` opens: an open `p`
    /// before a block, the previous `li`, `dt`/`dd`, row or cell.
    fn close_implied(&mut self, name: &LocalName) {
        let (closes, boundaries): (&[LocalName], &[LocalName]) = match *name {
            local_name!("li") => (
                &[local_name!("li")],
                &[
                    local_name!("ul"),
                    local_name!("ol"),
                    local_name!("table"),
                    local_name!("td"),
                    local_name!("th"),
                ],
            ),
            local_name!("dt") | local_name!("dd") => (
                &[local_name!("dt"), local_name!("dd")],
                &[
                    local_name!("dl"),
                    local_name!("table"),
                    local_name!("td"),
                    local_name!("th"),
                ],
            ),
            local_name!("tr") => (&[local_name!("tr")], &[local_name!("table")]),
            local_name!("td") | local_name!("th") => (
                &[local_name!("td"), local_name!("th")],
                &[local_name!("tr"), local_name!("table")],
            ),
            _ if classify::is_block(name) => (
                &[local_name!("p")],
                &[
                    local_name!("table"),
                    local_name!("td"),
                    local_name!("th"),
                    local_name!("caption"),
                    local_name!("button"),
                ],
            ),
            _ => return,
        };
        let mut found = None;
        for (index, open) in self.stack.iter().enumerate().rev() {
            if closes.contains(&open.name) {
                found = Some(index);
                break;
            }
            if boundaries.contains(&open.name) {
                break;
            }
        }
        if let Some(index) = found {
            self.close_down_to(index);
        }
    }

    /// Closes every open element from the innermost down to the one at `index`, inclusive.
    fn close_down_to(&mut self, index: usize) {
        while self.stack.len() > index {
            match self.stack.pop() {
                Some(open) => self.close(open.role),
                None => break,
            }
        }
    }

    fn close(&mut self, role: Role) {
        match role {
            Role::Plain => {}
            Role::Skip => self.skipping = self.skipping.saturating_sub(1),
            Role::ContentRoot => self.content_open = self.content_open.saturating_sub(1),
            Role::Title => self.has_title |= !self.pop_text().is_empty(),
            Role::PageHeading => {
                let text = self.pop_text();
                if self.page_heading.is_none() && !text.is_empty() {
                    self.page_heading = Some(text);
                }
            }
            Role::Heading => {
                if let Some(Sink {
                    kind: SinkKind::Heading(level),
                    inlines,
                }) = self.pop_sink()
                {
                    let heading = flat_text(&inlines);
                    self.article.sections.push(Section {
                        heading: Some(heading),
                        level,
                        blocks: Vec::new(),
                    });
                }
            }
            Role::FlowBlock => self.flush_flow(),
            Role::List => {
                self.lists.pop();
                if self.lists.is_empty() {
                    self.flush_list();
                }
            }
            Role::InlineBlock | Role::InlineList | Role::InlineTable | Role::InlineRow => {
                self.separate(true)
            }
            Role::ListItem => {
                if let Some(Sink {
                    kind: SinkKind::ListItem { kind, depth },
                    inlines,
                }) = self.pop_sink()
                {
                    self.push_item(kind, depth, inlines);
                }
            }
            Role::Quote => {
                let inlines = self.pop_inlines();
                if !inlines.is_empty() {
                    self.push_block(Block::Quote { inlines });
                }
            }
            Role::FigureCaption => {
                let inlines = self.pop_inlines();
                if !inlines.is_empty() {
                    self.push_block(Block::Caption { inlines });
                }
            }
            Role::Preformatted => {
                if let Some(Sink {
                    kind: SinkKind::Preformatted(raw),
                    ..
                }) = self.pop_sink()
                {
                    let text = raw.trim_matches('\n').trim_end().to_string();
                    if !text.is_empty() {
                        self.push_block(Block::Preformatted { text });
                    }
                }
            }
            Role::Table => {
                self.finish_table_row();
                if let Some(table) = self.table.take()
                    && !(table.rows.is_empty() && table.caption.is_empty())
                {
                    self.push_block(Block::Table {
                        rows: table.rows,
                        caption: table.caption,
                    });
                }
            }
            Role::Row => self.finish_table_row(),
            Role::Cell => {
                if let Some(Sink {
                    kind:
                        SinkKind::Cell {
                            header,
                            colspan,
                            rowspan,
                        },
                    inlines,
                }) = self.pop_sink()
                    && let Some(table) = &mut self.table
                {
                    table
                        .row
                        .get_or_insert_default()
                        .cells
                        .push(TableCell::new(header, trimmed(inlines)).spanning(colspan, rowspan));
                }
            }
            Role::TableCaption => {
                let inlines = self.pop_inlines();
                if let Some(table) = &mut self.table
                    && !inlines.is_empty()
                {
                    table.caption = inlines;
                }
            }
            Role::Infobox => {
                self.infobox_depth = self.infobox_depth.saturating_sub(1);
                if self.infobox_depth == 0 {
                    self.finish_infobox_row();
                }
            }
            Role::InfoboxRow => self.finish_infobox_row(),
            Role::InfoboxCell => {
                if let Some(Sink {
                    kind: SinkKind::InfoboxCell { header },
                    inlines,
                }) = self.pop_sink()
                {
                    self.infobox_row.push((header, trimmed(inlines)));
                }
            }
            Role::InfoboxCaption => {
                let caption = flat_text(&self.pop_inlines());
                if self.article.infobox.caption.is_none() && !caption.is_empty() {
                    self.article.infobox.caption = Some(caption);
                }
            }
            Role::ReferenceList => {}
            Role::ReferenceItem => self.finish_reference(),
            Role::Marker => self.finish_marker(),
            Role::Link => self.finish_link(),
            Role::Bold => self.bold = self.bold.saturating_sub(1),
            Role::Italic => self.italic = self.italic.saturating_sub(1),
        }
    }

    /// A COinS span inside a reference gives the reference its fields (the first one does).
    fn coins(&mut self, attrs: Attrs) {
        if self.reference_cite.is_none() && self.nearest_reference().is_some() {
            self.reference_cite = attrs
                .get(&local_name!("title"))
                .and_then(super::coins::read);
        }
    }

    /// Where the reference's rendered citation starts (a `citation` element) and ends (its
    /// COinS span, or the next citation), in the runs of the reference being read.
    fn mark_citation(&mut self, coins: bool) {
        let Some(Sink {
            kind: SinkKind::Reference { .. },
            inlines,
        }) = self.sinks.last()
        else {
            return;
        };
        let here = super::coins::RunPosition::end_of(inlines);
        if self.citation_start.is_none() {
            if !coins {
                self.citation_start = Some(here);
            }
        } else if self.citation_end.is_none() {
            self.citation_end = Some(here);
        }
    }

    /// Parsoid's `data-mw` of a citation template inside a reference gives the reference its
    /// fields; it comes before the COinS span and says more, so it wins.
    fn data_mw(&mut self, data_mw: &str) {
        if self.nearest_reference().is_some() {
            self.reference_cite = super::data_mw::read(data_mw);
            // The template's own parameters leave nothing for the rendering to add.
            self.template_cite = self.reference_cite.is_some();
        }
    }

    fn finish_reference(&mut self) {
        let Some(Sink {
            kind:
                SinkKind::Reference {
                    id,
                    urls,
                    backlinks,
                },
            mut inlines,
        }) = self.pop_sink()
        else {
            return;
        };
        let cite = super::coins::with_rendering(
            self.reference_cite.take(),
            &inlines,
            self.citation_start.take().filter(|_| !self.template_cite),
            self.citation_end.take(),
        );
        // What is left of the backlinks once their anchors are gone: `^`, `↑`.
        if let Some(Inline::Text { text, .. }) = inlines.first_mut() {
            *text = text
                .trim_start_matches(|c: char| c == '^' || c == '↑' || c.is_whitespace())
                .to_string();
        }
        let index = self.article.references.len();
        self.article.references.push(Reference {
            label: String::new(),
            group: None,
            text: trimmed(inlines),
            urls: crate::text::each_once(urls),
            cite: cite.map(Box::new),
        });
        self.citations.reference(index, id, backlinks);
    }

    fn finish_marker(&mut self) {
        let Some(Sink {
            kind:
                SinkKind::Marker {
                    marker_id,
                    note_id,
                    certain,
                },
            inlines,
        }) = self.pop_sink()
        else {
            return;
        };
        if certain || note_id.is_some() {
            let label = citations::rendered_label(&flat_text(&inlines));
            let slot = self.citations.marker(note_id, marker_id);
            self.emit(Inline::Citation {
                label,
                reference: Some(slot),
            });
        } else {
            // Not a footnote after all (`{{rp}}` page numbers): its text stays.
            for inline in inlines {
                self.emit(inline);
            }
        }
    }

    fn finish_link(&mut self) {
        let Some(Sink {
            kind: SinkKind::Link(href),
            inlines,
        }) = self.pop_sink()
        else {
            return;
        };
        let text = flat_text(&inlines);
        if text.is_empty() {
            return;
        }
        match href {
            Href::Article(title) => self.emit(Inline::Link {
                text,
                target: LinkTarget::Article(title),
            }),
            Href::Section { title, section } => self.emit(Inline::Link {
                text,
                target: LinkTarget::section(title, section),
            }),
            Href::External(url) => {
                // Repeats are dropped once the reference ends (`text::each_once`).
                if let Some((urls, _)) = self.nearest_reference() {
                    urls.push(url.clone());
                }
                self.emit(Inline::Link {
                    text,
                    target: LinkTarget::External(url),
                });
            }
            Href::Note(_) | Href::Backlink(_) | Href::Plain => {
                for inline in inlines {
                    self.emit(inline);
                }
            }
        }
    }

    /// The URL and backlink lists of the reference being read, if any.
    fn nearest_reference(&mut self) -> Option<(&mut Vec<String>, &mut Vec<String>)> {
        self.sinks
            .iter_mut()
            .rev()
            .find_map(|sink| match &mut sink.kind {
                SinkKind::Reference {
                    urls, backlinks, ..
                } => Some((urls, backlinks)),
                _ => None,
            })
    }

    fn nearest_table_role(&self) -> Option<Role> {
        self.stack
            .iter()
            .rev()
            .map(|open| open.role)
            .find(|role| matches!(role, Role::Infobox | Role::Table | Role::InlineTable))
    }

    /// Appends an inline to the innermost sink, merging text runs.
    fn emit(&mut self, inline: Inline) {
        let Some(sink) = self.sinks.last_mut() else {
            return;
        };
        match (inline, &mut sink.kind) {
            (inline, SinkKind::Preformatted(raw)) => raw.push_str(&inline.visible_text()),
            (Inline::Text { text, emphasis }, _) => push_text(&mut sink.inlines, &text, emphasis),
            (inline, _) => sink.inlines.push(inline),
        }
    }

    /// A soft boundary inside a sink: a line break for paragraphs and rows, else a space.
    fn separate(&mut self, line_break: bool) {
        let Some(sink) = self.sinks.last_mut() else {
            return;
        };
        if is_blank(&sink.inlines) || matches!(sink.inlines.last(), Some(Inline::LineBreak)) {
            return;
        }
        if line_break {
            push_line_break(&mut sink.inlines);
        } else {
            push_text(&mut sink.inlines, " ", Emphasis::default());
        }
    }

    fn push_sink(&mut self, kind: SinkKind) {
        self.sinks.push(Sink {
            kind,
            inlines: Vec::new(),
        });
    }

    /// Pops the innermost sink; the flow sink at the bottom stays.
    fn pop_sink(&mut self) -> Option<Sink> {
        if self.sinks.len() > 1 {
            self.sinks.pop()
        } else {
            None
        }
    }

    fn pop_inlines(&mut self) -> Vec<Inline> {
        self.pop_sink()
            .map(|sink| trimmed(sink.inlines))
            .unwrap_or_default()
    }

    fn pop_text(&mut self) -> String {
        flat_text(&self.pop_inlines())
    }

    fn push_block(&mut self, block: Block) {
        if let Some(section) = self.article.sections.last_mut() {
            section.blocks.push(block);
        }
    }

    fn flush_flow(&mut self) {
        let inlines = match self.sinks.first_mut() {
            Some(flow) => std::mem::take(&mut flow.inlines),
            None => return,
        };
        let inlines = trimmed(inlines);
        if !is_blank(&inlines) {
            self.push_block(Block::Paragraph { inlines });
        }
    }

    fn flush_list(&mut self) {
        if !self.list_items.is_empty() {
            let items = std::mem::take(&mut self.list_items);
            self.push_block(Block::List { items });
        }
    }

    fn push_item(&mut self, kind: ListKind, depth: u8, inlines: Vec<Inline>) {
        let inlines = trimmed(inlines);
        if !is_blank(&inlines) {
            self.list_items.push(ListItem {
                kind,
                depth,
                inlines,
            });
        }
    }

    fn flush_partial_item(&mut self) {
        if let Some(Sink {
            kind: SinkKind::ListItem { kind, depth },
            inlines,
        }) = self.sinks.last_mut()
        {
            let (kind, depth, inlines) = (*kind, *depth, std::mem::take(inlines));
            self.push_item(kind, depth, inlines);
        }
    }

    fn finish_table_row(&mut self) {
        if let Some(table) = &mut self.table
            && let Some(row) = table.row.take()
            && !row.cells.is_empty()
        {
            table.rows.push(row);
        }
    }

    fn finish_infobox_row(&mut self) {
        let cells = std::mem::take(&mut self.infobox_row);
        let has_image = std::mem::take(&mut self.infobox_row_has_image);
        if let Some(field) = infobox::field(cells, has_image) {
            self.push_field(field);
        }
    }

    /// A table opens inside an infobox cell: what the cell and its row hold so far is a field.
    fn finish_infobox_row_in_cell(&mut self) {
        if let Some(Sink {
            kind: SinkKind::InfoboxCell { header },
            inlines,
        }) = self.sinks.last_mut()
        {
            let (header, inlines) = (*header, std::mem::take(inlines));
            self.infobox_row.push((header, trimmed(inlines)));
        }
        self.finish_infobox_row();
    }

    fn push_field(&mut self, mut field: Field) {
        let infobox = &mut self.article.infobox;
        // The box's first header row is its name when it has no caption; lines under the
        // name (a species' temporal range) stay a header.
        if field.label.is_empty() && infobox.fields.is_empty() && infobox.caption.is_none() {
            let first_line_end = field
                .value
                .iter()
                .position(|inline| *inline == Inline::LineBreak)
                .unwrap_or(field.value.len());
            let rest = field.value.split_off(first_line_end);
            infobox.caption = Some(flat_text(&field.value));
            let rest = trimmed(rest);
            if !is_blank(&rest) {
                infobox.fields.push(Field {
                    header: true,
                    ..Field::new(String::new(), rest)
                });
            }
        } else {
            infobox.fields.push(field);
        }
    }
}

/// Appends text with HTML whitespace rules: runs of spaces collapse, also across runs.
fn push_text(inlines: &mut Vec<Inline>, text: &str, emphasis: Emphasis) {
    // Zero-width no-break spaces (coordinates templates) are invisible formatting.
    let collapsed = collapse_whitespace(text).replace('\u{feff}', "");
    let at_space = match inlines.last() {
        None | Some(Inline::LineBreak) => true,
        Some(Inline::Text { text, .. }) => text.ends_with(' '),
        Some(_) => false,
    };
    let piece = if at_space {
        collapsed.trim_start_matches(' ')
    } else {
        collapsed.as_str()
    };
    if piece.is_empty() {
        return;
    }
    match inlines.last_mut() {
        Some(Inline::Text {
            text,
            emphasis: last,
        }) if *last == emphasis => text.push_str(piece),
        _ => inlines.push(Inline::Text {
            text: piece.to_string(),
            emphasis,
        }),
    }
}

/// Ends the line: the space before the break goes, and breaks do not pile up.
fn push_line_break(inlines: &mut Vec<Inline>) {
    if let Some(Inline::Text { text, .. }) = inlines.last_mut() {
        let kept = text.trim_end().len();
        text.truncate(kept);
        if text.is_empty() {
            inlines.pop();
        }
    }
    if !matches!(inlines.last(), None | Some(Inline::LineBreak)) {
        inlines.push(Inline::LineBreak);
    }
}

/// The inlines without leading or trailing spaces and line breaks.
fn trimmed(mut inlines: Vec<Inline>) -> Vec<Inline> {
    while let Some(first) = inlines.first_mut() {
        match first {
            Inline::LineBreak => {
                inlines.remove(0);
            }
            Inline::Text { text, .. } => {
                let kept = text.trim_start();
                if kept.is_empty() {
                    inlines.remove(0);
                } else {
                    *text = kept.to_string();
                    break;
                }
            }
            _ => break,
        }
    }
    while let Some(last) = inlines.last_mut() {
        match last {
            Inline::LineBreak => {
                inlines.pop();
            }
            Inline::Text { text, .. } => {
                let kept_len = text.trim_end().len();
                if kept_len == 0 {
                    inlines.pop();
                } else {
                    text.truncate(kept_len);
                    break;
                }
            }
            _ => break,
        }
    }
    inlines
}

fn is_blank(inlines: &[Inline]) -> bool {
    inlines.iter().all(|inline| match inline {
        Inline::Text { text, .. } => text.trim().is_empty(),
        Inline::LineBreak => true,
        _ => false,
    })
}

/// The inlines as one line of text (headings, captions, link and marker text).
fn flat_text(inlines: &[Inline]) -> String {
    collapse_whitespace(&plain_text(inlines)).trim().to_string()
}

/// A `title` element's text as the article's title: whitespace collapsed, zero-width no-break
/// spaces dropped (as in the text), the site's name taken off; none when nothing is left.
pub fn title_text(text: &str) -> Option<String> {
    let title = strip_site_suffix(&text.replace('\u{feff}', ""));
    (!title.is_empty()).then_some(title)
}

/// `Mozilla - Wikipedia` → `Mozilla`: the site name browsers show after the title.
pub fn strip_site_suffix(title: &str) -> String {
    let title = collapse_whitespace(title);
    for separator in [" - ", " – ", " — ", " | "] {
        if let Some((head, site)) = title.rsplit_once(separator)
            && site.contains("Wiki")
        {
            return head.trim().to_string();
        }
    }
    title.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffixes_go() {
        assert_eq!(strip_site_suffix("Mozilla - Wikipedia"), "Mozilla");
        assert_eq!(
            strip_site_suffix("List of films featuring time loops - Wikipedia"),
            "List of films featuring time loops"
        );
        assert_eq!(
            strip_site_suffix("Dog – Wikipedia, the free encyclopedia"),
            "Dog"
        );
        assert_eq!(
            strip_site_suffix("Rock - Paper - Scissors"),
            "Rock - Paper - Scissors"
        );
    }

    #[test]
    fn whitespace_collapses_across_runs_and_trims() {
        let mut inlines = Vec::new();
        push_text(&mut inlines, "  a  ", Emphasis::default());
        push_text(&mut inlines, " b\n", Emphasis::default());
        assert_eq!(trimmed(inlines), vec![Inline::text("a b")]);
    }
}
