//! The one HTTP client every wiki request goes through, with the manners public wikis ask for
//! (Wikimedia's API rules): a User-Agent naming folio, its version, homepage and a contact;
//! gzip; at most two requests in flight per host; `Retry-After` on 429 and 503 honoured; a cap
//! on what a response may hold; timeouts. Proxies come from `HTTPS_PROXY`, `HTTP_PROXY`,
//! `ALL_PROXY` and `NO_PROXY`, as ureq reads them. Every failure is one line saying what and why.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, SystemTime};
use ureq::http::header;

/// How many requests may be in flight to one host at once (Wikimedia asks for no more).
pub const PER_HOST: usize = 2;
/// How many times one request is made again after a 429 or 503 before folio gives up: a
/// server that keeps asking for a short wait is busy, and the reader should hear so soon.
pub const MAX_RETRIES: usize = 2;
/// folio's homepage, named in the User-Agent: Cargo.toml's `homepage`, else its `repository`;
/// none while Cargo.toml names neither (then only the config's contact says who asks).
pub fn homepage() -> Option<&'static str> {
    [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .map(str::trim)
        .find(|page| !page.is_empty())
}

/// The HTTP library, named after the contact as the User-Agent policy asks. Its major version
/// is what Cargo.toml fixes; the exact one is not known to the program.
const LIBRARY: &str = "ureq/3";

/// What the client is set up with (from the config's `[wiki]` table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Who to tell about trouble (an address or a page), added to the User-Agent.
    pub contact: Option<String>,
    pub connect_timeout: Duration,
    /// For a whole request, the body included.
    pub timeout: Duration,
    /// The largest body read, decompressed.
    pub max_body: u64,
    /// The longest `Retry-After` waited out; a longer one is an error.
    pub max_wait: Duration,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            contact: None,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_body: 64 << 20,
            max_wait: Duration::from_secs(10),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("{url} : {why}")]
    Network { url: String, why: String },
    #[error("{url} : no answer within {seconds} s")]
    Timeout { url: String, seconds: u64 },
    #[error("{url} : the response is larger than {} MiB; folio reads no more", limit >> 20)]
    TooLarge { url: String, limit: u64 },
    #[error("{url} : the server answered {status}{}", reason(*status))]
    Status { url: String, status: u16 },
    #[error("{url} : the server is busy ({status}) and asks to wait {seconds} s; try again later")]
    Busy {
        url: String,
        status: u16,
        seconds: u64,
    },
    #[error("{url} : the response was cut short ({why})")]
    Cut { url: String, why: String },
}

/// A response: its status, the headers folio uses, and the body (decompressed, within the cap).
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    /// The URL that answered, after redirects.
    pub url: String,
    pub etag: Option<String>,
    pub body: Vec<u8>,
}

/// A shared HTTP client; cheap to share behind an `Arc` between threads.
pub struct Client {
    agent: ureq::Agent,
    settings: Settings,
    in_flight: Mutex<HashMap<String, usize>>,
    freed: Condvar,
}

