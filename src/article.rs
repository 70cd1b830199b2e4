//! The article model every reader fills and every view reads. Plain data.

use crate::text::title_key;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One article: what a reader makes of a document, or the merge of several documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub title: String,
    /// The documents this article was read from (paths, or `bundled:NAME`).
    pub sources: Vec<String>,
    pub infobox: Infobox,
    /// The lead is the first section: no heading, level 0.
    pub sections: Vec<Section>,
    /// Every reference in the order the article numbers them (all lists, e.g. notes then references).
    pub references: Vec<Reference>,
    /// Set when the document is only a redirect to another title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Infobox {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    pub fields: Vec<Field>,
}

impl Infobox {
    pub fn is_empty(&self) -> bool {
        self.caption.is_none() && self.fields.is_empty()
    }

    /// Every inline of the values, row by row.
    pub fn inlines(&self) -> impl Iterator<Item = &Inline> {
        self.fields.iter().flat_map(|field| field.value.iter())
    }

    /// How many citation markers the values hold: they come first in `Article::citations()`.
    pub fn citation_count(&self) -> usize {
        self.inlines()
            .filter(|inline| matches!(inline, Inline::Citation { .. }))
            .count()
    }
}

/// One infobox row. A field with an empty label is either a header row (a separator inside the
/// box) or a value spanning the box (a motto, a list of other names), kept line by line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub label: String,
    pub value: Vec<Inline>,
    /// A header row: its value names the rows under it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub header: bool,
}

