//! References as data in the browser: a reference's URLs (the original, its archive, its DOI,
//! the rest) with a dead original marked, shown under the selected reference; the chooser `o`
//! and the URL copy open when there are several; the card of its fields; copying it; and the
//! prompt that exports every reference to a file.

use super::overlay::{Overlay, Picker, Row, Sheet};
use super::{App, Pane, TextSelection};
use crate::action::{Action, Effect};
use crate::article::{Article, LinkTarget, Reference, plain_text};
use crate::cite::export::{self, Style};
use crate::cite::{Cite, Date, Kind, Name, UrlStatus};
use crate::keymap::Context;
use crate::layout::{self, Anchor, Role, Span};
use std::path::PathBuf;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The longest file name the export proposes, in bytes (file systems take 255).
const FILE_NAME_BYTES: usize = 200;

/// What a reference's URL is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlKind {
    /// The address of what was cited.
    Original,
    /// A copy of it in a web archive.
    Archive,
    /// Its DOI, through the DOI resolver.
    Doi,
    /// Any other address in the reference (a PubMed entry, a second source).
    Other,
}

impl UrlKind {
    pub fn name(self) -> &'static str {
        match self {
            UrlKind::Original => "URL",
            UrlKind::Archive => "archive",
            UrlKind::Doi => "DOI",
            UrlKind::Other => "link",
        }
    }
}

/// One URL of a reference, and the mark it carries when the original no longer serves what
/// was cited (`dead`, `unfit`, `usurped`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceUrl {
    pub kind: UrlKind,
    pub url: String,
    pub mark: Option<&'static str>,
}

impl ReferenceUrl {
    /// `archive`, `URL (dead)`: how lists and messages name it.
    pub fn label(&self) -> String {
        match self.mark {
            Some(mark) => format!("{} ({mark})", self.kind.name()),
            None => self.kind.name().to_string(),
        }
    }
}

/// What a chosen URL is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlPurpose {
    Open,
    Copy,
}

/// The list `o` (or the URL copy) shows for a reference with several URLs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlChooser {
    pub purpose: UrlPurpose,
    /// The reference's label.
    pub label: String,
    pub urls: Picker<ReferenceUrl>,
}

/// The export prompt: the format (↑ ↓ change it) and the file name typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportPrompt {
    pub style: Style,
    pub file_name: String,
    /// How many entries the file gets: the article's own and one per reference.
    pub entries: usize,
    /// The file is there: Enter again replaces it.
    pub exists: bool,
    /// Why the last try did not write (a folder that is not there, no permission).
    pub problem: Option<String>,
}

/// The selected reference's URL lines, in the references pane's lines at a width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Details {
    reference: usize,
    width: u16,
    /// The first of them, and how many they are.
    at: usize,
    count: usize,
}

/// A reference's URLs, most useful first: the original and its archive (the archive first when
/// the original is dead, unfit or usurped), the DOI, then the reference's other addresses.
pub fn urls_of(reference: &Reference) -> Vec<ReferenceUrl> {
    let cite = reference.cite.as_deref();
    let archive = cite.and_then(|cite| cite.archive_url.clone());
    let doi = cite.and_then(|cite| cite.doi.as_deref()).map(|doi| {
        crate::url_policy::openable(&format!("doi:{doi}"))
            .unwrap_or_else(|_| format!("https://doi.org/{doi}"))
    });
    let original = cite.and_then(|cite| cite.url.clone()).or_else(|| {
        reference
            .urls
            .iter()
            .find(|url| Some(*url) != archive.as_ref() && !is_doi_link(url))
            .cloned()
    });
    let mark = cite
        .and_then(|cite| cite.url_status)
        .and_then(|status| match status {
            UrlStatus::Live => None,
            UrlStatus::Dead => Some("dead"),
            UrlStatus::Unfit => Some("unfit"),
            UrlStatus::Usurped => Some("usurped"),
        });
    let original = original.map(|url| ReferenceUrl {
        kind: UrlKind::Original,
        url,
        mark,
    });
    let archive = archive.map(|url| ReferenceUrl {
        kind: UrlKind::Archive,
        url,
        mark: None,
    });
    let mut urls: Vec<ReferenceUrl> = if mark.is_some() {
        archive.into_iter().chain(original).collect()
    } else {
        original.into_iter().chain(archive).collect()
    };
    let has_doi = doi.is_some();
    urls.extend(doi.map(|url| ReferenceUrl {
        kind: UrlKind::Doi,
        url,
        mark: None,
    }));
    for url in &reference.urls {
        let listed = urls.iter().any(|known| known.url == *url);
        // The DOI is listed once, as the resolver's link, however the text wrote it.
        let doi_again = has_doi && is_doi_link(url);
        if !listed && !doi_again {
            urls.push(ReferenceUrl {
                kind: UrlKind::Other,
                url: url.clone(),
                mark: None,
            });
        }
    }
    urls
}

