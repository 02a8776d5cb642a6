//! Operations: typed Graph requests built without I/O. An [`Operation`] knows its method,
//! path, query and JSON body; it builds an `http::Request` against any base URL (national
//! clouds use other hosts) and parses the `http::Response` into its typed result or a
//! [`GraphError`].

use ::serde::de::DeserializeOwned;
use ::serde::{Deserialize, Serialize};
use ::std::fmt;
use ::std::marker::PhantomData;
use ::std::string::String;
use ::std::vec::Vec;

/// Which query options an operation takes, as the schema's capabilities say. The option
/// methods of [`Operation`] exist only where the flag is `true`, so an unsupported option is a
/// compile error. The flags, in order: `$select`, `$expand`, `$filter`, `$orderby`, `$top`,
/// `$skip`, `$count`, `$search`.
pub struct QueryOptions<
    const SELECT: bool,
    const EXPAND: bool,
    const FILTER: bool,
    const ORDERBY: bool,
    const TOP: bool,
    const SKIP: bool,
    const COUNT: bool,
    const SEARCH: bool,
>;

/// The options of an operation that takes none.
pub type NoOptions = QueryOptions<false, false, false, false, false, false, false, false>;

/// The options of a list whose capabilities restrict nothing: all eight.
pub type ListOptions = QueryOptions<true, true, true, true, true, true, true, true>;

/// The options of a read of one entity whose capabilities restrict nothing: `$select`, `$expand`.
pub type ItemOptions = QueryOptions<true, true, false, false, false, false, false, false>;

/// How an operation reads a successful response body.
pub type Parse<T> = fn(::http::StatusCode, &[u8]) -> Result<T, Error>;

/// One typed request. `T` is what a successful response gives; `O` the [`QueryOptions`].
pub struct Operation<T, O = NoOptions> {
    method: ::http::Method,
    /// A path below the base URL, already percent-encoded, or an absolute URL (next pages).
    target: String,
    query: Vec<(&'static str, String)>,
    body: Option<Vec<u8>>,
    parse: Parse<T>,
    options: PhantomData<fn() -> O>,
}

impl<T, O> Clone for Operation<T, O> {
    fn clone(&self) -> Self {
        Operation {
            method: self.method.clone(),
            target: self.target.clone(),
            query: self.query.clone(),
            body: self.body.clone(),
            parse: self.parse,
            options: PhantomData,
        }
    }
}

impl<T, O> fmt::Debug for Operation<T, O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Operation")
            .field("method", &self.method)
            .field("target", &self.target)
            .field("query", &self.query)
            .field("body", &self.body.as_ref().map(|b| String::from_utf8_lossy(b)))
            .finish()
    }
}

impl<T, O> Operation<T, O> {
    /// An operation on `path` (already encoded, see [`encode_segment`]).
    pub fn new(method: ::http::Method, path: String, body: Option<Vec<u8>>, parse: Parse<T>) -> Self {
        Operation {
            method,
            target: path,
            query: Vec::new(),
            body,
            parse,
            options: PhantomData,
        }
    }

    /// An operation with a JSON body.
    pub fn with_json<B: Serialize + ?Sized>(method: ::http::Method, path: String, body: &B, parse: Parse<T>) -> Self {
        // Serializing the generated models cannot fail: their maps have string keys.
        let bytes = ::serde_json::to_vec(body).unwrap_or_default();
        Operation::new(method, path, Some(bytes), parse)
    }

    pub fn method(&self) -> &::http::Method {
        &self.method
    }

    /// The encoded path (or absolute URL) and query, as sent.
    pub fn path_and_query(&self) -> String {
        let mut out = self.target.clone();
        for (i, (name, value)) in self.query.iter().enumerate() {
            out.push(if i == 0 && !self.target.contains('?') { '?' } else { '&' });
            out.push_str(name);
            out.push('=');
            out.push_str(&encode_query_value(value));
        }
        out
    }

    pub fn body(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }

