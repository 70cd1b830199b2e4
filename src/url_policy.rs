//! Which URLs folio hands to a web browser: http, https and ftp addresses with a host, `mailto:`
//! addresses, and `doi:`/`isbn:` identifiers mapped to web resolvers. Anything else (`file:`,
//! `javascript:`, `data:`, `smb:`, a bare path, a string that starts with `-` and so would be
//! read as an option by the browser) is refused with the reason. Hand-written rather than a URL
//! crate: the decision needs only the scheme and the host, and the URL is passed on unchanged.

use std::borrow::Cow;
use thiserror::Error;

const WEB_SCHEMES: &[&str] = &["http", "https", "ftp"];
/// Where `doi:` and `isbn:` identifiers are looked up.
const DOI_RESOLVER: &str = "https://doi.org/";
const ISBN_RESOLVER: &str = "https://openlibrary.org/isbn/";
/// The `mailto:` header fields a mail program only pre-fills; others (`attach`) can do more.
const MAILTO_FIELDS: &[&str] = &["to", "cc", "bcc", "subject", "body", "in-reply-to"];
/// Characters left as they are in a DOI placed in a URL path.
const DOI_KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'.')
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'(')
    .remove(b')')
    .remove(b':')
    .remove(b';');

/// Why a URL is not opened.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Refusal {
    #[error("there is no URL")]
    Empty,
    #[error("a URL that starts with “-” would be read as an option")]
    LooksLikeAnOption,
    #[error("the URL holds control characters")]
    ControlCharacters,
    #[error("not a web address (only http, https and ftp URLs are opened)")]
    NoScheme,
    #[error("“{0}:” URLs are not opened (only http, https and ftp)")]
    Scheme(String),
    #[error("the URL names no host")]
    NoHost,
    #[error("the mail field “{0}” is not allowed in a mailto: address")]
    MailtoField(String),
    #[error("“{0}” is not a DOI (one starts with 10.)")]
    NotADoi(String),
    #[error("“{0}” is not an ISBN (10 or 13 digits)")]
    NotAnIsbn(String),
}

/// The URL to hand to the browser for `url`, or why there is none.
pub fn openable(url: &str) -> Result<String, Refusal> {
    let url = url.trim();
    if url.is_empty() {
        return Err(Refusal::Empty);
    }
    if url.starts_with('-') {
        return Err(Refusal::LooksLikeAnOption);
    }
    // `clean` keeps line ends and tabs, which have no place in a URL either.
    if url.contains(['\n', '\t']) || matches!(crate::text::clean(url), Cow::Owned(_)) {
        return Err(Refusal::ControlCharacters);
    }
    // Protocol-relative (`//en.wikipedia.org/wiki/X`), as Wikipedia's HTML writes many links.
    if let Some(rest) = url.strip_prefix("//") {
        return web(&format!("https://{rest}"), "https");
    }
    let Some((scheme, rest)) = url.split_once(':').filter(|(scheme, _)| is_scheme(scheme)) else {
        return Err(Refusal::NoScheme);
    };
    match scheme.to_ascii_lowercase().as_str() {
        scheme if WEB_SCHEMES.contains(&scheme) => web(url, scheme),
        "mailto" => mailto(url, rest),
        "doi" => doi(rest),
        "isbn" => isbn(rest),
        "urn" if rest.to_ascii_lowercase().starts_with("isbn:") => isbn(&rest["isbn:".len()..]),
        _ => Err(Refusal::Scheme(scheme.to_string())),
    }
}