/// `(URL dead, archived) `: what the status line says first about a reference whose original
/// no longer serves it; empty for any other.
pub fn url_note(reference: &Reference) -> String {
    let urls = urls_of(reference);
    let Some(mark) = urls.iter().find_map(|url| url.mark) else {
        return String::new();
    };
    if urls.iter().any(|url| url.kind == UrlKind::Archive) {
        format!("(URL {mark}, archived) ")
    } else {
        format!("(URL {mark}) ")
    }
}

/// A link to the DOI resolver (`https://doi.org/10.…`, `http://dx.doi.org/…`).
fn is_doi_link(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or_default();
    rest.starts_with("doi.org/") || rest.starts_with("dx.doi.org/")
}

/// The lines under a selected reference: one per URL, `label: url` (dead ones marked),
/// indented as the reference's text is. A URL has no spaces to wrap at, so it is cut where the
/// line is full, its first piece on the label's line.
fn detail_lines(
    urls: &[ReferenceUrl],
    index: usize,
    width: usize,
    indent: usize,
) -> Vec<layout::Line> {
    // On a narrow pane the indent gives way to the URL.
    let indent = if indent + 16 > width { 0 } else { indent };
    let anchored = |text: String, role: Role| Span {
        text,
        style: layout::Style::of(role),
        anchor: Some(Anchor::Reference(index)),
    };
    let indented = |extra: usize| {
        Span::new(
            " ".repeat(indent + extra),
            layout::Style::of(Role::Decoration),
        )
    };
    let mut lines = Vec::new();
    for url in urls {
        let mut spans = vec![
            indented(0),
            anchored(url.kind.name().to_string(), Role::Label),
        ];
        if let Some(mark) = url.mark {
            spans.push(anchored(" ".to_string(), Role::Body));
            spans.push(anchored(format!("({mark})"), Role::DeadLink));
        }
        spans.push(anchored(": ".to_string(), Role::Label));
        let mut used: usize = spans.iter().map(Span::width).sum();
        let mut piece = String::new();
        for c in url.url.chars() {
            let wide = c.width().unwrap_or(0);
            if used + wide > width && !piece.is_empty() {
                spans.push(anchored(std::mem::take(&mut piece), Role::ExternalLink));
                lines.push(layout::Line {
                    spans: std::mem::take(&mut spans),
                });
                spans.push(indented(2));
                used = indent + 2;
            }
            piece.push(c);
            used += wide;
        }
        spans.push(anchored(piece, Role::ExternalLink));
        lines.push(layout::Line { spans });
    }
    lines
}

/// The file name the export proposes: the title cleaned of path separators, control
/// characters and leading dots, shortened, with the format's extension.
pub fn default_file_name(title: &str, style: Style) -> String {
    let cleaned: String = crate::text::clean(title)
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| if matches!(c, '/' | '\\') { '-' } else { c })
        .collect();
    let mut name = cleaned.trim().trim_start_matches('.').trim().to_string();
    if name.len() > FILE_NAME_BYTES {
        let mut cut = FILE_NAME_BYTES;
        while !name.is_char_boundary(cut) {
            cut -= 1;
        }
        name.truncate(cut);
    }
    if name.is_empty() {
        name.push_str("references");
    }
    format!("{name}.{}", style.extension())
}

