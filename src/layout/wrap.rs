//! Greedy word wrapping of styled runs by display width. textwrap wraps plain strings; here a
//! word can span several runs (a marker glued to its word, a link inside a sentence) and every
//! run keeps its style and anchor, so the wrapping is done by hand on the same principle.

use super::{Line, Role, Span, Style};
use unicode_width::UnicodeWidthChar;

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
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = start_line(first_prefix, width);
    let mut line_has_words = false;
    for token in tokenize(spans) {
        let word = match token {
            Token::Break => {
                lines.push(std::mem::replace(&mut line, start_line(rest_prefix, width)));
                line_has_words = false;
                continue;
            }
            Token::Word(word) => word,
        };
        let used = line.width();
        let space = usize::from(line_has_words && word.space_before);
        if used + space + word.width <= width {
            if space == 1 {
                line.spans.push(space_like(&line, &word));
            }
            place(&mut line, word.pieces);
            line_has_words = true;
            continue;
        }
        let fresh_width = start_line(rest_prefix, width).width();
        if word.width <= width - fresh_width || !line_has_words {
            if line_has_words {
                lines.push(std::mem::replace(&mut line, start_line(rest_prefix, width)));
            }
            if line.width() + word.width <= width {
                place(&mut line, word.pieces);
                line_has_words = true;
                continue;
            }
        } else if space == 1 && used + 1 < width {
            line.spans.push(space_like(&line, &word));
        }
        // Too long for any line: break it between characters.
        for piece in word.pieces {
            let mut chunk = String::new();
            for mut c in piece.text.chars() {
                let mut char_width = c.width().unwrap_or(0);
                if line.width() + chunk_width(&chunk) + char_width > width
                    && (line_has_words || !chunk.is_empty())
                {
                    flush_chunk(&mut line, &mut chunk, &piece);
                    lines.push(std::mem::replace(&mut line, start_line(rest_prefix, width)));
                    line_has_words = false;
                }
                if line.width() + char_width > width {
                    // Even an empty line is too narrow: give up the indent, then the character.
                    line = Line::default();
                    if char_width > width {
                        c = '…';
                        char_width = 1;
                    }
                }
                debug_assert!(line.width() + chunk_width(&chunk) + char_width <= width);
                chunk.push(c);
            }
            if !chunk.is_empty() {
                flush_chunk(&mut line, &mut chunk, &piece);
                line_has_words = true;
            }
        }
    }
    lines.push(line);
    lines
}

fn chunk_width(chunk: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(chunk)
}

fn flush_chunk(line: &mut Line, chunk: &mut String, piece: &Span) {
    if !chunk.is_empty() {
        line.spans.push(Span {
            text: std::mem::take(chunk),
            style: piece.style,
            anchor: piece.anchor,
        });
    }
}

fn start_line(prefix: &str, width: usize) -> Line {
    let prefix_width = unicode_width::UnicodeWidthStr::width(prefix);
    if prefix.is_empty() || prefix_width >= width {
        return Line::default();
    }
    Line {
        spans: vec![Span::new(prefix, Style::of(Role::Decoration))],
    }
}

/// The space between two words takes the style of the run around it, so a link of several
/// words stays one underlined run.
fn space_like(line: &Line, next: &Word) -> Span {
    let before = line.spans.last();
    let after = next.pieces.first();
    match (before, after) {
        (Some(b), Some(a)) if b.anchor.is_some() && b.anchor == a.anchor => Span {
            text: " ".to_string(),
            style: b.style,
            anchor: b.anchor,
        },
        _ => Span::new(" ", Style::of(Role::Body)),
    }
}

/// Appends pieces, merging with the previous run where style and anchor are equal.
fn place(line: &mut Line, pieces: Vec<Span>) {
    for piece in pieces {
        match line.spans.last_mut() {
            Some(last) if last.style == piece.style && last.anchor == piece.anchor => {
                last.text.push_str(&piece.text)
            }
            _ => line.spans.push(piece),
        }
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
            if c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}' && c != '\u{2007}' {
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
            current.width += c.width().unwrap_or(0);
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
    fn nbsp_does_not_break() {
        let lines = wrap(vec![body("aa September\u{a0}1, 2013")], 14, "", "");
        assert_eq!(texts(&lines), ["aa", "September\u{a0}1,", "2013"]);
    }
}
