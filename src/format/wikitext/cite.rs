//! References as MediaWiki's Cite extension numbers them: `<ref>`, named reuse, `group=`,
//! list-defined references, `{{efn}}`, `{{sfn}}` short citations, and the CS1 cite templates.

use super::cite_fields::{self, Cs1Values, name_arguments};
use super::inline::{Renderer, Sink};
use super::tree::{Node, Tag, Template};
use crate::article::{Emphasis, Inline, LinkTarget, Reference};
use crate::cite::{Cite, UrlStatus};
use crate::format::markers::label;
use aho_corasick::AhoCorasick;
use std::collections::{HashMap, HashSet};

/// One reference as it is being collected; `number` is set by its first use.
#[derive(Debug, Default)]
struct Entry {
    group: Option<String>,
    number: Option<usize>,
    text: Option<Vec<Inline>>,
    /// The list (`<references/>`) that showed it, counted from 0 in article order.
    list: Option<usize>,
    /// Short citations (`{{sfn}}`, `{{harvnb}}`) in it: first author's surname and year, to
    /// find the full entry in the bibliography.
    short: Vec<(String, String)>,
    /// The short citations above, to add each once.
    short_seen: HashSet<(String, String)>,
    /// The fields of its first citation template.
    cite: Option<Cite>,
}

/// What a reference's body gave besides its text: short citations in it and its fields.
#[derive(Debug, Default)]
struct BodyExtras {
    short: Vec<(String, String)>,
    cite: Option<Cite>,
}

/// A full citation rendered somewhere in the article, for short citations to point at.
#[derive(Debug)]
struct BibliographyEntry {
    surnames: Vec<String>,
    date: String,
    text: Vec<Inline>,
    cite: Option<Cite>,
}

#[derive(Debug, Default)]
pub struct RefBook {
    entries: Vec<Entry>,
    /// Named entries not yet shown by a list: group → name → entry.
    by_name: HashMap<Option<String>, HashMap<String, usize>>,
    next_number: HashMap<Option<String>, usize>,
    /// Entries not yet shown by a list, by group, in creation order.
    open: HashMap<Option<String>, Vec<usize>>,
    lists_shown: usize,
    bibliography: Vec<BibliographyEntry>,
    /// Short citations met while a reference's text is being rendered.
    pending_short: Vec<(String, String)>,
    /// The fields of the first citation template met while a reference's text is rendered.
    pending_cite: Option<Cite>,
    /// A `{{dead link}}` met while a reference's text is rendered.
    pending_dead: bool,
}

/// The references in numbering order, and where each collected entry went.
pub struct FinishedReferences {
    pub references: Vec<Reference>,
    /// Entry id → index into `references`.
    pub index_of: Vec<Option<usize>>,
}

impl RefBook {
    /// A use of a reference: finds or makes its entry, numbers it on first use, keeps the first
    /// text given. Returns the citation marker.
    fn cite(
        &mut self,
        group: Option<String>,
        name: Option<String>,
        text: Option<Vec<Inline>>,
        extras: BodyExtras,
    ) -> Inline {
        let id = self.entry(group.clone(), name, text);
        self.add_extras(id, extras);
        let number = match self.entries[id].number {
            Some(number) => number,
            None => {
                let next = self.next_number.entry(group.clone()).or_insert(0);
                *next += 1;
                self.entries[id].number = Some(*next);
                *next
            }
        };
        Inline::Citation {
            label: label(group.as_deref(), number),
            reference: Some(id),
        }
    }

    /// The entry for a name (made when new); an unnamed reference is always new.
    fn entry(
        &mut self,
        group: Option<String>,
        name: Option<String>,
        text: Option<Vec<Inline>>,
    ) -> usize {
        if let Some(&id) = name
            .as_ref()
            .and_then(|name| self.by_name.get(&group)?.get(name))
        {
            let entry = &mut self.entries[id];
            if entry.text.is_none() {
                entry.text = text;
            }
            return id;
        }
        let id = self.entries.len();
        self.open.entry(group.clone()).or_default().push(id);
        if let Some(name) = name {
            self.by_name
                .entry(group.clone())
                .or_default()
                .insert(name, id);
        }
        self.entries.push(Entry {
            group,
            text,
            ..Entry::default()
        });
        id
    }