/// A typed file name as a path: `~/` is the home folder; control characters go.
fn path_of(typed: &str) -> PathBuf {
    let typed: String = typed.trim().chars().filter(|c| !c.is_control()).collect();
    if let Some(rest) = typed.strip_prefix("~/")
        && let Some(dirs) = directories::BaseDirs::new()
    {
        return dirs.home_dir().join(rest);
    }
    PathBuf::from(typed)
}

/// One reference in a format, for the clipboard: its text as the article shows it, or its
/// entry alone (no entry for the article).
pub fn reference_as(article: &Article, index: usize, style: Style) -> Option<String> {
    let reference = article.references.get(index)?;
    if style == Style::Text {
        return Some(plain_text(&reference.text).trim().to_string());
    }
    // The article's title stays, so the key is the one a whole export gives it where it can.
    let alone = Article {
        title: article.title.clone(),
        references: vec![reference.clone()],
        ..Article::default()
    };
    // Only the article's own entry is dated by this; it is left out.
    let entries = export::entries(&alone, &[], Date::from_parts(1970, 1, 1)).ok()?;
    Some(style.write(entries.get(1..).unwrap_or_default()))
}

/// The card's rows: every field the reference has, then its URLs and its text.
fn card_rows(reference: &Reference, cited: usize) -> Vec<Row> {
    let entry = |name: &str, value: String| Row::Entry(name.to_string(), value);
    let mut rows = Vec::new();
    // The title is a field below; the heading says which reference and where it is cited.
    let cited = match cited {
        0 => "cited by no marker in the text".to_string(),
        1 => "cited once in the text".to_string(),
        n => format!("cited {n} times in the text"),
    };
    rows.push(Row::Heading(format!("[{}], {cited}", reference.label)));
    match reference.cite.as_deref() {
        Some(cite) => rows.extend(field_rows(cite)),
        None => rows.push(entry(
            "Fields",
            "none: the source gave only the text".to_string(),
        )),
    }
    for url in urls_of(reference) {
        let name = match url.kind {
            UrlKind::Original => "URL",
            UrlKind::Archive => "Archive",
            UrlKind::Doi => "DOI link",
            UrlKind::Other => "Link",
        };
        let value = match url.mark {
            Some(mark) => format!("{} ({mark})", url.url),
            None => url.url,
        };
        rows.push(entry(name, value));
    }
    rows.push(Row::Blank);
    rows.push(entry(
        "Text",
        plain_text(&reference.text).trim().to_string(),
    ));
    rows
}

