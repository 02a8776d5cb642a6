//! An async client that sends [`Operation`]s over reqwest (rustls), with a bearer token from a
//! [`TokenProvider`] and bounded retries of 429 and 503 that honour `Retry-After`. The token
//! never appears in `Debug` output or in errors.

use super::operation::{Error, Operation, Page};
use ::std::fmt;
use ::std::future::Future;
use ::std::pin::Pin;
use ::std::string::String;
use ::std::sync::Arc;
use ::std::time::Duration;
use ::std::vec::Vec;

/// A future returned by a [`TokenProvider`].
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<String, ClientError>> + Send + 'a>>;

/// Gives the bearer token for each request (and may refresh it).
pub trait TokenProvider: Send + Sync {
    fn token(&self) -> TokenFuture<'_>;
}

/// A token that never changes, for scripts and tests.
#[derive(Clone)]
pub struct StaticToken(String);

impl StaticToken {
    pub fn new(token: impl Into<String>) -> Self {
        StaticToken(token.into())
    }
}

impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StaticToken(<redacted>)")
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> TokenFuture<'_> {
        let token = self.0.clone();
        Box::pin(async move { Ok(token) })
    }
}

/// How often and how long to wait before sending again after a 429 or 503.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 never retries.
    pub max_retries: u32,
    /// The wait when the response has no usable `Retry-After`, doubled on each retry.
    pub default_delay: Duration,
    /// No single wait is longer, whatever `Retry-After` says.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            default_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// The wait before retry number `attempt` (0-based) given the `Retry-After` header.
    pub fn delay(&self, attempt: u32, retry_after: Option<&str>) -> Duration {
        let delay = match retry_after.and_then(|v| v.trim().parse::<u64>().ok()) {
            Some(seconds) => Duration::from_secs(seconds),
            None => self.default_delay.saturating_mul(2u32.saturating_pow(attempt)),
        };
        delay.min(self.max_delay)
    }
}

/// What can go wrong when sending.
#[derive(Debug)]
pub enum ClientError {
    /// The response was read and was an error (or not what the operation returns).
    Operation(Error),
    /// The request did not get a response.
    Transport(String),
    /// The token provider failed.
    Token(String),
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Operation(e) => e.fmt(f),
            ClientError::Transport(m) => write!(f, "transport error: {m}"),
            ClientError::Token(m) => write!(f, "token provider: {m}"),
        }
    }
}

impl ::std::error::Error for ClientError {}

impl From<Error> for ClientError {
    fn from(e: Error) -> Self {
        ClientError::Operation(e)
    }
}

/// Sends operations to one Graph endpoint.
#[derive(Clone)]
pub struct Client {
    http: ::reqwest::Client,
    base_url: String,
    tokens: Arc<dyn TokenProvider>,
    retry: RetryPolicy,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for `base_url`, e.g. `https://graph.microsoft.com/beta`.
    pub fn new(base_url: impl Into<String>, tokens: impl TokenProvider + 'static) -> Self {
        Client {
            http: ::reqwest::Client::new(),
            base_url: base_url.into(),
            tokens: Arc::new(tokens),
            retry: RetryPolicy::default(),
        }
    }

    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    pub fn with_http_client(mut self, http: ::reqwest::Client) -> Self {
        self.http = http;
        self
    }

    /// Sends one operation and reads its typed result.
    pub async fn send<T, O>(&self, operation: &Operation<T, O>) -> Result<T, ClientError> {
        let response = self.execute(operation).await?;
        Ok(operation.parse(response)?)
    }

    /// Sends a list operation and follows `@odata.nextLink` until the last page.
    pub async fn all<E, O>(&self, operation: &Operation<Page<E>, O>) -> Result<Vec<E>, ClientError> {
        let mut items = Vec::new();
        let mut next = Some(operation.clone());
        while let Some(op) = next {
            let mut page = self.send(&op).await?;
            next = op.next_page(&page);
            items.append(&mut page.value);
        }
        Ok(items)
    }

    async fn execute<T, O>(&self, operation: &Operation<T, O>) -> Result<::http::Response<Vec<u8>>, ClientError> {
        let mut attempt = 0;
        loop {
            let request = operation.request(&self.base_url)?;
            // A next link or any absolute URL may only lead to the host the client was made for:
            // the token goes nowhere else.
            if !same_origin(request.uri(), &self.base_url) {
                return Err(ClientError::Transport(format!(
                    "refusing to send the token to {}://{}, which is not the client's base URL",
                    request.uri().scheme_str().unwrap_or("?"),
                    request.uri().authority().map_or("?", |a| a.as_str())
                )));
            }
            let token = self.tokens.token().await?;
            let mut request = ::reqwest::Request::try_from(request).map_err(|e| ClientError::Transport(e.to_string()))?;
            let bearer = ::http::HeaderValue::from_str(&format!("Bearer {token}"))
                .map_err(|_| ClientError::Token(String::from("the token is not a valid header value")))?;
            request.headers_mut().insert(::http::header::AUTHORIZATION, bearer);
            let response = self.http.execute(request).await.map_err(|e| ClientError::Transport(e.without_url().to_string()))?;
            let status = response.status();
            let retry_after = response
                .headers()
                .get(::http::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .map(String::from);
            // 429 means the request was not processed; after a 503 only a request that can be
            // repeated safely is sent again (a POST might have created something).
            let idempotent = operation.method() != ::http::Method::POST;
            let retryable = status == ::http::StatusCode::TOO_MANY_REQUESTS
                || (status == ::http::StatusCode::SERVICE_UNAVAILABLE && idempotent);
            if retryable && attempt < self.retry.max_retries {
                ::tokio::time::sleep(self.retry.delay(attempt, retry_after.as_deref())).await;
                attempt += 1;
                continue;
            }
            let mut builder = ::http::Response::builder().status(status);
            for (name, value) in response.headers() {
                builder = builder.header(name, value);
            }
            let body = response.bytes().await.map_err(|e| ClientError::Transport(e.without_url().to_string()))?;
            return builder
                .body(body.to_vec())
                .map_err(|e| ClientError::Transport(e.to_string()));
        }
    }
}

/// Whether `uri` has the scheme and authority of `base_url`.
fn same_origin(uri: &::http::Uri, base_url: &str) -> bool {
    match base_url.parse::<::http::Uri>() {
        Ok(base) => base.scheme() == uri.scheme() && base.authority() == uri.authority(),
        Err(_) => false,
    }
}