    /// Short citations and fields of an entry's body; the first fields given stay.
    fn add_extras(&mut self, id: usize, extras: BodyExtras) {
        let entry = &mut self.entries[id];
        for cited in extras.short {
            if entry.short_seen.insert(cited.clone()) {
                entry.short.push(cited);
            }
        }
        if entry.cite.is_none() {
            entry.cite = extras.cite;
        }
    }

    /// `{{dead link}}`: the URL of the reference being rendered no longer serves it.
    pub fn mark_dead(&mut self) {
        self.pending_dead = true;
    }

    /// `<ref follow="name">`: more text for an earlier reference, no marker of its own.
    fn follow(&mut self, group: Option<String>, name: String, text: Vec<Inline>) -> bool {
        let Some(&id) = self.by_name.get(&group).and_then(|names| names.get(&name)) else {
            return false;
        };
        let entry_text = self.entries[id].text.get_or_insert_with(Vec::new);
        entry_text.push(Inline::text(" "));
        entry_text.extend(text);
        true
    }

    /// A list of the group is shown here: it takes the group's references so far, and later
    /// references of the group start a new list numbered from 1, as MediaWiki does.
    fn list(&mut self, group: Option<String>) {
        let list = self.lists_shown;
        self.lists_shown += 1;
        for id in self.open.remove(&group).unwrap_or_default() {
            let entry = &mut self.entries[id];
            if entry.number.is_some() {
                entry.list = Some(list);
            }
        }
        self.by_name.remove(&group);
        self.next_number.remove(&group);
    }

    /// Every used reference: lists in the order the article shows them, then references no
    /// list shows (by group, in order of first use), each list in number order. A short
    /// citation is followed by the full entry it names.
    pub fn finish(mut self) -> FinishedReferences {
        // Groups no list shows, ranked in order of first use.
        let mut unlisted: HashMap<&Option<String>, usize> = HashMap::new();
        for entry in &self.entries {
            if entry.list.is_none() && entry.number.is_some() {
                let rank = unlisted.len();
                unlisted.entry(&entry.group).or_insert(rank);
            }
        }
        let mut order: Vec<usize> = (0..self.entries.len())
            .filter(|&id| self.entries[id].number.is_some())
            .collect();
        order.sort_by_key(|&id| {
            let entry = &self.entries[id];
            let list = entry.list.unwrap_or_else(|| {
                let rank = unlisted.get(&entry.group).copied().unwrap_or(0);
                self.lists_shown + rank
            });
            (list, entry.number)
        });
        let shorts = self.entries.iter().flat_map(|entry| entry.short.iter());
        let full_entries = full_entries(&self.bibliography, shorts);
        let mut index_of = vec![None; self.entries.len()];
        let mut references = Vec::with_capacity(order.len());
        for id in order {
            index_of[id] = Some(references.len());
            let entry = &mut self.entries[id];
            let mut text = entry.text.take().unwrap_or_default();
            let mut cite = entry.cite.take();
            for short in std::mem::take(&mut entry.short) {
                let full = full_entries
                    .get(&short)
                    .and_then(|&index| self.bibliography.get(index));
                if let Some(full) = full {
                    text.push(Inline::text(" → "));
                    text.extend(full.text.iter().cloned());
                    // A short citation's fields are its full entry's.
                    if cite.is_none() {
                        cite.clone_from(&full.cite);
                    }
                }
            }
            references.push(Reference {
                label: label(entry.group.as_deref(), entry.number.unwrap_or_default()),
                group: entry.group.clone(),
                urls: urls_of(&text),
                text: super::inline::tidy(text),
                cite: cite.map(Box::new),
            });
        }
        FinishedReferences {
            references,
            index_of,
        }
    }
}