impl Client {
    pub fn new(settings: Settings) -> Client {
        let config = ureq::Agent::config_builder()
            .user_agent(user_agent(settings.contact.as_deref()))
            .http_status_as_error(false)
            .timeout_connect(Some(settings.connect_timeout))
            .timeout_global(Some(settings.timeout))
            .max_redirects(5)
            .max_idle_connections_per_host(PER_HOST)
            .build();
        Client {
            agent: config.into(),
            settings,
            in_flight: Mutex::default(),
            freed: Condvar::new(),
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// GETs `url`; with `etag`, asks for the body only if it changed (a 304 has none). Statuses
    /// are returned, not errors, but for 429 and 503: those are retried after the wait the
    /// server asks for, when it is short enough, at most `MAX_RETRIES` times.
    pub fn get(&self, url: &str, etag: Option<&str>) -> Result<Response, HttpError> {
        let mut waited = Duration::ZERO;
        let mut retries = 0;
        loop {
            let response = self.get_once(url, etag)?;
            match response {
                Attempt::Done(response) => return Ok(response),
                Attempt::Wait { status, wait } => {
                    let Some(wait) = wait.filter(|wait| {
                        retries < MAX_RETRIES && waited + *wait <= self.settings.max_wait
                    }) else {
                        return Err(match wait {
                            Some(wait) => HttpError::Busy {
                                url: url.to_string(),
                                status,
                                seconds: wait.as_secs(),
                            },
                            None => HttpError::Status {
                                url: url.to_string(),
                                status,
                            },
                        });
                    };
                    std::thread::sleep(wait);
                    retries += 1;
                    waited += wait;
                }
            }
        }
    }

    fn get_once(&self, url: &str, etag: Option<&str>) -> Result<Attempt, HttpError> {
        let host = host_of(url);
        let _slot = self.slot(&host);
        let mut request = self.agent.get(url);
        if let Some(etag) = etag {
            request = request.header(header::IF_NONE_MATCH, etag);
        }
        let mut response = request.call().map_err(|error| self.error(url, error))?;
        let status = response.status().as_u16();
        if matches!(status, 429 | 503) {
            let wait = response
                .headers()
                .get(header::RETRY_AFTER)
                .and_then(|value| value.to_str().ok())
                .and_then(|value| retry_after(value, SystemTime::now()));
            return Ok(Attempt::Wait { status, wait });
        }
        let etag = response
            .headers()
            .get(header::ETAG)
            .and_then(|value| value.to_str().ok())
            .map(str::to_string);
        let final_url = ureq::ResponseExt::get_uri(&response).to_string();
        // A declared length over the cap is refused from the headers, before any body is read.
        let declared = response
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse::<u64>().ok());
        if status != 304 && declared.is_some_and(|length| length > self.settings.max_body) {
            return Err(HttpError::TooLarge {
                url: url.to_string(),
                limit: self.settings.max_body,
            });
        }
        let body = if status == 304 {
            Vec::new()
        } else {
            response
                .body_mut()
                .with_config()
                .limit(self.settings.max_body)
                .read_to_vec()
                .map_err(|error| self.error(url, error))?
        };
        Ok(Attempt::Done(Response {
            status,
            url: final_url,
            etag,
            body,
        }))
    }

    /// Waits for one of the host's slots; the slot is given back when the guard drops.
    fn slot(&self, host: &str) -> Slot<'_> {
        let mut counts = self
            .in_flight
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        while counts.get(host).copied().unwrap_or(0) >= PER_HOST {
            counts = self
                .freed
                .wait(counts)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        *counts.entry(host.to_string()).or_insert(0) += 1;
        Slot {
            client: self,
            host: host.to_string(),
        }
    }

    fn error(&self, url: &str, error: ureq::Error) -> HttpError {
        let url = url.to_string();
        let network = |why: String| HttpError::Network {
            url: url.clone(),
            why,
        };
        match error {
            ureq::Error::Timeout(_) => HttpError::Timeout {
                seconds: self.settings.timeout.as_secs(),
                url,
            },
            ureq::Error::BodyExceedsLimit(limit) => HttpError::TooLarge { url, limit },
            ureq::Error::HostNotFound => network("no such host".into()),
            ureq::Error::ConnectionFailed => network("could not connect".into()),
            ureq::Error::Io(error) => match error.kind() {
                std::io::ErrorKind::ConnectionRefused => network("connection refused".into()),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                    HttpError::Timeout {
                        seconds: self.settings.timeout.as_secs(),
                        url,
                    }
                }
                std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::ConnectionReset => {
                    HttpError::Cut {
                        url,
                        why: one_line(&error.to_string()),
                    }
                }
                _ => network(one_line(&error.to_string())),
            },
            ureq::Error::Decompress(kind, error) => HttpError::Cut {
                url,
                why: one_line(&format!("{kind}: {error}")),
            },
            ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::Pem(_) => {
                network(one_line(&format!("secure connection failed: {error}")))
            }
            ureq::Error::InvalidProxyUrl | ureq::Error::ConnectProxyFailed(_) => {
                network(one_line(&format!("proxy: {error}")))
            }
            other => network(one_line(&other.to_string())),
        }
    }
}

