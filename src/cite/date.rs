//! Dates as CSL writes them: `date-parts` (year, month, day) when the text is a date, else the
//! text as a `literal`. Hand-written: the forms citation templates use ("17 December 2013",
//! "December 17, 2013", "2013-12", "Dec. 2013", German "17. Dezember 2013") are few, and the date
//! crates parse machine formats, not these.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Date {
    /// One date: [year], [year, month] or [year, month, day].
    #[serde(rename = "date-parts", default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Vec<i32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("jänner", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("march", 3),
    ("mar", 3),
    ("märz", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("okt", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("dez", 12),
];

impl Date {
    /// A citation's date: parts when it is a calendar date, else a literal when it has a digit
    /// ("c. 2001", "Spring 2003", "2001–2002"); None when it is no date at all.
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        if let Some(parts) = parts_of(text) {
            return Some(Date {
                parts: vec![parts],
                literal: None,
            });
        }
        text.chars().any(|c| c.is_ascii_digit()).then(|| Date {
            parts: Vec::new(),
            literal: Some(text.to_string()),
        })
    }

    /// A date from its parts, as the article's own access date is made.
    pub fn from_parts(year: i32, month: u32, day: u32) -> Date {
        Date {
            parts: vec![vec![year, month as i32, day as i32]],
            literal: None,
        }
    }

    /// The year: the first part, or a four-digit year inside a literal.
    pub fn year(&self) -> Option<i32> {
        if let Some(&year) = self.parts.first().and_then(|parts| parts.first()) {
            return Some(year);
        }
        let literal = self.literal.as_deref()?;
        literal
            .split(|c: char| !c.is_ascii_digit())
            .find(|run| run.len() == 4)
            .and_then(|run| run.parse().ok())
    }

    pub fn month(&self) -> Option<u32> {
        self.part(1)
    }

    pub fn day(&self) -> Option<u32> {
        self.part(2)
    }

    fn part(&self, index: usize) -> Option<u32> {
        let value = *self.parts.first()?.get(index)?;
        u32::try_from(value).ok()
    }

    /// `2013-12-17`, `2013-12`, `2013`, or the literal.
    pub fn iso(&self) -> String {
        match (self.year(), self.month(), self.day()) {
            (Some(year), Some(month), Some(day)) if self.literal.is_none() => {
                format!("{year:04}-{month:02}-{day:02}")
            }
            (Some(year), Some(month), None) if self.literal.is_none() => {
                format!("{year:04}-{month:02}")
            }
            (Some(year), None, None) if self.literal.is_none() => format!("{year:04}"),
            _ => self.literal.clone().unwrap_or_default(),
        }
    }
}

/// [year, month, day] of a calendar date in one of the forms CS1 accepts.
fn parts_of(text: &str) -> Option<Vec<i32>> {
    if let Some(parts) = iso_parts(text) {
        return Some(parts);
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|word| !word.is_empty())
        .collect();
    let (year, month, day) = match words.as_slice() {
        [year] => (year_of(year)?, None, None),
        [month, year] => (year_of(year)?, Some(month_of(month)?), None),
        [first, second, year] => {
            let year = year_of(year)?;
            match (day_of(first), month_of(second)) {
                (Some(day), Some(month)) => (year, Some(month), Some(day)),
                _ => (year, Some(month_of(first)?), Some(day_of(second)?)),
            }
        }
        _ => return None,
    };
    checked(year, month, day)
}

/// `2013-12-17`, `2013-12`, `2013`.
fn iso_parts(text: &str) -> Option<Vec<i32>> {
    let mut pieces = text.split('-');
    let year = pieces.next()?;
    if year.len() != 4 {
        return None;
    }
    let year = year_of(year)?;
    let month = match pieces.next() {
        Some(month) if month.len() == 2 => Some(month.parse().ok()?),
        Some(_) => return None,
        None => None,
    };
    let day = match pieces.next() {
        Some(day) if day.len() == 2 => Some(day.parse().ok()?),
        Some(_) => return None,
        None => None,
    };
    if pieces.next().is_some() {
        return None;
    }
    checked(year, month, day)
}

fn checked(year: i32, month: Option<u32>, day: Option<u32>) -> Option<Vec<i32>> {
    let mut parts = vec![year];
    if let Some(month) = month {
        if !(1..=12).contains(&month) {
            return None;
        }
        parts.push(month as i32);
        if let Some(day) = day {
            if day < 1 || day > days_in_month(year, month) {
                return None;
            }
            parts.push(day as i32);
        }
    }
    Some(parts)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A year of one to four digits, with CS1's disambiguating letter allowed (`2001a`).
fn year_of(word: &str) -> Option<i32> {
    let digits = word
        .strip_suffix(|c: char| c.is_ascii_lowercase())
        .unwrap_or(word);
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|&year| year > 0)
}

fn month_of(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|&(_, month)| month)
}

/// `17`, or German `17.`.
fn day_of(word: &str) -> Option<u32> {
    let digits = word.strip_suffix('.').unwrap_or(word);
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Vec<Vec<i32>> {
        Date::parse(text).map(|date| date.parts).unwrap_or_default()
    }

    #[test]
    fn the_forms_citations_use() {
        assert_eq!(parts("17 December 2013"), [[2013, 12, 17]]);
        assert_eq!(parts("December 17, 2013"), [[2013, 12, 17]]);
        assert_eq!(parts("2013-12-17"), [[2013, 12, 17]]);
        assert_eq!(parts("2013-12"), [[2013, 12]]);
        assert_eq!(parts("Dec. 2013"), [[2013, 12]]);
        assert_eq!(parts("Sept 2001"), [[2001, 9]]);
        assert_eq!(parts("2001a"), [[2001]]);
        assert_eq!(parts("17. Dezember 2013"), [[2013, 12, 17]]);
        assert_eq!(parts(" 1999 "), [[1999]]);
    }

    #[test]
    fn what_is_no_date_stays_literal_or_goes() {
        let circa = Date::parse("c. 2001").unwrap();
        assert_eq!(circa.literal.as_deref(), Some("c. 2001"));
        assert_eq!(circa.year(), Some(2001));
        assert_eq!(Date::parse("31 February 2013").unwrap().parts.len(), 0);
        assert_eq!(Date::parse("2013-13-01").unwrap().parts.len(), 0);
        assert_eq!(Date::parse("yesterday"), None);
        assert_eq!(Date::parse(""), None);
        assert_eq!(Date::parse("29 February 2000").unwrap().iso(), "2000-02-29");
        assert!(Date::parse("29 February 1900").unwrap().parts.is_empty());
    }
}