fn field_rows(cite: &Cite) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut put = |name: &str, value: Option<String>| {
        if let Some(value) = value.filter(|value| !value.trim().is_empty()) {
            rows.push(Row::Entry(name.to_string(), value));
        }
    };
    let text = |value: &Option<String>| value.clone();
    let date = |value: &Option<Date>| value.as_ref().map(Date::iso);
    let names = |names: &[Name]| {
        (!names.is_empty()).then(|| {
            names
                .iter()
                .map(Name::sorted)
                .collect::<Vec<_>>()
                .join("; ")
        })
    };
    put("Type", Some(kind_name(cite.kind).to_string()));
    put("Title", text(&cite.title));
    put(container_name(cite.kind), text(&cite.container_title));
    put("Series", text(&cite.collection_title));
    let authors = if cite.author.len() == 1 {
        "Author"
    } else {
        "Authors"
    };
    put(authors, names(&cite.author));
    let editors = if cite.editor.len() == 1 {
        "Editor"
    } else {
        "Editors"
    };
    put(editors, names(&cite.editor));
    put("Date", date(&cite.issued));
    put("Publisher", text(&cite.publisher));
    put("Place", text(&cite.publisher_place));
    put("Edition", text(&cite.edition));
    put("Volume", text(&cite.volume));
    put("Issue", text(&cite.issue));
    put("Pages", text(&cite.page));
    put("Language", text(&cite.language));
    put("DOI", text(&cite.doi));
    put("ISBN", text(&cite.isbn));
    put("ISSN", text(&cite.issn));
    put("PMID", text(&cite.pmid));
    put("PMCID", text(&cite.pmcid));
    for identifier in &cite.identifiers {
        put(&identifier.scheme, Some(identifier.value.clone()));
    }
    put(
        "URL status",
        cite.url_status.map(|status| {
            match status {
                UrlStatus::Live => "live",
                UrlStatus::Dead => "dead",
                UrlStatus::Unfit => "unfit",
                UrlStatus::Usurped => "usurped",
            }
            .to_string()
        }),
    );
    put("Archived", date(&cite.archive_date));
    put("Accessed", date(&cite.accessed));
    put("Quote", text(&cite.quote));
    rows
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::WebPage => "web page",
        Kind::NewsArticle => "news article",
        Kind::MagazineArticle => "magazine article",
        Kind::JournalArticle => "journal article",
        Kind::Book => "book",
        Kind::Chapter => "book chapter",
        Kind::EncyclopediaEntry => "encyclopedia entry",
        Kind::Report => "report",
        Kind::Thesis => "thesis",
        Kind::ConferencePaper => "conference paper",
        Kind::AvMedia => "audio or video",
        Kind::Broadcast => "broadcast",
        Kind::Map => "map",
        Kind::Interview => "interview",
        Kind::Speech => "speech",
        Kind::Patent => "patent",
        Kind::Document => "document",
    }
}

/// What the work holding it is called for its kind.
fn container_name(kind: Kind) -> &'static str {
    match kind {
        Kind::WebPage => "Website",
        Kind::NewsArticle => "Newspaper",
        Kind::MagazineArticle => "Magazine",
        Kind::JournalArticle => "Journal",
        Kind::Chapter => "Book",
        Kind::EncyclopediaEntry => "Encyclopedia",
        Kind::ConferencePaper => "Proceedings",
        _ => "Work",
    }
}

/// The reference actions of `App`: which reference they act on, and what they do.
impl App {
    /// The reference the reference keys act on: the one selected in the references pane, or
    /// the one the selected marker cites. `Err` says what to do instead.
    fn target_reference(&self) -> Result<usize, String> {
        let found = match (self.focus, self.selection) {
            (Pane::References, _) => self.reference,
            (_, Some(TextSelection::Citation(index))) => {
                let citation = self.page.citations.get(index);
                match citation {
                    Some(citation) if citation.reference.is_none() => {
                        return Err(format!(
                            "[{}] has no matching reference in this article.",
                            citation.label
                        ));
                    }
                    _ => citation.and_then(|citation| citation.reference),
                }
            }
            _ => None,
        };
        found
            .filter(|&index| index < self.page.article.references.len())
            .ok_or_else(|| match self.focus {
                Pane::References => format!(
                    "Select a reference first ({}, {}).",
                    self.key_name(Context::Browse, Action::Down),
                    self.key_name(Context::Browse, Action::Up)
                ),
                _ => format!(
                    "Select a reference first: {} selects a marker, {} the references pane.",
                    self.key_name(Context::Browse, Action::NextCitation),
                    self.key_name(Context::Browse, Action::FocusNext)
                ),
            })
    }

    /// The reference the keys act on, or `None` once the reader is told what to select.
    fn reference_or_say(&mut self) -> Option<usize> {
        match self.target_reference() {
            Ok(index) => Some(index),
            Err(message) => {
                self.say(message);
                None
            }
        }
    }

    /// `o` on a reference: its one URL opens; with several, the reader chooses.
    pub(super) fn open_reference_url(&mut self) -> Option<Effect> {
        self.choose_url(UrlPurpose::Open)
    }

