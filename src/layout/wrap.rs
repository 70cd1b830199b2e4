//! Greedy word wrapping of styled runs by display width. textwrap wraps plain strings; here a
//! word can span several runs (a marker glued to its word, a link inside a sentence) and every
//! run keeps its style and anchor, so the wrapping is done by hand on the same principle.

use super::{Line, Role, Span, Style};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// One unbreakable piece of text: its runs, its width, and whether a space stood before it.
struct Word {
    pieces: Vec<Span>,
    width: usize,
    space_before: bool,
}

enum Token {
    Word(Word),
    Break,
}

/// Wraps runs to `width` columns. The first line starts with `first_prefix`, the others with
/// `rest_prefix` (dropped when the width is too small for them). Runs of white space become one
/// space; a `"\n"` run forces a line break. No line is ever wider than `width`.
pub fn wrap(spans: Vec<Span>, width: usize, first_prefix: &str, rest_prefix: &str) -> Vec<Line> {
    let mut lines = Lines::new(width.max(1), first_prefix, rest_prefix);
    for token in tokenize(spans) {
        match token {
            Token::Break => lines.break_line(),
            Token::Word(word) => lines.place_word(word),
        }
    }
    lines.finish()
}

/// The narrowest and the widest a run can be laid out: its widest word (no narrower without
/// breaking a word) and its longest line unwrapped, both as `wrap` counts them.
/// Counted without building the words (a table measures every cell before laying it out).
pub fn measure(spans: &[Span]) -> (usize, usize) {
    let (mut narrowest, mut widest) = (0, 0);
    // The line so far, the word being read, whether a space came before it, and a space seen.
    let (mut line, mut word, mut spaced, mut pending) = (0, 0, false, false);
    let mut end_word = |line: &mut usize, word: &mut usize, spaced: bool| {
        if *word > 0 {
            narrowest = narrowest.max(*word);
            *line += usize::from(*line > 0 && spaced) + *word;
            widest = widest.max(*line);
            *word = 0;
        }
    };
    for span in spans {
        if span.text == "\n" {
            end_word(&mut line, &mut word, spaced);
            (line, pending) = (0, false);
            continue;
        }
        for c in span.text.chars() {
            if c.is_whitespace() && !is_no_break_space(c) {
                end_word(&mut line, &mut word, spaced);
                pending = true;
            } else if !c.is_control() {
                if word == 0 {
                    (spaced, pending) = (pending, false);
                }
                word += char_width(c);
                // CJK text may break after any wide character, with no space between.
                if c.width() == Some(2) {
                    end_word(&mut line, &mut word, spaced);
                }
            }
        }
    }
    end_word(&mut line, &mut word, spaced);
    (narrowest, widest)
}

/// The lines built so far and the one being filled, with its width kept as it grows.
struct Lines<'a> {
    width: usize,
    rest_prefix: &'a str,
    done: Vec<Line>,
    line: Line,
    used: usize,
    has_words: bool,
}