enum Attempt {
    Done(Response),
    /// 429 or 503, with the wait the server asked for, if it said.
    Wait {
        status: u16,
        wait: Option<Duration>,
    },
}

struct Slot<'a> {
    client: &'a Client,
    host: String,
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut counts = self
            .client
            .in_flight
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(count) = counts.get_mut(&self.host) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                counts.remove(&self.host);
            }
        }
        self.client.freed.notify_all();
    }
}

/// `folio/0.1.0 (https://…; contact) ureq/3`, as Wikimedia's User-Agent policy asks
/// (<https://meta.wikimedia.org/wiki/User-Agent_policy>): name/version (contact information)
/// library/version. The contact is the config's, made one clean line (a header cannot hold a
/// line break or a control character).
pub fn user_agent(contact: Option<&str>) -> String {
    user_agent_with(homepage(), contact)
}

fn user_agent_with(homepage: Option<&str>, contact: Option<&str>) -> String {
    let version = env!("CARGO_PKG_VERSION");
    let contact = contact
        .map(header_text)
        .filter(|contact| !contact.is_empty());
    let about: Vec<&str> = [homepage, contact.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    match about.is_empty() {
        true => format!("folio/{version} {LIBRARY}"),
        false => format!("folio/{version} ({}) {LIBRARY}", about.join("; ")),
    }
}

/// Text fit for a header value: visible ASCII and spaces, one space between words; what else
/// there is (control characters, non-ASCII) is dropped, as a header holds bytes, not text.
fn header_text(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .map(|word| {
            word.chars()
                .filter(|c| c.is_ascii_graphic())
                .collect::<String>()
        })
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A `Retry-After` value: seconds, or an HTTP date (a date past is no wait).
pub fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The host (and port) of a URL, which the in-flight limit counts by.
fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|url| {
            url.host_str()
                .map(|host| format!("{host}:{}", url.port_or_known_default().unwrap_or(0)))
        })
        .unwrap_or_default()
}

