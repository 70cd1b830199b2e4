//! Lookups in the archive's sorted lists (entries by URL, entries by title). The lists are sorted
//! by bytes, so case-sensitively; folio compares titles case-insensitively. A lookup therefore
//! walks the key one character at a time, keeping each spelling (lower or upper case, space or
//! underscore) that some entry starts with: a few binary searches per character, so a lookup
//! stays fast on an archive of millions of titles and never reads the whole list.

use super::ZimError;
use std::ops::Range;

/// Spellings followed at once; real titles rarely differ only in case, this bounds odd archives.
const MAX_SPELLINGS: usize = 16;

/// A sorted list seen through its sort keys, read on demand.
pub trait SortedList {
    fn sort_key(&self, position: u32) -> Result<String, ZimError>;
}

/// The first position in `range` for which `is_before` is false (`is_before` holds for a prefix
/// of the range, as `slice::partition_point`).
pub fn partition_point(
    range: Range<u32>,
    mut is_before: impl FnMut(u32) -> Result<bool, ZimError>,
) -> Result<u32, ZimError> {
    let (mut low, mut high) = (range.start, range.end.max(range.start));
    while low < high {
        let middle = low + (high - low) / 2;
        if is_before(middle)? {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    Ok(low)
}

/// The positions in `range` whose sort key starts with `prefix` (they are contiguous).
pub fn prefix_range(
    list: &impl SortedList,
    range: Range<u32>,
    prefix: &str,
) -> Result<Range<u32>, ZimError> {
    let start = partition_point(range.clone(), |p| Ok(list.sort_key(p)?.as_str() < prefix))?;
    let end = partition_point(start..range.end, |p| {
        Ok(list.sort_key(p)?.starts_with(prefix))
    })?;
    Ok(start..end)
}

/// Every spelling of `key` (a `title_key`: lower case, single spaces) that some sort key in
/// `range` starts with, each with the positions that start with it.
pub fn spellings(
    list: &impl SortedList,
    range: Range<u32>,
    key: &str,
) -> Result<Vec<(String, Range<u32>)>, ZimError> {
    let mut found = vec![(String::new(), range)];
    for c in key.chars() {
        let mut next = Vec::new();
        for (prefix, range) in &found {
            for variant in variants(c) {
                let spelling = format!("{prefix}{variant}");
                let positions = prefix_range(list, range.clone(), &spelling)?;
                if !positions.is_empty() && next.len() < MAX_SPELLINGS {
                    next.push((spelling, positions));
                }
            }
        }
        if next.is_empty() {
            return Ok(next);
        }
        found = next;
    }
    Ok(found)
}

/// The positions whose sort key is a spelling of `key`, or one followed by one of `suffixes`
/// (URLs of old archives end in `.html`).
pub fn find(
    list: &impl SortedList,
    range: Range<u32>,
    key: &str,
    suffixes: &[&str],
) -> Result<Vec<u32>, ZimError> {
    let mut positions = Vec::new();
    for (spelling, range) in spellings(list, range, key)? {
        for suffix in suffixes {
            let whole = format!("{spelling}{suffix}");
            let mut position = partition_point(range.clone(), |p| {
                Ok(list.sort_key(p)?.as_str() < whole.as_str())
            })?;
            // Several entries may share a sort key (a title used twice).
            while position < range.end && list.sort_key(position)? == whole {
                positions.push(position);
                position += 1;
            }
        }
    }
    Ok(positions)
}

/// The characters an entry may have where the key has `c`: `c` itself, its upper case, and for
/// a space an underscore (a URL's spelling) or two (mwoffliner's for a `/` in a title).
fn variants(c: char) -> Vec<String> {
    if c == ' ' {
        return vec![" ".into(), "_".into(), "__".into()];
    }
    let mut variants = vec![c.to_string()];
    let upper: String = c.to_uppercase().collect();
    if upper != variants[0] {
        variants.push(upper);
    }
    variants
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Words(Vec<&'static str>);

    impl SortedList for Words {
        fn sort_key(&self, position: u32) -> Result<String, ZimError> {
            Ok(self.0[position as usize].to_string())
        }
    }

    fn list() -> Words {
        let mut words = vec![
            "A Man And His Soul",
            "A Man and His Soul",
            "Blues_Brothers_w__Ray_Charles.html",
            "Dog",
            "Ray Charles",
            "Ray Charles discography",
            "Ray_Charles.html",
            "Rayon",
            "apple",
            "Першая старонка",
        ];
        words.sort();
        Words(words)
    }

    fn found(key: &str, suffixes: &[&str]) -> Vec<&'static str> {
        let list = list();
        let positions = find(&list, 0..list.0.len() as u32, key, suffixes).unwrap();
        let mut found: Vec<&str> = positions.iter().map(|&p| list.0[p as usize]).collect();
        found.sort();
        found
    }

    #[test]
    fn keys_find_every_spelling() {
        assert_eq!(
            found("a man and his soul", &[""]),
            ["A Man And His Soul", "A Man and His Soul"]
        );
        assert_eq!(found("ray charles", &[""]), ["Ray Charles"]);
        assert_eq!(
            found("ray charles", &["", ".html"]),
            ["Ray Charles", "Ray_Charles.html"]
        );
        assert_eq!(
            found("blues brothers w ray charles", &[".html"]),
            ["Blues_Brothers_w__Ray_Charles.html"]
        );
        assert_eq!(found("першая старонка", &[""]), ["Першая старонка"]);
        assert_eq!(found("apple", &[""]), ["apple"]);
        assert!(found("ray", &[""]).is_empty());
        assert!(found("zebra", &[""]).is_empty());
    }

    #[test]
    fn prefixes_give_ranges() {
        let list = list();
        let all = 0..list.0.len() as u32;
        let spelled: Vec<String> = spellings(&list, all, "ray")
            .unwrap()
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        assert_eq!(spelled, ["Ray"]);
        let range = prefix_range(&list, 0..list.0.len() as u32, "Ray").unwrap();
        assert_eq!(range.len(), 4);
    }
}
