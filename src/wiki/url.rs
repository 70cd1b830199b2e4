//! An article URL of a MediaWiki site, taken apart: the site, the title, the section and the
//! revision it names. Parsed with the `url` crate (hosts, ports, IDNA and percent-encoding are
//! its job); what a MediaWiki path means is read here.

use crate::text::display_title;
use percent_encoding::percent_decode_str;

/// What an article URL names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleUrl {
    /// `https://en.wikipedia.org`: scheme, host (mobile host read as the desktop one) and port.
    pub origin: String,
    /// The URL as given, with a mobile host made the desktop one, for finding the API from.
    pub page: String,
    /// The title as people write it (`Camp Ashraf`), when the URL names one.
    pub title: Option<String>,
    /// The section after `#`, decoded, `_` read as a space.
    pub section: Option<String>,
    /// `?oldid=N`: that revision.
    pub oldid: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error("{0} : not a URL")]
    NotAUrl(String),
    #[error("{url} : only http and https wikis are read, not “{scheme}:”")]
    Scheme { url: String, scheme: String },
    #[error("{0} : the URL names no host")]
    NoHost(String),
}

/// Which wikis may be read over plain HTTP; any other `http://` wiki is read over HTTPS.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum PlainHttp {
    /// Only a wiki on this machine (`localhost`, `*.localhost`, 127.0.0.0/8, `::1`, and
    /// 127.0.0.0/8 written as IPv6 `::ffff:127.…`): nothing between folio and it to read or
    /// change the traffic.
    #[default]
    Loopback,
    /// Those, and these hosts (`[wiki] allow_http = ["wiki.lan"]`).
    Hosts(Vec<String>),
    /// Any host (`[wiki] allow_http = true`).
    Anywhere,
}

impl PlainHttp {
    fn allows(&self, url: &url::Url) -> bool {
        let loopback = match url.host() {
            Some(url::Host::Domain(name)) => {
                let name = name.trim_end_matches('.').to_ascii_lowercase();
                name == "localhost" || name.ends_with(".localhost")
            }
            Some(url::Host::Ipv4(address)) => address.is_loopback(),
            Some(url::Host::Ipv6(address)) => {
                address.is_loopback() || address.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
            }
            None => false,
        };
        loopback
            || match self {
                PlainHttp::Loopback => false,
                PlainHttp::Hosts(hosts) => url
                    .host_str()
                    .is_some_and(|host| hosts.iter().any(|h| h.eq_ignore_ascii_case(host))),
                PlainHttp::Anywhere => true,
            }
    }
}

/// The `https://` URL an `http://` wiki URL is read at, unless `plain` allows its host plain
/// HTTP; None when the URL stays as it is (already HTTPS, allowed, or not a URL at all).
pub fn upgraded(text: &str, plain: &PlainHttp) -> Option<String> {
    let mut url = url::Url::parse(text.trim()).ok()?;
    if url.scheme() != "http" || plain.allows(&url) {
        return None;
    }
    // http and https are both special schemes, so the change cannot be refused.
    url.set_scheme("https").ok()?;
    Some(url.to_string())
}

/// True when the text is meant as an address (`https://…`, `ftp://…`), not a file or a title.
pub fn looks_like_url(text: &str) -> bool {
    text.trim_start()
        .split_once("://")
        .is_some_and(|(scheme, _)| {
            let mut chars = scheme.chars();
            chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        })
}

