//! A page's HTML: from the REST API (`rest.php/v1/page/{title}/html`, `v1/revision/{id}/html`),
//! which gives Parsoid HTML and an ETag to revalidate with; else from the Action API
//! (`action=parse`, `formatversion=2`), whose HTML fragment is made a document the HTML reader
//! reads the same way. Redirects are followed and said.

use super::api::{self, encode_title};
use super::discover::Site;
use super::http::{Client, HttpError, Response};
use super::{WikiError, tags};
use crate::text::{display_title, title_key};
use serde_json::Value;

/// How many redirect pages are followed before giving up (a loop or a chain).
const MAX_REDIRECTS: usize = 5;

/// What to fetch: the current revision of a title, or one revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want<'a> {
    Title(&'a str),
    Revision(u64),
}

/// A page as fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The page's title as the wiki writes it (after redirects), spaces for `_`.
    pub title: String,
    pub revision: Option<u64>,
    /// For revalidation (REST only: the Action API gives none).
    pub etag: Option<String>,
    /// A whole HTML document whose `<title>` is the page's.
    pub html: String,
    /// The title asked for, when it redirected here.
    pub redirected_from: Option<String>,
    /// True when invalid UTF-8 in the answer was replaced.
    pub lossy: bool,
}

/// A fetch's outcome: the page, or, asked with an ETag, that it has not changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    Page(Page),
    NotModified,
}

/// Fetches a page: REST first, the Action API where REST is missing or fails. Learns on the
/// way that a site has no REST API (`site.rest` becomes None).
pub fn fetch(
    client: &Client,
    site: &mut Site,
    want: Want<'_>,
    etag: Option<&str>,
) -> Result<Fetched, WikiError> {
    if let Some(rest) = site.rest.clone() {
        match from_rest(client, &site.origin, &rest, want, etag)? {
            Rest::Done(fetched) => return Ok(fetched),
            Rest::Missing => site.rest = None,
            Rest::Failed => {}
        }
    }
    match site.action.clone() {
        Some(action) => from_action(client, site, &action, want).map(Fetched::Page),
        None => Err(WikiError::NoApi(site.origin.clone())),
    }
}

/// The revision a title is at now, from the Action API (for revalidating a page that has no
/// ETag); None when the page is gone.
pub fn current_revision(
    client: &Client,
    site: &Site,
    title: &str,
) -> Result<Option<u64>, WikiError> {
    let Some(action) = &site.action else {
        return Err(WikiError::NoApi(site.origin.clone()));
    };
    let url = format!(
        "{action}?action=query&format=json&formatversion=2&prop=revisions&rvprop=ids&redirects=1&titles={}",
        encode_title(title)
    );
    let value = api::action(client, &url)?;
    Ok(value["query"]["pages"][0]["revisions"][0]["revid"].as_u64())
}

enum Rest {
    Done(Fetched),
    /// The site has no REST API (or not this part of it).
    Missing,
    /// REST could not serve this page; the Action API may.
    Failed,
}

fn from_rest(
    client: &Client,
    origin: &str,
    rest: &str,
    want: Want<'_>,
    etag: Option<&str>,
) -> Result<Rest, WikiError> {
    let url = match want {
        Want::Title(title) => format!("{rest}/v1/page/{}/html", encode_title(title)),
        Want::Revision(id) => format!("{rest}/v1/revision/{id}/html"),
    };
    let response = client.get(&url, etag)?;
    match (response.status, want) {
        (304, _) => return Ok(Rest::Done(Fetched::NotModified)),
        (200, _) => {}
        // A wiki without `v1/revision/{id}/html` answers the same 404 as for a revision it
        // lacks: the Action API tells the two apart (`nosuchrevid`).
        (404 | 400, Want::Revision(_)) => return Ok(Rest::Failed),
        (404 | 400, Want::Title(_)) if is_rest_error(&response) => {
            return Err(not_found(origin, want));
        }
        (404 | 403 | 501, _) => return Ok(Rest::Missing),
        // A server error from REST alone (Parsoid broken, say): the Action API may answer.
        _ => return Ok(Rest::Failed),
    }
    let mut page = rest_page(&response, want);
    let Want::Title(asked) = want else {
        return Ok(Rest::Done(Fetched::Page(page)));
    };
    // A redirect the server followed (newer MediaWiki answers a redirect page with 307).
    let mut redirected_from =
        (title_key(&page.title) != title_key(asked)).then(|| display_title(asked));
    // A redirect page itself (MediaWiki 1.39 serves it): its target is fetched in its turn.
    if let Some(target) = redirect_target(&page.html) {
        redirected_from.get_or_insert_with(|| display_title(asked));
        return from_rest_target(client, origin, rest, &target, redirected_from, want);
    }
    page.redirected_from = redirected_from;
    Ok(Rest::Done(Fetched::Page(page)))
}