/// For each short citation (surname, year), the first entry of the bibliography whose first
/// author has the surname and whose date contains the year. All the years are searched for in
/// one pass over the dates (Aho-Corasick), so many short citations and a long bibliography
/// cost their sum, not their product.
fn full_entries<'a>(
    bibliography: &[BibliographyEntry],
    shorts: impl Iterator<Item = &'a (String, String)>,
) -> HashMap<(String, String), usize> {
    let mut years_of: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (surname, year) in shorts {
        years_of.entry(surname).or_default().insert(year);
    }
    // The empty year (a short citation without one) is in every date: no pattern for it.
    let mut years: Vec<&str> = years_of
        .values()
        .flatten()
        .copied()
        .filter(|year| !year.is_empty())
        .collect();
    years.sort_unstable();
    years.dedup();
    let mut found: HashMap<(String, String), usize> = HashMap::new();
    let finder = AhoCorasick::new(&years).ok();
    for (index, full) in bibliography.iter().enumerate() {
        let Some((surname, wanted)) = full
            .surnames
            .first()
            .and_then(|surname| years_of.get_key_value(surname.as_str()))
        else {
            continue;
        };
        let mut note = |year: &str| {
            if wanted.contains(year) {
                found
                    .entry((surname.to_string(), year.to_string()))
                    .or_insert(index);
            }
        };
        // Every string contains the empty year.
        note("");
        match &finder {
            Some(finder) => {
                for year in finder.find_overlapping_iter(full.date.as_str()) {
                    note(years[year.pattern().as_usize()]);
                }
            }
            // The automaton could not be built (beyond its limits): test each year.
            None => {
                for year in wanted {
                    if full.date.contains(year) {
                        note(year);
                    }
                }
            }
        }
    }
    found
}

/// The fields of a citation template given as its name and its named arguments' wikitext
/// (Parsoid's `data-mw`), when the wikitext reader reads that template as a citation (none
/// for other templates): the same CS1 reading, without writing the call out and parsing it
/// again. The caller passes only templates named like citations: an unknown one is read as a
/// web citation when it has a title or URL, as it is inside a wikitext reference.
pub fn template_fields<'p>(
    name: &str,
    arguments: impl IntoIterator<Item = (&'p str, &'p str)> + Clone,
) -> Option<Cite> {
    let name = super::templates::normalize_name(name);
    let kind = match name.strip_prefix("cite ") {
        Some(kind) => kind,
        None if matches!(
            name.as_str(),
            "citation" | "cite" | "literatur" | "internetquelle"
        ) =>
        {
            name.as_str()
        }
        None => {
            let mut names = arguments.clone().into_iter().map(|(name, _)| name);
            let cites = |name: &str| {
                ["title", "url", "titel"]
                    .iter()
                    .any(|wanted| name.eq_ignore_ascii_case(wanted))
            };
            if !names.any(cites) {
                return None;
            }
            "web"
        }
    };
    let mut renderer = Renderer::new();
    // The values are read as inside a reference, where the template stood.
    renderer.in_reference = 1;
    let reading = cite_fields::read(arguments, |value| renderer.plain_wikitext(value));
    Some(reading.into_cite(kind)).filter(|cite| !cite.is_empty())
}

/// The URLs a reference links to, in order, each once.
fn urls_of(text: &[Inline]) -> Vec<String> {
    let urls = text.iter().filter_map(|inline| match inline {
        Inline::Link {
            target: LinkTarget::External(url),
            ..
        } => Some(url.clone()),
        _ => None,
    });
    crate::text::each_once(urls.collect())
}

/// `name="x"`, `name='x'` or `name=x` in a tag's attributes.
pub fn attribute(attrs: &str, wanted: &str) -> Option<String> {
    let mut rest = attrs;
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq].trim();
        let key = key.rsplit(char::is_whitespace).next().unwrap_or(key);
        let after = rest[eq + 1..].trim_start();
        let (value, next) = match after.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let inner = &after[1..];
                match inner.find(quote) {
                    Some(end) => (&inner[..end], &inner[end + 1..]),
                    None => (inner, ""),
                }
            }
            _ => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        if key.eq_ignore_ascii_case(wanted) {
            let value = crate::text::collapse_whitespace(value).trim().to_string();
            return (!value.is_empty()).then_some(value);
        }
        rest = next;
    }
    None
}

/// The group of a template's `group=` argument, or the template's own default.
fn group_argument(
    renderer: &mut Renderer,
    template: &Template<'_>,
    default: Option<&str>,
) -> Option<String> {
    template
        .named(&["group"])
        .map(|value| renderer.plain(value))
        .map(|group| group.trim_matches(['"', '\'']).to_string())
        .filter(|group| !group.is_empty())
        .or_else(|| default.map(str::to_string))
}

impl Renderer {
    /// `<ref>`, `<ref name=…>…</ref>`, `<ref name=… />`, with `group=` and `follow=`.
    pub fn reference_tag(&mut self, tag: &Tag<'_>, sink: &mut Sink) {
        let name = attribute(tag.attrs, "name");
        let group = attribute(tag.attrs, "group");
        let (text, extras) = self.reference_text(tag.body);
        if let (Some(parent), Some(text)) = (attribute(tag.attrs, "follow"), &text)
            && self.refs.follow(group.clone(), parent, text.clone())
        {
            return;
        }
        // `<ref />` with neither name nor text is an error in MediaWiki: no reference.
        if name.is_none() && text.is_none() {
            return;
        }
        let citation = self.refs.cite(group, name, text, extras);
        sink.push(citation);
    }

