//! Title search over the library's sources: a title matches where the query starts it, starts
//! one of its words, has all its words, or lies anywhere inside it; failing those, where the
//! fuzzy matcher (nucleo) finds the query's letters in order, or each query word is a small
//! typo away from a word of the title. Ranked in that order, the shorter title first.
//!
//! A search streams: the titles an index finds at once (an archive's prefix range) come first,
//! then every title is read and ranked, and the best so far are handed on in batches, so that
//! the first results show at once on an archive of millions of titles and the rest follow.

use super::Source;
use crate::text::title_key;
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::collections::HashSet;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};

/// Batches are at least this far apart, so a long scan does not redraw the screen for every
/// title it finds; the first results go out at once.
const BATCH_INTERVAL: Duration = Duration::from_millis(50);
/// How often a scan asks whether it is still wanted, in titles.
const CANCEL_CHECK: usize = 1024;
/// A fuzzy match is kept when nucleo scores it at least this much per query character (a
/// matched letter scores 16, more at a word start or in a run, less after a gap): a letter or
/// a space left out scores about 24, the query's letters scattered over the title about 19.
const MIN_FUZZY_SCORE_PER_CHAR: u32 = 22;
/// Query words shorter than this are never read as typos of something else.
const MIN_TYPO_WORD: usize = 4;
/// Query words at least this long may have two typos, shorter ones one.
const TWO_TYPO_WORD: usize = 8;

/// Where a search's results go: batches of the best titles so far, best first.
pub trait Results {
    /// The best titles found so far; `done` on the last batch of a search.
    fn batch(&mut self, titles: &[String], done: bool);
    /// True once the results are no longer wanted (a newer query came); the search stops.
    fn cancelled(&self) -> bool {
        false
    }
}

/// Results gathered for a caller that waits for the whole answer.
#[derive(Default)]
pub struct Collected(pub Vec<String>);

impl Results for Collected {
    fn batch(&mut self, titles: &[String], _done: bool) {
        self.0 = titles.to_vec();
    }
}

/// Searches `sources` for `query`, handing batches of at most `limit` titles to `results`.
pub fn search(sources: &[&dyn Source], query: &str, limit: usize, results: &mut dyn Results) {
    let mut query = Query::new(query);
    let mut best = Best::new(limit);
    let mut scan = Vec::new();
    for &source in sources {
        match source.titles_starting_with(&query.key, limit) {
            Some(titles) => {
                for title in titles {
                    if let Some(rank) = query.rank(&title, None) {
                        best.offer(rank, title);
                    }
                }
                // An empty query lists titles from the start: the index already gave them.
                if !query.key.is_empty() {
                    scan.push(source);
                }
            }
            None => scan.push(source),
        }
    }
    let mut sent = None;
    if !best.is_empty() {
        results.batch(&best.titles(), false);
        sent = Some(Instant::now());
    }
    let mut changed = false;
    let mut seen = 0usize;
    for source in scan {
        let flow = source.each_title(&mut |title| {
            seen += 1;
            if seen.is_multiple_of(CANCEL_CHECK) && results.cancelled() {
                return ControlFlow::Break(());
            }
            let cutoff = best.cutoff();
            if let Some(rank) = query.rank(&title, cutoff)
                && best.offer(rank, title)
            {
                changed = true;
            }
            if changed && sent.is_none_or(|at: Instant| at.elapsed() >= BATCH_INTERVAL) {
                results.batch(&best.titles(), false);
                sent = Some(Instant::now());
                changed = false;
            }
            ControlFlow::Continue(())
        });
        if flow.is_break() {
            return;
        }
    }
    results.batch(&best.titles(), true);
}

/// The whole answer to a search, for callers that can wait (tests, the command line).
pub fn search_all(sources: &[&dyn Source], query: &str, limit: usize) -> Vec<String> {
    let mut collected = Collected::default();
    search(sources, query, limit, &mut collected);
    collected.0
}

/// How a title matches, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    /// The query starts the title.
    Prefix,
    /// The query starts a word of the title.
    WordStart,
    /// Every word of the query starts a word of the title, in any order.
    AllWords,
    /// The query is inside the title.
    Inside,
    /// nucleo finds the query's letters in order, well enough.
    Fuzzy,
    /// Each query word is a typo or two away from a word of the title.
    Typo,
}

/// A title's place in the results: by tier, then how well it matched within the tier (lower
/// is better), then the shorter title, then the title key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    tier: Tier,
    within: u32,
    len: usize,
    key: String,
}

/// A query, prepared once and matched against many titles.
struct Query {
    key: String,
    words: Vec<String>,
    pattern: Pattern,
    min_fuzzy_score: u32,
    matcher: Matcher,
    chars: Vec<char>,
}

