//! The runtime modules emitted once into every generated crate: `support` (what the models
//! use), `operation` (what the requests use) and `client` (behind the `client` feature). Their
//! sources are real Rust files under `runtime/`, so they are read, checked and formatted like
//! the rest.

use crate::{Error, ErrorKind, Location};
use proc_macro2::TokenStream;

/// (module name, source) of each runtime module, in the order `lib.rs` declares them.
pub const MODULES: &[(&str, &str)] = &[
    ("support", include_str!("../../runtime/support.rs")),
    ("operation", include_str!("../../runtime/operation.rs")),
    ("client", include_str!("../../runtime/client.rs")),
];

/// The module that needs the `client` feature.
pub const CLIENT: &str = "client";

pub fn tokens(name: &str, source: &str) -> Result<TokenStream, Error> {
    source.parse().map_err(|e| {
        Error::new(
            Location::default(),
            ErrorKind::Emit,
            format!("runtime/{name}.rs does not tokenize: {e}"),
        )
    })
}