    /// The plain text of wikitext held as a string (a `data-mw` value), as `plain` gives it
    /// for the parsed nodes. Most values (names, dates, titles, URLs) have no markup at all:
    /// they are their text, without a parse or a trip through runs.
    fn plain_wikitext(&mut self, source: &str) -> String {
        let markup = |byte: u8| {
            matches!(
                byte,
                b'{' | b'}' | b'[' | b']' | b'<' | b'|' | b'\'' | b'&' | b'\n'
            )
        };
        if crate::text::find_byte(source.as_bytes(), markup).is_none() {
            return crate::text::collapse_whitespace(source).trim().to_string();
        }
        let nodes = super::tree::parse(source);
        self.plain(&nodes)
    }

    /// A reference body's runs (none when blank), and the short citations and fields in it.
    fn reference_text(&mut self, body: Option<&str>) -> (Option<Vec<Inline>>, BodyExtras) {
        let body = body.map(str::trim).filter(|body| !body.is_empty());
        self.in_body(|renderer| {
            body.map(|body| match renderer.source_runs(body) {
                // Unknown templates gave nothing: show what they were given rather than nothing.
                runs if runs.is_empty() => renderer.template_arguments(body),
                runs => runs,
            })
        })
    }

    /// Renders a reference's body: what the body's templates leave for the reference (short
    /// citations, fields, a dead link) is collected apart from an enclosing body's.
    fn in_body(
        &mut self,
        render: impl FnOnce(&mut Renderer) -> Option<Vec<Inline>>,
    ) -> (Option<Vec<Inline>>, BodyExtras) {
        let outer_short = std::mem::take(&mut self.refs.pending_short);
        let outer_cite = self.refs.pending_cite.take();
        let outer_dead = std::mem::take(&mut self.refs.pending_dead);
        self.in_reference += 1;
        let text = render(self);
        self.in_reference -= 1;
        let short = std::mem::replace(&mut self.refs.pending_short, outer_short);
        let mut cite = std::mem::replace(&mut self.refs.pending_cite, outer_cite);
        if std::mem::replace(&mut self.refs.pending_dead, outer_dead) {
            // A bare URL marked dead still says that much about itself.
            let cite = cite.get_or_insert_with(|| Cite {
                url: text.as_deref().and_then(|text| {
                    urls_of(text)
                        .into_iter()
                        .find_map(|url| crate::cite::web_url(&url))
                }),
                ..Cite::default()
            });
            if cite.url_status.is_none() {
                cite.url_status = Some(UrlStatus::Dead);
            }
        }
        let cite = cite.filter(|cite| !cite.is_empty());
        (text, BodyExtras { short, cite })
    }

    /// The templates of a reference body that were given something, each as its name and its
    /// arguments in order, named ones as `Name: value`, URLs as links, in the CS1 manner
    /// (`{{SCref|unit=cd|3520}}` → "SCref. Unit: cd. 3520.").
    fn template_arguments(&mut self, body: &str) -> Vec<Inline> {
        let mut out = Cs1::default();
        for node in super::tree::parse(body) {
            let Node::Template(template) = node else {
                continue;
            };
            let arguments: Vec<(Option<&str>, String)> = template
                .args
                .iter()
                .map(|argument| {
                    let key = argument
                        .name
                        .filter(|name| !name.bytes().all(|b| b.is_ascii_digit()));
                    (key, self.plain(&argument.value))
                })
                .filter(|(_, value)| !value.is_empty())
                .collect();
            if arguments.is_empty() {
                continue;
            }
            out.text(&template.name_text());
            out.stop();
            for (key, value) in arguments {
                if let Some(key) = key {
                    out.text(&format!("{}: ", crate::format::labels::humanize(key)));
                }
                if value.contains("://") {
                    out.link(&value, &value);
                } else {
                    out.text(&value);
                }
                out.stop();
            }
        }
        out.finish()
    }

    /// `<references/>` marks where a list stands; `<references>…</references>` defines the
    /// references inside it without numbering them.
    pub fn references_tag(&mut self, tag: &Tag<'_>) {
        let group = attribute(tag.attrs, "group");
        if let Some(body) = tag.body {
            let nodes = super::tree::parse(body);
            self.define_listed(&nodes, group.clone());
        }
        self.refs.list(group);
    }