    /// The request against `base_url`, e.g. `https://graph.microsoft.com/beta`.
    pub fn request(&self, base_url: &str) -> Result<::http::Request<Vec<u8>>, Error> {
        let target = self.path_and_query();
        let url = if target.starts_with("https://") || target.starts_with("http://") {
            target
        } else {
            let path = self.target.split(['?', '(']).next().unwrap_or_default();
            if path.contains("//") || (path.len() > 1 && path.ends_with('/')) {
                return Err(Error::Request(format!(
                    "{path}: a path parameter is empty, which would address another resource"
                )));
            }
            format!("{}{}", base_url.trim_end_matches('/'), target)
        };
        let mut builder = ::http::Request::builder()
            .method(self.method.clone())
            .uri(&url)
            .header(::http::header::ACCEPT, "application/json");
        if self.body.is_some() {
            builder = builder.header(::http::header::CONTENT_TYPE, "application/json");
        }
        builder
            .body(self.body.clone().unwrap_or_default())
            .map_err(|e| Error::Request(format!("{url}: {e}")))
    }

    /// The typed result of a response, or the Graph error it carries.
    pub fn parse(&self, response: ::http::Response<Vec<u8>>) -> Result<T, Error> {
        let status = response.status();
        let body = response.into_body();
        if status.is_success() {
            (self.parse)(status, &body)
        } else {
            Err(Error::from_error_response(status, &body))
        }
    }

    fn option(mut self, name: &'static str, value: String) -> Self {
        self.query.retain(|(n, _)| *n != name);
        self.query.push((name, value));
        self
    }
}

impl<T: DeserializeOwned, O> Operation<T, O> {
    /// A GET whose response body is `T` (a list reads a [`Page`]).
    pub fn get(path: String) -> Self {
        Operation::new(::http::Method::GET, path, None, parse_json::<T>)
    }

    /// A request with a JSON body whose response body is `T` (a create: POST, 201 Created).
    pub fn json<B: Serialize + ?Sized>(method: ::http::Method, path: String, body: &B) -> Self {
        Operation::with_json(method, path, body, parse_json::<T>)
    }
}

impl<T: DeserializeOwned> Operation<Option<T>> {
    /// An update: Graph answers with the entity (200) or without a body (204).
    pub fn update<B: Serialize + ?Sized>(method: ::http::Method, path: String, body: &B) -> Self {
        Operation::with_json(method, path, body, parse_optional::<T>)
    }
}

impl Operation<()> {
    /// A request whose successful response has nothing to read (a DELETE, 204 No Content).
    pub fn empty(method: ::http::Method, path: String) -> Self {
        Operation::new(method, path, None, parse_empty)
    }
}

impl<E, O> Operation<Page<E>, O> {
    /// The operation that fetches the page after `page`, if there is one.
    pub fn next_page(&self, page: &Page<E>) -> Option<Self> {
        let link = page.next_link.as_ref()?;
        Some(Operation {
            method: self.method.clone(),
            target: link.clone(),
            query: Vec::new(),
            body: None,
            parse: self.parse,
            options: PhantomData,
        })
    }
}

macro_rules! query_option {
    ($method:ident, $name:literal, $arg:ty, |$v:ident| $format:expr, [$($before:ident),*], $flag:ident, [$($after:ident),*]) => {
        impl<T, $(const $before: bool,)* $(const $after: bool,)*>
            Operation<T, QueryOptions<$($before,)* true, $($after),*>>
        {
            #[doc = concat!("Sets `", $name, "`.")]
            pub fn $method(self, $v: $arg) -> Self {
                self.option($name, $format)
            }
        }
    };
}

