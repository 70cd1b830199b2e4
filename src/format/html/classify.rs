//! What an element is to a reader, from its tag name and attributes alone: page chrome and
//! clutter to drop, the infobox, reference lists, footnote markers, block and void elements.

use html5ever::tokenizer::states::RawKind;
use html5ever::{Attribute, LocalName, local_name};

/// The attributes of a start tag, with the look-ups the reader needs.
#[derive(Clone, Copy)]
pub struct Attrs<'a>(pub &'a [Attribute]);

impl<'a> Attrs<'a> {
    pub fn get(&self, name: &LocalName) -> Option<&'a str> {
        self.0
            .iter()
            .find(|attribute| attribute.name.local == *name)
            .map(|attribute| &*attribute.value)
    }

    pub fn classes(&self) -> impl Iterator<Item = &'a str> {
        self.get(&local_name!("class"))
            .unwrap_or("")
            .split_ascii_whitespace()
    }

    pub fn has_class(&self, class: &str) -> bool {
        self.classes().any(|c| c == class)
    }

    pub fn id(&self) -> Option<&'a str> {
        self.get(&local_name!("id"))
    }
}

/// Classes of page chrome and editorial clutter: navigation boxes, hatnotes, maintenance
/// banners, edit links, tables of contents, hidden metadata. Images go by themselves (an `img`
/// has no text); their captions stay, as they carry text and citation markers.
const CLUTTER_CLASSES: &[&str] = &[
    "mw-editsection",
    "hatnote",
    "dablink",
    "rellink",
    "navigation-not-searchable",
    "navbox",
    "navbox-styles",
    "vertical-navbox",
    "sidebar",
    "metadata",
    "ambox",
    "mbox-small",
    "mbox",
    "dmbox",
    "tmbox",
    "ombox",
    "cmbox",
    "sistersitebox",
    "side-box",
    "portal",
    "portalbox",
    "noprint",
    "toc",
    "mw-jump-link",
    "printfooter",
    "catlinks",
    "mw-empty-elt",
    "shortdescription",
    "mw-indicators",
    "authority-control",
    "Z3988",
    "mwe-math-mathml-inline",
    "mwe-math-mathml-display",
];

/// Ids of desktop-page chrome that may sit inside the content area.
const CLUTTER_IDS: &[&str] = &[
    "toc",
    "siteSub",
    "contentSub",
    "contentSub2",
    "jump-to-nav",
    "catlinks",
    "mw-navigation",
    "footer",
];

/// Elements whose content is never article text.
pub fn is_clutter(name: &LocalName, attrs: Attrs) -> bool {
    let clutter_element = matches!(
        *name,
        local_name!("script")
            | local_name!("style")
            | local_name!("noscript")
            | local_name!("template")
            | local_name!("svg")
            | local_name!("math")
            | local_name!("audio")
            | local_name!("video")
            | local_name!("object")
            | local_name!("iframe")
            | local_name!("button")
            | local_name!("input")
            | local_name!("select")
            | local_name!("textarea")
            | local_name!("nav")
            | local_name!("map")
            | local_name!("link")
            | local_name!("meta")
    ) || &**name == "figure-inline";
    if clutter_element {
        return true;
    }
    if attrs.id().is_some_and(|id| CLUTTER_IDS.contains(&id)) {
        return true;
    }
    if let Some(style) = attrs.get(&local_name!("style")) {
        let style = style.replace(' ', "");
        // Hidden text, and the "This article is issued from Wikipedia" footer mwoffliner puts
        // under every Kiwix article (recognised by its own inline style).
        if style.contains("display:none") || style.contains("linear-gradient(180deg,#E8E8E8") {
            return true;
        }
    }
    attrs
        .classes()
        .any(|class| CLUTTER_CLASSES.contains(&class))
}

/// A list shown without markers: `.plainlist` (Wikipedia's), `.NavContent` (collapsible
/// lists), or styled `list-style: none`.
pub fn is_plain_list(attrs: Attrs) -> bool {
    attrs
        .classes()
        .any(|class| matches!(class, "plainlist" | "NavContent" | "hlist"))
        || attrs
            .get(&local_name!("style"))
            .is_some_and(|style| style.replace(' ', "").contains("list-style:none"))
}

