//! An article's other languages (`prop=langlinks`): each the same article on another wiki.

use super::WikiError;
use super::api::{self, encode_title};
use super::discover::Site;
use super::http::Client;
use crate::text::display_title;
use serde_json::Value;

/// The same article in another language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// `de`
    pub code: String,
    /// The language's own name (`Deutsch`), where the wiki gives it.
    pub name: Option<String>,
    pub title: String,
    /// The article's URL on that wiki: `folio URL` opens it.
    pub url: Option<String>,
}

/// The languages `title` is also written in.
pub fn languages(client: &Client, site: &Site, title: &str) -> Result<Vec<Language>, WikiError> {
    let Some(action) = &site.action else {
        return Err(WikiError::NoApi(site.origin.clone()));
    };
    let url = format!(
        "{action}?action=query&format=json&formatversion=2&prop=langlinks&lllimit=max&llprop=url%7Cautonym&redirects=1&titles={}",
        encode_title(title)
    );
    Ok(read(&api::action(client, &url)?))
}

fn read(value: &Value) -> Vec<Language> {
    value["query"]["pages"][0]["langlinks"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|link| {
            Some(Language {
                code: link["lang"].as_str()?.to_string(),
                name: link["autonym"].as_str().map(str::to_string),
                title: display_title(link["title"].as_str()?),
                url: link["url"].as_str().map(str::to_string),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn langlinks_are_read() {
        let value: Value = serde_json::from_str(
            r#"{"batchcomplete":true,"query":{"pages":[{"pageid":1,"ns":0,"title":"Camp Ashraf",
            "langlinks":[{"lang":"de","url":"https://de.wikipedia.org/wiki/Camp_Ashraf","autonym":"Deutsch","title":"Camp Ashraf"},
            {"lang":"fa","title":"قرارگاه اشرف"},{"title":"no code"}]}]}}"#,
        )
        .unwrap_or_default();
        let languages = read(&value);
        assert_eq!(languages.len(), 2);
        assert_eq!(languages[0].name.as_deref(), Some("Deutsch"));
        assert_eq!(
            languages[0].url.as_deref(),
            Some("https://de.wikipedia.org/wiki/Camp_Ashraf")
        );
        assert_eq!(languages[1].title, "قرارگاه اشرف");
        assert!(read(&Value::Null).is_empty());
    }
}
