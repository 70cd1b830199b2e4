//! The forms a title is looked up by: as MediaWiki compares titles, `_` and spaces are one, and
//! on most wikis (`$wgCapitalLinks`, on unless the wiki turned it off, as Wiktionary does) the
//! first letter's case does not matter.

use crate::text::display_title;

/// The title as the wiki writes it: `_` read as a space, white space collapsed and trimmed.
pub fn exact_key(title: &str) -> String {
    display_title(title)
}

/// `exact_key` with its first letter upper-cased, as MediaWiki does on wikis with capital
/// links. A letter whose capital is more than one character (`ß` → `SS`) stays as it is, as
/// MediaWiki leaves it.
pub fn folded_key(title: &str) -> String {
    let exact = exact_key(title);
    let mut chars = exact.chars();
    let Some(first) = chars.next() else {
        return exact;
    };
    let mut upper = first.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(capital), None) if capital != first => {
            let mut folded = String::with_capacity(exact.len() + 2);
            folded.push(capital);
            folded.push_str(chars.as_str());
            folded
        }
        _ => exact,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_and_underscores_are_one() {
        assert_eq!(exact_key("Camp_Ashraf"), "Camp Ashraf");
        assert_eq!(exact_key("  Camp__ Ashraf "), "Camp Ashraf");
        assert_eq!(folded_key("camp_Ashraf"), "Camp Ashraf");
    }

    #[test]
    fn only_the_first_letter_is_folded() {
        assert_eq!(folded_key("iPhone"), "IPhone");
        assert_eq!(folded_key("élan vital"), "Élan vital");
        assert_eq!(folded_key("ßtraße"), "ßtraße");
        assert_eq!(folded_key("1984"), "1984");
        assert_eq!(folded_key(""), "");
    }
}