impl<'a> Lines<'a> {
    fn new(width: usize, first_prefix: &str, rest_prefix: &'a str) -> Lines<'a> {
        let mut lines = Lines {
            width,
            rest_prefix,
            done: Vec::new(),
            line: Line::default(),
            used: 0,
            has_words: false,
        };
        lines.start(first_prefix);
        lines
    }

    fn start(&mut self, prefix: &str) {
        let prefix_width = UnicodeWidthStr::width(prefix);
        if !prefix.is_empty() && prefix_width < self.width {
            self.line
                .spans
                .push(Span::new(prefix, Style::of(Role::Decoration)));
            self.used = prefix_width;
        }
    }

    fn break_line(&mut self) {
        self.done.push(std::mem::take(&mut self.line));
        self.used = 0;
        self.has_words = false;
        let prefix = self.rest_prefix;
        self.start(prefix);
    }

    fn finish(mut self) -> Vec<Line> {
        self.done.push(self.line);
        self.done
    }

    /// The width a fresh continuation line leaves for text.
    fn fresh_room(&self) -> usize {
        let prefix_width = UnicodeWidthStr::width(self.rest_prefix);
        if prefix_width < self.width {
            self.width - prefix_width
        } else {
            self.width
        }
    }

    /// Appends a run, merged into the previous one where style and anchor are equal.
    fn push(&mut self, piece: Span, width: usize) {
        self.used += width;
        match self.line.spans.last_mut() {
            Some(last) if last.style == piece.style && last.anchor == piece.anchor => {
                last.text.push_str(&piece.text)
            }
            _ => self.line.spans.push(piece),
        }
    }

    fn place_word(&mut self, word: Word) {
        let space = usize::from(self.has_words && word.space_before);
        if self.used + space + word.width <= self.width {
            if space == 1 {
                let space_span = space_like(&self.line, &word);
                self.push(space_span, 1);
            }
            self.push_pieces(word.pieces);
            return;
        }
        if word.width <= self.fresh_room() {
            self.break_line();
            self.push_pieces(word.pieces);
            return;
        }
        if let Some(parts) = split_at_no_break_spaces(&word) {
            // Better to break at a no-break space than inside a word.
            for part in parts {
                self.place_word(part);
            }
            return;
        }
        if space == 1 && self.used + 1 < self.width {
            let space_span = space_like(&self.line, &word);
            self.push(space_span, 1);
        }
        self.break_word(word);
    }

    fn push_pieces(&mut self, pieces: Vec<Span>) {
        for piece in pieces {
            let width = piece.text.chars().map(char_width).sum();
            self.push(piece, width);
        }
        self.has_words = true;
    }

    /// A word too long for any line, broken between characters.
    fn break_word(&mut self, word: Word) {
        for piece in word.pieces {
            let mut chunk = String::new();
            let mut chunk_width = 0;
            for mut c in piece.text.chars() {
                let mut width = char_width(c);
                if self.used + chunk_width + width > self.width
                    && (self.has_words || chunk_width > 0)
                {
                    self.push_chunk(&mut chunk, &mut chunk_width, &piece);
                    self.break_line();
                }
                if self.used + chunk_width + width > self.width {
                    // Even an empty line is too narrow: give up the indent, then the character.
                    self.line = Line::default();
                    self.used = 0;
                    if width > self.width {
                        c = '…';
                        width = 1;
                    }
                }
                chunk.push(c);
                chunk_width += width;
            }
            self.push_chunk(&mut chunk, &mut chunk_width, &piece);
        }
    }

    fn push_chunk(&mut self, chunk: &mut String, chunk_width: &mut usize, piece: &Span) {
        if !chunk.is_empty() {
            let span = Span {
                text: std::mem::take(chunk),
                style: piece.style,
                anchor: piece.anchor,
            };
            self.push(span, std::mem::take(chunk_width));
            self.has_words = true;
        }
    }
}

/// A word glued by no-break spaces, as words separated by ordinary spaces; none when it has no
/// no-break space.
fn split_at_no_break_spaces(word: &Word) -> Option<Vec<Word>> {
    if !word
        .pieces
        .iter()
        .any(|piece| piece.text.contains(is_no_break_space))
    {
        return None;
    }
    let mut parts = vec![Word {
        pieces: Vec::new(),
        width: 0,
        space_before: word.space_before,
    }];
    for piece in &word.pieces {
        for (index, text) in piece.text.split(is_no_break_space).enumerate() {
            if index > 0 {
                parts.push(Word {
                    pieces: Vec::new(),
                    width: 0,
                    space_before: true,
                });
            }
            if let Some(part) = parts.last_mut().filter(|_| !text.is_empty()) {
                part.width += text.chars().map(char_width).sum::<usize>();
                part.pieces.push(Span {
                    text: text.to_string(),
                    style: piece.style,
                    anchor: piece.anchor,
                });
            }
        }
    }
    parts.retain(|part| !part.pieces.is_empty());
    Some(parts)
}

fn is_no_break_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
}

/// A character's columns; zero for those that take none (combining marks, controls).
fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// The space between two words takes the style of the run around it, so a link of several
/// words stays one underlined run, and a caption one italic run.
fn space_like(line: &Line, next: &Word) -> Span {
    let before = line.spans.last();
    let after = next.pieces.first();
    match (before, after) {
        (Some(b), Some(a))
            if b.anchor == a.anchor
                && (b.anchor.is_some()
                    || (b.style == a.style && b.style.role != Role::Decoration)) =>
        {
            Span {
                text: " ".to_string(),
                style: b.style,
                anchor: b.anchor,
            }
        }
        _ => Span::new(" ", Style::of(Role::Body)),
    }
}

