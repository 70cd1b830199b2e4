//! A loopback HTTP proxy between folio and the test wiki that passes requests through, injects
//! faults on the ones a test names (a delay, 429 with Retry-After, 500, a connection cut
//! mid-body, a truncated gzip stream, a 100 MB body, invalid UTF-8 and escape sequences in the
//! page) and keeps a log of every exchange (to count requests and see what was answered).
//! Hand-written with std::net: it is a test double that must produce broken HTTP on purpose,
//! which no proxy crate offers; one request per connection keeps it small.

use super::http::{self, Head};
use std::io::{BufReader, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

/// What the proxy does with a request.
#[derive(Clone, Debug, PartialEq)]
pub enum Fault {
    /// Waits this long, then forwards.
    Delay(Duration),
    /// Answers 429 Too Many Requests with `Retry-After: seconds`.
    TooManyRequests { retry_after: u64 },
    /// Answers 500 Internal Server Error.
    ServerError,
    /// Sends the wiki's head (its full Content-Length) and half the body, then closes.
    CutMidBody,
    /// Sends the page as `Content-Encoding: gzip` whose gzip stream stops halfway (the HTTP
    /// framing is whole: Content-Length is what is sent).
    TruncatedGzip,
    /// Answers 404 with the JSON MediaWiki's REST API gives for a path it has no handler for
    /// (as a wiki whose REST API lacks `v1/revision/{id}/html` does).
    NoRoute,
    /// Sends a 100 MB HTML body, with its Content-Length when `declared`, else delimited by
    /// closing the connection (so only a cap on what is read can stop it).
    Huge { declared: bool },
    /// Sends the page with invalid UTF-8 and terminal escape sequences put into its text.
    Hostile,
}

/// The size of [`Fault::Huge`]'s body.
pub const HUGE: usize = 100 * 1024 * 1024;

/// What [`Fault::Hostile`] puts at the start of the page's first paragraph: bytes that are not
/// UTF-8, a colour escape, a title-setting OSC sequence ended by BEL, a screen clear, and a
/// bidi override.
pub const HOSTILE: &[u8] =
    b"\xff\xfeBAD\xc3( \x1b[31mRED\x1b[0m \x1b]0;pwned\x07 \x1b[2J \xe2\x80\xaeSDRAWKCAB\xe2\x80\xac ";

/// One exchange: the request as received and the status answered (0 if none was).
#[derive(Clone, Debug)]
pub struct Exchange {
    pub request: Head,
    pub status: u16,
    pub fault: Option<Fault>,
}

impl Exchange {
    /// The request target (path and query).
    pub fn target(&self) -> &str {
        self.request.start.split(' ').nth(1).unwrap_or("")
    }
}

/// A fault applied to requests whose target contains `matching` ("" for all), `times` times
/// (None: until cleared).
#[derive(Clone, Debug)]
struct Rule {
    matching: String,
    fault: Fault,
    times: Option<usize>,
}

#[derive(Default)]
struct State {
    rules: Vec<Rule>,
    log: Vec<Exchange>,
}

/// A running proxy; dropped or [`FaultProxy::stop`]ped, it refuses connections.
pub struct FaultProxy {
    address: SocketAddr,
    state: Arc<Mutex<State>>,
    stopping: Arc<AtomicBool>,
    accepter: Option<JoinHandle<()>>,
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl FaultProxy {
    /// Starts a proxy on a free loopback port forwarding to `upstream` (a loopback address).
    pub fn start(upstream: SocketAddr) -> FaultProxy {
        assert!(
            upstream.ip().is_loopback(),
            "the proxy forwards to loopback only"
        );
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .unwrap_or_else(|error| panic!("the fault proxy cannot listen: {error}"));
        let address = listener
            .local_addr()
            .unwrap_or_else(|error| panic!("the fault proxy's address: {error}"));
        let state = Arc::new(Mutex::new(State::default()));
        let stopping = Arc::new(AtomicBool::new(false));
        let accepter = {
            let (state, stopping) = (Arc::clone(&state), Arc::clone(&stopping));
            std::thread::spawn(move || {
                for client in listener.incoming() {
                    if stopping.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(client) = client else { continue };
                    let state = Arc::clone(&state);
                    std::thread::spawn(move || serve(client, upstream, &state));
                }
            })
        };
        FaultProxy {
            address,
            state,
            stopping,
            accepter: Some(accepter),
        }
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The proxy's base URL, standing for the wiki's: `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Applies a fault to every request whose target contains `matching` ("" for all), until
    /// [`FaultProxy::clear`].
    pub fn inject(&self, matching: &str, fault: Fault) {
        lock(&self.state).rules.push(Rule {
            matching: matching.to_string(),
            fault,
            times: None,
        });
    }

    /// Applies a fault to the next `times` requests whose target contains `matching`.
    pub fn inject_times(&self, matching: &str, fault: Fault, times: usize) {
        lock(&self.state).rules.push(Rule {
            matching: matching.to_string(),
            fault,
            times: Some(times),
        });
    }

    /// Removes every fault: requests pass through.
    pub fn clear(&self) {
        lock(&self.state).rules.clear();
    }

    /// Every exchange so far, in the order the requests arrived.
    pub fn exchanges(&self) -> Vec<Exchange> {
        lock(&self.state).log.clone()
    }

    /// How many requests arrived.
    pub fn count(&self) -> usize {
        lock(&self.state).log.len()
    }

    /// Forgets the exchanges so far (to count from a point in a test).
    pub fn reset_log(&self) {
        lock(&self.state).log.clear();
    }

    /// Stops accepting: later connections are refused.
    pub fn stop(&mut self) {
        if let Some(accepter) = self.accepter.take() {
            self.stopping.store(true, Ordering::SeqCst);
            // Wakes the accept loop so that it sees the flag and drops the listener.
            let _ = TcpStream::connect(self.address);
            let _ = accepter.join();
        }
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Picks the fault for a request (using up a counted rule) and logs the request.
fn choose(state: &Mutex<State>, request: &Head) -> (usize, Option<Fault>) {
    let mut state = lock(state);
    let target = request.start.split(' ').nth(1).unwrap_or("").to_string();
    let mut fault = None;
    if let Some(position) = state
        .rules
        .iter()
        .position(|rule| target.contains(&rule.matching))
    {
        let rule = &mut state.rules[position];
        fault = Some(rule.fault.clone());
        if let Some(times) = rule.times.as_mut() {
            *times -= 1;
            if *times == 0 {
                state.rules.remove(position);
            }
        }
    }
    state.log.push(Exchange {
        request: request.clone(),
        status: 0,
        fault: fault.clone(),
    });
    (state.log.len() - 1, fault)
}

fn record_status(state: &Mutex<State>, index: usize, status: u16) {
    if let Some(exchange) = lock(state).log.get_mut(index) {
        exchange.status = status;
    }
}

/// Serves one request of a client connection, then closes it.
fn serve(client: TcpStream, upstream: SocketAddr, state: &Mutex<State>) {
    let _ = client.set_read_timeout(Some(http::PATIENCE));
    let _ = client.set_write_timeout(Some(http::PATIENCE));
    let Ok(reader) = client.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(reader);
    let Ok(Some(request)) = http::read_head(&mut reader) else {
        return;
    };
    let Ok(body) = http::read_body(&mut reader, &request, true) else {
        return;
    };
    let (index, fault) = choose(state, &request);
    let mut client = client;
    // The status is logged before the answer is sent, so a test that has its answer sees it;
    // an answer that breaks off before its head (the wiki failed) stays logged as 0.
    let record = |status| record_status(state, index, status);
    let _ = answer(&mut client, upstream, request, &body, fault, &record);
    let _ = client.flush();
    let _ = client.shutdown(Shutdown::Both);
}

/// Sends a complete response made here.
fn respond(
    client: &mut TcpStream,
    status: &str,
    fields: &[(&str, &str)],
    body: &[u8],
    record: &dyn Fn(u16),
) -> std::io::Result<()> {
    let mut head = Head {
        start: format!("HTTP/1.1 {status}"),
        fields: Vec::new(),
    };
    for (key, value) in fields {
        head.set(key, value);
    }
    head.set("Content-Length", &body.len().to_string());
    head.set("Connection", "close");
    record(head.status());
    client.write_all(&head.to_bytes())?;
    client.write_all(body)
}

/// Forwards a request to the wiki and reads its whole answer.
fn forward(
    upstream: SocketAddr,
    mut request: Head,
    body: &[u8],
) -> std::io::Result<http::Response> {
    let mut server = http::connect(upstream)?;
    request.set("Connection", "close");
    server.write_all(&request.to_bytes())?;
    server.write_all(body)?;
    let mut reader = BufReader::new(server);
    let head = http::read_head(&mut reader)?.ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "the wiki closed without answering",
        )
    })?;
    let body = if head.status() == 304 || head.status() == 204 {
        Vec::new()
    } else {
        http::read_body(&mut reader, &head, false)?
    };
    Ok(http::Response { head, body })
}

/// Answers a request as the fault says, recording the status it sends.
fn answer(
    client: &mut TcpStream,
    upstream: SocketAddr,
    mut request: Head,
    body: &[u8],
    fault: Option<Fault>,
    record: &dyn Fn(u16),
) -> std::io::Result<()> {
    match &fault {
        Some(Fault::TooManyRequests { retry_after }) => {
            return respond(
                client,
                "429 Too Many Requests",
                &[
                    ("Retry-After", &retry_after.to_string()),
                    ("Content-Type", "text/plain"),
                ],
                b"Too many requests: slow down.\n",
                record,
            );
        }
        Some(Fault::ServerError) => {
            return respond(
                client,
                "500 Internal Server Error",
                &[("Content-Type", "text/plain")],
                b"The wiki broke.\n",
                record,
            );
        }
        Some(Fault::NoRoute) => {
            return respond(
                client,
                "404 Not Found",
                &[("Content-Type", "application/json")],
                br#"{"messageTranslations":{"en":"The requested relative path did not match any known handler"},"httpCode":404,"httpReason":"Not Found"}"#,
                record,
            );
        }
        Some(Fault::Huge { declared }) => return huge(client, *declared, record),
        Some(Fault::Delay(delay)) => std::thread::sleep(*delay),
        // The body is rewritten here, so it must arrive uncompressed.
        Some(Fault::Hostile | Fault::TruncatedGzip) => request.remove("Accept-Encoding"),
        Some(Fault::CutMidBody) | None => {}
    }
    let mut response = forward(upstream, request, body)?;
    let status = response.head.status();
    record(status);
    response.head.set("Connection", "close");
    response.head.remove("Transfer-Encoding");
    match fault {
        Some(Fault::CutMidBody) => {
            response
                .head
                .set("Content-Length", &response.body.len().to_string());
            client.write_all(&response.head.to_bytes())?;
            client.write_all(&response.body[..response.body.len() / 2])?;
        }
        Some(Fault::TruncatedGzip) => {
            let gzip = gzip_stored(&response.body);
            let cut = &gzip[..gzip.len() / 2];
            response.head.set("Content-Encoding", "gzip");
            response.head.set("Content-Length", &cut.len().to_string());
            client.write_all(&response.head.to_bytes())?;
            client.write_all(cut)?;
        }
        Some(Fault::Hostile) => {
            let page = hostile(&response.body);
            response.head.set("Content-Length", &page.len().to_string());
            client.write_all(&response.head.to_bytes())?;
            client.write_all(&page)?;
        }
        _ => {
            if status != 304 && status != 204 {
                response
                    .head
                    .set("Content-Length", &response.body.len().to_string());
            }
            client.write_all(&response.head.to_bytes())?;
            client.write_all(&response.body)?;
        }
    }
    Ok(())
}

/// Streams [`HUGE`] bytes of HTML paragraphs; stops quietly when the client hangs up.
fn huge(client: &mut TcpStream, declared: bool, record: &dyn Fn(u16)) -> std::io::Result<()> {
    let mut head = Head {
        start: "HTTP/1.1 200 OK".to_string(),
        fields: vec![
            (
                "Content-Type".to_string(),
                "text/html; charset=utf-8".to_string(),
            ),
            ("Connection".to_string(), "close".to_string()),
        ],
    };
    if declared {
        head.set("Content-Length", &HUGE.to_string());
    }
    record(200);
    client.write_all(&head.to_bytes())?;
    let chunk = "<p>An endless page. </p>\n".repeat(4096);
    let mut sent = 0;
    while sent < HUGE {
        let part = &chunk.as_bytes()[..chunk.len().min(HUGE - sent)];
        if client.write_all(part).is_err() {
            break;
        }
        sent += part.len();
    }
    Ok(())
}

/// The page with [`HOSTILE`] put at the start of its first paragraph (or of the body).
fn hostile(page: &[u8]) -> Vec<u8> {
    let at = find(page, b"<p")
        .and_then(|start| find(&page[start..], b">").map(|end| start + end + 1))
        .unwrap_or(0);
    let mut out = page[..at].to_vec();
    out.extend_from_slice(HOSTILE);
    out.extend_from_slice(&page[at..]);
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// A gzip stream of `data` in stored (uncompressed) deflate blocks: valid gzip that needs no
/// compressor, which is all a test of a truncated stream needs.
fn gzip_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    let mut blocks = data.chunks(u16::MAX as usize).peekable();
    if blocks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(block) = blocks.next() {
        out.push(u8::from(blocks.peek().is_none()));
        let length = block.len() as u16;
        out.extend_from_slice(&length.to_le_bytes());
        out.extend_from_slice(&(!length).to_le_bytes());
        out.extend_from_slice(block);
    }
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

/// CRC-32 (IEEE), bitwise: the gzip trailer of a test stream, a few kilobytes.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
