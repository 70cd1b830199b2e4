//! Nodes to inline runs: text with bold/italic, internal and external links, tags. The
//! `Renderer` carries what reading an article accumulates (references, infobox, bibliography);
//! templates and citations add their own methods in `templates.rs` and `cite.rs`.

use super::cite::RefBook;
use super::tree::{self, Node, Tag};
use crate::article::{Emphasis, Infobox, Inline, LinkTarget};
use crate::text::{collapse_whitespace, decode_entities, needs_collapsing};

/// Rendering stops descending below this many nested templates, links and references.
const MAX_RENDER_DEPTH: usize = 48;

/// Namespaces of files and images in the languages of the corpus and the larger wikis.
const FILE_NAMESPACES: &[&str] = &[
    "file",
    "image",
    "media",
    "datei",
    "bild",
    "fil",
    "lêer",
    "beeld",
    "afbeelding",
    "fichier",
    "immagine",
    "archivo",
    "imagem",
    "plik",
    "imagen",
];

const CATEGORY_NAMESPACES: &[&str] = &[
    "category",
    "kategorie",
    "kategori",
    "catégorie",
    "categoría",
    "categoria",
    "kategoria",
    "categorie",
];

/// Interwiki prefixes of sister projects: shown as text, not as links into the library.
const SISTER_PROJECTS: &[&str] = &[
    "wikt",
    "wiktionary",
    "s",
    "wikisource",
    "q",
    "wikiquote",
    "commons",
    "c",
    "b",
    "wikibooks",
    "n",
    "wikinews",
    "v",
    "wikiversity",
    "voy",
    "wikivoyage",
    "species",
    "d",
    "wikidata",
    "m",
    "meta",
    "mw",
    "w",
    "wikipedia",
];

pub struct Renderer {
    pub refs: RefBook,
    pub infobox: Option<Infobox>,
    depth: usize,
    /// Above 0 while a reference's text is rendered.
    pub in_reference: usize,
}

/// Collects inline runs: the current emphasis, an external link whose `]` is still to come.
#[derive(Default)]
pub struct Sink {
    inlines: Vec<Inline>,
    emphasis: Emphasis,
    /// `[url label]` seen up to the label: the url and where its label starts in `inlines`.
    open_external: Option<(String, usize)>,
    /// In template values, a new line starting a list item becomes a line break.
    pub lines_as_breaks: bool,
}

impl Sink {
    pub fn for_values() -> Sink {
        Sink {
            lines_as_breaks: true,
            ..Sink::default()
        }
    }

    /// Adds text shown as is (entities already decoded).
    pub fn plain(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        // A link's label starts a run of its own.
        let label_starts_here = self
            .open_external
            .as_ref()
            .is_some_and(|(_, start)| *start == self.inlines.len());
        if let Some(Inline::Text {
            text: last,
            emphasis,
        }) = self.inlines.last_mut()
            && *emphasis == self.emphasis
            && !label_starts_here
        {
            last.push_str(text);
            return;
        }
        self.inlines.push(Inline::Text {
            text: text.to_string(),
            emphasis: self.emphasis,
        });
    }

    pub fn push(&mut self, inline: Inline) {
        self.inlines.push(inline);
    }

    pub fn line_break(&mut self) {
        self.inlines.push(Inline::LineBreak);
    }

    /// A line ends: MediaWiki closes open bold and italic and unclosed external links there.
    pub fn end_line(&mut self) {
        self.emphasis = Emphasis::default();
        self.close_external(false);
    }

    fn apostrophes(&mut self, count: usize) {
        match count {
            2 => self.emphasis.italic = !self.emphasis.italic,
            3 => self.emphasis.bold = !self.emphasis.bold,
            4 => {
                self.plain("'");
                self.emphasis.bold = !self.emphasis.bold;
            }
            _ => {
                self.plain(&"'".repeat(count.saturating_sub(5)));
                self.emphasis.bold = !self.emphasis.bold;
                self.emphasis.italic = !self.emphasis.italic;
            }
        }
    }