/// Follows a redirect page's target (a bounded chain of them).
fn from_rest_target(
    client: &Client,
    origin: &str,
    rest: &str,
    target: &str,
    redirected_from: Option<String>,
    first: Want<'_>,
) -> Result<Rest, WikiError> {
    let mut target = target.to_string();
    let mut seen = vec![title_key(&target)];
    for _ in 0..MAX_REDIRECTS {
        let url = format!("{rest}/v1/page/{}/html", encode_title(&target));
        let response = client.get(&url, None)?;
        match response.status {
            200 => {}
            404 | 400 if is_rest_error(&response) => {
                return Err(not_found(origin, Want::Title(&target)));
            }
            _ => return Ok(Rest::Failed),
        }
        let mut page = rest_page(&response, Want::Title(&target));
        match redirect_target(&page.html) {
            Some(next) if !seen.contains(&title_key(&next)) => {
                seen.push(title_key(&next));
                target = next;
            }
            Some(_) => break,
            None => {
                page.redirected_from = redirected_from;
                return Ok(Rest::Done(Fetched::Page(page)));
            }
        }
    }
    Err(WikiError::RedirectLoop(describe(first)))
}

/// A page from a REST answer: title from the URL that answered (after redirects), revision
/// from the document or the ETag.
fn rest_page(response: &Response, want: Want<'_>) -> Page {
    let lossy = std::str::from_utf8(&response.body).is_err();
    let html = String::from_utf8_lossy(&response.body).into_owned();
    let title = title_in_rest_url(&response.url)
        .or_else(|| document_title(&html))
        .unwrap_or_else(|| match want {
            Want::Title(title) => display_title(title),
            Want::Revision(id) => format!("revision {id}"),
        });
    let revision = revision_in_document(&html)
        .or_else(|| response.etag.as_deref().and_then(revision_in_etag))
        .or(match want {
            Want::Revision(id) => Some(id),
            Want::Title(_) => None,
        });
    Page {
        title,
        revision,
        etag: response.etag.clone(),
        html,
        redirected_from: None,
        lossy,
    }
}

/// A REST error answer (JSON with `httpCode` or `errorKey`), as opposed to a server that has
/// no REST API at that address.
fn is_rest_error(response: &Response) -> bool {
    serde_json::from_slice::<Value>(&response.body)
        .ok()
        .is_some_and(|value| value.get("errorKey").is_some() || value.get("httpCode").is_some())
}

fn not_found(origin: &str, want: Want<'_>) -> WikiError {
    match want {
        Want::Title(title) => WikiError::NotFound {
            wiki: origin.to_string(),
            title: display_title(title),
        },
        Want::Revision(id) => WikiError::NoRevision {
            wiki: origin.to_string(),
            id,
        },
    }
}

fn describe(want: Want<'_>) -> String {
    match want {
        Want::Title(title) => display_title(title),
        Want::Revision(id) => format!("revision {id}"),
    }
}

/// `…/v1/page/Camp_Ashraf/html` → `Camp Ashraf`.
fn title_in_rest_url(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let rest = &path[path.find("/v1/page/")? + "/v1/page/".len()..];
    let encoded = rest.strip_suffix("/html")?;
    let title = percent_encoding::percent_decode_str(encoded).decode_utf8_lossy();
    Some(display_title(&title))
}

/// The `<title>` of a document, as text.
fn document_title(html: &str) -> Option<String> {
    let start = html.find("<title")?;
    let open_end = start + html[start..].find('>')? + 1;
    let close = open_end + html[open_end..].find("</title>")?;
    let title = api::plain(&html[open_end..close]);
    (!title.is_empty()).then_some(title)
}

