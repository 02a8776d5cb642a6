//! Graph API reference pages, read and held against the metadata: which documented calls the
//! generated crate can make, and where a page and the schema disagree.
//!
//! [`read`] takes a page (the Markdown source or the rendered text) apart; [`check`] finds
//! its endpoint among the operations the emitter offers for a selection and checks the
//! example bodies, the status and the property table against the model; [`attach`] turns
//! what the pages say about the operations into doc lines for the emitter.

mod attach;
mod bodies;
mod check;
mod read;

pub use attach::attach;
pub use check::{check, url_version, Checked, Finding, Severity, Target};
pub use read::read;

/// What a reference page documents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// The file the page was read from, for locations.
    pub file: String,
    pub title: Option<String>,
    /// The `HTTP Request` section's `METHOD /path`.
    pub endpoint: Option<Endpoint>,
    /// The permissions table: per permission type, least privileged first (a table written
    /// most privileged first is turned around). A row that names no permission, such as a
    /// `TODO` placeholder, is left out.
    pub permissions: Vec<Permission>,
    /// The request headers table.
    pub headers: Vec<Header>,
    /// The request body's property table.
    pub properties: Vec<PropertyRow>,
    pub examples: Vec<Example>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    pub method: String,
    /// The path template, `/deviceManagement/…/{id}`.
    pub path: String,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Permission {
    /// `Delegated (work or school account)`, `Application`, …
    pub kind: String,
    /// Least privileged first; empty when the page says the type is not supported.
    pub names: Vec<String>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub name: String,
    pub value: String,
}

/// A row of the request body's property table, with link syntax removed.
#[derive(Debug, Clone, PartialEq)]
pub struct PropertyRow {
    pub name: String,
    pub ty: String,
    pub description: String,
    pub line: usize,
}

/// An example request and the response shown with it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Example {
    pub request: Option<Request>,
    pub response: Option<Response>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub method: String,
    /// As written: `https://graph.microsoft.com/beta/…`.
    pub url: String,
    pub headers: Vec<Header>,
    pub body: Option<Body>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<Header>,
    pub body: Option<Body>,
    pub line: usize,
}

/// A JSON body, its text and the line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub json: Result<serde_json::Value, BodyError>,
    pub text: String,
    pub line: usize,
}

impl Body {
    /// The line of the property at `path` (`target.groupId`, `value[0].id`): where its
    /// name is first written after its parent's, else the body's first line.
    pub fn line_of(&self, path: &str) -> usize {
        let lines: Vec<&str> = self.text.lines().collect();
        let mut at = 0;
        for segment in path.split('.').filter(|s| !s.is_empty()) {
            let name = segment.split('[').next().unwrap_or(segment);
            if name.is_empty() {
                continue;
            }
            let quoted = format!("\"{name}\"");
            match lines.iter().skip(at).position(|l| l.contains(&quoted)) {
                Some(found) => at += found,
                None => return self.line,
            }
        }
        self.line + at
    }
}

/// A body that is not JSON (pages sometimes shorten one with `…`).
#[derive(Debug, Clone, PartialEq)]
pub struct BodyError {
    pub line: usize,
    pub message: String,
}

impl Request {
    /// The API version and the path of the example URL: `https://graph.microsoft.com/beta/x`
    /// is `(Some("beta"), "/x")`. A URL with neither `/beta/` nor `/v1.0/` after the host
    /// gives no version and the path after the host.
    pub fn version_and_path(&self) -> (Option<&str>, &str) {
        let url = self.url.split(['?', '#']).next().unwrap_or("");
        let after_host = match url.split_once("://") {
            Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
            None => url,
        };
        for version in ["beta", "v1.0"] {
            if let Some(rest) = after_host
                .strip_prefix('/')
                .and_then(|r| r.strip_prefix(version))
            {
                if rest.starts_with('/') {
                    return (Some(version), rest);
                }
            }
        }
        (None, after_host)
    }
}