/// A picture's caption: Parsoid's `figcaption`, the legacy parser's `div.thumbcaption`.
pub fn is_figure_caption(name: &LocalName, attrs: Attrs) -> bool {
    *name == local_name!("figcaption") || attrs.has_class("thumbcaption")
}

/// A cell's `colspan` or `rowspan` as HTML reads it: leading digits, 1 when absent or zero.
pub fn span(attrs: Attrs, name: &LocalName) -> u16 {
    attrs.get(name).map_or(1, crate::article::parse_span)
}

/// Images (and Parsoid's image wrappers) mark an infobox row as a picture row.
pub fn is_image(name: &LocalName) -> bool {
    matches!(*name, local_name!("img") | local_name!("figure")) || &**name == "figure-inline"
}

/// `table.infobox` and its relatives (`biota`/`taxobox` for species, `vcard` for people).
pub fn is_infobox(attrs: Attrs) -> bool {
    attrs
        .classes()
        .any(|class| class.starts_with("infobox") || matches!(class, "biota" | "taxobox" | "vcard"))
}

/// `ol.references` (legacy, desktop, Kiwix) and `ol.mw-references` (Parsoid).
pub fn is_reference_list(attrs: Attrs) -> bool {
    attrs
        .classes()
        .any(|class| class == "references" || class == "mw-references")
}

/// A `sup` that may be a footnote marker: Parsoid's `sup.mw-ref`, `sup.reference`, or a bare
/// `sup id="cite_ref-…"` (Kiwix 2015). Whether it is one is settled when it closes.
pub fn may_be_marker(attrs: Attrs) -> bool {
    attrs.id().is_some_and(|id| id.starts_with("cite_ref"))
        || attrs
            .classes()
            .any(|class| class == "mw-ref" || class == "reference")
}

/// The text that stands in for a formula: the alt text of its fallback image, without the
/// `{\displaystyle …}` wrapper.
pub fn math_alt_text(attrs: Attrs) -> Option<String> {
    if !attrs
        .classes()
        .any(|class| class.starts_with("mwe-math-fallback"))
    {
        return None;
    }
    let alt = attrs.get(&local_name!("alt"))?.trim();
    let inner = alt
        .strip_prefix("{\\displaystyle")
        .and_then(|rest| rest.strip_suffix('}'))
        .unwrap_or(alt);
    Some(inner.trim().to_string())
}

/// Elements that never have content or an end tag.
pub fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("param")
            | local_name!("keygen")
    )
}

/// Block-level elements: they end a paragraph of running text where they start and end.
pub fn is_block(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("p")
            | local_name!("div")
            | local_name!("section")
            | local_name!("article")
            | local_name!("main")
            | local_name!("center")
            | local_name!("header")
            | local_name!("footer")
            | local_name!("aside")
            | local_name!("address")
            | local_name!("details")
            | local_name!("summary")
            | local_name!("figcaption")
            | local_name!("ul")
            | local_name!("ol")
            | local_name!("dl")
            | local_name!("table")
            | local_name!("blockquote")
            | local_name!("pre")
            | local_name!("hr")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
    )
}

/// `h2`…`h6` as a section level.
pub fn heading_level(name: &LocalName) -> Option<u8> {
    match *name {
        local_name!("h2") => Some(2),
        local_name!("h3") => Some(3),
        local_name!("h4") => Some(4),
        local_name!("h5") => Some(5),
        local_name!("h6") => Some(6),
        _ => None,
    }
}

/// How the tokenizer must read the content of an element it just opened: the HTML tree
/// builder would switch it for these, and without one the reader has to.
pub enum RawContent {
    Raw(RawKind),
    Plaintext,
}

pub fn raw_content(name: &LocalName) -> Option<RawContent> {
    match *name {
        local_name!("title") | local_name!("textarea") => Some(RawContent::Raw(RawKind::Rcdata)),
        local_name!("script") => Some(RawContent::Raw(RawKind::ScriptData)),
        local_name!("style")
        | local_name!("xmp")
        | local_name!("iframe")
        | local_name!("noembed")
        | local_name!("noframes")
        | local_name!("noscript") => Some(RawContent::Raw(RawKind::Rawtext)),
        local_name!("plaintext") => Some(RawContent::Plaintext),
        _ => None,
    }
}