    fn define_listed(&mut self, nodes: &[Node<'_>], group: Option<String>) {
        for node in nodes {
            if let Node::Tag(tag) = node
                && tag.name == "ref"
                && !tag.closing
            {
                let name = attribute(tag.attrs, "name");
                let (text, extras) = self.reference_text(tag.body);
                let group = attribute(tag.attrs, "group").or_else(|| group.clone());
                let id = self.refs.entry(group, name, text);
                self.refs.add_extras(id, extras);
            }
        }
    }

    /// `{{reflist}}`, `{{notelist}}` and their kin: a list, perhaps with list-defined refs
    /// (`refs=`, or the content of `{{#tag:references|…}}`).
    pub fn reference_list(&mut self, template: &Template<'_>, default_group: Option<&str>) {
        let group = group_argument(self, template, default_group);
        let refs = template
            .named(&["refs", "notes"])
            .or_else(|| template.positional(0));
        if let Some(refs) = refs {
            self.define_listed(refs, group.clone());
        }
        self.refs.list(group);
    }

    /// `{{efn|…}}`, `{{refn|…}}`, `{{#tag:ref|…}}`: a footnote written as a template.
    pub fn footnote_template(
        &mut self,
        template: &Template<'_>,
        default_group: Option<&str>,
        sink: &mut Sink,
    ) {
        let group = group_argument(self, template, default_group);
        let name = template
            .named(&["name"])
            .map(|value| self.plain(value).trim_matches(['"', '\'']).to_string())
            .filter(|name| !name.is_empty());
        let body = template
            .named(&["text", "1"])
            .or_else(|| template.positional(0));
        let (text, extras) = self.in_body(|renderer| body.map(|body| renderer.value_runs(body)));
        if name.is_none() && text.is_none() {
            return;
        }
        let citation = self.refs.cite(group, name, text, extras);
        sink.push(citation);
    }

    /// The Harvard short citations: `{{sfn|Smith|Jones|2001|p=5}}` (a footnote, "Smith & Jones
    /// 2001, p. 5."), `{{harv}}` "(Smith 2001, p. 5)", `{{harvnb}}` "Smith 2001, p. 5",
    /// `{{harvtxt}}` "Smith (2001, p. 5)", `{{sfnp}}` "Smith (2001), p. 5.", the `harvcol` kinds
    /// with "2001:5", and `{{harvs}}` with named authors and years. Each points at the full
    /// entry of the bibliography with the first author's surname and the year.
    pub fn short_citation(&mut self, template: &Template<'_>, kind: &str, sink: &mut Sink) {
        let (authors, years) = if kind == "harvs" {
            self.harvs_names(template)
        } else {
            self.positional_names(template)
        };
        let style = match kind {
            "sfnp" => Harvard::YearInParentheses,
            "harv" | "harvp" | "harvcol" => Harvard::Parenthesized,
            "harvtxt" | "harvcoltxt" => Harvard::Text,
            "harvs" => harvs_style(self, template),
            _ => Harvard::Bare,
        };
        let mut location = String::new();
        let mut param = |names: &[&str]| template.named(names).map(|value| self.plain(value));
        let colon = kind.starts_with("harvcol");
        if let Some(pages) = param(&["pp", "pages"]).or_else(|| param(&["p", "page"])) {
            let single = template.named(&["pp", "pages"]).is_none();
            location = match (colon, single) {
                (true, _) => format!(":{pages}"),
                (false, true) => format!(", p. {pages}"),
                (false, false) => format!(", pp. {pages}"),
            };
        }
        if let Some(at) = param(&["loc", "at"]) {
            location.push_str(&format!(", {at}"));
        }
        let names = join_authors(
            &authors
                .iter()
                .map(|(_, shown)| shown.clone())
                .collect::<Vec<_>>(),
            " & ",
        );
        let year = years.join(", ");
        let text = match style {
            _ if year.is_empty() => format!("{names}{location}"),
            Harvard::Bare => format!("{names} {year}{location}"),
            Harvard::Parenthesized => format!("({names} {year}{location})"),
            Harvard::Text => format!("{names} ({year}{location})"),
            Harvard::YearInParentheses => format!("{names} ({year}){location}"),
        };
        let text = text.trim().to_string();
        let surname = authors
            .first()
            .map(|(surname, _)| surname.to_lowercase())
            .unwrap_or_default();
        let shorts: Vec<(String, String)> = if years.is_empty() {
            vec![(surname, String::new())]
        } else {
            years.into_iter().map(|y| (surname.clone(), y)).collect()
        };
        if kind.starts_with("sfn") {
            let name = format!("FOOTNOTE {text}");
            let runs = vec![Inline::text(format!("{text}."))];
            let extras = BodyExtras {
                short: shorts,
                cite: None,
            };
            let citation = self.refs.cite(None, Some(name), Some(runs), extras);
            sink.push(citation);
        } else {
            self.refs.pending_short.extend(shorts);
            sink.plain(&text);
        }
    }

    /// `{{sfn|Smith|Jones|2001}}`: the authors (surname, as shown) and the year, the last
    /// positional argument.
    fn positional_names(
        &mut self,
        template: &Template<'_>,
    ) -> (Vec<(String, String)>, Vec<String>) {
        let mut values: Vec<String> = template
            .positionals()
            .map(|value| self.plain(value))
            .collect();
        let year = if values.len() > 1 { values.pop() } else { None };
        let authors = values.into_iter().map(|a| (a.clone(), a)).collect();
        (authors, year.into_iter().collect())
    }

    /// `{{harvs|last1=Smith|first1=Ann|author2=Jones|year=2001|year2=2006}}`: up to four
    /// authors, "Ann Smith" when a given name is there, and up to four years.
    fn harvs_names(&mut self, template: &Template<'_>) -> (Vec<(String, String)>, Vec<String>) {
        let mut authors = Vec::new();
        for slot in name_arguments(cite_fields::named_arguments(template))
            .authors
            .into_iter()
            .take(4)
        {
            let Some(last) = slot
                .last
                .map(|value| self.plain(value))
                .filter(|l| !l.is_empty())
            else {
                continue;
            };
            let shown = match slot.first.map(|value| self.plain(value)) {
                Some(first) if !first.is_empty() => format!("{first} {last}"),
                _ => last.clone(),
            };
            authors.push((last, shown));
        }
        let years = [&["year", "year1"][..], &["year2"], &["year3"], &["year4"]]
            .iter()
            .filter_map(|names| template.named(names).map(|value| self.plain(value)))
            .filter(|year| !year.is_empty())
            .collect();
        (authors, years)
    }

    /// A CS1 citation (`{{cite web}}`, `{{cite book}}`, `{{citation}}`, German `{{Literatur}}`
    /// and `{{Internetquelle}}`): authors (date). "Title". Work. Publisher. Pages. Identifiers.
    /// Archived from the original on … Retrieved …. Its fields become the reference's (the
    /// first citation of a reference gives them).
    pub fn cite_template(&mut self, template: &Template<'_>, kind: &str, sink: &mut Sink) {
        let arguments = cite_fields::named_arguments(template);
        let reading = cite_fields::read(arguments, |value| self.plain(value));
        let mut surnames = Vec::new();
        let mut authors = Vec::new();
        for name in reading.authors.iter().take(MAX_SHOWN_AUTHORS) {
            surnames.push(name.last.to_lowercase());
            match &name.first {
                Some(first) if !first.is_empty() => authors.push(format!("{}, {first}", name.last)),
                _ => authors.push(name.last.clone()),
            }
        }
        if let Some(list) = &reading.author_list {
            surnames.push(list.split([',', ' ']).next().unwrap_or("").to_lowercase());
            authors.push(list.clone());
        }
        let values = &reading.values;
        let runs = show_cs1(values, &authors, kind);
        let date = values.date.clone().unwrap_or_default();
        let cite = reading.into_cite(kind);
        if self.in_reference > 0 && self.refs.pending_cite.is_none() && !cite.is_empty() {
            self.refs.pending_cite = Some(cite.clone());
        }
        // Kept for short citations to point at, with its text and fields.
        self.refs.bibliography.push(BibliographyEntry {
            surnames,
            date,
            text: runs.clone(),
            cite: Some(cite).filter(|cite| !cite.is_empty()),
        });
        for run in runs {
            match run {
                Inline::Text { text, emphasis } if emphasis == Emphasis::default() => {
                    sink.plain(&text)
                }
                other => sink.push(other),
            }
        }
    }
}

/// A CS1 citation as CS1 renders it.
fn show_cs1(values: &Cs1Values, authors: &[String], kind: &str) -> Vec<Inline> {
    let Cs1Values {
        date,
        title,
        chapter,
        work,
        volume,
        issue,
        location,
        publisher,
        pages,
        page,
        url,
        archive_url,
        archive_date,
        access_date,
        doi,
        isbn,
        issn,
        pmid,
        language,
        via,
        quote,
        ..
    } = values;
    let date = date.clone().unwrap_or_default();
    let title = title.clone().unwrap_or_default();
    let mut out = Cs1::default();
    let book_like = matches!(kind, "book" | "literatur") || (kind == "citation" && work.is_none());
    if !authors.is_empty() {
        let shown = join_authors_cs1(authors);
        out.text(&shown);
        if date.is_empty() {
            out.stop();
        } else {
            out.text(&format!(" ({date})"));
            out.stop();
        }
    }
    if let Some(chapter) = &chapter {
        out.text(&format!("\"{chapter}\""));
        out.stop();
        out.text("In ");
    }
    if !title.is_empty() {
        let linked = url.as_deref().filter(|_| chapter.is_none());
        if book_like {
            out.title(&title, linked, true);
        } else {
            out.text("\"");
            out.title(&title, linked, false);
            out.text("\"");
        }
        if let Some(language) = &language {
            out.text(&format!(" (in {language})"));
        }
        out.stop();
    } else if let Some(url) = &url {
        out.title(url, Some(url), false);
        out.stop();
    }
    if let Some(work) = &work {
        out.italic(work);
        if let Some(volume) = &volume {
            out.text(&format!(" {volume}"));
        }
        if let Some(issue) = &issue {
            out.text(&format!(" ({issue})"));
        }
        out.stop();
    }
    match (&location, &publisher) {
        (Some(location), Some(publisher)) => out.text(&format!("{location}: {publisher}")),
        (None, Some(publisher)) => out.text(publisher),
        (Some(location), None) => out.text(location),
        (None, None) => {}
    }
    if location.is_some() || publisher.is_some() {
        out.stop();
    }
    if authors.is_empty() && !date.is_empty() {
        out.text(&date);
        out.stop();
    }
    if let Some(pages) = &pages {
        out.text(&format!("pp. {pages}"));
        out.stop();
    } else if let Some(page) = &page {
        out.text(&format!("p. {page}"));
        out.stop();
    }
    if let Some(via) = &via {
        out.text(&format!("Via {via}"));
        out.stop();
    }
    if let Some(doi) = &doi {
        out.text("doi:");
        out.link(doi, &format!("https://doi.org/{doi}"));
        out.stop();
    }
    if let Some(isbn) = &isbn {
        out.text(&format!("ISBN {isbn}"));
        out.stop();
    }
    if let Some(issn) = &issn {
        out.text(&format!("ISSN {issn}"));
        out.stop();
    }
    if let Some(pmid) = &pmid {
        out.text(&format!("PMID {pmid}"));
        out.stop();
    }
    if let Some(archive_url) = &archive_url {
        out.link("Archived", archive_url);
        out.text(" from the original");
        if let Some(archive_date) = &archive_date {
            out.text(&format!(" on {archive_date}"));
        }
        out.stop();
    }
    if let Some(access_date) = &access_date {
        out.text(&format!("Retrieved {access_date}"));
        out.stop();
    }
    if let Some(quote) = &quote {
        out.text(&format!("\"{quote}\""));
    }
    out.finish()
}

/// Where a Harvard citation puts the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Harvard {
    /// Smith 2001, p. 5
    Bare,
    /// (Smith 2001, p. 5)
    Parenthesized,
    /// Smith (2001, p. 5): the authors are part of the sentence.
    Text,
    /// Smith (2001), p. 5
    YearInParentheses,
}