fn reason(status: u16) -> String {
    ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|code| code.canonical_reason())
        .map(|reason| format!(" ({reason})"))
        .unwrap_or_default()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpListener;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A loopback server answering each connection with the next of `answers` (raw HTTP), and
    /// counting the requests; it keeps what each request said.
    fn serve(answers: Vec<Vec<u8>>) -> (String, Arc<Mutex<Vec<String>>>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|error| panic!("{error}"));
        let address = listener
            .local_addr()
            .unwrap_or_else(|error| panic!("{error}"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        std::thread::spawn(move || {
            for answer in answers {
                let Ok((mut stream, _)) = listener.accept() else {
                    return;
                };
                let mut request = Vec::new();
                let mut buffer = [0u8; 4096];
                while !request.windows(4).any(|window| window == b"\r\n\r\n") {
                    match stream.read(&mut buffer) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => request.extend_from_slice(&buffer[..n]),
                    }
                }
                if let Ok(mut seen) = seen.lock() {
                    seen.push(String::from_utf8_lossy(&request).into_owned());
                }
                let _ = stream.write_all(&answer);
            }
        });
        (format!("http://{address}"), requests)
    }

    fn answer(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
        let mut answer = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n",
            body.len()
        )
        .into_bytes();
        answer.extend_from_slice(body);
        answer
    }

    fn client(settings: Settings) -> Client {
        Client::new(settings)
    }

    /// The error line a GET of `url` fails with ("" if it does not fail).
    fn error_of(settings: Settings, url: &str) -> String {
        client(settings)
            .get(url, None)
            .err()
            .map(|error| error.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn the_user_agent_names_folio_its_version_homepage_and_contact() {
        let version = env!("CARGO_PKG_VERSION");
        assert_eq!(
            user_agent_with(Some("https://folio.example/"), Some("me@example.org")),
            format!("folio/{version} (https://folio.example/; me@example.org) ureq/3")
        );
        assert_eq!(
            user_agent_with(None, Some(" me@example.org ")),
            format!("folio/{version} (me@example.org) ureq/3")
        );
        assert_eq!(
            user_agent_with(None, None),
            format!("folio/{version} ureq/3")
        );
        assert_eq!(user_agent(Some("  ")), user_agent(None));
        // What Cargo.toml names is what is sent.
        let agent = user_agent(Some("me@example.org"));
        assert!(agent.starts_with(&format!("folio/{version} (")), "{agent}");
        assert!(agent.contains(homepage().unwrap_or_default()), "{agent}");
        assert!(agent.ends_with("me@example.org) ureq/3"), "{agent}");
    }

    #[test]
    fn a_contact_is_made_one_header_line() {
        let version = env!("CARGO_PKG_VERSION");
        assert_eq!(
            user_agent_with(
                None,
                Some("Ann\r\nX-Evil: 1\u{1b}[31m  ann@example.org\tKöln")
            ),
            format!("folio/{version} (Ann X-Evil: 1 [31m ann@example.org Kln) ureq/3")
        );
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        assert_eq!(retry_after("120", now), Some(Duration::from_secs(120)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon", now), None);
    }

    #[test]
    fn a_request_says_who_it_is_and_an_etag_asks_for_changes_only() {
        let (base, requests) = serve(vec![answer("304 Not Modified", "ETag: \"r7\"\r\n", b"")]);
        let response = client(Settings {
            contact: Some("ops@example.org".into()),
            ..Settings::default()
        })
        .get(&format!("{base}/page"), Some("\"r7\""))
        .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(response.status, 304);
        assert!(response.body.is_empty());
        assert_eq!(response.etag.as_deref(), Some("\"r7\""));
        let requests = requests.lock().map(|r| r.clone()).unwrap_or_default();
        let request = requests[0].to_ascii_lowercase();
        assert!(request.contains("if-none-match: \"r7\""), "{request}");
        assert!(request.contains("ops@example.org"), "{request}");
        assert!(request.contains("accept-encoding: gzip"), "{request}");
    }

    #[test]
    fn a_body_over_the_cap_is_a_clear_error() {
        // Without a Content-Length: the body ends when the connection closes, read to the cap.
        let mut undeclared = b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".to_vec();
        undeclared.extend_from_slice(&vec![b'x'; 3 << 20]);
        let (base, _) = serve(vec![undeclared]);
        let error = error_of(
            Settings {
                max_body: 1 << 20,
                ..Settings::default()
            },
            &format!("{base}/big"),
        );
        assert_eq!(
            error,
            format!("{base}/big : the response is larger than 1 MiB; folio reads no more")
        );
    }

    #[test]
    fn a_busy_server_is_waited_for_when_it_asks_for_little() {
        let (base, requests) = serve(vec![
            answer("429 Too Many Requests", "Retry-After: 0\r\n", b""),
            answer("200 OK", "", b"fine"),
        ]);
        let response = client(Settings::default())
            .get(&format!("{base}/x"), None)
            .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(response.body, b"fine");
        assert_eq!(requests.lock().map(|r| r.len()).unwrap_or_default(), 2);
    }

    #[test]
    fn a_server_that_keeps_asking_to_wait_is_retried_twice_then_said_busy() {
        let busy = || answer("429 Too Many Requests", "Retry-After: 0\r\n", b"");
        let (base, requests) = serve(vec![
            busy(),
            busy(),
            busy(),
            busy(),
            answer("200 OK", "", b"late"),
        ]);
        let error = error_of(Settings::default(), &format!("{base}/x"));
        assert!(error.contains("busy (429)"), "{error}");
        assert!(!error.contains('\n'), "{error}");
        assert_eq!(
            requests.lock().map(|r| r.len()).unwrap_or_default(),
            1 + MAX_RETRIES
        );
    }

    /// A loopback server that sends `head` and then holds the connection open, silent, until
    /// the client goes: a body it declares never comes.
    fn serve_and_hold(head: &'static [u8]) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|error| panic!("{error}"));
        let address = listener
            .local_addr()
            .unwrap_or_else(|error| panic!("{error}"));
        std::thread::spawn(move || {
            let Ok((mut stream, _)) = listener.accept() else {
                return;
            };
            let mut buffer = [0u8; 4096];
            let _ = stream.read(&mut buffer);
            let _ = stream.write_all(head);
            // Reads until the client closes (or 60 s pass), then the connection drops.
            let _ = stream.set_read_timeout(Some(Duration::from_secs(60)));
            while matches!(stream.read(&mut buffer), Ok(n) if n > 0) {}
        });
        format!("http://{address}")
    }

    #[test]
    fn a_server_slower_than_the_timeout_is_one_timeout_line() {
        let base = serve_and_hold(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        let error = error_of(
            Settings {
                timeout: Duration::from_secs(1),
                ..Settings::default()
            },
            &format!("{base}/slow"),
        );
        assert_eq!(error, format!("{base}/slow : no answer within 1 s"));
    }

    #[test]
    fn a_declared_length_over_the_cap_is_refused_before_the_body() {
        // 100 MiB declared, none of it sent: only the headers can say it is too large.
        let base = serve_and_hold(b"HTTP/1.1 200 OK\r\nContent-Length: 104857600\r\n\r\n");
        let error = error_of(
            Settings {
                max_body: 1 << 20,
                timeout: Duration::from_secs(5),
                ..Settings::default()
            },
            &format!("{base}/huge"),
        );
        assert!(error.contains("larger than 1 MiB"), "{error}");
    }

    #[test]
    fn a_long_retry_after_is_an_error_at_once() {
        let (base, requests) = serve(vec![answer(
            "503 Service Unavailable",
            "Retry-After: 3600\r\n",
            b"",
        )]);
        let error = error_of(Settings::default(), &format!("{base}/x"));
        assert!(error.contains("asks to wait 3600 s"), "{error}");
        assert_eq!(requests.lock().map(|r| r.len()).unwrap_or_default(), 1);
    }

    #[test]
    fn statuses_are_answers_and_network_failures_one_line() {
        let (base, _) = serve(vec![answer("404 Not Found", "", b"none")]);
        let response = client(Settings::default())
            .get(&format!("{base}/missing"), None)
            .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(response.status, 404);
        // A port nothing listens on: bound, then closed.
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .map(|address| address.port())
            .unwrap_or_else(|error| panic!("{error}"));
        let error = error_of(Settings::default(), &format!("http://127.0.0.1:{port}/x"));
        assert!(
            error.starts_with(&format!("http://127.0.0.1:{port}/x : ")),
            "{error}"
        );
        assert!(!error.contains('\n'), "{error}");
    }

    #[test]
    fn a_body_cut_short_is_said() {
        let mut cut =
            b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n".to_vec();
        cut.extend_from_slice(&[b'x'; 10]);
        let (base, _) = serve(vec![cut]);
        let error = error_of(Settings::default(), &format!("{base}/cut"));
        assert!(
            error.contains("cut short") || error.contains(" : "),
            "{error}"
        );
    }

    #[test]
    fn no_more_than_two_requests_to_a_host_at_once() {
        let client = Arc::new(client(Settings::default()));
        let peak = Arc::new(AtomicUsize::new(0));
        let host = "example.invalid:80";
        let handles: Vec<_> = (0..6)
            .map(|_| {
                let client = Arc::clone(&client);
                let peak = Arc::clone(&peak);
                std::thread::spawn(move || {
                    let _slot = client.slot(host);
                    let now = client
                        .in_flight
                        .lock()
                        .map(|counts| counts.get(host).copied().unwrap_or(0))
                        .unwrap_or(0);
                    peak.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(20));
                })
            })
            .collect();
        for handle in handles {
            let _ = handle.join();
        }
        assert_eq!(peak.load(Ordering::SeqCst), PER_HOST);
    }
}