/// Reads an article URL (or a site's URL, which names no title).
pub fn parse(text: &str) -> Result<ArticleUrl, UrlError> {
    let text = text.trim();
    let mut url = url::Url::parse(text).map_err(|_| UrlError::NotAUrl(text.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(UrlError::Scheme {
            url: text.to_string(),
            scheme: url.scheme().to_string(),
        });
    }
    let Some(host) = url.host_str().map(str::to_string) else {
        return Err(UrlError::NoHost(text.to_string()));
    };
    if let Some(desktop) = desktop_host(&host) {
        // Only fails for URLs that cannot have a host, which an http URL always has.
        let _ = url.set_host(Some(&desktop));
    }
    let section = url
        .fragment()
        .map(|fragment| display_title(&decode(fragment)))
        .filter(|section| !section.is_empty());
    let mut title = None;
    let mut oldid = None;
    for (key, value) in url.query_pairs() {
        match key.as_ref() {
            "title" => title = Some(value.into_owned()),
            "oldid" => oldid = value.parse().ok(),
            _ => {}
        }
    }
    if title.is_none() {
        title = title_from_path(url.path());
    }
    let title = title
        .map(|title| display_title(&title))
        .filter(|title| !title.is_empty());
    let mut page = url.clone();
    page.set_fragment(None);
    Ok(ArticleUrl {
        origin: url.origin().ascii_serialization(),
        page: page.to_string(),
        title,
        section,
        oldid,
    })
}

/// The title in a path: after `/wiki/` or `/index.php/` (the usual article paths), else the
/// whole path of a wiki whose articles sit at the root (`/Title`), decoded.
fn title_from_path(path: &str) -> Option<String> {
    for marker in ["/wiki/", "/index.php/"] {
        if let Some(at) = path.find(marker) {
            let raw = &path[at + marker.len()..];
            return (!raw.is_empty()).then(|| decode(raw));
        }
    }
    let raw = path.trim_start_matches('/');
    let script = raw.ends_with('/') || raw.ends_with(".php") || raw == "wiki";
    (!raw.is_empty() && !script).then(|| decode(raw))
}

/// `en.m.wikipedia.org` → `en.wikipedia.org`: the mobile site serves the same wiki.
fn desktop_host(host: &str) -> Option<String> {
    let mut labels: Vec<&str> = host.split('.').collect();
    // `m` after a language or project label and before the domain: `en.m.wikipedia.org`.
    let at = (1..labels.len().saturating_sub(2)).find(|&at| labels[at] == "m")?;
    labels.remove(at);
    Some(labels.join("."))
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> ArticleUrl {
        parse(text).unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn article_paths_name_their_title() {
        let url = parsed("https://en.wikipedia.org/wiki/Camp_Ashraf");
        assert_eq!(url.origin, "https://en.wikipedia.org");
        assert_eq!(url.title.as_deref(), Some("Camp Ashraf"));
        assert_eq!((url.section, url.oldid), (None, None));
        let url = parsed("https://en.wikipedia.org/w/index.php?title=Camp_Ashraf&action=view");
        assert_eq!(url.title.as_deref(), Some("Camp Ashraf"));
        let url = parsed("http://127.0.0.1:8080/index.php/Main_Page");
        assert_eq!(url.origin, "http://127.0.0.1:8080");
        assert_eq!(url.title.as_deref(), Some("Main Page"));
    }

    #[test]
    fn sections_revisions_and_encodings() {
        let url =
            parsed("https://de.wikipedia.org/wiki/Caf%C3%A9_au_lait#Zubereitung_und_Varianten");
        assert_eq!(url.title.as_deref(), Some("Café au lait"));
        assert_eq!(url.section.as_deref(), Some("Zubereitung und Varianten"));
        let url = parsed("https://en.wikipedia.org/w/index.php?title=Camp_Ashraf&oldid=1234567");
        assert_eq!(url.oldid, Some(1_234_567));
        assert_eq!(url.title.as_deref(), Some("Camp Ashraf"));
        let url = parsed("https://en.wikipedia.org/wiki/AC/DC");
        assert_eq!(url.title.as_deref(), Some("AC/DC"));
        let url = parsed("https://en.wikipedia.org/w/index.php?title=C%2B%2B");
        assert_eq!(url.title.as_deref(), Some("C++"));
    }

    #[test]
    fn mobile_hosts_read_as_the_desktop_site() {
        let url = parsed("https://en.m.wikipedia.org/wiki/Camp_Ashraf");
        assert_eq!(url.origin, "https://en.wikipedia.org");
        assert_eq!(url.page, "https://en.wikipedia.org/wiki/Camp_Ashraf");
        assert_eq!(
            parsed("https://m.example.org/wiki/X").origin,
            "https://m.example.org"
        );
    }

    #[test]
    fn a_site_url_names_no_title() {
        let url = parsed("https://wiki.example.org/");
        assert_eq!(url.title, None);
        assert_eq!(parsed("https://en.wikipedia.org/wiki/").title, None);
        assert_eq!(parsed("https://en.wikipedia.org/w/index.php").title, None);
        assert_eq!(parsed("https://en.wikipedia.org/w/").title, None);
        assert_eq!(
            parsed("https://wiki.example.org/Some_Page")
                .title
                .as_deref(),
            Some("Some Page")
        );
    }

    #[test]
    fn public_wikis_are_read_over_https() {
        let plain = PlainHttp::default();
        assert_eq!(
            upgraded("http://en.wikipedia.org/wiki/Dog#Senses", &plain).as_deref(),
            Some("https://en.wikipedia.org/wiki/Dog#Senses")
        );
        assert_eq!(
            upgraded("HTTP://wiki.example.org:8080/w/index.php?title=X", &plain).as_deref(),
            Some("https://wiki.example.org:8080/w/index.php?title=X")
        );
        assert_eq!(upgraded("https://en.wikipedia.org/wiki/Dog", &plain), None);
        assert_eq!(upgraded("Camp Ashraf", &plain), None);
        // A hostname that only starts like a loopback one is not one.
        assert!(upgraded("http://127.0.0.1.example.org/", &plain).is_some());
        assert!(upgraded("http://localhost.example.org/", &plain).is_some());
        assert!(upgraded("http://[::ffff:10.0.0.1]/", &plain).is_some());
    }

    #[test]
    fn loopback_and_allowed_hosts_stay_plain_http() {
        let plain = PlainHttp::default();
        for url in [
            "http://127.0.0.1:8080/wiki/X",
            "http://127.5.6.7/wiki/X",
            "http://localhost:8080/",
            "http://LocalHost./wiki/X",
            "http://wiki.localhost/",
            "http://[::1]:8080/wiki/X",
            "http://[::ffff:127.0.0.1]:8080/wiki/X",
        ] {
            assert_eq!(upgraded(url, &plain), None, "{url}");
        }
        let lan = PlainHttp::Hosts(vec!["Wiki.LAN".into()]);
        assert_eq!(upgraded("http://wiki.lan/wiki/X", &lan), None);
        assert!(upgraded("http://other.lan/wiki/X", &lan).is_some());
        assert_eq!(
            upgraded("http://en.wikipedia.org/", &PlainHttp::Anywhere),
            None
        );
    }

    #[test]
    fn only_web_urls() {
        assert!(matches!(
            parse("ftp://example.org/wiki/X"),
            Err(UrlError::Scheme { .. })
        ));
        assert!(matches!(
            parse("file:///etc/passwd"),
            Err(UrlError::Scheme { .. })
        ));
        assert!(matches!(parse("Camp Ashraf"), Err(UrlError::NotAUrl(_))));
        assert!(looks_like_url("https://en.wikipedia.org/wiki/X"));
        assert!(looks_like_url("HTTP://example.org"));
        assert!(!looks_like_url("Camp Ashraf"));
        assert!(!looks_like_url("./https:/x"));
        assert!(looks_like_url("ftp://example.org/x"));
        assert!(!looks_like_url("notes/a://b"));
    }
}
