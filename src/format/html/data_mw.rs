//! Parsoid's `data-mw` on a transcluded citation template (`<cite typeof="mw:Transclusion"
//! data-mw='{"parts":[{"template":{"target":{"wt":"Cite web"},"params":{"url":{"wt":"…"}}}}]}'>`):
//! the template's own arguments, so the wikitext reader's CS1 reading gives the fields (COinS
//! lacks some: access date, archive, URL status).
//!
//! The decode is typed and borrows from the attribute: only each part's template name and its
//! parameters' wikitext are kept, everything else is skipped unread (a page has hundreds of
//! these, and an untyped decode of each cost more than the rest of the citation reading).

use crate::cite::Cite;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, de::value::MapAccessDeserializer};
use std::borrow::Cow;
use std::fmt;

#[derive(Deserialize)]
struct DataMw<'a> {
    #[serde(default, borrow)]
    parts: Parts<'a>,
}

/// The first citation template among the parts (the others are skipped).
#[derive(Default)]
struct Parts<'a>(Option<Template<'a>>);

/// A part is a template, or a string of wikitext between templates, or another kind of
/// transclusion (`templatearg`, `parserfunction`): only templates are kept.
struct Part<'a>(Option<Template<'a>>);

#[derive(Deserialize)]
struct TemplatePart<'a> {
    #[serde(default, borrow)]
    template: Option<Template<'a>>,
}

#[derive(Deserialize)]
struct Template<'a> {
    #[serde(borrow)]
    target: Wikitext<'a>,
    #[serde(default, borrow)]
    params: Params<'a>,
}

#[derive(Deserialize)]
struct Wikitext<'a> {
    #[serde(default, borrow)]
    wt: Cow<'a, str>,
}

/// A key as written (borrowed unless the JSON escapes something in it).
#[derive(Deserialize)]
struct Key<'a>(#[serde(borrow)] Cow<'a, str>);

/// The parameters, in the order written (the wikitext reader's order: of two aliases of one
/// parameter the first written wins in both).
#[derive(Default)]
struct Params<'a>(Vec<(Cow<'a, str>, Cow<'a, str>)>);

/// The fields of a citation template transcluded here, when `data-mw` holds one.
pub fn read(data_mw: &str) -> Option<Cite> {
    let data: DataMw = serde_json::from_str(data_mw).ok()?;
    let template = data.parts.0?;
    let arguments = template
        .params
        .0
        .iter()
        .map(|(name, value)| (name.as_ref(), value.as_ref()));
    crate::format::wikitext::template_fields(&template.target.wt, arguments)
}

