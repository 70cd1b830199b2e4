//! The config file's wiki settings:
//!
//! ```toml
//! [wiki]
//! contact = "me@example.org"   # added to the User-Agent, as Wikimedia asks
//! default = "en"               # a name below, or a URL: titles not in the library open from it
//! offline = false              # true: never touch the network, read the cache only
//! connect_timeout = 10         # seconds
//! timeout = 30                 # seconds, for a whole request
//! max_response_mib = 64        # the largest answer read
//! allow_http = ["wiki.lan"]    # hosts read over plain http (or true: all); else https
//!
//! [wikis]
//! en = "https://en.wikipedia.org"
//! wikt = "https://en.wiktionary.org"
//! ```

use super::http;
use super::url::PlainHttp;
use std::path::PathBuf;
use std::time::Duration;
use toml::de::{DeTable, DeValue};

/// What the config file says about wikis.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub http: http::Settings,
    /// `[wikis]`: names and their URLs, in the order written.
    pub named: Vec<(String, String)>,
    /// `[wiki] default`: a name or a URL.
    pub default: Option<String>,
    pub offline: bool,
    /// `[wiki] allow_http`: which wikis are read over plain HTTP (loopback ones always).
    pub plain_http: super::url::PlainHttp,
    pub cache: CachePlace,
    /// The page cache's size cap (`[cache] max_size`); None for the cache's default.
    pub cache_max_bytes: Option<u64>,
}

/// Where pages read are kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CachePlace {
    /// `$XDG_CACHE_HOME/folio/`.
    #[default]
    Default,
    At(PathBuf),
    /// Nowhere: every page is fetched (tests that must not touch the reader's cache).
    Nowhere,
}

impl Settings {
    /// The page cache's size cap in bytes: `[cache] max_size`, else the cache's default.
    pub fn cache_cap(&self) -> u64 {
        self.cache_max_bytes
            .unwrap_or(super::cache::DEFAULT_MAX_BYTES)
    }

    /// The URL a name stands for under `[wikis]`.
    pub fn url_of(&self, name: &str) -> Option<&str> {
        self.named
            .iter()
            .find(|(known, _)| known == name)
            .map(|(_, url)| url.as_str())
    }
}

const ALLOW_HTTP: &str =
    "[wiki] allow_http should be true, false, or a list of host names in quotes";

/// Reads the `[wiki]` table into `settings`; `line` gives a byte offset's line. Problems are
/// added as (line, what).
pub fn read_wiki(
    table: &DeTable<'_>,
    line: &dyn Fn(usize) -> usize,
    settings: &mut Settings,
    problems: &mut Vec<(usize, String)>,
) {
    for (key, value) in table {
        let at = line(key.span().start);
        let name: &str = key.get_ref();
        match (name, value.get_ref()) {
            ("contact", DeValue::String(text)) => settings.http.contact = Some(text.to_string()),
            ("default", DeValue::String(text)) => settings.default = Some(text.to_string()),
            ("offline", DeValue::Boolean(offline)) => settings.offline = *offline,
            ("allow_http", DeValue::Boolean(allow)) => {
                settings.plain_http = match allow {
                    true => PlainHttp::Anywhere,
                    false => PlainHttp::Loopback,
                };
            }
            ("allow_http", DeValue::Array(hosts)) => {
                let hosts: Option<Vec<String>> = hosts
                    .iter()
                    .map(|host| match host.get_ref() {
                        DeValue::String(host) => Some(host.trim().to_string()),
                        _ => None,
                    })
                    .collect();
                match hosts {
                    Some(hosts) => settings.plain_http = PlainHttp::Hosts(hosts),
                    None => problems.push((at, ALLOW_HTTP.into())),
                }
            }
            ("allow_http", _) => problems.push((at, ALLOW_HTTP.into())),
            ("connect_timeout" | "timeout" | "max_response_mib", DeValue::Integer(number)) => {
                match number.as_str().parse::<u64>() {
                    Ok(number) if number > 0 => match name {
                        "connect_timeout" => {
                            settings.http.connect_timeout = Duration::from_secs(number);
                        }
                        "timeout" => settings.http.timeout = Duration::from_secs(number),
                        _ => settings.http.max_body = number.saturating_mul(1 << 20),
                    },
                    _ => problems.push((at, format!("[wiki] {name} should be a whole number above 0"))),
                }
            }
            ("contact" | "default", _) => {
                problems.push((at, format!("[wiki] {name} should be a string")));
            }
            ("offline", _) => problems.push((at, "[wiki] offline should be true or false".into())),
            ("connect_timeout" | "timeout" | "max_response_mib", _) => {
                problems.push((at, format!("[wiki] {name} should be a whole number")));
            }
            _ => problems.push((
                at,
                format!(
                    "unknown key {name:?} under [wiki] (there are contact, default, offline, allow_http, connect_timeout, timeout and max_response_mib)"
                ),
            )),
        }
    }
}

