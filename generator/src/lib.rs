//! graphgen: Microsoft Graph CSDL in, a typed Rust crate out.
//!
//! The pipeline, one module per stage: [`csdl`] reads, [`model`] resolves, [`select`] takes the
//! closure of a selection, [`emit`] builds Rust files in memory, [`write`] puts them on disk.

pub mod csdl;
mod error;
mod source;

pub use error::{Error, ErrorKind, Errors};
pub use source::{Location, Source};
pub mod model;
pub mod select;