/// Splits runs into words at white space (no-break spaces excepted) and after every wide
/// character, where CJK text may break without a space.
fn tokenize(spans: Vec<Span>) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut current = Word {
        pieces: Vec::new(),
        width: 0,
        space_before: false,
    };
    let mut pending_space = false;
    let finish = |current: &mut Word, tokens: &mut Vec<Token>, pending_space: &mut bool| {
        if current.width > 0 || current.pieces.iter().any(|p| !p.text.is_empty()) {
            let space_before = current.space_before;
            let word = std::mem::replace(
                current,
                Word {
                    pieces: Vec::new(),
                    width: 0,
                    space_before: false,
                },
            );
            tokens.push(Token::Word(Word {
                space_before,
                ..word
            }));
        }
        current.space_before = *pending_space;
    };
    for span in spans {
        if span.text == "\n" {
            finish(&mut current, &mut tokens, &mut pending_space);
            tokens.push(Token::Break);
            pending_space = false;
            current.space_before = false;
            continue;
        }
        let mut piece = String::new();
        for c in span.text.chars() {
            if c.is_whitespace() && !is_no_break_space(c) {
                push_piece(&mut current, &mut piece, &span);
                pending_space = true;
                finish(&mut current, &mut tokens, &mut pending_space);
                continue;
            }
            if c.is_control() {
                // The model boundary removed these; a stray one must not skew the widths.
                continue;
            }
            if current.width == 0 && piece.is_empty() {
                current.space_before = pending_space;
            }
            pending_space = false;
            piece.push(c);
            current.width += char_width(c);
            if c.width() == Some(2) {
                push_piece(&mut current, &mut piece, &span);
                finish(&mut current, &mut tokens, &mut pending_space);
            }
        }
        push_piece(&mut current, &mut piece, &span);
    }
    finish(&mut current, &mut tokens, &mut pending_space);
    tokens
}

fn push_piece(word: &mut Word, piece: &mut String, span: &Span) {
    if !piece.is_empty() {
        word.pieces.push(Span {
            text: std::mem::take(piece),
            style: span.style,
            anchor: span.anchor,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> Span {
        Span::new(text, Style::of(Role::Body))
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::text).collect()
    }

    #[test]
    fn words_wrap_at_the_width() {
        let lines = wrap(vec![body("the quick brown fox jumps")], 10, "", "");
        assert_eq!(texts(&lines), ["the quick", "brown fox", "jumps"]);
    }

    #[test]
    fn a_marker_stays_with_its_word() {
        let marker = Span {
            text: "[1]".into(),
            style: Style::of(Role::Citation),
            anchor: Some(super::super::Anchor::Citation(0)),
        };
        let lines = wrap(vec![body("aaaa bbbbb"), marker], 10, "", "");
        assert_eq!(texts(&lines), ["aaaa", "bbbbb[1]"]);
    }

    #[test]
    fn prefixes_indent_and_long_words_break() {
        let lines = wrap(vec![body("abcdefghij xy")], 6, "- ", "  ");
        assert_eq!(texts(&lines), ["- abcd", "  efgh", "  ij", "  xy"]);
    }

    #[test]
    fn cjk_breaks_between_characters() {
        let lines = wrap(vec![body("日本語の文章です")], 6, "", "");
        assert_eq!(texts(&lines), ["日本語", "の文章", "です"]);
    }

    #[test]
    fn a_glued_word_too_long_for_a_line_breaks_at_its_no_break_spaces() {
        let lines = wrap(
            vec![body("September\u{a0}1,\u{a0}2013\u{a0}(2013-09-01)")],
            20,
            "",
            "",
        );
        assert_eq!(texts(&lines), ["September 1, 2013", "(2013-09-01)"]);
    }

    #[test]
    fn measures_are_the_widest_word_and_the_longest_line() {
        let spans = vec![
            body("Valentino Rossi"),
            Span::new("\n", Style::of(Role::Body)),
            body("Yamaha"),
        ];
        assert_eq!(measure(&spans), (9, 15));
        assert_eq!(measure(&[body("日本語")]), (2, 6));
        assert_eq!(measure(&[]), (0, 0));
    }

    #[test]
    fn measures_agree_with_the_words_wrap_makes() {
        let by_words = |spans: Vec<Span>| {
            let (mut narrowest, mut widest, mut line) = (0, 0, 0);
            for token in tokenize(spans) {
                match token {
                    Token::Break => line = 0,
                    Token::Word(word) => {
                        narrowest = narrowest.max(word.width);
                        line += usize::from(line > 0 && word.space_before) + word.width;
                        widest = widest.max(line);
                    }
                }
            }
            (narrowest, widest)
        };
        for text in [
            "  two  spaces  ",
            "日本語 と English の文",
            "caf\u{e9}\u{301} na\u{ef}ve a\u{a0}b",
            "tab\there\u{7}bell",
            "",
        ] {
            let spans = vec![
                body(text),
                Span::new("\n", Style::of(Role::Body)),
                body("x y"),
            ];
            assert_eq!(measure(&spans), by_words(spans.clone()), "{text:?}");
        }
    }

    #[test]
    fn nbsp_does_not_break() {
        let lines = wrap(vec![body("aa September\u{a0}1, 2013")], 14, "", "");
        assert_eq!(texts(&lines), ["aa", "September\u{a0}1,", "2013"]);
    }
}
