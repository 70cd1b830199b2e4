//! Where a site's APIs are: from any of its pages, the `<link rel="EditURI">` that MediaWiki
//! puts in every page's head (`…/api.php?action=rsd`), else the usual script paths `/w/` and
//! `/` asked for their site information. The REST API sits beside the Action API
//! (`rest.php` next to `api.php`); whether it answers is learnt on first use.

use super::WikiError;
use super::http::Client;
use super::tags;

/// A site's API endpoints (full URLs), found once and remembered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// `https://en.wikipedia.org`
    pub origin: String,
    /// The Action API, `…/w/api.php`.
    pub action: Option<String>,
    /// The REST API, `…/w/rest.php`; None once it is known not to answer.
    pub rest: Option<String>,
}

impl Site {
    /// The site with both APIs in the folder of `api` (`…/w/api.php`).
    pub fn from_action(origin: &str, api: &str) -> Site {
        Site {
            origin: origin.to_string(),
            action: Some(api.to_string()),
            rest: Some(sibling(api, "rest.php")),
        }
    }

    /// `…/w/index.php`, the script that serves pages and permanent links.
    pub fn index(&self) -> String {
        match self.action.as_deref().or(self.rest.as_deref()) {
            Some(api) => sibling(api, "index.php"),
            None => format!("{}/index.php", self.origin),
        }
    }

    /// The folder the scripts are in, `https://en.wikipedia.org/w/`.
    pub fn script_folder(&self) -> String {
        let index = self.index();
        match index.rfind('/') {
            Some(at) => index[..=at].to_string(),
            None => index,
        }
    }
}

/// The file `name` in the folder of `url`.
fn sibling(url: &str, name: &str) -> String {
    match url.rfind('/') {
        Some(at) => format!("{}{name}", &url[..=at]),
        None => name.to_string(),
    }
}

/// Finds the APIs of the site `page` belongs to.
pub fn discover(client: &Client, origin: &str, page: &str) -> Result<Site, WikiError> {
    let mut first_error = None;
    match client.get(page, None) {
        Ok(response) if response.status == 200 => {
            let html = String::from_utf8_lossy(&response.body);
            if let Some(api) = edit_uri(&html, &response.url) {
                return Ok(Site::from_action(origin, &api));
            }
        }
        Ok(_) => {}
        // A site that cannot be reached at all will not answer at another path either.
        Err(error @ super::http::HttpError::Network { .. })
        | Err(error @ super::http::HttpError::Timeout { .. }) => return Err(error.into()),
        Err(error) => first_error = Some(error),
    }
    for folder in ["/w/", "/"] {
        let api = format!("{origin}{folder}api.php");
        let probe = format!("{api}?action=query&meta=siteinfo&format=json&formatversion=2");
        match client.get(&probe, None) {
            Ok(response) if response.status == 200 && is_siteinfo(&response.body) => {
                return Ok(Site::from_action(origin, &api));
            }
            Ok(_) => {}
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
    }
    match first_error {
        Some(error @ super::http::HttpError::Busy { .. }) => Err(error.into()),
        _ => Err(WikiError::NoApi(origin.to_string())),
    }
}

/// The Action API's address from a page's `EditURI` link, made absolute against the page's
/// URL, without its query; only http and https addresses.
pub fn edit_uri(html: &str, page: &str) -> Option<String> {
    // The link is in the head: the rest of a long page need not be read for it.
    let head = match html.find("</head>") {
        Some(end) => &html[..end],
        None => html,
    };
    let base = url::Url::parse(page).ok()?;
    tags::start_tags(head, &["link"])
        .iter()
        .filter(|tag| tag.has_word("rel", "EditURI"))
        .find_map(|tag| {
            let mut api = base.join(tag.get("href")?).ok()?;
            if !matches!(api.scheme(), "http" | "https") {
                return None;
            }
            api.set_query(None);
            api.set_fragment(None);
            Some(api.to_string())
        })
}

/// The site's main page title, from its site information.
pub fn main_page(client: &Client, site: &Site) -> Result<String, WikiError> {
    let Some(action) = &site.action else {
        return Err(WikiError::NoApi(site.origin.clone()));
    };
    let url =
        format!("{action}?action=query&meta=siteinfo&siprop=general&format=json&formatversion=2");
    let value = super::api::action(client, &url)?;
    value["query"]["general"]["mainpage"]
        .as_str()
        .map(crate::text::display_title)
        .ok_or(WikiError::BadAnswer {
            url,
            why: "the site names no main page".into(),
        })
}

/// True when a body is an Action API's site information.
fn is_siteinfo(body: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .is_some_and(|value| value["query"]["general"].is_object())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edit_uri_names_the_action_api() {
        let html = r#"<!DOCTYPE html><html><head><title>Camp Ashraf</title>
            <link rel="EditURI" type="application/rsd+xml" href="//en.wikipedia.org/w/api.php?action=rsd">
            </head><body><link rel="EditURI" href="https://evil.example/api.php"></body></html>"#;
        assert_eq!(
            edit_uri(html, "https://en.wikipedia.org/wiki/Camp_Ashraf").as_deref(),
            Some("https://en.wikipedia.org/w/api.php")
        );
        let local = r#"<head><link rel="EditURI" href="/api.php?action=rsd"/></head>"#;
        assert_eq!(
            edit_uri(local, "http://127.0.0.1:8080/index.php/Main_Page").as_deref(),
            Some("http://127.0.0.1:8080/api.php")
        );
    }

    #[test]
    fn no_edit_uri_or_an_unusable_one_is_none() {
        assert_eq!(edit_uri("<head></head>", "https://x.org/wiki/A"), None);
        let html = r#"<head><link rel="EditURI" href="javascript:alert(1)"></head>"#;
        assert_eq!(edit_uri(html, "https://x.org/wiki/A"), None);
    }

    #[test]
    fn the_other_scripts_sit_beside_the_api() {
        let site = Site::from_action(
            "https://en.wikipedia.org",
            "https://en.wikipedia.org/w/api.php",
        );
        assert_eq!(
            site.rest.as_deref(),
            Some("https://en.wikipedia.org/w/rest.php")
        );
        assert_eq!(site.index(), "https://en.wikipedia.org/w/index.php");
        assert_eq!(site.script_folder(), "https://en.wikipedia.org/w/");
    }

    #[test]
    fn site_information_is_recognised() {
        assert!(is_siteinfo(
            br#"{"batchcomplete":true,"query":{"general":{"sitename":"W"}}}"#
        ));
        assert!(!is_siteinfo(b"<html>not found</html>"));
        assert!(!is_siteinfo(br#"{"error":{"code":"x"}}"#));
    }
}