/// A template the wikitext reader may read as a citation, by its name as written: others
/// (`{{sfn}}`, `{{efn}}` and the like in reference lists) are passed over.
fn may_be_citation(name: &str) -> bool {
    let starts = |name: &str, prefix: &str| {
        name.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    let name = name.trim_start();
    let name = ["template:", "vorlage:"]
        .iter()
        .find(|namespace| starts(name, namespace))
        .map_or(name, |namespace| name[namespace.len()..].trim_start());
    ["cite", "citation", "literatur", "internetquelle"]
        .iter()
        .any(|prefix| starts(name, prefix))
}

impl<'de: 'a, 'a> Deserialize<'de> for Parts<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PartsVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for PartsVisitor<'a> {
            type Value = Parts<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of parts")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Parts<'a>, A::Error> {
                let mut found = None;
                while found.is_none() {
                    match seq.next_element::<Part<'a>>()? {
                        Some(Part(Some(template))) if may_be_citation(&template.target.wt) => {
                            found = Some(template)
                        }
                        Some(_) => {}
                        None => return Ok(Parts(None)),
                    }
                }
                // The rest is read past, not kept.
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Parts(found))
            }
        }
        deserializer.deserialize_seq(PartsVisitor(std::marker::PhantomData))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Part<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PartVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for PartVisitor<'a> {
            type Value = Part<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a template or wikitext")
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Part<'a>, E> {
                Ok(Part(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Part<'a>, A::Error> {
                let part = TemplatePart::deserialize(MapAccessDeserializer::new(map))?;
                Ok(Part(part.template))
            }
        }
        deserializer.deserialize_any(PartVisitor(std::marker::PhantomData))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Params<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ParamsVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for ParamsVisitor<'a> {
            type Value = Params<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("template parameters")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Params<'a>, A::Error> {
                let mut params = Vec::new();
                while let Some(Key(name)) = map.next_key()? {
                    let value: Wikitext<'a> = map.next_value()?;
                    params.push((name, value.wt));
                }
                Ok(Params(params))
            }
        }
        deserializer.deserialize_map(ParamsVisitor(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cite_journal_from_parsoid() {
        let cite = read(
            r#"{"parts":[{"template":{"target":{"wt":"Cite journal","href":"./Template:Cite_journal"},
            "params":{"last":{"wt":"Young"},"first":{"wt":"Julie K."},"date":{"wt":"1 February 2011"},
            "title":{"wt":"Is Wildlife Going to the Dogs?"},"journal":{"wt":"BioScience"},
            "access-date":{"wt":"2020-01-02"},"url-status":{"wt":"live"}},"i":0}}]}"#,
        );
        let Some(cite) = cite else {
            panic!("no fields");
        };
        assert_eq!(
            cite.title.as_deref(),
            Some("Is Wildlife Going to the Dogs?")
        );
        assert_eq!(cite.author[0].sorted(), "Young, Julie K.");
        assert_eq!(cite.year(), Some(2011));
        assert_eq!(
            cite.accessed.map(|date| date.iso()).as_deref(),
            Some("2020-01-02")
        );
        assert_eq!(cite.url_status, Some(crate::cite::UrlStatus::Live));
    }

    /// A `data-mw` of one `{{cite web}}` with these parameters (JSON text).
    fn cite_web(params: &str) -> String {
        format!(
            r#"{{"parts":[{{"template":{{"target":{{"wt":"cite web"}},"params":{{{params}}}}}}}]}}"#
        )
    }

    #[test]
    fn keys_nobody_reads_are_skipped_whatever_they_hold() {
        let cite = read(
            r#"{"parts":[{"template":{"target":{"wt":"Cite book","href":"./Template:Cite_book",
            "extra":[1,{"deep":[null,true,2.5e10]}]},"params":{"title":{"wt":"Book","html":"<b>x</b>",
            "key":{"wt":"title"}},"year":{"wt":"1999"}},"i":0,"unknown":{"a":[]}}}],
            "attrs":{"x":"y"},"errors":[{"key":"e"}]}"#,
        );
        assert_eq!(cite.as_ref().and_then(|c| c.title.as_deref()), Some("Book"));
        assert_eq!(cite.and_then(|c| c.year()), Some(1999));
    }

    #[test]
    fn the_first_citation_among_the_parts_gives_the_fields() {
        let cite = read(
            r#"{"parts":["text before ",{"templatearg":{"target":{"wt":"1"}}},
            {"template":{"target":{"wt":"sfn"},"params":{"1":{"wt":"Smith"},"title":{"wt":"No"}}}},
            {"template":{"target":{"wt":"Citation"},"params":{"title":{"wt":"Yes"}}}},
            {"template":{"target":{"wt":"cite web"},"params":{"title":{"wt":"Later"}}}}]}"#,
        );
        assert_eq!(cite.and_then(|c| c.title).as_deref(), Some("Yes"));
        let german = read(
            r#"{"parts":[{"template":{"target":{"wt":"Literatur"},"params":{"Titel":{"wt":"Buch"},
            "Autor":{"wt":"Anna Schmidt"}}}}]}"#,
        );
        assert_eq!(german.and_then(|c| c.title).as_deref(), Some("Buch"));
    }

    #[test]
    fn the_first_alias_written_wins_as_in_wikitext() {
        let cite = read(&cite_web(
            r#""website":{"wt":"First"},"work":{"wt":"Preferred"},"last1":{"wt":"A"},"last":{"wt":"B"}"#,
        ));
        let Some(cite) = cite else {
            panic!("no fields");
        };
        // `work` outranks `website` whatever the order; of `last1` and `last` the first wins.
        assert_eq!(cite.container_title.as_deref(), Some("Preferred"));
        assert_eq!(cite.author[0].sorted(), "A");
    }

    #[test]
    fn values_with_markup_or_escapes_read_as_the_wikitext_reader_reads_them() {
        let cite = read(&cite_web(
            r#""title":{"wt":"The ''[[Moon|moon]]'' &amp; \"stars\"\n{{!}} <!-- c -->x"},
            "publisher":{"wt":"Caf\u00e9  Press"},"url":{"wt":"https://example.org/a?b=c"}"#,
        ));
        let Some(cite) = cite else {
            panic!("no fields");
        };
        assert_eq!(cite.title.as_deref(), Some("The moon & \"stars\" | x"));
        assert_eq!(cite.publisher.as_deref(), Some("Café Press"));
        assert_eq!(cite.url.as_deref(), Some("https://example.org/a?b=c"));
    }

    #[test]
    fn broken_or_absurd_data_mw_gives_only_what_makes_sense() {
        // Ten thousand authors and as many unknown parameters: all authors kept, in order.
        let mut params = String::from(r#""title":{"wt":"Many"}"#);
        for n in 1..=10_000 {
            params.push_str(&format!(
                r#","last{n}":{{"wt":"L{n}"}},"x{n}":{{"wt":"{n}"}}"#
            ));
        }
        let Some(cite) = read(&cite_web(&params)) else {
            panic!("no fields");
        };
        assert_eq!(cite.author.len(), 10_000);
        assert_eq!(cite.author[9_999].sorted(), "L10000");
        // Wrong shapes and invalid JSON give nothing rather than an error.
        for broken in [
            r#"{"parts":[{"template":{"target":{"wt":"cite web"},"params":{"title":{"wt":"T"}}"#,
            r#"{"parts":[{"template":{"target":{"wt":"cite web"},"params":[1,2]}}]}"#,
            r#"{"parts":[{"template":{"target":"cite web","params":{}}}]}"#,
            r#"{"parts":{"template":{}}}"#,
            r#"{"parts":[{"template":{"target":{"wt":"cite web"},"params":{"title":{"wt":7}}}}]}"#,
            "[]",
            "",
            "\u{0}",
        ] {
            assert_eq!(read(broken), None, "{broken}");
        }
        // A title that is nothing, a date that is none, a URL that is no web address.
        let cite = read(&cite_web(
            r#""title":{"wt":"  "},"date":{"wt":"someday"},"url":{"wt":"javascript:alert(1)"},
            "publisher":{"wt":"P"}"#,
        ));
        let Some(cite) = cite else {
            panic!("no fields");
        };
        assert_eq!((cite.title, cite.issued, cite.url), (None, None, None));
        assert_eq!(cite.publisher.as_deref(), Some("P"));
    }

    #[test]
    fn a_reference_with_broken_data_mw_keeps_its_text() {
        let reference = |data_mw: &str| {
            format!(
                "<ol class=\"mw-references references\"><li id=\"cite_note-1\">\
                 <span class=\"mw-reference-text\"><cite class=\"citation web\" \
                 typeof=\"mw:Transclusion\" data-mw='{data_mw}'>\"Kept Title\". \
                 Example.</cite></span></li></ol>"
            )
        };
        let good = cite_web(r#""title":{"wt":"Kept Title"}"#);
        for data_mw in [good.as_str(), "{\"parts\":[{", "[1,2,3]", "{}"] {
            let html = format!(
                "<html><body><p>Text.</p>{}</body></html>",
                reference(data_mw)
            );
            let article = crate::format::html::read(&html, "Test");
            let [only] = article.references.as_slice() else {
                panic!("{data_mw}: {:?}", article.references);
            };
            let text: String = only
                .text
                .iter()
                .map(|inline| inline.visible_text())
                .collect();
            assert!(
                text.contains("\"Kept Title\". Example."),
                "{data_mw}: {text}"
            );
            // Without usable data-mw the rendered citation still gives the title.
            let title = only.cite.as_ref().and_then(|cite| cite.title.as_deref());
            assert_eq!(title, Some("Kept Title"), "{data_mw}");
        }
    }

    #[test]
    fn other_templates_and_nonsense_give_nothing() {
        assert_eq!(
            read(r#"{"parts":[{"template":{"target":{"wt":"convert"},"params":{}}}]}"#),
            None
        );
        assert_eq!(read("not json"), None);
        assert_eq!(read(r#"{"name":"ref","body":{"id":"x"}}"#), None);
    }
}