/// `{{harvs}}` is parenthesized unless `txt` or `nb` is given, as a flag or `txt=yes`.
fn harvs_style(renderer: &mut Renderer, template: &Template<'_>) -> Harvard {
    let flags: Vec<String> = template
        .positionals()
        .map(|value| renderer.plain(value).to_lowercase())
        .collect();
    let mut set = |flag: &str| {
        flags.iter().any(|f| f == flag)
            || template
                .named(&[flag])
                .map(|value| renderer.plain(value).to_lowercase())
                .is_some_and(|value| !matches!(value.as_str(), "" | "no" | "n" | "false" | "0"))
    };
    if set("txt") {
        Harvard::Text
    } else if set("nb") {
        Harvard::Bare
    } else {
        Harvard::Parenthesized
    }
}

/// CS1 shows nine authors at most (then "et al."); more are kept in the fields only.
const MAX_SHOWN_AUTHORS: usize = 9;

/// "Smith", "Smith & Jones", "Smith, Jones & Brown", "Smith et al.".
fn join_authors(authors: &[String], and: &str) -> String {
    match authors {
        [] => String::new(),
        [one] => one.clone(),
        [first, second] => format!("{first}{and}{second}"),
        [first, second, third] => format!("{first}, {second}{and}{third}"),
        [first, ..] => format!("{first} et al."),
    }
}