    /// Opens the URL of the selected reference, or the chooser for it when it has several.
    fn choose_url(&mut self, purpose: UrlPurpose) -> Option<Effect> {
        let index = self.reference_or_say()?;
        let reference = &self.page.article.references[index];
        let label = reference.label.clone();
        let mut urls = urls_of(reference);
        match urls.len() {
            0 => {
                self.say(format!("Reference [{label}] has no URL."));
                None
            }
            1 => {
                let url = urls.remove(0);
                Some(self.use_url(purpose, &label, url))
            }
            _ => {
                self.overlay = Some(Overlay::Urls(UrlChooser {
                    purpose,
                    label,
                    urls: Picker::new(urls),
                }));
                None
            }
        }
    }

    fn use_url(&mut self, purpose: UrlPurpose, label: &str, url: ReferenceUrl) -> Effect {
        match purpose {
            UrlPurpose::Open => Effect::OpenUrl(url.url),
            UrlPurpose::Copy => Effect::Copy {
                what: format!("the {} of [{label}]", url_name(&url)),
                text: url.url,
            },
        }
    }

    /// `y`: the selected reference in the configured format, to the clipboard.
    pub(super) fn copy_reference(&mut self) -> Option<Effect> {
        let index = self.reference_or_say()?;
        let style = self.cite.copy_format;
        let label = self.page.article.references[index].label.clone();
        match reference_as(&self.page.article, index, style) {
            Some(text) if !text.is_empty() => Some(Effect::Copy {
                text,
                what: format!("reference [{label}] as {}", style.name()),
            }),
            _ => {
                self.say(format!("Reference [{label}] has nothing to copy."));
                None
            }
        }
    }

    /// `Y`: the selected external link's URL, or the selected reference's (chosen when it has
    /// several).
    pub(super) fn copy_url(&mut self) -> Option<Effect> {
        if self.focus == Pane::Text
            && let Some(TextSelection::Link(index)) = self.selection
        {
            return match self.page.links.get(index).map(|link| &link.target) {
                Some(LinkTarget::External(url)) => Some(Effect::Copy {
                    text: url.clone(),
                    what: "the link's URL".to_string(),
                }),
                _ => {
                    self.say("That link is an article, not a URL.".to_string());
                    None
                }
            };
        }
        self.choose_url(UrlPurpose::Copy)
    }

    /// `c`: the card of the selected reference's fields.
    pub(super) fn show_card(&mut self) {
        let Some(index) = self.reference_or_say() else {
            return;
        };
        let cited = self.page.citing.get(index).map_or(0, Vec::len);
        let rows = card_rows(&self.page.article.references[index], cited);
        self.overlay = Some(Overlay::Card(Sheet::new(
            "Reference",
            rows,
            self.sheet_width(),
        )));
    }

    /// `e`: the export prompt, with the configured format and a file name from the title.
    pub(super) fn open_export(&mut self) {
        let count = self.page.article.references.len();
        if count == 0 {
            self.say("This article has no references to export.".to_string());
            return;
        }
        let style = self.cite.export_format;
        self.overlay = Some(Overlay::Export(ExportPrompt {
            style,
            file_name: default_file_name(self.page.title(), style),
            entries: count + 1,
            exists: false,
            problem: None,
        }));
    }

    pub(super) fn pick_url(&mut self, mut chooser: UrlChooser, action: Action) -> Option<Effect> {
        let rows = self.list_rows();
        if let Some(step) = App::list_step(action, rows) {
            chooser.urls.move_by(step, rows);
        } else if action == Action::Confirm {
            let url = chooser.urls.current().cloned()?;
            return Some(self.use_url(chooser.purpose, &chooser.label, url));
        } else if let Some(index) = self.clicked_row(action, 1, chooser.urls.offset) {
            if index == chooser.urls.selected {
                let url = chooser.urls.current().cloned()?;
                return Some(self.use_url(chooser.purpose, &chooser.label, url));
            }
            chooser.urls.select(index, rows);
        }
        self.overlay = Some(Overlay::Urls(chooser));
        None
    }

