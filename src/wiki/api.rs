//! What every API call shares: titles written into URLs, JSON answers read (invalid UTF-8
//! replaced), and the Action API's error object turned into a `WikiError`.

use super::WikiError;
use super::http::{Client, Response};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

/// Characters a title keeps in a URL; everything else (`/`, `?`, `&`, `#`, `+`…) is encoded, so
/// a title is one path segment or one query value.
const TITLE_KEEP: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b':')
    .remove(b'(')
    .remove(b')')
    .remove(b'!')
    .remove(b',');

/// A title as MediaWiki writes it in URLs: `_` for spaces, the rest percent-encoded.
pub fn encode_title(title: &str) -> String {
    utf8_percent_encode(&title.trim().replace(' ', "_"), TITLE_KEEP).to_string()
}

/// Any text as one query value.
pub fn encode_value(text: &str) -> String {
    utf8_percent_encode(text, TITLE_KEEP).to_string()
}

/// The JSON of a response: invalid UTF-8 replaced first, as the file readers do.
pub fn json(response: &Response) -> Result<Value, WikiError> {
    let text = String::from_utf8_lossy(&response.body);
    serde_json::from_str(&text).map_err(|error| WikiError::BadAnswer {
        url: response.url.clone(),
        why: format!("not JSON ({error})"),
    })
}

/// An Action API request's answer: its JSON, or the error the API gave (with its code).
pub fn action(client: &Client, url: &str) -> Result<Value, WikiError> {
    let response = client.get(url, None)?;
    if response.status != 200 {
        return Err(super::http::HttpError::Status {
            url: url.to_string(),
            status: response.status,
        }
        .into());
    }
    let value = json(&response)?;
    if let Some(error) = value.get("error") {
        return Err(WikiError::Api {
            url: url.to_string(),
            code: text_of(&error["code"]),
            info: text_of(&error["info"]),
        });
    }
    Ok(value)
}

/// A JSON string's text, or nothing.
pub fn text_of(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_string()
}

/// Text with its HTML tags removed and entities decoded: search snippets and display titles
/// are small HTML fragments.
pub fn plain(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    crate::text::collapse_whitespace(&crate::text::decode_entities(&text)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_one_segment_of_a_url() {
        assert_eq!(encode_title("Camp Ashraf"), "Camp_Ashraf");
        assert_eq!(encode_title("AC/DC"), "AC%2FDC");
        assert_eq!(encode_title("C++ & you?"), "C%2B%2B_%26_you%3F");
        assert_eq!(encode_title("Café"), "Caf%C3%A9");
        assert_eq!(encode_title("Talk:Dog (animal)"), "Talk:Dog_(animal)");
    }

    #[test]
    fn snippets_become_plain_text() {
        assert_eq!(
            plain(r#"the <span class="searchmatch">Camp</span> &amp; its   people"#),
            "the Camp & its people"
        );
        assert_eq!(plain("<i>Nature</i>"), "Nature");
    }

    #[test]
    fn an_answer_that_is_not_json_is_said() {
        let response = Response {
            status: 200,
            url: "http://127.0.0.1/api.php".into(),
            etag: None,
            body: b"<html>oops".to_vec(),
        };
        let error = json(&response)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.starts_with("http://127.0.0.1/api.php : "), "{error}");
        let lossy = Response {
            body: b"{\"a\":\"\xff\"}".to_vec(),
            ..response
        };
        assert_eq!(
            json(&lossy).ok().map(|value| text_of(&value["a"])),
            Some("\u{fffd}".to_string())
        );
    }
}