    /// Turns what came since `[url` into the link's label; without its `]`, the url is the label.
    fn close_external(&mut self, closed: bool) {
        let Some((url, start)) = self.open_external.take() else {
            return;
        };
        let start = start.min(self.inlines.len());
        let label_runs: Vec<Inline> = self.inlines.drain(start..).collect();
        let label = collapse_whitespace(&visible_text(&label_runs))
            .trim()
            .to_string();
        let text = if closed && !label.is_empty() {
            label
        } else {
            url.clone()
        };
        self.inlines.push(Inline::Link {
            text,
            target: LinkTarget::External(url),
        });
        if !closed {
            self.inlines.extend(label_runs);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.inlines.is_empty()
    }

    /// The runs, whitespace collapsed and trimmed at both ends, empty runs dropped.
    pub fn finish(mut self) -> Vec<Inline> {
        self.end_line();
        tidy(self.inlines)
    }
}

/// Collapses whitespace across runs, trims the ends and around line breaks, merges texts.
pub fn tidy(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    // True when what is already out ends in a space (or nothing / a line break is before).
    let mut after_space = true;
    for inline in inlines {
        match inline {
            Inline::Text { text, emphasis } => {
                let mut text = if needs_collapsing(&text) {
                    collapse_whitespace(&text).into_owned()
                } else {
                    text
                };
                if after_space && text.starts_with(' ') {
                    text.remove(0);
                }
                if text.is_empty() {
                    continue;
                }
                after_space = text.ends_with(' ');
                match out.last_mut() {
                    Some(Inline::Text {
                        text: last,
                        emphasis: last_emphasis,
                    }) if *last_emphasis == emphasis => last.push_str(&text),
                    _ => out.push(Inline::Text { text, emphasis }),
                }
            }
            Inline::Link { mut text, target } => {
                if needs_collapsing(&text) {
                    text = collapse_whitespace(&text).into_owned();
                }
                if text.trim().len() != text.len() {
                    text = text.trim().to_string();
                }
                if text.is_empty() {
                    continue;
                }
                after_space = false;
                out.push(Inline::Link { text, target });
            }
            Inline::LineBreak => {
                trim_end(&mut out);
                if !out.is_empty() && out.last() != Some(&Inline::LineBreak) {
                    out.push(Inline::LineBreak);
                }
                after_space = true;
            }
            citation @ Inline::Citation { .. } => {
                // A marker sits right after the text it supports.
                trim_end(&mut out);
                after_space = false;
                out.push(citation);
            }
        }
    }
    trim_end(&mut out);
    if out.last() == Some(&Inline::LineBreak) {
        out.pop();
        trim_end(&mut out);
    }
    out
}

fn trim_end(out: &mut Vec<Inline>) {
    while let Some(Inline::Text { text, .. }) = out.last_mut() {
        let trimmed_len = text.trim_end_matches(' ').len();
        text.truncate(trimmed_len);
        if !text.is_empty() {
            break;
        }
        out.pop();
    }
}

/// What a reader sees of runs, citations left out (for link labels and headings).
pub fn visible_text(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text { text, .. } | Inline::Link { text, .. } => text.as_str(),
            Inline::LineBreak => " ",
            Inline::Citation { .. } => "",
        })
        .collect()
}

impl Renderer {
    pub fn new() -> Renderer {
        Renderer {
            refs: RefBook::default(),
            infobox: None,
            depth: 0,
            in_reference: 0,
        }
    }

