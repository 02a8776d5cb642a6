//! The support module emitted once into every generated crate. Its source is a real Rust file
//! (`runtime/support.rs`) so that it is read, checked and formatted like the rest.

use crate::{Error, ErrorKind, Location};
use proc_macro2::TokenStream;

const SOURCE: &str = include_str!("../../runtime/support.rs");

pub fn tokens() -> Result<TokenStream, Error> {
    SOURCE.parse().map_err(|e| {
        Error::new(
            Location::default(),
            ErrorKind::Emit,
            format!("runtime/support.rs does not tokenize: {e}"),
        )
    })
}