impl Query {
    fn new(query: &str) -> Query {
        let key = title_key(query);
        let letters = key.chars().filter(|c| *c != ' ').count();
        Query {
            min_fuzzy_score: MIN_FUZZY_SCORE_PER_CHAR
                .saturating_mul(u32::try_from(letters).unwrap_or(u32::MAX)),
            words: key
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect(),
            pattern: Pattern::new(
                &key,
                CaseMatching::Ignore,
                Normalization::Smart,
                AtomKind::Fuzzy,
            ),
            key,
            matcher: Matcher::new(Config::DEFAULT),
            chars: Vec::new(),
        }
    }

    /// How `title` matches, if it does and would rank before `cutoff` (the worst result kept
    /// when there are enough: a title that cannot beat it is not matched further).
    fn rank(&mut self, title: &str, cutoff: Option<&Rank>) -> Option<Rank> {
        let key = title_key(title);
        let len = key.chars().count();
        if self.key.is_empty() {
            // Nothing typed: titles in order.
            return Some(Rank {
                tier: Tier::Prefix,
                within: 0,
                len: 0,
                key,
            });
        }
        let rank = |tier, within| Rank {
            tier,
            within,
            len,
            key: String::new(),
        };
        let tier = if key.starts_with(&self.key) {
            Some(Tier::Prefix)
        } else if starts_a_word(&key, &self.key) {
            Some(Tier::WordStart)
        } else if self.words.len() > 1 && self.words.iter().all(|w| starts_a_word(&key, w)) {
            Some(Tier::AllWords)
        } else if key.contains(&self.key) {
            Some(Tier::Inside)
        } else {
            None
        };
        let found = match tier {
            Some(tier) => Some(rank(tier, 0)),
            None if cutoff.is_some_and(|worst| worst.tier < Tier::Fuzzy) => None,
            // nucleo's scores differ by a few points between equally good matches; within the
            // tier the shorter title is the likelier one.
            None if self.matches_fuzzily(&key) => Some(rank(Tier::Fuzzy, 0)),
            None if cutoff.is_some_and(|worst| worst.tier < Tier::Typo) => None,
            None => self.typos(&key).map(|typos| rank(Tier::Typo, typos)),
        };
        let found = found.filter(|found| cutoff.is_none_or(|worst| found < worst))?;
        Some(Rank { key, ..found })
    }

    /// True when nucleo finds the query's letters in the title, well enough.
    fn matches_fuzzily(&mut self, key: &str) -> bool {
        // Most titles lack some letter of the query: a quick look in order rules them out
        // (where nothing is accented, since nucleo matches `e` to `é`).
        if key.is_ascii() && !self.words.iter().all(|word| in_order(word, key)) {
            return false;
        }
        self.pattern
            .score(Utf32Str::new(key, &mut self.chars), &mut self.matcher)
            .is_some_and(|score| score >= self.min_fuzzy_score)
    }

    /// The typos that make each query word a word of the title (the last query word may be
    /// the start of one, as it is still being typed), if few enough.
    fn typos(&self, key: &str) -> Option<u32> {
        let mut total = 0;
        for (index, word) in self.words.iter().enumerate() {
            let typing = index + 1 == self.words.len();
            let fewest = key
                .split(' ')
                .filter_map(|title_word| word_typos(word, title_word, typing))
                .min()?;
            total += fewest;
        }
        Some(total)
    }
}

/// The typos between a query word and a title word, if few enough for the word's length. The
/// first letter is taken as typed right (or swapped with the second), which keeps a scan of
/// millions of titles quick; a word still being typed is compared with the title word's start.
fn word_typos(word: &str, title_word: &str, typing: bool) -> Option<u32> {
    let len = word.chars().count();
    let allowed = match len {
        0..MIN_TYPO_WORD => 0,
        MIN_TYPO_WORD..TWO_TYPO_WORD => 1,
        _ => 2,
    };
    let mut letters = word.chars();
    let (first, second) = (letters.next()?, letters.next());
    let title_first = title_word.chars().next()?;
    if title_first != first && Some(title_first) != second {
        return None;
    }
    let title_len = title_word.chars().count();
    let distance = if typing {
        if title_len + allowed < len {
            return None;
        }
        (len.saturating_sub(allowed)..=len + allowed)
            .map(|n| strsim::osa_distance(word, first_chars(title_word, n)))
            .min()?
    } else {
        if title_len.abs_diff(len) > allowed {
            return None;
        }
        strsim::osa_distance(word, title_word)
    };
    (distance <= allowed).then(|| u32::try_from(distance).unwrap_or(u32::MAX))
}

/// The first `n` characters of `text` (all of it when shorter).
fn first_chars(text: &str, n: usize) -> &str {
    text.char_indices()
        .nth(n)
        .map_or(text, |(at, _)| &text[..at])
}

