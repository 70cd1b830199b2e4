//! Templates as a reader sees them: the infobox, footnote and citation templates (handed to
//! `cite.rs`), and the common inline ones (convert, lang, nowrap, dates, flags…) as readable
//! text. Unknown templates are dropped whole: they are navigation boxes, maintenance tags and
//! the like, and guessing at them would leave debris.

use super::inline::{Renderer, Sink};
use super::tree::{Node, Template};
use crate::article::{Field, Infobox, Inline, LinkTarget};
use crate::format::labels;

/// Infobox parameters naming an image or its layout: not shown as fields.
const IMAGE_KEY_WORDS: &[&str] = &[
    "image",
    "imagesize",
    "img",
    "logo",
    "logosize",
    "bild",
    "beeld",
    "signature",
    "pushpin",
    "map",
    "mapsize",
    "alt",
    "caption",
    "byskrif",
    "screenshot",
    "kaart",
    "karte",
    "upright",
    "bildbeschreibung",
    "bildunterschrift",
    "grootte",
    "photo",
    "bilete",
    "bilettekst",
    "size",
    "breite",
];

/// Parameters whose value is the infobox's title.
const CAPTION_KEYS: &[&str] = &["name", "title", "naam", "namn", "nom", "nombre", "titel"];

/// Templates whose content is block wikitext (lists): read as if written in the text.
pub const BLOCK_CONTAINERS: &[&str] = &[
    "columns-list",
    "colums-list",
    "div col",
    "col-list",
    "multicol",
    "refbegin",
    "plainlist",
    "flatlist",
    "col-begin",
    "div col end",
    "col-end",
    "refend",
    "multi-column",
];

/// The arguments of a list container that hold its list: `content=` or `list=` where given,
/// else every positional argument but a column count or width (`{{columns-list|3|…}}`,
/// `{{div col|30em}}`) and the empty one of `{{columns-list||…}}`.
pub fn list_content<'t, 'a>(template: &'t Template<'a>) -> Vec<&'t [Node<'a>]> {
    if let Some(content) = template.named(&["content", "list"]) {
        return vec![content];
    }
    template
        .positionals()
        .filter(|value| !is_layout_argument(value))
        .collect()
}