/// CS1 separates authors with semicolons and cuts a long list with "et al.".
fn join_authors_cs1(authors: &[String]) -> String {
    if authors.len() > 8 {
        format!("{}; et al.", authors[..8].join("; "))
    } else {
        authors.join("; ")
    }
}

/// Builds a CS1 citation: parts separated by ". ".
#[derive(Default)]
struct Cs1 {
    runs: Vec<Inline>,
}

impl Cs1 {
    /// Plain text, joined to plain text before it (fewer runs for `finish` to tidy).
    fn text(&mut self, text: &str) {
        match self.runs.last_mut() {
            Some(Inline::Text {
                text: last,
                emphasis,
            }) if *emphasis == Emphasis::default() => last.push_str(text),
            _ => self.runs.push(Inline::text(text)),
        }
    }

    fn italic(&mut self, text: &str) {
        self.runs.push(Inline::Text {
            text: text.to_string(),
            emphasis: Emphasis {
                bold: false,
                italic: true,
            },
        });
    }

    fn link(&mut self, text: &str, url: &str) {
        self.runs.push(Inline::Link {
            text: text.to_string(),
            target: LinkTarget::External(url.to_string()),
        });
    }

    fn title(&mut self, title: &str, url: Option<&str>, italic: bool) {
        match url {
            Some(url) => self.link(title, url),
            None if italic => self.italic(title),
            None => self.text(title),
        }
    }