    /// Typing the export's file name; ↑ ↓ change the format (and the name's extension with it).
    pub(super) fn type_export(
        &mut self,
        mut prompt: ExportPrompt,
        action: Action,
    ) -> Option<Effect> {
        let mut effect = None;
        match action {
            Action::Type(c) if !c.is_control() => prompt.file_name.push(c),
            Action::DeleteBack | Action::DeleteWord | Action::ClearLine => {
                super::overlay::edit(&mut prompt.file_name, action);
            }
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                let at = Style::ALL
                    .iter()
                    .position(|&style| style == prompt.style)
                    .unwrap_or(0);
                let step = if matches!(action, Action::Up | Action::PageUp) {
                    Style::ALL.len() - 1
                } else {
                    1
                };
                let next = Style::ALL[(at + step) % Style::ALL.len()];
                let old_extension = format!(".{}", prompt.style.extension());
                if let Some(stem) = prompt.file_name.strip_suffix(&old_extension) {
                    prompt.file_name = format!("{stem}.{}", next.extension());
                }
                prompt.style = next;
            }
            Action::Confirm if prompt.file_name.trim().is_empty() => {
                prompt.problem = Some("Type a file name.".to_string());
                self.overlay = Some(Overlay::Export(prompt));
                return None;
            }
            // The prompt stays open until the file is written: a problem is shown in it.
            Action::Confirm => {
                effect = Some(Effect::Export {
                    path: path_of(&prompt.file_name),
                    style: prompt.style,
                    overwrite: prompt.exists,
                });
                self.overlay = Some(Overlay::Export(prompt));
                return effect;
            }
            _ => {}
        }
        prompt.exists = false;
        prompt.problem = None;
        self.overlay = Some(Overlay::Export(prompt));
        effect
    }

    /// The file an `Effect::Export` was to write is there: Enter again replaces it.
    pub fn export_file_exists(&mut self) {
        if let Some(Overlay::Export(prompt)) = &mut self.overlay {
            prompt.exists = true;
            prompt.problem = None;
        }
    }

    /// The export is written (`Ok`, what to say), or why not: the prompt stays open then, so
    /// the name can be changed.
    pub fn exported(&mut self, result: Result<String, String>) {
        match result {
            Ok(message) => {
                if matches!(self.overlay, Some(Overlay::Export(_))) {
                    self.overlay = None;
                }
                self.say(message);
            }
            Err(problem) => {
                if let Some(Overlay::Export(prompt)) = &mut self.overlay {
                    prompt.problem = Some(problem.clone());
                    prompt.exists = false;
                }
                self.say(problem);
            }
        }
    }

    /// The URL lines of the selected reference, put under it in the references pane (and
    /// those of the one selected before taken away). They go into the pane's lines in place,
    /// so a move costs the lines moved, not a copy of the pane. Lines above the view stay
    /// where they were on screen.
    pub(super) fn refresh_details(&mut self) {
        let width = self.screen.inner(Pane::References).map(|rect| rect.width);
        let wanted = self.reference.filter(|&index| {
            self.page
                .article
                .references
                .get(index)
                .is_some_and(|reference| !urls_of(reference).is_empty())
        });
        let unchanged = self.details.as_ref().is_some_and(|details| {
            Some(details.width) == width && Some(details.reference) == wanted
        });
        if unchanged || (self.details.is_none() && wanted.is_none()) {
            return;
        }
        let mut top = self.scroll[Pane::References.index()];
        if let Some(old) = self.details.take()
            && let Some(lines) = self.lines.get_mut(&(Pane::References, old.width))
        {
            lines.splice(old.at, old.count, Vec::new());
            if Some(old.width) == width {
                if top >= old.at + old.count {
                    top -= old.count;
                } else if top >= old.at {
                    top = old.at;
                }
            }
        }
        if let (Some(index), Some(width)) = (wanted, width)
            && let Some(lines) = self.lines.get_mut(&(Pane::References, width))
            && let Some((first, last)) = lines.lines_of(Anchor::Reference(index))
        {
            let indent = lines.layout.lines[first]
                .spans
                .first()
                .filter(|span| span.anchor.is_none())
                .map_or(0, |span| span.text.width());
            let urls = urls_of(&self.page.article.references[index]);
            let extra = detail_lines(&urls, index, usize::from(width), indent);
            let (at, count) = (last + 1, extra.len());
            lines.splice(at, 0, extra);
            if top >= at {
                top += count;
            }
            self.details = Some(Details {
                reference: index,
                width,
                at,
                count,
            });
        }
        self.scroll_to(Pane::References, top);
    }

    /// The lines of the references pane at `width` were laid out afresh: no URL lines in them.
    pub(super) fn forget_details(&mut self, width: u16) {
        if self
            .details
            .as_ref()
            .is_some_and(|details| details.width == width)
        {
            self.details = None;
        }
    }

    /// The reference whose URL lines are in the references pane.
    pub(super) fn details_reference(&self) -> Option<usize> {
        self.details.as_ref().map(|details| details.reference)
    }
}

