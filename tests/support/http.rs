//! A minimal HTTP/1.1 client and message reader over std::net, for loopback only. Hand-written
//! because the tests need to see the raw exchange (status, headers, the exact body bytes, a cut
//! connection) and to forward it in the fault proxy; no client crate is a dependency of folio's
//! tests, and one that decodes, retries or follows redirects would hide what the server sent.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// A generous limit for every read and write: a loaded machine makes a test slower, never stuck.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// A request or response head: its first line and its header fields, in order.
#[derive(Clone, Debug, Default)]
pub struct Head {
    pub start: String,
    pub fields: Vec<(String, String)>,
}

impl Head {
    /// The value of a header field, its name compared without case.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Replaces (or adds) a header field.
    pub fn set(&mut self, name: &str, value: &str) {
        self.fields
            .retain(|(key, _)| !key.eq_ignore_ascii_case(name));
        self.fields.push((name.to_string(), value.to_string()));
    }

    /// Removes a header field.
    pub fn remove(&mut self, name: &str) {
        self.fields
            .retain(|(key, _)| !key.eq_ignore_ascii_case(name));
    }

    /// The status code of a response head (0 if the line is not a status line).
    pub fn status(&self) -> u16 {
        self.start
            .split(' ')
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap_or(0)
    }

    /// The head as sent on the wire, blank line included.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut text = format!("{}\r\n", self.start);
        for (key, value) in &self.fields {
            text.push_str(&format!("{key}: {value}\r\n"));
        }
        text.push_str("\r\n");
        text.into_bytes()
    }
}

/// A response read whole.
#[derive(Clone, Debug)]
pub struct Response {
    pub head: Head,
    pub body: Vec<u8>,
}

impl Response {
    pub fn status(&self) -> u16 {
        self.head.status()
    }

    /// The body as text (lossily: the tests compare text the wiki wrote).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Reads a head up to its blank line; None at a clean end of stream before any byte.
pub fn read_head(reader: &mut impl BufRead) -> io::Result<Option<Head>> {
    let mut start = String::new();
    if reader.read_line(&mut start)? == 0 {
        return Ok(None);
    }
    let mut head = Head {
        start: start.trim_end().to_string(),
        fields: Vec::new(),
    };
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the stream ended inside a head",
            ));
        }
        let line = line.trim_end();
        if line.is_empty() {
            return Ok(Some(head));
        }
        if let Some((key, value)) = line.split_once(':') {
            head.fields
                .push((key.trim().to_string(), value.trim().to_string()));
        }
    }
}

/// Reads the body that follows a head: by Content-Length, chunked, or to the end of the stream.
/// `request` says whether the head is a request's (a request without a length has no body).
pub fn read_body(reader: &mut impl BufRead, head: &Head, request: bool) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    if head
        .field("Transfer-Encoding")
        .is_some_and(|coding| coding.eq_ignore_ascii_case("chunked"))
    {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size)?;
            let size = size.trim().split(';').next().unwrap_or("");
            let size = usize::from_str_radix(size, 16)
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "a bad chunk size"))?;
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk)?;
            if size == 0 {
                return Ok(body);
            }
            body.extend_from_slice(&chunk[..size]);
        }
    }
    match head.field("Content-Length").map(str::parse::<u64>) {
        Some(Ok(length)) => {
            reader.take(length).read_to_end(&mut body)?;
            if (body.len() as u64) < length {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the body is shorter than its Content-Length",
                ));
            }
        }
        Some(Err(_)) => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "a bad Content-Length",
            ));
        }
        None if request => {}
        None => {
            reader.read_to_end(&mut body)?;
        }
    }
    Ok(body)
}

/// Opens a connection to a loopback address with the patience limits set.
pub fn connect(address: SocketAddr) -> io::Result<TcpStream> {
    assert!(
        address.ip().is_loopback(),
        "tests contact loopback addresses only, not {address}"
    );
    let stream = TcpStream::connect_timeout(&address, PATIENCE)?;
    stream.set_read_timeout(Some(PATIENCE))?;
    stream.set_write_timeout(Some(PATIENCE))?;
    Ok(stream)
}

/// GET `target` (a path with its query) from a loopback server, with extra header fields.
pub fn get(address: SocketAddr, target: &str, fields: &[(&str, &str)]) -> io::Result<Response> {
    let mut stream = connect(address)?;
    let mut head = Head {
        start: format!("GET {target} HTTP/1.1"),
        fields: vec![
            ("Host".to_string(), address.to_string()),
            ("User-Agent".to_string(), "folio-tests".to_string()),
            ("Connection".to_string(), "close".to_string()),
        ],
    };
    for (key, value) in fields {
        head.set(key, value);
    }
    stream.write_all(&head.to_bytes())?;
    let mut reader = BufReader::new(stream);
    let head = read_head(&mut reader)?.ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "the server closed without answering",
        )
    })?;
    let body = if head.status() == 304 || head.status() == 204 {
        Vec::new()
    } else {
        read_body(&mut reader, &head, false)?
    };
    Ok(Response { head, body })
}

/// A title as MediaWiki writes it in a path or query: underscores for spaces, the rest
/// percent-encoded.
pub fn encode_title(title: &str) -> String {
    const RESERVED: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    utf8_percent_encode(&title.replace(' ', "_"), RESERVED).to_string()
}
