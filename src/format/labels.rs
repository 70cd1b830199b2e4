//! Infobox labels: the vocabulary of common ones (to split a label glued to its value in copied
//! text, and to restore spaces lost in outline keys), and the humanising of template keys.

/// Labels as Wikipedia's infoboxes show them, longest first within a shared prefix.
const COMMON_LABELS: &[&str] = &[
    "Part of",
    "Location",
    "Coordinates",
    "Date",
    "Time",
    "Target",
    "Attack type",
    "Weapons",
    "Weapon",
    "Deaths",
    "Injured",
    "Injuries",
    "Victims",
    "Perpetrators",
    "Perpetrator",
    "Assailants",
    "Motive",
    "Accused",
    "Convicted",
    "Verdict",
    "Charges",
    "Casualties",
    "Fatalities",
    "Missing",
    "Born",
    "Died",
    "Resting place",
    "Nationality",
    "Citizenship",
    "Other names",
    "Occupations",
    "Occupation",
    "Years active",
    "Known for",
    "Notable work",
    "Spouses",
    "Spouse",
    "Children",
    "Parents",
    "Relatives",
    "Education",
    "Alma mater",
    "Awards",
    "Website",
    "Country",
    "State",
    "Region",
    "County",
    "City",
    "Founded",
    "Founder",
    "Founders",
    "Headquarters",
    "Area served",
    "Key people",
    "Products",
    "Revenue",
    "Number of employees",
    "Industry",
    "Type",
    "Genre",
    "Genres",
    "Instruments",
    "Labels",
    "Website",
    "Population",
    "Area",
    "Elevation",
    "Time zone",
    "Postal code",
    "Area code",
    "Government",
    "Capital",
    "Official languages",
    "Currency",
    "Result",
    "Belligerents",
    "Commanders and leaders",
    "Strength",
    "Status",
    "Language",
    "Publisher",
    "Author",
    "Released",
    "Developer",
    "Developers",
    "Operating system",
    "Platform",
    "License",
    "Written in",
    "Stable release",
    "Initial release",
    "Repository",
    "Preceded by",
    "Succeeded by",
    "Predecessor",
    "Successor",
    "Term",
    "Office",
    "Party",
    "Political party",
    "Venue",
    "Organised by",
    "Organized by",
    "Participants",
    "Outcome",
    "Cause",
    "Also known as",
    "Native name",
    "Formation",
    "Purpose",
    "Membership",
    "Leader",
    "Owner",
    "Established",
];

/// The label and the value of a line whose label was glued to its value (`Deaths52`), or none
/// when the line does not start with a label. A known label wins; else the first lower-case to
/// upper-case or digit boundary splits it.
pub fn split_glued(line: &str) -> Option<(String, String)> {
    let known = COMMON_LABELS
        .iter()
        .filter(|label| {
            line.get(..label.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(label))
        })
        .max_by_key(|label| label.len());
    if let Some(label) = known {
        let value = line[label.len()..].trim_matches(is_blank);
        if !value.is_empty() {
            return Some((label.to_string(), value.to_string()));
        }
    }
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    for pair in chars.windows(2) {
        let ((_, before), (at, after)) = (pair[0], pair[1]);
        if before.is_lowercase() && (after.is_uppercase() || after.is_ascii_digit()) {
            let label = line[..at].trim_matches(is_blank);
            let value = line[at..].trim_matches(is_blank);
            let plausible = label.chars().next().is_some_and(char::is_uppercase)
                && label.split_whitespace().count() <= 4;
            return plausible.then(|| (label.to_string(), value.to_string()));
        }
    }
    None
}

fn is_blank(c: char) -> bool {
    c.is_whitespace()
}

/// Restores the spaces of a known label written without them (`Partof` → `Part of`).
pub fn respace(label: &str) -> String {
    let squashed = squash(label);
    COMMON_LABELS
        .iter()
        .find(|known| squash(known) == squashed)
        .map(|known| known.to_string())
        .unwrap_or_else(|| label.to_string())
}

/// The comparison form of a label: letters and digits only, lower case.
pub fn squash(label: &str) -> String {
    label
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A template parameter name as a label: `birth_place` → "Birth place", `AktuelleVersion` →
/// "Aktuelle Version" (a capitalised word glued to a small letter starts a word; `MotoGP`
/// stays whole).
pub fn humanize(key: &str) -> String {
    let mut spaced = String::with_capacity(key.len() + 4);
    let mut previous_lower = false;
    let mut chars = key.chars().peekable();
    while let Some(c) = chars.next() {
        let next_lower = chars.peek().is_some_and(|next| next.is_lowercase());
        if c.is_uppercase() && previous_lower && next_lower {
            spaced.push(' ');
        }
        previous_lower = c.is_lowercase();
        spaced.push(if c == '_' || c == '-' { ' ' } else { c });
    }
    let mut words = spaced.split_whitespace();
    let mut out = String::new();
    if let Some(first) = words.next() {
        let mut chars = first.chars();
        if let Some(c) = chars.next() {
            out.extend(c.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    for word in words {
        out.push(' ');
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_labels_split_by_vocabulary_then_case() {
        let split = |s: &str| split_glued(s).map(|(l, v)| format!("{l}|{v}"));
        assert_eq!(
            split("Part of Iraq Conflict").as_deref(),
            Some("Part of|Iraq Conflict")
        );
        assert_eq!(
            split("LocationCamp Ashraf, Iraq").as_deref(),
            Some("Location|Camp Ashraf, Iraq")
        );
        assert_eq!(split("Deaths52").as_deref(), Some("Deaths|52"));
        assert_eq!(
            split("Favourite colourBlue").as_deref(),
            Some("Favourite colour|Blue")
        );
        assert_eq!(split("no label here"), None);
    }

    #[test]
    fn labels_are_respaced_and_humanized() {
        assert_eq!(respace("Partof"), "Part of");
        assert_eq!(respace("Fatalities"), "Fatalities");
        assert_eq!(humanize("birth_place"), "Birth place");
        assert_eq!(humanize("AktuelleVersion"), "Aktuelle Version");
        assert_eq!(humanize("ISBN"), "ISBN");
        assert_eq!(humanize("Pole_Rider_MotoGP"), "Pole Rider MotoGP");
        assert_eq!(humanize("lower-alpha"), "Lower alpha");
    }
}