    /// Renders nodes into runs of their own (a value, a label, a cell).
    pub fn runs(&mut self, nodes: &[Node<'_>]) -> Vec<Inline> {
        let mut sink = Sink::default();
        self.nodes(nodes, &mut sink);
        sink.finish()
    }

    /// Like `runs`, but new lines of lists inside become line breaks (template values).
    pub fn value_runs(&mut self, nodes: &[Node<'_>]) -> Vec<Inline> {
        let mut sink = Sink::for_values();
        self.nodes(nodes, &mut sink);
        sink.finish()
    }

    /// The plain text of nodes as a reader sees it, whitespace collapsed.
    pub fn plain(&mut self, nodes: &[Node<'_>]) -> String {
        // Most template values (dates, names, titles) are one text without markup: they are
        // what they say, without a trip through runs.
        if let [Node::Text(text)] = nodes
            && is_markup_free(text)
        {
            return collapse_whitespace(text).trim().to_string();
        }
        let runs = self.runs(nodes);
        visible_text(&runs).trim().to_string()
    }

    /// Parses wikitext held elsewhere (a reference body) and renders it, one level deeper.
    pub fn source_runs(&mut self, source: &str) -> Vec<Inline> {
        if !self.enter() {
            return Vec::new();
        }
        let nodes = tree::parse(source);
        // A body of several lines (a list in a note) keeps its breaks.
        let mut sink = Sink {
            lines_as_breaks: source.trim().contains('\n'),
            ..Sink::default()
        };
        self.nodes(&nodes, &mut sink);
        self.leave();
        sink.finish()
    }

    /// Registers the references inside nodes that are not shown (an unknown template, a file
    /// caption) without placing markers.
    pub fn harvest_references(&mut self, nodes: &[Node<'_>]) {
        if !self.enter() {
            return;
        }
        for node in nodes {
            match node {
                Node::Tag(tag) if tag.name == "ref" && !tag.closing => {
                    self.reference_tag(tag, &mut Sink::default())
                }
                Node::Template(template) => {
                    for argument in &template.args {
                        self.harvest_references(&argument.value);
                    }
                }
                Node::Link(parts) => {
                    for part in parts {
                        self.harvest_references(part);
                    }
                }
                _ => {}
            }
        }
        self.leave();
    }

    fn enter(&mut self) -> bool {
        if self.depth >= MAX_RENDER_DEPTH {
            return false;
        }
        self.depth += 1;
        true
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    pub fn nodes(&mut self, nodes: &[Node<'_>], sink: &mut Sink) {
        if !self.enter() {
            return;
        }
        let mut skip_in_next_text = 0;
        for (index, node) in nodes.iter().enumerate() {
            let skip = std::mem::take(&mut skip_in_next_text);
            match node {
                Node::Text(text) => self.text(text.get(skip..).unwrap_or(""), sink),
                Node::Template(template) => self.template(template, sink),
                Node::Link(parts) => {
                    let trail = match nodes.get(index + 1) {
                        Some(Node::Text(next)) => link_trail(next),
                        _ => "",
                    };
                    if self.link(parts, trail, sink) {
                        skip_in_next_text = trail.len();
                    }
                }
                Node::Tag(tag) => self.tag(tag, sink),
            }
        }
        self.leave();
    }

    fn tag(&mut self, tag: &Tag<'_>, sink: &mut Sink) {
        if tag.closing {
            return;
        }
        match tag.name {
            "br" => sink.line_break(),
            "ref" => self.reference_tag(tag, sink),
            "references" => self.references_tag(tag),
            "nowiki" => sink.plain(&decode_entities(tag.body.unwrap_or(""))),
            "math" | "chem" | "ce" | "hiero" => sink.plain(tag.body.unwrap_or("").trim()),
            "pre" | "source" | "syntaxhighlight" | "poem" => {
                let body = decode_entities(tag.body.unwrap_or("").trim_matches('\n'));
                for (number, line) in body.lines().enumerate() {
                    if number > 0 {
                        sink.line_break();
                    }
                    sink.plain(line);
                }
            }
            _ => {}
        }
    }

    /// Text with apostrophe emphasis, external links and bare URLs.
    fn text(&mut self, text: &str, sink: &mut Sink) {
        let bytes = text.as_bytes();
        let mut plain_from = 0;
        let mut at = 0;
        while let Some(offset) = crate::text::find_byte(&bytes[at..], is_markup_byte) {
            at += offset;
            let byte = bytes[at];
            let consumed = match byte {
                b'\'' if bytes.get(at + 1) == Some(&b'\'') => {
                    let count = bytes[at..].iter().take_while(|&&b| b == b'\'').count();
                    flush_plain(sink, &text[plain_from..at]);
                    sink.apostrophes(count);
                    count
                }
                b'[' => match url_at(text, at + 1) {
                    Some(url_len) => {
                        flush_plain(sink, &text[plain_from..at]);
                        let url = &text[at + 1..at + 1 + url_len];
                        sink.close_external(false);
                        sink.open_external = Some((decode_entities(url), sink.inlines.len()));
                        let after = at + 1 + url_len;
                        // The space between url and label is not part of the label.
                        let gap = text[after..].starts_with(' ') as usize;
                        url_len + 1 + gap
                    }
                    None => 0,
                },
                b']' if sink.open_external.is_some() => {
                    flush_plain(sink, &text[plain_from..at]);
                    sink.close_external(true);
                    1
                }
                // A bare URL is found at its `://`, which is rarer in text than its first letter.
                b':' => match bare_url_start(text, at) {
                    Some(start) if start >= plain_from && sink.open_external.is_none() => {
                        match url_at(text, start) {
                            Some(url_len) => {
                                let url = trim_url_end(&text[start..start + url_len]);
                                flush_plain(sink, &text[plain_from..start]);
                                let decoded = decode_entities(url);
                                sink.push(Inline::Link {
                                    text: decoded.clone(),
                                    target: LinkTarget::External(decoded),
                                });
                                start + url.len() - at
                            }
                            None => 0,
                        }
                    }
                    _ => 0,
                },
                b'\n' => {
                    flush_plain(sink, &text[plain_from..at]);
                    self.new_line(sink, &text[at + 1..])
                }
                _ => 0,
            };
            if consumed == 0 {
                at += 1;
            } else {
                at += consumed;
                plain_from = at;
            }
        }
        flush_plain(sink, &text[plain_from..]);
    }

    /// Handles a new line inside running text; returns how much of the text it took.
    fn new_line(&mut self, sink: &mut Sink, rest: &str) -> usize {
        sink.end_line();
        let markers = rest
            .bytes()
            .take_while(|b| matches!(b, b'*' | b'#' | b':' | b';'))
            .count();
        if sink.lines_as_breaks && markers > 0 {
            if !sink.is_empty() {
                sink.line_break();
            }
            1 + markers
        } else {
            sink.plain(" ");
            1
        }
    }
}

/// The bytes that mark inline markup in text: emphasis, external links, the `://` of bare
/// URLs and new lines. `text` skips over all others at once.
fn is_markup_byte(byte: u8) -> bool {
    (byte == b'\'') | (byte == b'[') | (byte == b']') | (byte == b':') | (byte == b'\n')
}

/// True when `text` would come out of `Renderer::text` as itself: no emphasis, brackets,
/// entities or URLs (new lines in it only become spaces).
fn is_markup_free(text: &str) -> bool {
    !text
        .bytes()
        .any(|byte| matches!(byte, b'\'' | b'[' | b']' | b'&'))
        && !text.split(':').skip(1).any(|after| after.starts_with("//"))
}

fn flush_plain(sink: &mut Sink, text: &str) {
    if text.contains('&') {
        sink.plain(&decode_entities(text));
    } else {
        sink.plain(text);
    }
}

const URL_SCHEMES: &[&str] = &["https://", "http://", "ftp://", "//", "mailto:", "news:"];

/// The length of the URL starting at `at`, when one does.
fn url_at(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let scheme = URL_SCHEMES.iter().find(|scheme| {
        rest.get(..scheme.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
    })?;
    let len = rest
        .find(|c: char| {
            c.is_whitespace() || matches!(c, '[' | ']' | '<' | '>' | '"' | '|' | '{' | '}')
        })
        .unwrap_or(rest.len());
    (len > scheme.len()).then_some(len)
}

/// Where a bare URL whose `://` is at `colon` starts: `http`, `https` or `ftp` right before
/// it, not glued to a word before them.
fn bare_url_start(text: &str, colon: usize) -> Option<usize> {
    if !text[colon..].starts_with("://") {
        return None;
    }
    let before = &text.as_bytes()[..colon];
    let scheme = ["https", "http", "ftp"].iter().find(|scheme| {
        before.len() >= scheme.len()
            && before[before.len() - scheme.len()..].eq_ignore_ascii_case(scheme.as_bytes())
    })?;
    let start = colon - scheme.len();
    let glued = text[..start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '/');
    (!glued).then_some(start)
}

/// Trailing punctuation belongs to the sentence, not the URL (a `)` only when unbalanced).
fn trim_url_end(url: &str) -> &str {
    let mut url = url;
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
        let trimmed = if trimmed.ends_with(')') && !trimmed.contains('(') {
            &trimmed[..trimmed.len() - 1]
        } else {
            trimmed
        };
        if trimmed.len() == url.len() {
            return url;
        }
        url = trimmed;
    }
}

/// Letters right after `]]` join the link's label (`[[dog]]s`).
fn link_trail(next: &str) -> &str {
    let len = next
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map(|(i, _)| i)
        .unwrap_or(next.len());
    &next[..len]
}

/// What a `[[…]]` target is.
enum LinkKind {
    /// An article, and the section after `#` when one is named.
    Article(String, Option<String>),
    /// Shown as its label only: same-page anchors, sister projects, `[[:Category:…]]`.
    TextOnly,
    /// Not part of the text: files, categories, interlanguage links.
    Hidden,
}

fn classify_target(raw: &str) -> LinkKind {
    let underscored = decode_entities(raw).replace('_', " ");
    let target = collapse_whitespace(&underscored);
    let target = target.trim();
    let (colon_link, target) = match target.strip_prefix(':') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, target),
    };
    if let Some((prefix, _)) = target.split_once(':') {
        let prefix = prefix.trim().to_lowercase();
        if FILE_NAMESPACES.contains(&prefix.as_str()) {
            return if colon_link {
                LinkKind::TextOnly
            } else {
                LinkKind::Hidden
            };
        }
        if CATEGORY_NAMESPACES.contains(&prefix.as_str()) || is_language_code(&prefix) {
            return if colon_link {
                LinkKind::TextOnly
            } else {
                LinkKind::Hidden
            };
        }
        if SISTER_PROJECTS.contains(&prefix.as_str()) {
            return LinkKind::TextOnly;
        }
    }
    let (page, section) = match target.split_once('#') {
        Some((page, section)) => (page.trim(), Some(section.trim())),
        None => (target, None),
    };
    if page.is_empty() {
        // `[[#History]]`: a section of this article, named once its title is known
        // (`format::own_sections`).
        return match section.filter(|section| !section.is_empty()) {
            Some(section) => LinkKind::Article(String::new(), Some(section.to_string())),
            None => LinkKind::TextOnly,
        };
    }
    let mut chars = page.chars();
    let title = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    // As written (`_` already read as a space): `wiki::anchor` decodes what needs it.
    let section = section
        .filter(|section| !section.is_empty())
        .map(str::to_string);
    LinkKind::Article(title, section)
}

/// `de`, `nds`, `zh-yue`, `simple`: prefixes of interlanguage links.
fn is_language_code(prefix: &str) -> bool {
    let mut parts = prefix.split('-');
    let head_ok = parts.next().is_some_and(|head| {
        (2..=3).contains(&head.len()) && head.bytes().all(|b| b.is_ascii_lowercase())
    });
    (head_ok && parts.all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase())))
        || prefix == "simple"
}

impl Renderer {
    /// Renders `[[…]]`; true when it became a link that took `trail`.
    fn link(&mut self, parts: &[Vec<Node<'_>>], trail: &str, sink: &mut Sink) -> bool {
        let Some(target_nodes) = parts.first() else {
            return false;
        };
        let raw_target: String = target_nodes
            .iter()
            .filter_map(|node| match node {
                Node::Text(text) => Some(*text),
                _ => None,
            })
            .collect();
        if raw_target.contains('\n') && !raw_target.trim().starts_with(':') {
            // Not a link in MediaWiki either; show what was written.
            sink.plain("[[");
            self.nodes(target_nodes, sink);
            sink.plain("]]");
            return false;
        }
        let kind = classify_target(&raw_target);
        if matches!(kind, LinkKind::Hidden) {
            // A file's caption may cite: its references are numbered like any other.
            for part in parts {
                self.harvest_references(part);
            }
            return false;
        }
        let label = match parts.get(1..) {
            Some(labels) if !labels.is_empty() => {
                let mut label_sink = Sink::default();
                for (number, label) in labels.iter().enumerate() {
                    if number > 0 {
                        label_sink.plain("|");
                    }
                    self.nodes(label, &mut label_sink);
                }
                let text = visible_text(&label_sink.finish());
                if text.trim().is_empty() {
                    pipe_trick(&raw_target)
                } else {
                    text
                }
            }
            _ => decode_entities(raw_target.trim().trim_start_matches(':')),
        };
        let text = format!("{}{trail}", label.trim());
        match kind {
            LinkKind::Article(title, None) => sink.push(Inline::Link {
                text,
                target: LinkTarget::Article(title),
            }),
            LinkKind::Article(title, Some(section)) => sink.push(Inline::Link {
                text,
                target: LinkTarget::section(title, section),
            }),
            _ => sink.plain(&text),
        }
        true
    }
}

/// `[[Paris (France)|]]` shows "Paris": namespace and parenthesis dropped.
fn pipe_trick(target: &str) -> String {
    let target = decode_entities(target.trim().trim_start_matches(':'));
    let without_namespace = target
        .split_once(':')
        .map_or(target.as_str(), |(_, rest)| rest);
    let without_parenthesis = match without_namespace.find(" (") {
        Some(open) => &without_namespace[..open],
        None => without_namespace
            .split(',')
            .next()
            .unwrap_or(without_namespace),
    };
    without_parenthesis.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(source: &str) -> Vec<Inline> {
        let nodes = tree::parse(source);
        Renderer::new().runs(&nodes)
    }

    fn italic(text: &str) -> Inline {
        Inline::Text {
            text: text.to_string(),
            emphasis: Emphasis {
                bold: false,
                italic: true,
            },
        }
    }

    #[test]
    fn links_take_their_label_trail_and_title() {
        assert_eq!(
            render("[[dog]]s and [[Cat (animal)|cats]]"),
            vec![
                Inline::article_link("dogs", "Dog"),
                Inline::text(" and "),
                Inline::article_link("cats", "Cat (animal)"),
            ]
        );
        assert_eq!(
            render("[[Foo#Early_history|history]]"),
            vec![Inline::Link {
                text: "history".to_string(),
                target: LinkTarget::section("Foo".to_string(), "Early history".to_string()),
            }]
        );
        assert_eq!(
            render("[[Foo#|foo]]"),
            vec![Inline::article_link("foo", "Foo")]
        );
        // A section of this article: its title is filled in once known (format::own_sections).
        assert_eq!(
            render("[[#Notes|below]]"),
            vec![Inline::Link {
                text: "below".to_string(),
                target: LinkTarget::section(String::new(), "Notes".to_string()),
            }]
        );
        assert_eq!(render("[[#|below]]"), vec![Inline::text("below")]);
        assert_eq!(
            render("[[Paris (France)|]]"),
            vec![Inline::article_link("Paris", "Paris (France)")]
        );
    }

    #[test]
    fn files_categories_and_interlanguage_links_are_not_text() {
        assert_eq!(
            render("a [[File:X.jpg|thumb|A [[b]] c]] b[[Category:Y]][[de:Z]] [[:Category:Y|cat]]"),
            vec![Inline::text("a b cat")]
        );
    }

    #[test]
    fn emphasis_toggles_and_resets_at_line_end() {
        assert_eq!(render("''it'' x"), vec![italic("it"), Inline::text(" x")]);
        let runs = render("'''''both''''' ''open");
        assert_eq!(
            runs[0],
            Inline::Text {
                text: "both".into(),
                emphasis: Emphasis {
                    bold: true,
                    italic: true
                }
            }
        );
        assert_eq!(runs.last(), Some(&italic("open")));
    }

    #[test]
    fn external_links_bracketed_and_bare() {
        let external = |text: &str, url: &str| Inline::Link {
            text: text.into(),
            target: LinkTarget::External(url.into()),
        };
        assert_eq!(
            render("see [http://a.example/x ''the site''] or http://b.example/y."),
            vec![
                Inline::text("see "),
                external("the site", "http://a.example/x"),
                Inline::text(" or "),
                external("http://b.example/y", "http://b.example/y"),
                Inline::text("."),
            ]
        );
        assert_eq!(
            render("[https://c.example]"),
            vec![external("https://c.example", "https://c.example")]
        );
        assert_eq!(
            render("(at HTTPS://d.example/x), xhttp://e.example and ftp://f.example: ok"),
            vec![
                Inline::text("(at "),
                external("HTTPS://d.example/x", "HTTPS://d.example/x"),
                Inline::text("), xhttp://e.example and "),
                external("ftp://f.example", "ftp://f.example"),
                Inline::text(": ok"),
            ]
        );
    }

    proptest::proptest! {
        /// The shortcut for markup-free text agrees with rendering the text into runs.
        #[test]
        fn plain_text_shortcut_agrees_with_runs(text in "[ a-z\n\t:/.\u{a0}\u{2003}]{0,40}") {
            let nodes = [Node::Text(&text)];
            let expected = visible_text(&Renderer::new().runs(&nodes)).trim().to_string();
            proptest::prop_assert_eq!(Renderer::new().plain(&nodes), expected);
        }
    }

    #[test]
    fn nowiki_and_math_keep_their_source() {
        assert_eq!(
            render("<nowiki>[[x]] &amp;</nowiki> <math>x^2</math>"),
            vec![Inline::text("[[x]] & x^2")]
        );
    }
}