impl Field {
    /// A labelled row.
    pub fn new(label: impl Into<String>, value: Vec<Inline>) -> Field {
        Field {
            label: label.into(),
            value,
            header: false,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub heading: Option<String>,
    /// 0 for the lead, else the number of `=` of a `==Heading==` (2 for a top-level section).
    pub level: u8,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Paragraph {
        inlines: Vec<Inline>,
    },
    List {
        items: Vec<ListItem>,
    },
    Table {
        rows: Vec<TableRow>,
        /// The table's title (`|+` in wikitext, `<caption>` in HTML), drawn centred above it.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        caption: Vec<Inline>,
    },
    Quote {
        inlines: Vec<Inline>,
    },
    Preformatted {
        text: String,
    },
    /// The caption of a figure (the picture itself is not shown): set apart from the text.
    Caption {
        inlines: Vec<Inline>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    Bullet,
    Numbered,
    Term,
    Definition,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListItem {
    pub kind: ListKind,
    /// 1 for a top-level item, 2 for an item nested in it, …
    pub depth: u8,
    pub inlines: Vec<Inline>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TableRow {
    pub cells: Vec<TableCell>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableCell {
    pub header: bool,
    pub inlines: Vec<Inline>,
    /// Columns the cell spans (`colspan`), at least 1.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub colspan: u16,
    /// Rows the cell spans (`rowspan`), at least 1.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub rowspan: u16,
}

impl Default for TableCell {
    fn default() -> TableCell {
        TableCell {
            header: false,
            inlines: Vec::new(),
            colspan: 1,
            rowspan: 1,
        }
    }
}

/// The most columns or rows a cell may span: more is an error in the page, and a bound keeps a
/// hostile `colspan=65535` from making the table that wide.
pub const MAX_SPAN: u16 = 1000;

impl TableCell {
    pub fn new(header: bool, inlines: Vec<Inline>) -> TableCell {
        TableCell {
            header,
            inlines,
            ..TableCell::default()
        }
    }

    /// Sets the spans, clamped to 1..=MAX_SPAN.
    pub fn spanning(mut self, colspan: u16, rowspan: u16) -> TableCell {
        self.colspan = colspan.clamp(1, MAX_SPAN);
        self.rowspan = rowspan.clamp(1, MAX_SPAN);
        self
    }
}

/// A `colspan` or `rowspan` value as browsers read it: its leading digits (`2`, `2;`), at most
/// `MAX_SPAN`; 1 when it has none or is zero.
pub fn parse_span(value: &str) -> u16 {
    let number = value
        .trim()
        .bytes()
        .take_while(u8::is_ascii_digit)
        .fold(0u32, |number, digit| {
            (number * 10 + u32::from(digit - b'0')).min(u32::from(MAX_SPAN))
        });
    u16::try_from(number).unwrap_or(MAX_SPAN).max(1)
}

fn one() -> u16 {
    1
}

fn is_one(value: &u16) -> bool {
    *value == 1
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Emphasis {
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bold: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub italic: bool,
}

/// A run of text inside a paragraph, list item, cell, infobox value or reference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    Text {
        text: String,
        #[serde(default, skip_serializing_if = "is_plain")]
        emphasis: Emphasis,
    },
    Link {
        text: String,
        target: LinkTarget,
    },
    /// A footnote marker such as `[3]`; `reference` indexes `Article::references`.
    Citation {
        label: String,
        reference: Option<usize>,
    },
    LineBreak,
}

/// "See also" as the Wikipedias of the corpus write it (en, de, af, nn/nb, ar, fr, es, be).
const SEE_ALSO_HEADINGS: &[&str] = &[
    "see also",
    "siehe auch",
    "sien ook",
    "sjå òg",
    "sjå også",
    "se også",
    "انظر أيضا",
    "انظر أيضاً",
    "voir aussi",
    "véase también",
    "глядзіце таксама",
];

fn is_see_also_heading(heading: &str) -> bool {
    let heading = heading.trim().to_lowercase();
    SEE_ALSO_HEADINGS.contains(&heading.as_str())
}

fn is_plain(emphasis: &Emphasis) -> bool {
    *emphasis == Emphasis::default()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "to", rename_all = "snake_case")]
pub enum LinkTarget {
    /// Another article, by title.
    Article(String),
    /// A URL outside the library.
    External(String),
    /// A section of another article (`[[Dog#Senses]]`, `./Dog#Senses`). Boxed: the two
    /// strings inline would make every `Inline` half as large again.
    Section(Box<SectionLink>),
}

/// A link to a section: the article's title, and the section as written after `#`, decoded,
/// `_` read as a space; `wiki::anchor` finds its heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionLink {
    pub title: String,
    pub section: String,
}

impl LinkTarget {
    pub fn section(title: String, section: String) -> LinkTarget {
        LinkTarget::Section(Box::new(SectionLink { title, section }))
    }

    /// The article linked to, at a section or not; none for a URL.
    pub fn title(&self) -> Option<&str> {
        match self {
            LinkTarget::Article(title) => Some(title),
            LinkTarget::Section(link) => Some(&link.title),
            LinkTarget::External(_) => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    /// The label as the article shows it: `1`, `a`, `note 1`.
    pub label: String,
    /// The list it belongs to when the article keeps several (`notes`, …); none for the main list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    pub text: Vec<Inline>,
    pub urls: Vec<String>,
    /// Its fields (title, authors, date…), where the source carries them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<Box<crate::cite::Cite>>,
}

/// Where a citation marker stands, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationSite {
    pub label: String,
    pub reference: Option<usize>,
    pub place: Place,
}

/// The part of the article a marker is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A value of the infobox, which is shown beside the lead and read before it.
    Infobox,
    /// A section of the text, by index into `Article::sections`.
    Section(usize),
}

impl Place {
    /// The section index, or none for the infobox.
    pub fn section(self) -> Option<usize> {
        match self {
            Place::Infobox => None,
            Place::Section(index) => Some(index),
        }
    }
}

/// A link found in the article text, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSite {
    pub text: String,
    pub target: LinkTarget,
    pub section: usize,
}

impl Inline {
    pub fn text(text: impl Into<String>) -> Inline {
        Inline::Text {
            text: text.into(),
            emphasis: Emphasis::default(),
        }
    }

    pub fn article_link(text: impl Into<String>, title: impl Into<String>) -> Inline {
        Inline::Link {
            text: text.into(),
            target: LinkTarget::Article(title.into()),
        }
    }

    /// The text a reader sees for this run (a citation as `[label]`).
    pub fn visible_text(&self) -> String {
        match self {
            Inline::Text { text, .. } | Inline::Link { text, .. } => text.clone(),
            Inline::Citation { label, .. } => format!("[{label}]"),
            Inline::LineBreak => "\n".to_string(),
        }
    }
}

/// The plain text of a run of inlines, citations shown as `[label]`.
pub fn plain_text(inlines: &[Inline]) -> String {
    inlines.iter().map(Inline::visible_text).collect()
}

impl Block {
    /// Every inline run of the block, in reading order.
    pub fn inline_runs(&self) -> Vec<&[Inline]> {
        match self {
            Block::Paragraph { inlines }
            | Block::Quote { inlines }
            | Block::Caption { inlines } => {
                vec![inlines.as_slice()]
            }
            Block::List { items } => items.iter().map(|item| item.inlines.as_slice()).collect(),
            Block::Table { rows, caption } => std::iter::once(caption.as_slice())
                .filter(|caption| !caption.is_empty())
                .chain(
                    rows.iter()
                        .flat_map(|row| row.cells.iter().map(|cell| cell.inlines.as_slice())),
                )
                .collect(),
            Block::Preformatted { .. } => Vec::new(),
        }
    }

    /// Mutable access to every inline run, for passes that rewrite runs in place.
    pub fn inline_runs_mut(&mut self) -> Vec<&mut Vec<Inline>> {
        match self {
            Block::Paragraph { inlines }
            | Block::Quote { inlines }
            | Block::Caption { inlines } => {
                vec![inlines]
            }
            Block::List { items } => items.iter_mut().map(|item| &mut item.inlines).collect(),
            Block::Table { rows, caption } => std::iter::once(caption)
                .filter(|caption| !caption.is_empty())
                .chain(
                    rows.iter_mut()
                        .flat_map(|row| row.cells.iter_mut().map(|cell| &mut cell.inlines)),
                )
                .collect(),
            Block::Preformatted { .. } => Vec::new(),
        }
    }
}

impl Section {
    pub fn inlines(&self) -> impl Iterator<Item = &Inline> {
        self.blocks
            .iter()
            .flat_map(|block| block.inline_runs().into_iter().flatten())
    }

    pub fn has_citations(&self) -> bool {
        self.inlines()
            .any(|inline| matches!(inline, Inline::Citation { .. }))
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }
}

impl Article {
    /// Every inline of the article: the text's, the infobox's, the references'.
    pub fn all_inlines(&self) -> impl Iterator<Item = &Inline> {
        self.sections
            .iter()
            .flat_map(Section::inlines)
            .chain(self.infobox.fields.iter().flat_map(|field| &field.value))
            .chain(self.references.iter().flat_map(|reference| &reference.text))
    }

    /// Mutable access to every inline run of the article (the text's, the infobox's, the
    /// references'), for passes that rewrite inlines in place.
    pub fn all_inline_runs_mut(&mut self) -> impl Iterator<Item = &mut Vec<Inline>> {
        self.sections
            .iter_mut()
            .flat_map(|section| &mut section.blocks)
            .flat_map(Block::inline_runs_mut)
            .chain(self.infobox.fields.iter_mut().map(|field| &mut field.value))
            .chain(
                self.references
                    .iter_mut()
                    .map(|reference| &mut reference.text),
            )
    }

    /// Every citation marker in reading order: the infobox's first (it stands at the top of
    /// the page, before the lead, in every source), then the text's section by section.
    pub fn citations(&self) -> Vec<CitationSite> {
        let infobox = self
            .infobox
            .inlines()
            .map(|inline| (Place::Infobox, inline));
        let text = self
            .sections
            .iter()
            .enumerate()
            .flat_map(|(index, section)| {
                section
                    .inlines()
                    .map(move |inline| (Place::Section(index), inline))
            });
        infobox
            .chain(text)
            .filter_map(|(place, inline)| match inline {
                Inline::Citation { label, reference } => Some(CitationSite {
                    label: label.clone(),
                    reference: *reference,
                    place,
                }),
                _ => None,
            })
            .collect()
    }

    /// Every link in the article text in reading order.
    pub fn links(&self) -> Vec<LinkSite> {
        let mut sites = Vec::new();
        for (section_index, section) in self.sections.iter().enumerate() {
            for inline in section.inlines() {
                if let Inline::Link { text, target } = inline {
                    sites.push(LinkSite {
                        text: text.clone(),
                        target: target.clone(),
                        section: section_index,
                    });
                }
            }
        }
        sites
    }

    /// The article titles the "See also" section (in any of the corpus' languages) links to.
    pub fn see_also(&self) -> Vec<String> {
        let own = title_key(&self.title);
        self.sections
            .iter()
            .filter(|section| section.heading.as_deref().is_some_and(is_see_also_heading))
            .flat_map(|section| section.inlines())
            .filter_map(|inline| match inline {
                Inline::Link { target, .. } => target.title().map(str::to_string),
                _ => None,
            })
            // A link to one of the article's own sections is no other article to see.
            .filter(|title| title_key(title) != own)
            .collect()
    }

    /// Gives the article another title (the one its wiki names it by), with the links to its
    /// own sections, which name it, renamed alike.
    pub fn retitle(&mut self, title: &str) {
        let old = title_key(&self.title);
        if self.title != title {
            for inline in self.all_inline_runs_mut().flatten() {
                if let Inline::Link {
                    target: LinkTarget::Section(link),
                    ..
                } = inline
                    && title_key(&link.title) == old
                {
                    title.clone_into(&mut link.title);
                }
            }
        }
        title.clone_into(&mut self.title);
    }

    /// Points every citation at the reference with its label, where the article has one.
    /// Readers whose markers and references come apart (plain text, HTML) call this once at the end.
    pub fn resolve_citations_by_label(&mut self) {
        // Label → its first reference, one look-up per marker.
        let mut labels: HashMap<&str, usize> = HashMap::with_capacity(self.references.len());
        for (index, reference) in self.references.iter().enumerate() {
            labels.entry(reference.label.as_str()).or_insert(index);
        }
        let infobox = self.infobox.fields.iter_mut().map(|field| &mut field.value);
        let text = self
            .sections
            .iter_mut()
            .flat_map(|section| section.blocks.iter_mut())
            .flat_map(|block| block.inline_runs_mut());
        for inline in infobox.chain(text).flatten() {
            if let Inline::Citation { label, reference } = inline
                && reference.is_none()
            {
                *reference = labels.get(label.as_str()).copied();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inline_stays_small() {
        // A long article's model is mostly inlines: a link to a section with its two strings
        // inline made each one 80 bytes instead of 56, and the 50 MB wikitext dump's peak
        // 9.1× its input instead of 7.9×.
        assert!(size_of::<Inline>() <= 56, "{}", size_of::<Inline>());
        assert!(size_of::<LinkTarget>() <= 32, "{}", size_of::<LinkTarget>());
    }

    #[test]
    fn a_section_link_keeps_its_json_form() {
        let target = LinkTarget::section("Dog".to_string(), "Senses".to_string());
        let json = serde_json::to_string(&target).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"section","to":{"title":"Dog","section":"Senses"}}"#
        );
        assert_eq!(serde_json::from_str::<LinkTarget>(&json).unwrap(), target);
    }

    fn own_section_link(title: &str) -> Inline {
        Inline::Link {
            text: "history".to_string(),
            target: LinkTarget::section(title.to_string(), "History".to_string()),
        }
    }

    fn with_see_also(title: &str, links: Vec<Inline>) -> Article {
        Article {
            title: title.to_string(),
            sections: vec![
                Section {
                    heading: Some("See also".to_string()),
                    level: 2,
                    blocks: vec![Block::Paragraph { inlines: links }],
                },
                Section {
                    heading: Some("History".to_string()),
                    level: 2,
                    blocks: Vec::new(),
                },
            ],
            ..Article::default()
        }
    }

    #[test]
    fn see_also_names_other_articles_only() {
        let article = with_see_also(
            "Dog",
            vec![own_section_link("Dog"), Inline::article_link("Cat", "Cat")],
        );
        assert_eq!(article.see_also(), ["Cat"]);
    }

    #[test]
    fn a_new_title_renames_the_links_to_the_articles_own_sections() {
        let mut article = with_see_also(
            "Dog – Folio Wiki",
            vec![
                own_section_link("Dog – Folio Wiki"),
                Inline::article_link("Cat", "Cat"),
            ],
        );
        article.retitle("Dog");
        assert_eq!(article.title, "Dog");
        let links: Vec<LinkTarget> = article
            .links()
            .into_iter()
            .map(|site| site.target)
            .collect();
        assert_eq!(
            links,
            [
                LinkTarget::section("Dog".to_string(), "History".to_string()),
                LinkTarget::Article("Cat".to_string()),
            ]
        );
    }
}