/// A positional argument that sets columns rather than holding content: blank, a number, or
/// a CSS width (`30em`, `20%`).
fn is_layout_argument(value: &[Node<'_>]) -> bool {
    let [Node::Text(text)] = value else {
        return value.is_empty();
    };
    let text = text.trim();
    let digits = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    text.is_empty()
        || (digits.len() < text.len()
            && matches!(digits, "" | "em" | "ex" | "px" | "%" | "rem" | "pt"))
}

/// Templates whose arguments may hold list lines but are not article text: boxes of links
/// around the article, quotations (read as quotations), the infobox.
fn holds_no_article_list(name: &str) -> bool {
    is_infobox(name)
        || name.starts_with("nav")
        || name.contains("sidebar")
        || name.ends_with("box")
        || name.starts_with("cite ")
        || name.contains(':')
        || super::quote::is_quote_template(name)
        || matches!(name, "reflist" | "collapsible list" | "succession box")
}

/// The arguments of a template alone on its line whose list lines are the article's: those of
/// a list container (`{{columns-list}}`, `{{div col}}`…), and, for a template folio does not
/// otherwise read, each argument holding a list (rather than drop the list with the template).
pub fn block_content<'t, 'a>(template: &'t Template<'a>) -> Option<Vec<&'t [Node<'a>]>> {
    let name = normalize_name(&template.name_text());
    if BLOCK_CONTAINERS.contains(&name.as_str()) {
        return Some(list_content(template));
    }
    if holds_no_article_list(&name) {
        return None;
    }
    let lists: Vec<&[Node<'a>]> = template
        .args
        .iter()
        .map(|arg| arg.value.as_slice())
        .filter(|value| holds_list(value))
        .collect();
    (!lists.is_empty()).then_some(lists)
}

/// A value with a line starting a list item (`*` or `#`).
fn holds_list(value: &[Node<'_>]) -> bool {
    value.iter().enumerate().any(|(index, node)| match node {
        Node::Text(text) => {
            (index == 0 && text.trim_start().starts_with(['*', '#']))
                || text
                    .split('\n')
                    .skip(1)
                    .any(|line| line.starts_with(['*', '#']))
        }
        _ => false,
    })
}

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The form a template name is compared in: lower case, `_` as space, no namespace.
pub fn normalize_name(name: &str) -> String {
    let name = crate::text::display_title(name).to_lowercase();
    let name = name
        .strip_prefix("template:")
        .or_else(|| name.strip_prefix("vorlage:"))
        .or_else(|| name.strip_prefix("sjabloon:"))
        .unwrap_or(&name);
    name.trim().to_string()
}

/// Infobox templates across the corpus' languages (`Infobox person`, `Taxobox`,
/// `Inligtingskas Persoon`, `Infoboks verksemd`).
pub fn is_infobox(name: &str) -> bool {
    [
        "infobox",
        "infoboks",
        "inligtingskas",
        "taxobox",
        "automatic taxobox",
        "speciesbox",
    ]
    .iter()
    .any(|prefix| name.starts_with(prefix))
}

impl Renderer {
    pub fn template(&mut self, template: &Template<'_>, sink: &mut Sink) {
        let written = template.name_text();
        let name = normalize_name(&written);
        if is_infobox(&name) {
            if self.infobox.is_none() {
                self.infobox = Some(self.infobox_of(template));
            }
            return;
        }
        if let Some(kind) = name.strip_prefix("cite ") {
            self.cite_template(template, kind, sink);
            return;
        }
        if let Some((function, argument)) = written.split_once(':') {
            self.parser_function(template, &function.trim().to_lowercase(), argument, sink);
            return;
        }
        if let Some(country) = country_name(&written) {
            sink.plain(country);
            return;
        }
        let text = |renderer: &mut Renderer, n: usize| {
            template
                .positional(n)
                .map(|value| renderer.plain(value))
                .unwrap_or_default()
        };
        match name.as_str() {
            "webarchive" | "webarchiv" | "wayback" => {
                let url = template
                    .named(&["url", "url1", "wayback"])
                    .map(|v| self.plain(v))
                    .unwrap_or_default();
                if !url.is_empty() {
                    let shown = template
                        .named(&["title", "text"])
                        .map(|v| self.plain(v))
                        .unwrap_or_else(|| "Archived".to_string());
                    sink.plain(" ");
                    sink.push(Inline::Link {
                        text: shown,
                        target: LinkTarget::External(url),
                    });
                    if let Some(date) = template.named(&["date", "date1"]).map(|v| self.plain(v)) {
                        sink.plain(&format!(" {date}"));
                    }
                }
            }
            "citation" | "cite" | "literatur" | "internetquelle" => {
                let kind = if name == "literatur" {
                    "literatur"
                } else {
                    name.as_str()
                };
                self.cite_template(template, kind, sink);
            }
            "efn" | "efn-la" | "notetag" => {
                self.footnote_template(template, Some("lower-alpha"), sink)
            }
            "efn-ua" => self.footnote_template(template, Some("upper-alpha"), sink),
            "efn-lr" => self.footnote_template(template, Some("lower-roman"), sink),
            "efn-ur" => self.footnote_template(template, Some("upper-roman"), sink),
            "efn-lg" => self.footnote_template(template, Some("lower-greek"), sink),
            "refn" | "ref" => self.footnote_template(template, None, sink),
            "reflist" | "references" | "refs" | "reference list" | "einzelnachweise" => {
                self.reference_list(template, None)
            }
            "notelist" | "notes" | "notelist-la" => {
                self.reference_list(template, Some("lower-alpha"))
            }
            "notelist-ua" => self.reference_list(template, Some("upper-alpha")),
            "notelist-lr" => self.reference_list(template, Some("lower-roman")),
            "notelist-ur" => self.reference_list(template, Some("upper-roman")),
            "notelist-lg" => self.reference_list(template, Some("lower-greek")),
            "sfn" | "sfnp" | "sfnm" | "harvnb" | "harv" | "harvp" | "harvtxt" | "harvcol"
            | "harvcolnb" | "harvcoltxt" | "harvs" => self.short_citation(template, &name, sink),
            "rp" => sink.plain(&format!(":{}", text(self, 0))),
            "dead link" | "deadlink" | "dead url" | "404" | "toter link" => self.refs.mark_dead(),
            // Stock tickers: `{{NYSE|STO}}` → "NYSE: STO".
            exchange if STOCK_EXCHANGES.contains(&exchange) => {
                let shown = match exchange {
                    "nasdaq" => "Nasdaq".to_string(),
                    "euronext" => "Euronext".to_string(),
                    other => other.to_uppercase(),
                };
                sink.plain(&format!("{shown}: {}", text(self, 0)));
            }
            "convert" | "cvt" => sink.plain(&convert(self, template)),
            "lang" | "transl" | "transliteration" | "script" => {
                let value = text(self, 1);
                sink.plain(if value.is_empty() { "" } else { &value });
            }
            "nowrap" | "nobr" | "small" | "smaller" | "big" | "larger" | "center" | "sup"
            | "sub" | "sic" | "not a typo" | "proper name" | "nobold" | "noitalic"
            | "smallcaps" | "small caps" | "sc" | "em" | "strong" | "code" | "mono" | "kbd"
            | "var" | "tt" | "samp" | "mvar" | "highlight" | "underline" | "strikethrough"
            | "abbr" | "abbrlink" | "flag" | "flagcountry" | "flagu" | "flag athlete" | "ipa"
            | "nts" | "unicode" | "lang-en" | "keypress" | "quote" | "blockquote" | "quotation"
            | "cquote" | "nihongo2" | "nowrap begin" | "midsize" | "serif" | "sans-serif"
            | "linktext" | "shy" | "visible anchor" | "vanchor" | "anchored" => {
                let value = match template.named(&["text", "quote"]) {
                    Some(value) => self.runs(value),
                    None => template
                        .positional(0)
                        .map(|v| self.runs(v))
                        .unwrap_or_default(),
                };
                for inline in value {
                    sink.push(inline);
                }
            }
            "resize" => {
                let last = template.positionals().count().saturating_sub(1);
                sink.plain(&text(self, last));
            }
            "sort" => {
                let shown = if template.positional(1).is_some() {
                    text(self, 1)
                } else {
                    text(self, 0)
                };
                sink.plain(&shown);
            }
            "sortname" => {
                let full = format!("{} {}", text(self, 0), text(self, 1));
                match template.positional(2).map(|v| self.plain(v)) {
                    Some(target) if !target.is_empty() => {
                        sink.push(Inline::article_link(full.trim(), target))
                    }
                    _ => sink.push(Inline::article_link(full.trim(), full.trim())),
                }
            }
            "ill" | "interlanguage link" | "illm" | "link-interwiki" => {
                let target = text(self, 0);
                let shown = template
                    .named(&["lt"])
                    .map(|v| self.plain(v))
                    .unwrap_or_else(|| target.clone());
                if !target.is_empty() {
                    sink.push(Inline::article_link(shown, target));
                }
            }
            "url" | "official website" | "official" | "offizielle website" => {
                let url = template
                    .named(&["url", "1"])
                    .or_else(|| template.positional(0))
                    .map(|v| self.plain(v))
                    .unwrap_or_default();
                if !url.is_empty() {
                    let url = if url.contains("://") {
                        url
                    } else {
                        format!("http://{url}")
                    };
                    let shown = match name.as_str() {
                        "url" => template
                            .positional(1)
                            .map(|v| self.plain(v))
                            .unwrap_or_else(|| url.clone()),
                        _ => "Official website".to_string(),
                    };
                    sink.push(Inline::Link {
                        text: shown,
                        target: LinkTarget::External(url),
                    });
                }
            }
            "start date" | "end date" | "birth date" | "death date" | "birth date and age"
            | "death date and age" | "start date and age" | "end date and age" | "film date"
            | "dob" | "release date" | "date" | "dts" | "birth year and age"
            | "death year and age" | "birth-date" | "death-date" => {
                sink.plain(&date(self, template));
            }
            "marriage" | "married" => {
                let spouse = text(self, 0);
                let years: Vec<String> = (1..3)
                    .map(|n| text(self, n))
                    .filter(|y| !y.is_empty())
                    .collect();
                sink.plain(&format!("{spouse} (m. {})", years.join("–")));
            }
            "coord" | "coor" | "koördinate" | "coordinate" => {
                sink.plain(&coordinates(self, template))
            }
            "hlist" | "flatlist items" => list_items(self, template, sink, false),
            "collapsible list" => list_items(self, template, sink, true),
            "nyse" | "nasdaq" | "bmv" | "lse" | "tsx" | "fwb" | "euronext" | "asx" => sink.plain(
                &format!("{}: {}", written.trim().to_uppercase(), text(self, 0)),
            ),
            "ubl" | "unbulleted list" | "ublist" | "plainlist items" | "bulleted list"
            | "ordered list" | "indented plainlist" => list_items(self, template, sink, true),
            "plainlist" | "flatlist" | "plain list" | "columns-list" | "div col" => {
                for content in list_content(template) {
                    self.nodes(content, sink);
                }
            }
            "snd" | "spaced ndash" | "spaced en dash" | "dash" | "endash" => sink.plain(" – "),
            "ndash" | "en dash" => sink.plain("–"),
            "mdash" | "em dash" => sink.plain("—"),
            // Spaced like {{snd}}: the spaces fold into those written around it.
            "emdash" => sink.plain(" — "),
            "nbsp" => sink.plain("\u{a0}"),
            "'" => sink.plain("'"),
            "\"" => sink.plain("\""),
            "'s" => sink.plain("'s"),
            "!" => sink.plain("|"),
            "=" => sink.plain("="),
            "•" | "dot" | "middot" | "·" | "bull" | "*" => sink.plain(" · "),
            "br" | "break" => sink.line_break(),
            "as of" => sink.plain(&format!("As of {}", date(self, template))),
            "circa" | "c." | "ca." => sink.plain(&format!("c. {}", text(self, 0))),
            "floruit" | "fl." => sink.plain(&format!("fl. {}", text(self, 0))),
            "us$" | "usd" => sink.plain(&format!("US${}", text(self, 0))),
            "frac" | "fraction" | "sfrac" => sink.plain(&fraction(self, template)),
            "val" => {
                let unit = template
                    .named(&["u", "ul"])
                    .map(|v| self.plain(v))
                    .unwrap_or_default();
                sink.plain(format!("{} {unit}", text(self, 0)).trim_end());
            }
            "respell" => {
                let parts: Vec<String> = template.positionals().map(|v| self.plain(v)).collect();
                sink.plain(&parts.join("-"));
            }
            "nihongo" => {
                let english = text(self, 0);
                let rest: Vec<String> = (1..3)
                    .map(|n| text(self, n))
                    .filter(|t| !t.is_empty())
                    .collect();
                sink.plain(&format!("{english} ({})", rest.join(", ")));
            }
            _ if name.starts_with("lang-") || name.starts_with("ipa-") => {
                sink.plain(&text(self, 0))
            }
            _ if name.starts_with("ipac-") => {
                let sounds: String = template
                    .positionals()
                    .map(|v| self.plain(v))
                    .filter(|part| {
                        !matches!(
                            part.as_str(),
                            "lang" | "pron" | "US" | "UK" | "local" | "audio"
                        )
                    })
                    .collect();
                sink.plain(&format!("/{sounds}/"));
            }
            // Inside a reference, an unknown template with a title or URL is a citation
            // template of some wiki (`{{IUCN}}`, `{{Cite GovTrack}}`): read it as one.
            _ if self.in_reference > 0 && template.named(&["title", "url", "titel"]).is_some() => {
                self.cite_template(template, "web", sink)
            }
            // Unknown: dropped, but references written inside it still count, as on the page.
            _ => {
                for argument in &template.args {
                    self.harvest_references(&argument.value);
                }
            }
        }
    }

    /// `{{#tag:ref|…}}`, `{{#tag:references|…}}`, `{{formatnum:…}}`, `{{lc:…}}`; other parser functions are dropped.
    fn parser_function(
        &mut self,
        template: &Template<'_>,
        function: &str,
        argument: &str,
        sink: &mut Sink,
    ) {
        match function {
            "#tag" if argument.trim().eq_ignore_ascii_case("ref") => {
                self.footnote_template(template, None, sink)
            }
            "#tag" if argument.trim().eq_ignore_ascii_case("references") => {
                self.reference_list(template, None)
            }
            "formatnum" | "lc" | "uc" | "lcfirst" | "ucfirst" => {
                let value = argument.trim();
                let value = match function {
                    "lc" => value.to_lowercase(),
                    "uc" => value.to_uppercase(),
                    _ => value.to_string(),
                };
                sink.plain(&crate::text::decode_entities(&value));
            }
            _ => {}
        }
    }

    /// The fields of an infobox in template order: empty and image fields left out, the
    /// name (or title) as the caption.
    fn infobox_of(&mut self, template: &Template<'_>) -> Infobox {
        let mut infobox = Infobox::default();
        // The key of each field, for a `religion_ref` to find its `religion`.
        let mut keys: Vec<&str> = Vec::new();
        for argument in &template.args {
            let Some(key) = argument.name.filter(|key| !key.is_empty()) else {
                continue;
            };
            if is_image_key(key) {
                self.harvest_references(&argument.value);
                continue;
            }
            let value = self.value_runs(&argument.value);
            let shown = super::inline::visible_text(&value);
            if shown.trim().is_empty()
                && !value.iter().any(|i| matches!(i, Inline::Citation { .. }))
            {
                continue;
            }
            if looks_like_file_name(shown.trim()) {
                continue;
            }
            let lower = key.to_lowercase();
            if infobox.caption.is_none() && CAPTION_KEYS.contains(&lower.as_str()) {
                infobox.caption = Some(shown.trim().to_string());
                continue;
            }
            // `religion_ref`: the markers go after the value they support, as the
            // rendered infobox shows them, rather than on a row of their own.
            let supported = key.strip_suffix("_ref").and_then(|stem| {
                keys.iter()
                    .position(|known| known.eq_ignore_ascii_case(stem))
            });
            if let Some(index) = supported
                && shown.trim().is_empty()
                && let Some(field) = infobox.fields.get_mut(index)
            {
                field.value.extend(value);
                continue;
            }
            keys.push(key);
            infobox
                .fields
                .push(Field::new(labels::humanize(key), value));
        }
        infobox
    }
}

fn is_image_key(key: &str) -> bool {
    let lower = key.to_lowercase();
    let words: Vec<&str> = lower
        .split(['_', ' ', '-'])
        .map(|word| word.trim_end_matches(|c: char| c.is_ascii_digit()))
        .collect();
    // `flag_link`, `shield_link`: the page a picture links to, not shown under the picture.
    let picture_link =
        words.last() == Some(&"link") && words.iter().any(|word| PICTURED_WORDS.contains(word));
    picture_link
        || words.iter().enumerate().any(|(index, word)| {
            // `flag_size`, `shield_size` are about pictures; a lone `size` may be the thing's.
            IMAGE_KEY_WORDS.contains(word) && !(*word == "size" && index == 0)
        })
}

/// What infoboxes show as pictures (a flag, a coat of arms…), whose `_link` names a page.
const PICTURED_WORDS: &[&str] = &[
    "flag", "shield", "seal", "emblem", "coat", "arms", "logo", "image", "map", "banner",
];

fn looks_like_file_name(value: &str) -> bool {
    let lower = value.to_lowercase();
    [
        ".svg", ".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".webp",
    ]
    .iter()
    .any(|extension| lower.ends_with(extension))
}

/// Flag templates named by a country code (`{{USA}}`) show the country's name.
fn country_name(code: &str) -> Option<&'static str> {
    const COUNTRIES: &[(&str, &str)] = &[
        ("USA", "United States"),
        ("US", "United States"),
        ("CAN", "Canada"),
        ("GBR", "United Kingdom"),
        ("UK", "United Kingdom"),
        ("AUS", "Australia"),
        ("NZL", "New Zealand"),
        ("IRL", "Ireland"),
        ("FRA", "France"),
        ("GER", "Germany"),
        ("DEU", "Germany"),
        ("ESP", "Spain"),
        ("ITA", "Italy"),
        ("JPN", "Japan"),
        ("NED", "Netherlands"),
        ("SWE", "Sweden"),
        ("NOR", "Norway"),
        ("SCO", "Scotland"),
        ("WAL", "Wales"),
        ("ENG", "England"),
    ];
    let code = code.trim();
    COUNTRIES
        .iter()
        .find(|(known, _)| *known == code)
        .map(|(_, name)| *name)
}

/// Positional arguments as plain strings.
fn positionals(renderer: &mut Renderer, template: &Template<'_>) -> Vec<String> {
    template
        .positionals()
        .map(|value| renderer.plain(value))
        .collect()
}

/// Stock exchanges whose ticker templates (`{{NYSE|STO}}`) read "NYSE: STO".
const STOCK_EXCHANGES: &[&str] = &[
    "nyse",
    "nasdaq",
    "ose",
    "lse",
    "tsx",
    "tsx-v",
    "asx",
    "fwb",
    "euronext",
    "hkex",
    "sehk",
    "sse",
    "szse",
    "tyo",
    "bse",
    "nse",
    "six",
    "omx",
    "bmad",
    "bit",
    "jse",
    "krx",
    "moex",
    "nzx",
    "sgx",
    "twse",
    "wse",
    "amex",
    "nyse american",
    "otc pink",
    "otcqx",
];

/// `{{convert|5|km|mi}}` → "5 km"; `{{convert|5|to|10|km}}` → "5 to 10 km".
fn convert(renderer: &mut Renderer, template: &Template<'_>) -> String {
    let args = positionals(renderer, template);
    const RANGE_WORDS: &[&str] = &[
        "-", "–", "to", "and", "or", "x", "by", "+/-", "×", "to(-)", "and(-)",
    ];
    let mut shown = Vec::new();
    let mut index = 0;
    while let Some(value) = args.get(index) {
        shown.push(value.clone());
        match args.get(index + 1) {
            Some(word) if RANGE_WORDS.contains(&word.as_str()) && args.get(index + 2).is_some() => {
                shown.push(word.clone());
                index += 2;
            }
            Some(unit) => {
                shown.push(unit_symbol(unit));
                break;
            }
            None => break,
        }
    }
    shown.join(" ")
}

fn unit_symbol(unit: &str) -> String {
    match unit {
        "km2" => "km²".into(),
        "m2" => "m²".into(),
        "sqmi" => "sq mi".into(),
        "sqft" => "sq ft".into(),
        "acre" => "acres".into(),
        "C" => "°C".into(),
        "F" => "°F".into(),
        "km/h" | "kph" => "km/h".into(),
        "m3" => "m³".into(),
        other => other.to_string(),
    }
}

/// `{{birth date|1950|1|2}}` → "January 2, 1950" (`df=yes`: "2 January 1950").
fn date(renderer: &mut Renderer, template: &Template<'_>) -> String {
    let args = positionals(renderer, template);
    let day_first = template
        .named(&["df"])
        .map(|value| renderer.plain(value))
        .is_some_and(|value| matches!(value.as_str(), "y" | "yes" | "true" | "1"));
    let number = |n: usize| {
        args.get(n)
            .and_then(|value| value.trim().parse::<usize>().ok())
    };
    match (args.first(), number(1), number(2)) {
        (Some(year), Some(month @ 1..=12), Some(day)) if day_first => {
            format!("{day} {} {year}", MONTHS[month - 1])
        }
        (Some(year), Some(month @ 1..=12), Some(day)) => {
            format!("{} {day}, {year}", MONTHS[month - 1])
        }
        (Some(year), Some(month @ 1..=12), None) => format!("{} {year}", MONTHS[month - 1]),
        (Some(first), _, _) => first.clone(),
        (None, _, _) => String::new(),
    }
}

/// `{{coord|43|39|N|79|23|W}}` → "43°39′N 79°23′W"; `{{coord|43.7|-79.4}}` → "43.7°, -79.4°".
fn coordinates(renderer: &mut Renderer, template: &Template<'_>) -> String {
    let args = positionals(renderer, template);
    let mut halves = Vec::new();
    let mut current = Vec::new();
    for arg in &args {
        if matches!(arg.as_str(), "N" | "S" | "E" | "W") {
            let marks = ["°", "′", "″"];
            let mut half: String = current
                .iter()
                .zip(marks)
                .map(|(value, mark): (&String, &str)| format!("{value}{mark}"))
                .collect();
            half.push_str(arg);
            halves.push(half);
            current.clear();
        } else if arg.parse::<f64>().is_ok() {
            current.push(arg.clone());
        } else {
            break;
        }
    }
    if halves.is_empty() {
        let decimals: Vec<String> = args
            .iter()
            .take_while(|arg| arg.parse::<f64>().is_ok())
            .take(2)
            .map(|arg| format!("{arg}°"))
            .collect();
        return decimals.join(", ");
    }
    halves.join(" ")
}

/// `{{frac|1|2}}` → "1/2", `{{frac|1|1|2}}` → "1 1/2".
fn fraction(renderer: &mut Renderer, template: &Template<'_>) -> String {
    match positionals(renderer, template).as_slice() {
        [whole, numerator, denominator, ..] => format!("{whole} {numerator}/{denominator}"),
        [numerator, denominator] => format!("{numerator}/{denominator}"),
        [denominator] => format!("1/{denominator}"),
        [] => String::new(),
    }
}

/// The items of `{{hlist}}` (joined by " · ") or `{{ubl}}` (one a line).
fn list_items(renderer: &mut Renderer, template: &Template<'_>, sink: &mut Sink, one_a_line: bool) {
    let items: Vec<&[Node<'_>]> = template.positionals().collect();
    let mut first = true;
    for item in items {
        let runs = renderer.runs(item);
        if runs.is_empty() {
            continue;
        }
        if !first {
            if one_a_line {
                sink.line_break();
            } else {
                sink.plain(" · ");
            }
        }
        first = false;
        for inline in runs {
            sink.push(inline);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::plain_text;
    use crate::format::wikitext::tree;

    fn render(source: &str) -> String {
        plain_text(&Renderer::new().runs(&tree::parse(source)))
    }

    #[test]
    fn common_inline_templates_read_as_text() {
        assert_eq!(
            render("{{convert|5|km|mi}} and {{convert|3|to|4|ft|m}}"),
            "5 km and 3 to 4 ft"
        );
        assert_eq!(
            render("{{lang|fr|la vie}} {{lang-de|Leben}}"),
            "la vie Leben"
        );
        assert_eq!(render("{{nowrap|a b}}{{small|c}}"), "a bc");
        assert_eq!(
            render("{{birth date|1950|1|2}}; {{start date|1883|5|9|df=yes}}"),
            "January 2, 1950; 9 May 1883"
        );
        assert_eq!(render("{{flag|Canada}} {{flagicon|CAN}}x"), "Canada x");
        assert_eq!(
            render("{{coord|43|39|N|79|23|W|display=title}}"),
            "43°39′N 79°23′W"
        );
        assert_eq!(render("{{hlist|a|b|c}}"), "a · b · c");
        assert_eq!(
            render("a{{citation needed|date=May 2020}} b {{Unknown thing|x=1|y}}."),
            "a b ."
        );
        assert_eq!(
            render("{{abbr|UK|United Kingdom}} {{sortname|Jane|Doe}}"),
            "UK Jane Doe"
        );
    }

    #[test]
    fn image_keys_and_file_values_are_recognised() {
        assert!(is_image_key("image_size"));
        assert!(is_image_key("logo"));
        assert!(is_image_key("image2"));
        assert!(!is_image_key("birth_place"));
        assert!(is_image_key("flag_size"));
        assert!(!is_image_key("size"));
        assert!(is_image_key("flag_link"));
        assert!(is_image_key("coat_of_arms_link"));
        assert!(!is_image_key("website_link"));
        assert!(!is_image_key("flag"));
        assert!(looks_like_file_name("Great Britain.svg"));
        assert!(!looks_like_file_name("London"));
    }
}