/// Reads the `[wikis]` table: each a name and a wiki's URL.
pub fn read_wikis(
    table: &DeTable<'_>,
    line: &dyn Fn(usize) -> usize,
    settings: &mut Settings,
    problems: &mut Vec<(usize, String)>,
) {
    for (key, value) in table {
        let at = line(key.span().start);
        let name: &str = key.get_ref();
        match value.get_ref() {
            DeValue::String(url) => match super::url::parse(url) {
                Ok(_) => settings.named.push((name.to_string(), url.to_string())),
                Err(error) => problems.push((at, format!("[wikis] {name}: {error}"))),
            },
            _ => problems.push((
                at,
                format!("[wikis] {name} should be a wiki's URL in quotes"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Settings, Vec<(usize, String)>) {
        let document = DeTable::parse(text).unwrap_or_else(|error| panic!("{error}"));
        let lines: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        let line = |offset: usize| lines.partition_point(|&start| start <= offset);
        let mut settings = Settings::default();
        let mut problems = Vec::new();
        for (name, value) in document.get_ref() {
            let DeValue::Table(table) = value.get_ref() else {
                continue;
            };
            match name.get_ref().as_ref() {
                "wiki" => read_wiki(table, &line, &mut settings, &mut problems),
                _ => read_wikis(table, &line, &mut settings, &mut problems),
            }
        }
        (settings, problems)
    }

    #[test]
    fn wiki_settings_are_read() {
        let (settings, problems) = read(
            "[wiki]\ncontact = \"me@example.org\"\ndefault = \"en\"\noffline = true\ntimeout = 5\nmax_response_mib = 2\n[wikis]\nen = \"https://en.wikipedia.org\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(settings.http.contact.as_deref(), Some("me@example.org"));
        assert_eq!(settings.default.as_deref(), Some("en"));
        assert!(settings.offline);
        assert_eq!(settings.http.timeout, Duration::from_secs(5));
        assert_eq!(settings.http.max_body, 2 << 20);
        assert_eq!(settings.url_of("en"), Some("https://en.wikipedia.org"));
        assert_eq!(settings.plain_http, PlainHttp::Loopback);
    }

    #[test]
    fn plain_http_is_allowed_by_host_or_everywhere() {
        let (settings, problems) = read("[wiki]\nallow_http = [\"wiki.lan\", \"10.0.0.5\"]\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            settings.plain_http,
            PlainHttp::Hosts(vec!["wiki.lan".into(), "10.0.0.5".into()])
        );
        let (settings, _) = read("[wiki]\nallow_http = true\n");
        assert_eq!(settings.plain_http, PlainHttp::Anywhere);
        for bad in ["\"yes\"", "[1]"] {
            let (_, problems) = read(&format!("[wiki]\nallow_http = {bad}\n"));
            assert_eq!(problems.len(), 1, "{bad}");
            assert!(
                problems[0].1.starts_with("[wiki] allow_http should be"),
                "{problems:?}"
            );
        }
    }

    #[test]
    fn bad_wiki_settings_name_their_line() {
        let (_, problems) = read(
            "[wiki]\noffline = \"yes\"\ntimeout = 0\ncolour = 1\n[wikis]\nx = \"file:///etc\"\ny = 3\n",
        );
        let mut problems = problems;
        problems.sort();
        let lines: Vec<usize> = problems.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [2, 3, 4, 6, 7], "{problems:?}");
        assert!(
            problems[3].1.contains("only http and https"),
            "{problems:?}"
        );
    }
}