/// Parsoid names the revision in the root's `about`: `…/Special:Redirect/revision/123`.
fn revision_in_document(html: &str) -> Option<u64> {
    let head = html.get(..html.len().min(4096)).unwrap_or(html);
    let marker = "/revision/";
    let at = head.find(marker)? + marker.len();
    let digits: String = head[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// A REST ETag: `W/"123/uuid"` or `"123"`.
fn revision_in_etag(etag: &str) -> Option<u64> {
    let etag = etag.trim().trim_start_matches("W/").trim_matches('"');
    let digits: String = etag.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The target of a redirect page: Parsoid's `<link rel="mw:PageProp/redirect" href="./X">`.
fn redirect_target(html: &str) -> Option<String> {
    if !html.contains("mw:PageProp/redirect") {
        return None;
    }
    tags::start_tags(html, &["link"])
        .iter()
        .find(|tag| tag.has_word("rel", "mw:PageProp/redirect"))
        .and_then(|tag| tag.get("href"))
        .map(|href| {
            let href = href.trim_start_matches("./");
            let href = href.split(['?', '#']).next().unwrap_or(href);
            display_title(&percent_encoding::percent_decode_str(href).decode_utf8_lossy())
        })
        .filter(|title| !title.is_empty())
}

/// A page from the Action API's `action=parse` (redirects resolved by the API itself).
fn from_action(
    client: &Client,
    site: &Site,
    action: &str,
    want: Want<'_>,
) -> Result<Page, WikiError> {
    let which = match want {
        Want::Title(title) => format!("page={}", encode_title(title)),
        Want::Revision(id) => format!("oldid={id}"),
    };
    let url = format!(
        "{action}?action=parse&format=json&formatversion=2&prop=text%7Crevid%7Cdisplaytitle&redirects=1&disableeditsection=1&{which}"
    );
    let response = client.get(&url, None)?;
    if response.status != 200 {
        return Err(HttpError::Status {
            url,
            status: response.status,
        }
        .into());
    }
    let lossy = std::str::from_utf8(&response.body).is_err();
    let value = api::json(&response)?;
    if let Some(error) = value.get("error") {
        return Err(match error["code"].as_str() {
            Some("missingtitle" | "invalidtitle") => not_found(&site.origin, want),
            Some("nosuchrevid") => not_found(&site.origin, want),
            _ => WikiError::Api {
                url,
                code: api::text_of(&error["code"]),
                info: api::text_of(&error["info"]),
            },
        });
    }
    parse_answer(&value["parse"], site, lossy).ok_or(WikiError::BadAnswer {
        url,
        why: "no page in the answer".into(),
    })
}

/// The page in an `action=parse` answer (`formatversion=2`).
fn parse_answer(parse: &Value, site: &Site, lossy: bool) -> Option<Page> {
    let title = display_title(parse["title"].as_str()?);
    let text = parse["text"].as_str()?;
    let redirected_from = parse["redirects"]
        .as_array()
        .and_then(|redirects| redirects.first())
        .and_then(|redirect| redirect["from"].as_str())
        .map(display_title);
    let body = local_links(text, site);
    let html = format!(
        "<!DOCTYPE html><html><head><title>{}</title></head><body>{body}</body></html>",
        html_escape::encode_text(&title)
    );
    Some(Page {
        title,
        revision: parse["revid"].as_u64().filter(|id| *id > 0),
        etag: None,
        html,
        redirected_from,
        lossy,
    })
}

/// The legacy parser writes links in the site's article path (`/index.php/X` on a wiki
/// without short URLs); the HTML reader knows `./X` and `/w/index.php?title=X` (red links).
fn local_links(html: &str, site: &Site) -> String {
    let folder = site.script_folder();
    let path = url::Url::parse(&folder)
        .map(|url| url.path().to_string())
        .unwrap_or_else(|_| "/".into());
    let mut html = html.replace(&format!("href=\"{path}index.php/"), "href=\"./");
    if path != "/w/" {
        html = html.replace(
            &format!("href=\"{path}index.php?title="),
            "href=\"/w/index.php?title=",
        );
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        Site::from_action("http://127.0.0.1:8080", "http://127.0.0.1:8080/api.php")
    }

    #[test]
    fn an_action_parse_answer_becomes_a_document() {
        let answer: Value = serde_json::from_str(
            r#"{"parse":{"title":"Camp Ashraf","pageid":7,"revid":42,
                "redirects":[{"from":"Ashraf","to":"Camp Ashraf"}],
                "text":"<div class=\"mw-parser-output\"><p>A <a href=\"/index.php/Iraq\" title=\"Iraq\">camp</a> and <a href=\"/index.php?title=Nowhere&amp;action=edit&amp;redlink=1\" class=\"new\">nowhere</a>.</p></div>",
                "displaytitle":"<span>Camp Ashraf</span>"}}"#,
        )
        .unwrap_or_default();
        let page = parse_answer(&answer["parse"], &site(), false);
        let Some(page) = page else {
            panic!("no page read");
        };
        assert_eq!(page.title, "Camp Ashraf");
        assert_eq!(page.revision, Some(42));
        assert_eq!(page.redirected_from.as_deref(), Some("Ashraf"));
        assert!(
            page.html.contains("<title>Camp Ashraf</title>"),
            "{}",
            page.html
        );
        assert!(page.html.contains("href=\"./Iraq\""), "{}", page.html);
        assert!(
            page.html
                .contains("href=\"/w/index.php?title=Nowhere&amp;action=edit"),
            "{}",
            page.html
        );
    }

    #[test]
    fn rest_documents_give_their_revision_and_title() {
        let html = r#"<!DOCTYPE html><html prefix="dc: http://purl.org/dc/terms/" about="https://en.wikipedia.org/wiki/Special:Redirect/revision/1185432100"><head><title>Camp Ashraf</title></head><body></body></html>"#;
        assert_eq!(revision_in_document(html), Some(1_185_432_100));
        assert_eq!(document_title(html).as_deref(), Some("Camp Ashraf"));
        assert_eq!(
            revision_in_etag("W/\"1185432100/2b7c-11ee\""),
            Some(1_185_432_100)
        );
        assert_eq!(revision_in_etag("\"abc\""), None);
        assert_eq!(
            title_in_rest_url("https://en.wikipedia.org/w/rest.php/v1/page/AC%2FDC/html")
                .as_deref(),
            Some("AC/DC")
        );
    }

    #[test]
    fn a_parsoid_redirect_page_names_its_target() {
        let html = r#"<html><head><title>Ashraf</title></head><body><link rel="mw:PageProp/redirect" href="./Camp_Ashraf#History"/></body></html>"#;
        assert_eq!(redirect_target(html).as_deref(), Some("Camp Ashraf"));
        assert_eq!(redirect_target("<p>mw:PageProp/redirect</p>"), None);
    }
}
