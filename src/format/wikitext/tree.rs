//! Wikitext as a tree: templates `{{…}}`, internal links `[[…]]` and tags, with plain text
//! between them. Three linear passes: a lexer that finds tokens (comments dropped, extension
//! tags such as `<ref>` and `<nowiki>` kept whole), a matcher that pairs openers with closers
//! using a stack, and a builder that nests the paired tokens with an explicit stack. Unpaired
//! brackets stay text, and nesting deeper than `MAX_DEPTH` is dropped, so no input can make the
//! parser recurse without bound or rescan text.

use std::collections::HashMap;

/// Templates and links nested deeper than this are dropped (real articles stay below ten).
pub const MAX_DEPTH: usize = 40;

#[derive(Debug, Clone, PartialEq)]
pub enum Node<'a> {
    Text(&'a str),
    Template(Template<'a>),
    /// `[[…]]`: the parts between top-level pipes (the first is the target).
    Link(Vec<Vec<Node<'a>>>),
    /// An HTML or extension tag. `body` is none for a self-closing tag, an opening tag whose
    /// content is wikitext (`<small>`), or a closing tag (`closing` set).
    Tag(Tag<'a>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Template<'a> {
    pub name: Vec<Node<'a>>,
    pub args: Vec<Arg<'a>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Arg<'a> {
    /// `name=` of a named argument, trimmed.
    pub name: Option<&'a str>,
    pub value: Vec<Node<'a>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tag<'a> {
    /// Lower case.
    pub name: &'static str,
    pub attrs: &'a str,
    pub body: Option<&'a str>,
    pub closing: bool,
}

/// Tags whose content is not wikitext of the surrounding text: kept whole, read separately.
const EXTENSION_TAGS: &[&str] = &[
    "ref",
    "references",
    "nowiki",
    "math",
    "chem",
    "ce",
    "pre",
    "gallery",
    "source",
    "syntaxhighlight",
    "timeline",
    "score",
    "poem",
    "imagemap",
    "templatedata",
    "graph",
    "mapframe",
    "maplink",
    "includeonly",
    "inputbox",
    "categorytree",
    "hiero",
];

/// HTML tags that are dropped while their content stays (`<br>` becomes a line break later).
const HTML_TAGS: &[&str] = &[
    "br",
    "small",
    "big",
    "sup",
    "sub",
    "span",
    "div",
    "center",
    "font",
    "s",
    "u",
    "i",
    "b",
    "em",
    "strong",
    "abbr",
    "cite",
    "code",
    "tt",
    "blockquote",
    "p",
    "del",
    "ins",
    "strike",
    "onlyinclude",
    "noinclude",
    "section",
    "var",
    "kbd",
    "samp",
    "q",
    "dfn",
    "bdi",
    "wbr",
    "mark",
    "hr",
    "caption",
    "time",
    "ruby",
    "rb",
    "rt",
    "rp",
    "dl",
    "dt",
    "dd",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "td",
    "th",
];

/// An opening tag's attributes may not run longer than this before its `>`.
const MAX_TAG_LENGTH: usize = 2048;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Text(usize, usize),
    OpenTemplate(usize),
    CloseTemplate(usize),
    OpenLink(usize),
    CloseLink(usize),
    Pipe(usize),
    /// An index into the lexer's tags, kept apart so that a token stays three words long.
    Tag(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TagToken<'a> {
    name: &'static str,
    attrs: &'a str,
    body: Option<&'a str>,
    closing: bool,
}

/// Parses wikitext into nodes.
pub fn parse(source: &str) -> Vec<Node<'_>> {
    let (tokens, tags) = lex(source);
    let partners = pair(&tokens);
    build(source, &tokens, &tags, &partners)
}

/// Where the next closing tag of one name starts, remembered so that many unclosed openers
/// do not each scan the rest of the text.
#[derive(Default)]
struct CloserCache {
    /// Tag name → where the last search started and what it found.
    found: HashMap<&'static str, (usize, Option<Span>)>,
}

/// A closing tag: where it starts and where its `>` ends.
type Span = (usize, usize);

impl CloserCache {
    /// The first `</name …>` at or after `from`: its start and the end of its `>`.
    fn find(&mut self, source: &str, name: &'static str, from: usize) -> Option<Span> {
        if let Some(&(searched_from, result)) = self.found.get(name) {
            let still_valid = match result {
                Some((start, _)) => from >= searched_from && from <= start,
                None => from >= searched_from,
            };
            if still_valid {
                return result;
            }
        }
        let result = find_closer(source, name, from);
        self.found.insert(name, (from, result));
        result
    }
}

fn find_closer(source: &str, name: &str, from: usize) -> Option<Span> {
    let bytes = source.as_bytes();
    let mut at = from;
    while let Some(offset) = source.get(at..).and_then(|rest| rest.find("</")) {
        let start = at + offset;
        let name_start = start + 2;
        let name_end = name_start + name.len();
        let matches = source
            .get(name_start..name_end)
            .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name))
            && !bytes
                .get(name_end)
                .is_some_and(|b| b.is_ascii_alphanumeric());
        if matches {
            let close = source[name_end..].find('>').map(|i| name_end + i + 1);
            return Some((start, close.unwrap_or(source.len())));
        }
        at = start + 2;
    }
    None
}

/// The bytes a token can start with; the lexer skips over all others at once.
fn is_token_byte(byte: u8) -> bool {
    (byte == b'{')
        | (byte == b'}')
        | (byte == b'[')
        | (byte == b']')
        | (byte == b'|')
        | (byte == b'<')
}

fn lex(source: &str) -> (Vec<Token>, Vec<TagToken<'_>>) {
    let bytes = source.as_bytes();
    // Real articles hold about one token per twenty bytes; reserving that saves regrowing.
    let mut tokens = Vec::with_capacity(source.len() / 20);
    let mut tags = Vec::new();
    let mut closers = CloserCache::default();
    let mut text_start = 0;
    let mut at = 0;
    // Set once a search for `-->` failed: no later comment can be closed either.
    let mut comments_unclosed = false;
    while let Some(offset) = crate::text::find_byte(&bytes[at..], is_token_byte) {
        at += offset;
        let byte = bytes[at];
        let two = |b: u8| bytes.get(at + 1) == Some(&b);
        let token_len = match byte {
            b'{' if two(b'{') => {
                push_text(&mut tokens, text_start, at);
                tokens.push(Token::OpenTemplate(at));
                2
            }
            b'}' if two(b'}') => {
                push_text(&mut tokens, text_start, at);
                tokens.push(Token::CloseTemplate(at));
                2
            }
            b'[' if two(b'[') => {
                push_text(&mut tokens, text_start, at);
                tokens.push(Token::OpenLink(at));
                2
            }
            b']' if two(b']') => {
                push_text(&mut tokens, text_start, at);
                tokens.push(Token::CloseLink(at));
                2
            }
            b'|' => {
                push_text(&mut tokens, text_start, at);
                tokens.push(Token::Pipe(at));
                1
            }
            b'<' => {
                if source[at..].starts_with("<!--") {
                    push_text(&mut tokens, text_start, at);
                    let end = if comments_unclosed {
                        None
                    } else {
                        source[at + 4..].find("-->").map(|i| at + 4 + i + 3)
                    };
                    comments_unclosed |= end.is_none();
                    let end = end.unwrap_or(bytes.len());
                    text_start = end;
                    at = end;
                    continue;
                }
                match lex_tag(source, at, &mut closers) {
                    Some((tag, end)) => {
                        push_text(&mut tokens, text_start, at);
                        tokens.push(Token::Tag(tags.len()));
                        tags.push(tag);
                        text_start = end;
                        at = end;
                        continue;
                    }
                    None => 0,
                }
            }
            _ => 0,
        };
        if token_len == 0 {
            at += 1;
        } else {
            at += token_len;
            text_start = at;
        }
    }
    push_text(&mut tokens, text_start, bytes.len());
    (tokens, tags)
}

fn push_text(tokens: &mut Vec<Token>, start: usize, end: usize) {
    if start < end {
        tokens.push(Token::Text(start, end));
    }
}

/// A tag starting at `at` (which holds `<`), and where the token ends.
fn lex_tag<'a>(
    source: &'a str,
    at: usize,
    closers: &mut CloserCache,
) -> Option<(TagToken<'a>, usize)> {
    let rest = &source[at + 1..];
    let closing = rest.starts_with('/');
    let name_from = if closing { 1 } else { 0 };
    let name_len = rest[name_from..]
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if name_len == 0 {
        return None;
    }
    let written = &rest[name_from..name_from + name_len];
    let name = EXTENSION_TAGS
        .iter()
        .chain(HTML_TAGS)
        .find(|known| known.eq_ignore_ascii_case(written))?;
    let after_name = at + 1 + name_from + name_len;
    let window_end = floor_char_boundary(source, (after_name + MAX_TAG_LENGTH).min(source.len()));
    let gt = source[after_name..window_end].find('>')? + after_name;
    let self_closing = source[..gt].ends_with('/');
    let attrs_end = if self_closing { gt - 1 } else { gt };
    let attrs = source
        .get(after_name..attrs_end.max(after_name))
        .unwrap_or("");
    let open_end = gt + 1;
    let is_extension = EXTENSION_TAGS.contains(name);
    if closing || self_closing || !is_extension {
        let tag = TagToken {
            name,
            attrs,
            body: None,
            closing,
        };
        return Some((tag, open_end));
    }
    let (body, end) = match closers.find(source, name, open_end) {
        Some((close_start, close_end)) => (&source[open_end..close_start], close_end),
        // An unclosed extension tag is no tag: MediaWiki shows it as text.
        None => return None,
    };
    let tag = TagToken {
        name,
        attrs,
        body: Some(body),
        closing: false,
    };
    Some((tag, end))
}

/// The largest char boundary at or below `index`.
pub fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Bracket {
    Template,
    Link,
}

/// For each opener token, the index of the closer it pairs with.
fn pair(tokens: &[Token]) -> Vec<Option<usize>> {
    let mut partners = vec![None; tokens.len()];
    let mut stack: Vec<(Bracket, usize)> = Vec::new();
    let mut open_templates = 0usize;
    let mut open_links = 0usize;
    for (index, token) in tokens.iter().enumerate() {
        let wanted = match token {
            Token::OpenTemplate(_) => {
                stack.push((Bracket::Template, index));
                open_templates += 1;
                continue;
            }
            Token::OpenLink(_) => {
                stack.push((Bracket::Link, index));
                open_links += 1;
                continue;
            }
            Token::CloseTemplate(_) if open_templates > 0 => Bracket::Template,
            Token::CloseLink(_) if open_links > 0 => Bracket::Link,
            _ => continue,
        };
        // Openers of the other kind left inside stay unpaired; each is popped once, so the
        // whole pass is linear.
        while let Some((kind, opener)) = stack.pop() {
            match kind {
                Bracket::Template => open_templates -= 1,
                Bracket::Link => open_links -= 1,
            }
            if kind == wanted {
                partners[opener] = Some(index);
                break;
            }
        }
    }
    partners
}

/// A template or link being built: where its parts start and the token that closes it.
struct Frame {
    kind: Bracket,
    /// Its first part's position in the builder's part starts.
    first_part: usize,
    closer: usize,
}

/// The nodes of every open template and link, on one stack: a part's nodes become a vector of
/// their exact number when its bracket closes, so that no node list of the tree holds the
/// spare room of a growing vector (most hold one to three nodes).
struct Builder<'a> {
    source: &'a str,
    root: Vec<Node<'a>>,
    frames: Vec<Frame>,
    /// The nodes of the open parts, one after another.
    stack: Vec<Node<'a>>,
    /// Where each open part starts on the stack.
    part_starts: Vec<usize>,
}

impl<'a> Builder<'a> {
    /// Adds a node to the open part, or to the root.
    fn push(&mut self, node: Node<'a>) {
        if self.frames.is_empty() {
            self.root.push(node);
        } else {
            self.stack.push(node);
        }
    }

    /// Adds source text, joining it to the previous text node of the open part when the two
    /// are adjacent in the source (so `||` read as two pipes is one text again).
    fn push_text(&mut self, start: usize, end: usize) {
        let previous = if self.frames.is_empty() {
            self.root.last_mut()
        } else if self
            .part_starts
            .last()
            .is_some_and(|&at| at < self.stack.len())
        {
            self.stack.last_mut()
        } else {
            None
        };
        if let Some(Node::Text(previous)) = previous {
            let previous_start = previous.as_ptr() as usize - self.source.as_ptr() as usize;
            if previous_start + previous.len() == start {
                *previous = &self.source[previous_start..end];
                return;
            }
        }
        self.push(Node::Text(&self.source[start..end]));
    }

    fn open(&mut self, kind: Bracket, closer: usize) {
        self.frames.push(Frame {
            kind,
            first_part: self.part_starts.len(),
            closer,
        });
        self.part_starts.push(self.stack.len());
    }

    /// Closes the innermost bracket: its parts taken off the stack, each at its exact size.
    fn close(&mut self, frame: Frame) {
        let mut parts = Vec::with_capacity(self.part_starts.len() - frame.first_part);
        while self.part_starts.len() > frame.first_part {
            let start = self.part_starts.pop().unwrap_or_default();
            // Not `split_off`, which hands over the whole buffer when a part starts at 0.
            parts.push(self.stack.drain(start..).collect());
        }
        parts.reverse();
        let node = finish_frame(frame.kind, parts);
        self.push(node);
    }
}

fn build<'a>(
    source: &'a str,
    tokens: &[Token],
    tags: &[TagToken<'a>],
    partners: &[Option<usize>],
) -> Vec<Node<'a>> {
    let mut builder = Builder {
        source,
        root: Vec::new(),
        frames: Vec::new(),
        stack: Vec::new(),
        part_starts: Vec::new(),
    };
    let mut index = 0;
    while index < tokens.len() {
        let token = tokens[index];
        match token {
            Token::Text(start, end) => builder.push_text(start, end),
            Token::Tag(tag) => {
                if let Some(tag) = tags.get(tag) {
                    builder.push(Node::Tag(Tag {
                        name: tag.name,
                        attrs: tag.attrs,
                        body: tag.body,
                        closing: tag.closing,
                    }));
                }
            }
            Token::Pipe(at) => {
                if builder.frames.is_empty() {
                    builder.push_text(at, at + 1);
                } else {
                    builder.part_starts.push(builder.stack.len());
                }
            }
            Token::OpenTemplate(at) | Token::OpenLink(at) => match partners[index] {
                Some(closer) if builder.frames.len() < MAX_DEPTH => {
                    let kind = if matches!(token, Token::OpenTemplate(_)) {
                        Bracket::Template
                    } else {
                        Bracket::Link
                    };
                    builder.open(kind, closer);
                }
                // Too deep: the whole bracket is left out.
                Some(closer) => {
                    index = closer + 1;
                    continue;
                }
                None => builder.push_text(at, at + 2),
            },
            Token::CloseTemplate(at) | Token::CloseLink(at) => {
                match builder.frames.pop_if(|frame| frame.closer == index) {
                    Some(frame) => builder.close(frame),
                    None => builder.push_text(at, at + 2),
                }
            }
        }
        index += 1;
    }
    builder.root
}

