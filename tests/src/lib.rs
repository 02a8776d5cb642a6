//! Helpers for the end-to-end tests: the documented examples, read from reference pages
//! through graphgen's own reader, and a loopback HTTP server.

use graphgen::docs::{self, Page};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The project's reference pages, `metadata/docs/` (the generator reads them too).
pub fn pages_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../metadata/docs")
}

/// Reads a reference page through graphgen's reader.
pub fn read_page(path: &Path) -> Page {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    docs::read(&graphgen::Source::new(path.display().to_string(), text))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The first example of a reference page: the documented request and the response shown with
/// it.
#[derive(Debug, Clone)]
pub struct Documented {
    /// The page it comes from.
    pub file: String,
    /// The `HTTP Request` section's method and path template.
    pub method: String,
    pub path: String,
    /// The example request's URL, as written.
    pub url: String,
    pub request: Value,
    pub status: u16,
    pub response: Value,
    /// `(permission type, least privileged first)`.
    pub permissions: Vec<(String, Vec<String>)>,
}

impl Documented {
    pub fn of(page: &Page) -> Documented {
        let file = &page.file;
        let endpoint = page
            .endpoint
            .as_ref()
            .unwrap_or_else(|| panic!("{file}: no HTTP Request"));
        let example = page
            .examples
            .first()
            .unwrap_or_else(|| panic!("{file}: no example"));
        let (request, response) = match (&example.request, &example.response) {
            (Some(q), Some(r)) => (q, r),
            _ => panic!("{file}: the first example has no request or no response"),
        };
        let json = |body: &Option<docs::Body>| match body.as_ref().map(|b| &b.json) {
            Some(Ok(value)) => value.clone(),
            other => panic!("{file}: an example body that is not JSON: {other:?}"),
        };
        Documented {
            file: file.clone(),
            method: endpoint.method.clone(),
            path: endpoint.path.clone(),
            url: request.url.clone(),
            request: json(&request.body),
            status: response.status,
            response: json(&response.body),
            permissions: page
                .permissions
                .iter()
                .map(|p| (p.kind.clone(), p.names.clone()))
                .collect(),
        }
    }
}

/// The first example of the project's page `name` (below `metadata/docs/`) and, when
/// `GRAPHGEN_SEEDS` names the folder of the published reference pages, of the published page
/// with the same example URL. The tests hold the generated crate against each.
pub fn documented(name: &str) -> Vec<Documented> {
    let ours = Documented::of(&read_page(&pages_dir().join(name)));
    let published = published_pages()
        .iter()
        .map(Documented::of)
        .find(|d| d.url == ours.url);
    if std::env::var_os("GRAPHGEN_SEEDS").is_some() && published.is_none() {
        panic!("no published page has the example URL of {}", ours.file);
    }
    std::iter::once(ours).chain(published).collect()
}

/// The published reference pages in `GRAPHGEN_SEEDS`, in name order; none when it is not set.
pub fn published_pages() -> Vec<Page> {
    let Some(dir) = std::env::var_os("GRAPHGEN_SEEDS") else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("GRAPHGEN_SEEDS is a folder")
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths.iter().map(|p| read_page(p)).collect()
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
