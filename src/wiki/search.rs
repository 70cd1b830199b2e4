//! Searching a wiki: titles as the reader types (REST `search/title`, else `opensearch`), the
//! full text with snippets (REST `search/page`, else `list=search`), and a random article
//! (`list=random` in the main namespace).

use super::WikiError;
use super::api::{self, encode_value};
use super::discover::Site;
use super::http::Client;
use super::snippet::Snippet;
use crate::text::display_title;
use serde_json::Value;

/// A full-text search result: the title and the passage that matched, its matches marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub title: String,
    pub snippet: Snippet,
    /// The wiki's origin (`https://en.wikipedia.org`): the page opens from there.
    pub wiki: String,
}

/// Up to `limit` titles that start like `query`, best first.
pub fn titles(
    client: &Client,
    site: &Site,
    query: &str,
    limit: usize,
) -> Result<Vec<String>, WikiError> {
    if let Some(rest) = &site.rest {
        let url = format!(
            "{rest}/v1/search/title?q={}&limit={limit}",
            encode_value(query)
        );
        let response = client.get(&url, None)?;
        if response.status == 200 {
            return Ok(rest_pages(&api::json(&response)?, &site.origin)
                .into_iter()
                .map(|hit| hit.title)
                .collect());
        }
    }
    let action = action_of(site)?;
    let url = format!(
        "{action}?action=opensearch&format=json&namespace=0&limit={limit}&search={}",
        encode_value(query)
    );
    Ok(opensearch_titles(&api::action(client, &url)?))
}

/// Up to `limit` pages whose text matches `query`, with their snippets.
pub fn full_text(
    client: &Client,
    site: &Site,
    query: &str,
    limit: usize,
) -> Result<Vec<Hit>, WikiError> {
    if let Some(rest) = &site.rest {
        let url = format!(
            "{rest}/v1/search/page?q={}&limit={limit}",
            encode_value(query)
        );
        let response = client.get(&url, None)?;
        if response.status == 200 {
            return Ok(rest_pages(&api::json(&response)?, &site.origin));
        }
    }
    let action = action_of(site)?;
    let url = format!(
        "{action}?action=query&format=json&formatversion=2&list=search&srnamespace=0&srlimit={limit}&srsearch={}",
        encode_value(query)
    );
    Ok(search_hits(&api::action(client, &url)?, &site.origin))
}

/// The title of a random article.
pub fn random(client: &Client, site: &Site) -> Result<Option<String>, WikiError> {
    let action = action_of(site)?;
    let url = format!(
        "{action}?action=query&format=json&formatversion=2&list=random&rnnamespace=0&rnlimit=1"
    );
    let value = api::action(client, &url)?;
    Ok(value["query"]["random"][0]["title"]
        .as_str()
        .map(display_title))
}

fn action_of(site: &Site) -> Result<&str, WikiError> {
    site.action
        .as_deref()
        .ok_or_else(|| WikiError::NoApi(site.origin.clone()))
}

/// REST search answers: `{"pages":[{"title":…,"excerpt":…}]}`.
fn rest_pages(value: &Value, wiki: &str) -> Vec<Hit> {
    value["pages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|page| {
            Some(Hit {
                title: display_title(page["title"].as_str()?),
                snippet: Snippet::from_html(page["excerpt"].as_str().unwrap_or_default()),
                wiki: wiki.to_string(),
            })
        })
        .collect()
}

/// `opensearch` answers: `["query", ["Title", …], [descriptions], [urls]]`.
fn opensearch_titles(value: &Value) -> Vec<String> {
    value[1]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|title| title.as_str().map(display_title))
        .collect()
}

/// `list=search` answers: `{"query":{"search":[{"title":…,"snippet":…}]}}`.
fn search_hits(value: &Value, wiki: &str) -> Vec<Hit> {
    value["query"]["search"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|hit| {
            Some(Hit {
                title: display_title(hit["title"].as_str()?),
                snippet: Snippet::from_html(hit["snippet"].as_str().unwrap_or_default()),
                wiki: wiki.to_string(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(json: &str) -> Value {
        serde_json::from_str(json).unwrap_or_default()
    }

    #[test]
    fn rest_search_answers() {
        let hits = rest_pages(
            &value(
                r#"{"pages":[{"id":1,"key":"Camp_Ashraf","title":"Camp Ashraf","excerpt":"<span class=\"searchmatch\">Camp</span> Ashraf","description":null},{"id":2}]}"#,
            ),
            "http://w",
        );
        assert_eq!(
            hits,
            [Hit {
                title: "Camp Ashraf".into(),
                snippet: Snippet::from_html("<span class=\"searchmatch\">Camp</span> Ashraf"),
                wiki: "http://w".into(),
            }]
        );
    }

    #[test]
    fn action_search_answers() {
        assert_eq!(
            opensearch_titles(&value(
                r#"["camp",["Camp Ashraf","Camp_David"],["",""],["u","v"]]"#
            )),
            ["Camp Ashraf", "Camp David"]
        );
        let hits = search_hits(
            &value(
                r#"{"query":{"searchinfo":{"totalhits":1},"search":[{"ns":0,"title":"Camp Ashraf","snippet":"the <span class=\"searchmatch\">massacre</span> &quot;of&quot; 2013"}]}}"#,
            ),
            "http://w",
        );
        assert_eq!(hits[0].snippet.text(), "the massacre \"of\" 2013");
        assert!(hits[0].snippet.pieces[1].matched);
        assert!(opensearch_titles(&value("{}")).is_empty());
    }
}