fn finish_frame(kind: Bracket, parts: Vec<Vec<Node<'_>>>) -> Node<'_> {
    match kind {
        Bracket::Link => Node::Link(parts),
        Bracket::Template => {
            let mut parts = parts.into_iter();
            let name = parts.next().unwrap_or_default();
            let args = parts.map(split_argument).collect();
            Node::Template(Template { name, args })
        }
    }
}

/// `name = value` when the first `=` of the argument stands in its leading text.
fn split_argument(mut nodes: Vec<Node<'_>>) -> Arg<'_> {
    if let Some(Node::Text(text)) = nodes.first() {
        let text = *text;
        if let Some(eq) = text.find('=') {
            let name = text[..eq].trim();
            let rest = &text[eq + 1..];
            if rest.is_empty() {
                nodes.remove(0);
            } else {
                nodes[0] = Node::Text(rest);
            }
            return Arg {
                name: Some(name),
                value: nodes,
            };
        }
    }
    Arg {
        name: None,
        value: nodes,
    }
}

impl<'a> Template<'a> {
    /// The template's name as written, trimmed, when it is plain text.
    pub fn name_text(&self) -> String {
        let mut name = String::new();
        for node in &self.name {
            if let Node::Text(text) = node {
                name.push_str(text);
            }
        }
        name.trim().to_string()
    }

    /// The value of the first named argument among `names` that is present.
    pub fn named(&self, names: &[&str]) -> Option<&[Node<'a>]> {
        names.iter().find_map(|wanted| {
            self.args
                .iter()
                .find(|arg| {
                    arg.name
                        .is_some_and(|name| name.eq_ignore_ascii_case(wanted))
                })
                .map(|arg| arg.value.as_slice())
        })
    }

    /// The `n`th positional argument (0-based).
    pub fn positional(&self, n: usize) -> Option<&[Node<'a>]> {
        self.positionals().nth(n)
    }

    /// Unnamed arguments and those named by their number (`|1=…`), in order.
    pub fn positionals(&self) -> impl Iterator<Item = &[Node<'a>]> {
        self.args
            .iter()
            .filter(|arg| {
                arg.name
                    .is_none_or(|name| !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()))
            })
            .map(|arg| arg.value.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_links_and_text_nest() {
        let nodes = parse("a {{t|x=[[L|l]]|y}} b");
        assert_eq!(nodes.len(), 3);
        let Node::Template(template) = &nodes[1] else {
            panic!("not a template: {nodes:?}");
        };
        assert_eq!(template.name_text(), "t");
        assert_eq!(template.args[0].name, Some("x"));
        assert!(matches!(template.args[0].value[0], Node::Link(ref parts) if parts.len() == 2));
        assert_eq!(template.positional(0), Some(&[Node::Text("y")][..]));
    }

    #[test]
    fn unpaired_brackets_stay_text() {
        assert_eq!(parse("{{a [[b"), vec![Node::Text("{{a [[b")]);
        assert_eq!(parse("x]] y}}"), vec![Node::Text("x]] y}}")]);
        let nodes = parse("{{a|[[b}}");
        let Node::Template(template) = &nodes[0] else {
            panic!("not a template: {nodes:?}");
        };
        assert_eq!(template.positional(0), Some(&[Node::Text("[[b")][..]));
    }

    #[test]
    fn comments_go_and_extension_tags_stay_whole() {
        let nodes = parse("a<!-- {{x}} -->b<ref name=n>{{c}}|</ref><nowiki>[[y]]</nowiki>");
        assert_eq!(nodes[0], Node::Text("a"));
        assert_eq!(nodes[1], Node::Text("b"));
        let Node::Tag(reference) = &nodes[2] else {
            panic!("not a tag: {nodes:?}");
        };
        assert_eq!((reference.name, reference.attrs), ("ref", " name=n"));
        assert_eq!(reference.body, Some("{{c}}|"));
        let Node::Tag(nowiki) = &nodes[3] else {
            panic!("not a tag: {nodes:?}");
        };
        assert_eq!(nowiki.body, Some("[[y]]"));
    }

    #[test]
    fn pipes_outside_brackets_are_text_joined_with_neighbours() {
        assert_eq!(parse("| a || b"), vec![Node::Text("| a || b")]);
    }

    #[test]
    fn too_deep_nesting_is_dropped_not_recursed() {
        let deep = format!("x{}y{}z", "{{".repeat(1000), "}}".repeat(1000));
        let nodes = parse(&deep);
        assert_eq!(nodes.len(), 3);
        assert_eq!((&nodes[0], &nodes[2]), (&Node::Text("x"), &Node::Text("z")));
    }
}