query_option!(select, "$select", &[&str], |v| v.join(","), [], SELECT, [EXPAND, FILTER, ORDERBY, TOP, SKIP, COUNT, SEARCH]);
query_option!(expand, "$expand", &[&str], |v| v.join(","), [SELECT], EXPAND, [FILTER, ORDERBY, TOP, SKIP, COUNT, SEARCH]);
query_option!(filter, "$filter", &str, |v| v.to_string(), [SELECT, EXPAND], FILTER, [ORDERBY, TOP, SKIP, COUNT, SEARCH]);
query_option!(orderby, "$orderby", &[&str], |v| v.join(","), [SELECT, EXPAND, FILTER], ORDERBY, [TOP, SKIP, COUNT, SEARCH]);
query_option!(top, "$top", u32, |v| v.to_string(), [SELECT, EXPAND, FILTER, ORDERBY], TOP, [SKIP, COUNT, SEARCH]);
query_option!(skip, "$skip", u32, |v| v.to_string(), [SELECT, EXPAND, FILTER, ORDERBY, TOP], SKIP, [COUNT, SEARCH]);
query_option!(count, "$count", bool, |v| v.to_string(), [SELECT, EXPAND, FILTER, ORDERBY, TOP, SKIP], COUNT, [SEARCH]);
query_option!(search, "$search", &str, |v| v.to_string(), [SELECT, EXPAND, FILTER, ORDERBY, TOP, SKIP, COUNT], SEARCH, []);

/// One endpoint of a generated `requests` module, for tools that check documentation against
/// what the crate can call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    /// `GET`, `POST`, `PATCH`, `PUT` or `DELETE`.
    pub method: &'static str,
    /// The path template, e.g. `/deviceManagement/deviceConfigurations/{deviceConfigurationId}`.
    pub path: &'static str,
    /// The function that builds the operation, relative to the `requests` module.
    pub operation: &'static str,
}

/// One page of a collection: its items and the OData control information Graph sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "E: Deserialize<'de>", serialize = "E: Serialize"))]
pub struct Page<E> {
    #[serde(default)]
    pub value: Vec<E>,
    #[serde(rename = "@odata.nextLink", default, skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
    #[serde(rename = "@odata.deltaLink", default, skip_serializing_if = "Option::is_none")]
    pub delta_link: Option<String>,
    #[serde(rename = "@odata.count", default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
}

/// A collection returned by an action or function: `{"value": [...]}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(bound(deserialize = "E: Deserialize<'de>"))]
struct Values<E> {
    #[serde(default)]
    value: Vec<E>,
}

/// Reads a JSON body as `T`.
pub fn parse_json<T: DeserializeOwned>(status: ::http::StatusCode, body: &[u8]) -> Result<T, Error> {
    ::serde_json::from_slice(body).map_err(|e| Error::Decode {
        status,
        message: e.to_string(),
        body: String::from_utf8_lossy(body).into_owned(),
    })
}

/// Reads `T` from a 200 with a body; `None` for a 204 or an empty body (PATCH may give either).
pub fn parse_optional<T: DeserializeOwned>(status: ::http::StatusCode, body: &[u8]) -> Result<Option<T>, Error> {
    if status == ::http::StatusCode::NO_CONTENT || body.iter().all(u8::is_ascii_whitespace) {
        Ok(None)
    } else {
        parse_json(status, body).map(Some)
    }
}

/// Reads the `value` array of an action's or function's collection result.
pub fn parse_values<E: DeserializeOwned>(status: ::http::StatusCode, body: &[u8]) -> Result<Vec<E>, Error> {
    parse_json::<Values<E>>(status, body).map(|v| v.value)
}

/// Reads the `value` of an action's or function's single primitive or enum result.
pub fn parse_value<T: DeserializeOwned>(status: ::http::StatusCode, body: &[u8]) -> Result<T, Error> {
    #[derive(Deserialize)]
    #[serde(bound(deserialize = "T: Deserialize<'de>"))]
    struct Value<T> {
        value: T,
    }
    parse_json::<Value<T>>(status, body).map(|v| v.value)
}

/// The body of a stream result, as it came.
pub fn parse_bytes(_status: ::http::StatusCode, body: &[u8]) -> Result<Vec<u8>, Error> {
    Ok(body.to_vec())
}

/// Ignores the body of a successful response (204 No Content, or an action without result).
pub fn parse_empty(_status: ::http::StatusCode, _body: &[u8]) -> Result<(), Error> {
    Ok(())
}