/// True when the letters of `word` occur in `text` in the same order.
fn in_order(word: &str, text: &str) -> bool {
    let mut letters = text.chars();
    word.chars().all(|wanted| letters.any(|c| c == wanted))
}

/// True when `part` occurs in `key` at the start of a word.
fn starts_a_word(key: &str, part: &str) -> bool {
    key.match_indices(part).any(|(at, _)| {
        key[..at]
            .chars()
            .next_back()
            .is_none_or(|before| !before.is_alphanumeric())
    })
}

/// The best titles so far, each title key once, at most `limit`.
struct Best {
    limit: usize,
    /// Sorted by rank, best first.
    ranked: Vec<(Rank, String)>,
    keys: HashSet<String>,
}

impl Best {
    fn new(limit: usize) -> Best {
        Best {
            limit,
            ranked: Vec::new(),
            keys: HashSet::new(),
        }
    }

    fn is_empty(&self) -> bool {
        self.ranked.is_empty()
    }

    /// The rank a title must beat to get in, once there are enough.
    fn cutoff(&self) -> Option<&Rank> {
        (self.ranked.len() >= self.limit)
            .then(|| self.ranked.last().map(|(rank, _)| rank))
            .flatten()
    }

    /// Takes the title if it ranks among the best and its key is new; true if it was taken.
    fn offer(&mut self, rank: Rank, title: String) -> bool {
        if self.limit == 0 || self.cutoff().is_some_and(|worst| rank >= *worst) {
            return false;
        }
        if self.keys.contains(&rank.key) {
            return false;
        }
        let at = self.ranked.partition_point(|(kept, _)| *kept < rank);
        self.keys.insert(rank.key.clone());
        self.ranked.insert(at, (rank, title));
        if self.ranked.len() > self.limit
            && let Some((dropped, _)) = self.ranked.pop()
        {
            self.keys.remove(&dropped.key);
        }
        true
    }

    fn titles(&self) -> Vec<String> {
        self.ranked.iter().map(|(_, title)| title.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranked(titles: &[&str], query: &str) -> Vec<String> {
        let mut query = Query::new(query);
        let mut best = Best::new(10);
        for title in titles {
            let cutoff = best.cutoff().cloned();
            if let Some(rank) = query.rank(title, cutoff.as_ref()) {
                best.offer(rank, title.to_string());
            }
        }
        best.titles()
    }

    const TITLES: &[&str] = &[
        "Georgia on My Mind",
        "Ray Charles",
        "Ray Charles discography",
        "Ray",
        "The Ray Charles Story",
        "Charlesworth",
        "Hit the Road Jack",
        "Mountain",
    ];

    #[test]
    fn prefix_matches_come_first_then_words_then_the_inside() {
        assert_eq!(
            ranked(TITLES, "ray"),
            [
                "Ray",
                "Ray Charles",
                "Ray Charles discography",
                "The Ray Charles Story"
            ]
        );
        assert_eq!(
            ranked(TITLES, "charles"),
            [
                "Charlesworth",
                "Ray Charles",
                "The Ray Charles Story",
                "Ray Charles discography"
            ]
        );
        assert_eq!(ranked(TITLES, "on my"), ["Georgia on My Mind"]);
        assert_eq!(ranked(TITLES, "discography"), ["Ray Charles discography"]);
        assert_eq!(ranked(TITLES, "mind georgia"), ["Georgia on My Mind"]);
        assert_eq!(
            ranked(TITLES, "arles"),
            [
                "Ray Charles",
                "Charlesworth",
                "The Ray Charles Story",
                "Ray Charles discography"
            ]
        );
    }

    #[test]
    fn small_typos_and_missing_letters_still_match() {
        assert_eq!(ranked(TITLES, "ray chrles")[0], "Ray Charles");
        assert_eq!(ranked(TITLES, "georgia on my mnid"), ["Georgia on My Mind"]);
        assert_eq!(ranked(TITLES, "hit the raod"), ["Hit the Road Jack"]);
        assert_eq!(ranked(TITLES, "discograpy")[0], "Ray Charles discography");
        assert!(ranked(TITLES, "zzzz").is_empty());
    }

    #[test]
    fn an_empty_query_lists_titles_in_order() {
        assert_eq!(ranked(&["b", "A", "c"], ""), ["A", "b", "c"]);
    }

    #[test]
    fn each_title_key_is_kept_once_and_the_best_survive() {
        let mut best = Best::new(2);
        let mut query = Query::new("ab");
        for title in ["abc", "ABC", "xab", "ab"] {
            if let Some(rank) = query.rank(title, best.cutoff().cloned().as_ref()) {
                best.offer(rank, title.to_string());
            }
        }
        assert_eq!(best.titles(), ["ab", "abc"]);
    }
}