    /// Ends a part with a full stop (unless it already ends in one) and a space.
    fn stop(&mut self) {
        let last_visible = self.runs.iter().rev().find_map(|run| {
            let text = match run {
                Inline::Text { text, .. } | Inline::Link { text, .. } => text.trim_end(),
                Inline::LineBreak | Inline::Citation { .. } => "",
            };
            (!text.is_empty()).then_some(text)
        });
        let ends_with_stop = last_visible.is_some_and(|text| text.ends_with(['.', '!', '?']));
        self.text(if ends_with_stop { " " } else { ". " });
    }

    fn finish(self) -> Vec<Inline> {
        super::inline::tidy(self.runs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A `data-mw` value reads as the wikitext reader reads the same argument.
        #[test]
        fn plain_wikitext_agrees_with_parsing(
            text in "[ a-z\n\t:/.#*;'&\\[\\]{}|<>\u{a0}]{0,40}"
        ) {
            let mut renderer = Renderer::new();
            renderer.in_reference = 1;
            let parsed = renderer.plain(&super::super::tree::parse(&text));
            proptest::prop_assert_eq!(renderer.plain_wikitext(&text), parsed);
        }

        /// The same for values holding URLs, bare and with trailing punctuation.
        #[test]
        fn plain_wikitext_agrees_with_parsing_urls(
            text in "[a-z ]{0,5}(https?|ftp|mailto|news)?:?/{0,2}[a-z./:?=_-]{0,20}[.,;:!?)]?[ a-z\t]{0,5}"
        ) {
            let mut renderer = Renderer::new();
            renderer.in_reference = 1;
            let parsed = renderer.plain(&super::super::tree::parse(&text));
            proptest::prop_assert_eq!(renderer.plain_wikitext(&text), parsed);
        }
    }

    #[test]
    fn attributes_quoted_or_bare() {
        assert_eq!(
            attribute(" name=\"a b\" group=note", "name").as_deref(),
            Some("a b")
        );
        assert_eq!(
            attribute(" name=\"a b\" group=note", "group").as_deref(),
            Some("note")
        );
        assert_eq!(attribute(" name='x' ", "name").as_deref(), Some("x"));
        assert_eq!(attribute(" name=x", "group"), None);
        assert_eq!(
            attribute(" name=\"unclosed", "name").as_deref(),
            Some("unclosed")
        );
    }
}