/// The error object of a Graph error response: `{"error": {"code", "message", "innerError"}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphError {
    /// The HTTP status of the response (not part of the JSON).
    #[serde(skip, default = "default_status")]
    pub status: ::http::StatusCode,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub message: String,
    #[serde(rename = "innerError", default, skip_serializing_if = "Option::is_none")]
    pub inner_error: Option<::serde_json::Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<::serde_json::Value>,
}

fn default_status() -> ::http::StatusCode {
    ::http::StatusCode::INTERNAL_SERVER_ERROR
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.status.as_u16(), self.code, self.message)
    }
}

/// What can go wrong between building a request and reading its response.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// Graph answered with an error object.
    Graph(GraphError),
    /// A non-success status without a Graph error object.
    Status { status: ::http::StatusCode, body: String },
    /// A success status whose body is not what the operation returns.
    Decode { status: ::http::StatusCode, message: String, body: String },
    /// The request could not be built (a base URL that is not a URL).
    Request(String),
}

impl Error {
    fn from_error_response(status: ::http::StatusCode, body: &[u8]) -> Error {
        #[derive(Deserialize)]
        struct Envelope {
            error: GraphError,
        }
        match ::serde_json::from_slice::<Envelope>(body) {
            Ok(mut envelope) => {
                envelope.error.status = status;
                Error::Graph(envelope.error)
            }
            Err(_) => Error::Status {
                status,
                body: String::from_utf8_lossy(body).into_owned(),
            },
        }
    }

    /// The HTTP status, when a response was read.
    pub fn status(&self) -> Option<::http::StatusCode> {
        match self {
            Error::Graph(e) => Some(e.status),
            Error::Status { status, .. } | Error::Decode { status, .. } => Some(*status),
            Error::Request(_) => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Graph(e) => write!(f, "Graph error {e}"),
            Error::Status { status, body } => write!(f, "HTTP {}: {body}", status.as_u16()),
            Error::Decode { status, message, .. } => {
                write!(f, "HTTP {}: unexpected response body: {message}", status.as_u16())
            }
            Error::Request(message) => write!(f, "cannot build the request: {message}"),
        }
    }
}

impl ::std::error::Error for Error {}

/// Percent-encodes one path segment: everything but the unreserved characters, and a segment
/// of only dots entirely, so an id can never change the path or the query.
pub fn encode_segment(segment: &str) -> String {
    if !segment.is_empty() && segment.bytes().all(|b| b == b'.') {
        return "%2E".repeat(segment.len());
    }
    encode(segment)
}

fn encode_query_value(value: &str) -> String {
    // `$filter` and friends keep their punctuation readable; only what breaks a query goes.
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'&' | b'#' | b'%' | b'+' | b'=' | b'?' | b'"' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}' => {
                out.push_str(&format!("%{byte:02X}"))
            }
            b' ' => out.push_str("%20"),
            0..=0x20 | 0x7f..=0xff => out.push_str(&format!("%{byte:02X}")),
            _ => out.push(byte as char),
        }
    }
    out
}

fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Formats a function parameter as an OData literal: strings quoted with `''` escapes,
/// numbers and booleans as they are, anything else as its JSON text.
pub fn function_literal<V: Serialize + ?Sized>(value: &V) -> String {
    literal(value, |s| format!("'{}'", s.replace('\'', "''")))
}

/// Formats a date, time, date-time or GUID function parameter: OData writes them unquoted
/// (`date=2024-08-01`).
pub fn function_literal_bare<V: Serialize + ?Sized>(value: &V) -> String {
    literal(value, str::to_string)
}

/// Formats a duration or binary function parameter with its type prefix
/// (`duration'P1D'`, `binary'AAE='`).
pub fn function_literal_typed<V: Serialize + ?Sized>(prefix: &str, value: &V) -> String {
    literal(value, |s| format!("{prefix}'{s}'"))
}

fn literal<V: Serialize + ?Sized>(value: &V, text: impl Fn(&str) -> String) -> String {
    match ::serde_json::to_value(value) {
        Ok(::serde_json::Value::String(s)) => encode(&text(&s)),
        Ok(other) => encode(&other.to_string()),
        Err(_) => String::from("null"),
    }
}
