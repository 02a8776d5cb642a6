//! Helpers for the end-to-end tests: the documented examples, as in-project fixtures and as
//! read from the reference pages.

use serde_json::Value;
use std::path::{Path, PathBuf};

/// The folder of the in-project fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// A documented example body kept in `fixtures/seeds`.
pub fn seed(name: &str) -> Value {
    let path = fixtures().join("seeds").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The JSON bodies of a reference page, in order: every block that opens with `{` and closes
/// with `}` at the start of a line. Works on the Markdown source and on the rendered text.
pub fn page_bodies(text: &str) -> Vec<Value> {
    let mut bodies = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in text.lines() {
        match &mut current {
            None if line.starts_with('{') => current = Some(vec![line]),
            Some(lines) => {
                lines.push(line);
                if line.starts_with('}') {
                    let json = lines.join("\n");
                    bodies.push(
                        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}")),
                    );
                    current = None;
                }
            }
            None => {}
        }
    }
    bodies
}

/// A request as the loopback server received it.
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    pub method: String,
    /// The request target as sent: path and query, still percent-encoded.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("the request body is JSON")
    }
}

/// A response the loopback server sends: status, extra headers and body.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn json(status: u16, body: &Value) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.to_string(),
        }
    }

    pub fn empty(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: String::new(),
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// A real HTTP/1.1 server on 127.0.0.1 that answers each connection with the next scripted
/// reply and records what it received. It serves exactly the replies it was given, then stops.
pub struct LoopbackServer {
    pub base_url: String,
    received: std::sync::Arc<std::sync::Mutex<Vec<Received>>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl LoopbackServer {
    pub fn start(replies: Vec<Reply>) -> LoopbackServer {
        LoopbackServer::start_with(|_| replies)
    }

    /// Starts a server whose replies may name its own address (for `@odata.nextLink`).
    pub fn start_with(replies: impl FnOnce(&str) -> Vec<Reply>) -> LoopbackServer {
        use std::io::{BufRead, BufReader, Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let replies = replies(&base_url);
        let received = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = received.clone();
        let thread = std::thread::spawn(move || {
            for reply in replies {
                let Ok((stream, _)) = listener.accept() else {
                    return;
                };
                stream
                    .set_read_timeout(Some(std::time::Duration::from_secs(10)))
                    .unwrap();
                let mut reader = BufReader::new(stream);
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                let mut parts = line.split_whitespace();
                let method = parts.next().unwrap_or_default().to_string();
                let target = parts.next().unwrap_or_default().to_string();
                let mut headers = Vec::new();
                loop {
                    let mut header = String::new();
                    reader.read_line(&mut header).unwrap();
                    let header = header.trim_end();
                    if header.is_empty() {
                        break;
                    }
                    if let Some((name, value)) = header.split_once(':') {
                        headers.push((name.trim().to_string(), value.trim().to_string()));
                    }
                }
                let length = headers
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
                    .and_then(|(_, v)| v.parse().ok())
                    .unwrap_or(0);
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                log.lock().unwrap().push(Received {
                    method,
                    target,
                    headers,
                    body,
                });
                let mut stream = reader.into_inner();
                let mut head = format!(
                    "HTTP/1.1 {} Reply\r\nContent-Length: {}\r\nConnection: close\r\n",
                    reply.status,
                    reply.body.len()
                );
                for (name, value) in &reply.headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str("\r\n");
                stream.write_all(head.as_bytes()).unwrap();
                stream.write_all(reply.body.as_bytes()).unwrap();
            }
        });
        LoopbackServer {
            base_url,
            received,
            thread: Some(thread),
        }
    }

    /// The requests received so far, in order.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Waits until every reply was sent and returns what was received.
    pub fn finish(mut self) -> Vec<Received> {
        if let Some(thread) = self.thread.take() {
            thread.join().expect("the loopback server thread");
        }
        self.received()
    }
}

/// Decodes `%XX` escapes, to compare an encoded path with a documented one.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).expect("UTF-8 after decoding")
}