/// `archive URL`, `DOI link`: a URL as a message names it.
fn url_name(url: &ReferenceUrl) -> &'static str {
    match url.kind {
        UrlKind::Original => "URL",
        UrlKind::Archive => "archive URL",
        UrlKind::Doi => "DOI link",
        UrlKind::Other => "link",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Inline;

    fn reference(cite: Cite, urls: &[&str]) -> Reference {
        Reference {
            label: "1".to_string(),
            text: vec![Inline::text("Some text.")],
            urls: urls.iter().map(|url| url.to_string()).collect(),
            cite: Some(Box::new(cite)),
            ..Reference::default()
        }
    }

    #[test]
    fn a_dead_original_comes_after_its_archive() {
        let cite = Cite {
            url: Some("http://example.com/a".into()),
            archive_url: Some("https://web.archive.org/web/2013/http://example.com/a".into()),
            url_status: Some(UrlStatus::Dead),
            doi: Some("10.1000/x".into()),
            ..Cite::default()
        };
        let urls = urls_of(&reference(
            cite,
            &[
                "https://web.archive.org/web/2013/http://example.com/a",
                "http://example.com/a",
                "https://doi.org/10.1000%2Fx",
                "https://www.ncbi.nlm.nih.gov/pubmed/1",
            ],
        ));
        let kinds: Vec<String> = urls.iter().map(ReferenceUrl::label).collect();
        assert_eq!(kinds, ["archive", "URL (dead)", "DOI", "link"]);
        assert_eq!(urls[2].url, "https://doi.org/10.1000/x");
    }

    #[test]
    fn a_live_original_comes_first_and_a_bare_reference_keeps_its_order() {
        let cite = Cite {
            url: Some("http://example.com/a".into()),
            archive_url: Some("https://archive.org/a".into()),
            ..Cite::default()
        };
        let urls = urls_of(&reference(cite, &[]));
        assert_eq!(urls[0].kind, UrlKind::Original);
        assert_eq!(urls[1].kind, UrlKind::Archive);
        let bare = Reference {
            urls: vec!["http://a.example".into(), "http://b.example".into()],
            ..Reference::default()
        };
        let urls: Vec<(UrlKind, String)> = urls_of(&bare)
            .into_iter()
            .map(|url| (url.kind, url.url))
            .collect();
        assert_eq!(
            urls,
            [
                (UrlKind::Original, "http://a.example".to_string()),
                (UrlKind::Other, "http://b.example".to_string())
            ]
        );
    }

    #[test]
    fn default_file_names_have_no_separators_or_controls() {
        assert_eq!(default_file_name("AC/DC", Style::Bibtex), "AC-DC.bib");
        assert_eq!(
            default_file_name("../..\\x\u{1b}[31m\u{7}", Style::Ris),
            "-..-x.ris"
        );
        assert_eq!(default_file_name("...", Style::CslJson), "references.json");
        let long = "é".repeat(300);
        let name = default_file_name(&long, Style::Text);
        assert!(name.len() <= FILE_NAME_BYTES + 4, "{}", name.len());
        assert!(name.ends_with(".txt"));
    }
}