/// RFC 3986: a letter, then letters, digits, `+`, `-` or `.`.
fn is_scheme(scheme: &str) -> bool {
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// An http, https or ftp URL: `scheme://host…` with a host.
fn web(url: &str, scheme: &str) -> Result<String, Refusal> {
    let after_scheme = &url[scheme.len() + 1..];
    let Some(rest) = after_scheme.strip_prefix("//") else {
        return Err(Refusal::NoHost);
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_and_port = authority.rsplit('@').next().unwrap_or_default();
    let host = match host_and_port.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => host_and_port.split(':').next().unwrap_or_default(),
    };
    if host.is_empty() {
        return Err(Refusal::NoHost);
    }
    Ok(url.to_string())
}

fn mailto(url: &str, rest: &str) -> Result<String, Refusal> {
    let (address, query) = rest.split_once('?').unwrap_or((rest, ""));
    if address.is_empty() && query.is_empty() {
        return Err(Refusal::NoHost);
    }
    for field in query.split('&').filter(|field| !field.is_empty()) {
        let name = field.split('=').next().unwrap_or_default();
        if !MAILTO_FIELDS.contains(&name.to_ascii_lowercase().as_str()) {
            return Err(Refusal::MailtoField(name.to_string()));
        }
    }
    Ok(url.to_string())
}

fn doi(rest: &str) -> Result<String, Refusal> {
    let doi = rest.trim_start_matches('/').trim();
    if !doi.starts_with("10.") || !doi.contains('/') {
        return Err(Refusal::NotADoi(doi.to_string()));
    }
    Ok(format!(
        "{DOI_RESOLVER}{}",
        percent_encoding::utf8_percent_encode(doi, DOI_KEEP)
    ))
}

fn isbn(rest: &str) -> Result<String, Refusal> {
    let digits: String = rest.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    let well_formed = match digits.len() {
        10 => {
            digits[..9].chars().all(|c| c.is_ascii_digit())
                && digits[9..]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == 'X' || c == 'x')
        }
        13 => digits.chars().all(|c| c.is_ascii_digit()),
        _ => false,
    };
    if !well_formed {
        return Err(Refusal::NotAnIsbn(rest.trim().to_string()));
    }
    Ok(format!("{ISBN_RESOLVER}{}", digits.to_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_are_opened_unchanged() {
        for url in [
            "https://example.org/",
            "http://example.org/a b;touch pwned&c=$(id)",
            "HTTPS://EXAMPLE.ORG/Path?q=1#frag",
            "ftp://ftp.example.org/pub/file.txt",
            "https://user:pass@example.org:8080/x",
            "http://[2001:db8::1]/x",
            "https://-not-an-option.example/",
        ] {
            assert_eq!(openable(url).as_deref(), Ok(url), "{url}");
        }
        assert_eq!(
            openable("  https://example.org/\n").as_deref(),
            Ok("https://example.org/")
        );
        assert_eq!(
            openable("//en.wikipedia.org/wiki/Dog").as_deref(),
            Ok("https://en.wikipedia.org/wiki/Dog")
        );
    }

    #[test]
    fn other_schemes_are_refused_with_their_name() {
        for (url, scheme) in [
            ("file:///etc/passwd", "file"),
            ("javascript:alert(1)", "javascript"),
            ("JaVaScRiPt:alert(1)", "JaVaScRiPt"),
            ("data:text/html,<script>alert(1)</script>", "data"),
            ("vbscript:msgbox", "vbscript"),
            ("smb://server/share", "smb"),
            ("ssh://host", "ssh"),
            ("c:/windows/system32", "c"),
        ] {
            assert_eq!(
                openable(url),
                Err(Refusal::Scheme(scheme.to_string())),
                "{url}"
            );
        }
    }

    #[test]
    fn options_paths_and_broken_urls_are_refused() {
        for url in [
            "--help",
            "-new-tab",
            "--renderer-cmd-prefix=touch /tmp/pwned",
            " --help",
            "-https://example.org/",
        ] {
            assert_eq!(openable(url), Err(Refusal::LooksLikeAnOption), "{url}");
        }
        for url in ["/etc/passwd", "./file.html", "example.org", "~/x", "://x"] {
            assert_eq!(openable(url), Err(Refusal::NoScheme), "{url}");
        }
        for url in ["https://", "http:example.org", "https:///path", "ftp://@/x"] {
            assert_eq!(openable(url), Err(Refusal::NoHost), "{url}");
        }
        assert_eq!(openable(""), Err(Refusal::Empty));
        assert_eq!(openable("  "), Err(Refusal::Empty));
        assert_eq!(
            openable("https://exa\u{1b}[2Jmple.org/"),
            Err(Refusal::ControlCharacters)
        );
        assert_eq!(
            openable("https://example.org/\u{202e}gpj.exe"),
            Err(Refusal::ControlCharacters)
        );
        assert_eq!(
            openable("https://example.org/a\nb"),
            Err(Refusal::ControlCharacters)
        );
    }

    #[test]
    fn mail_addresses_and_identifiers_map_to_the_web() {
        assert_eq!(
            openable("mailto:editor@example.org?subject=Hi").as_deref(),
            Ok("mailto:editor@example.org?subject=Hi")
        );
        assert_eq!(
            openable("mailto:a@example.org?attach=/etc/passwd"),
            Err(Refusal::MailtoField("attach".to_string()))
        );
        assert_eq!(
            openable("doi:10.1000/xyz(1)<2>").as_deref(),
            Ok("https://doi.org/10.1000/xyz(1)%3C2%3E")
        );
        assert_eq!(
            openable("doi:javascript:x"),
            Err(Refusal::NotADoi("javascript:x".to_string()))
        );
        assert_eq!(
            openable("isbn:978-0-14-032872-1").as_deref(),
            Ok("https://openlibrary.org/isbn/9780140328721")
        );
        assert_eq!(
            openable("urn:isbn:0-306-40615-x").as_deref(),
            Ok("https://openlibrary.org/isbn/030640615X")
        );
        assert!(matches!(openable("isbn:12345"), Err(Refusal::NotAnIsbn(_))));
        assert!(matches!(openable("urn:uuid:1"), Err(Refusal::Scheme(_))));
    }

    #[test]
    fn every_refusal_says_why() {
        for url in ["--help", "file:///etc/passwd", "/etc/passwd", "https://"] {
            let Err(refusal) = openable(url) else {
                panic!("{url} was accepted");
            };
            assert!(refusal.to_string().len() > 10, "{refusal}");
        }
        assert!(
            Refusal::Scheme("file".into())
                .to_string()
                .contains("(only http, https and ftp)")
        );
    }
}
