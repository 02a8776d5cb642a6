//! The error type of every stage: a kind, a message, where in the input, and which CSDL name.

use crate::source::Location;
use std::fmt;

/// What went wrong, for callers that match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ErrorKind {
    /// The bytes are not UTF-8.
    InvalidUtf8,
    /// The XML itself is malformed (truncated, mismatched tags, bad escapes, DTDs).
    Xml,
    /// Well-formed XML that is not the CSDL shape graphgen reads.
    Csdl,
    /// A type, base type or alias that does not resolve.
    Unresolved,
    /// Two definitions of the same name.
    Duplicate,
    /// A base-type chain that loops.
    Cycle,
    /// An overlay that contradicts the schema it extends.
    Overlay,
    /// A selection that selects nothing or cannot be read.
    Selection,
    /// Two generated names that cannot be told apart.
    Naming,
    /// The configuration file.
    Config,
    /// Reading or writing files.
    Io,
    /// The emitted Rust did not parse: a bug in graphgen.
    Emit,
    /// A reference page that cannot be read.
    Page,
}

/// One problem, located in the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Error {
    pub kind: ErrorKind,
    pub location: Location,
    /// The qualified CSDL name concerned, when there is one.
    pub name: Option<String>,
    pub message: String,
}

impl Error {
    pub fn new(location: Location, kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            location,
            name: None,
            message: message.into(),
        }
    }

    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    pub fn with_kind(mut self, kind: ErrorKind) -> Self {
        self.kind = kind;
        self
    }

    /// An error that has no place in a CSDL document (files, configuration).
    pub fn io(file: impl Into<String>, message: impl Into<String>) -> Self {
        Error::new(
            Location {
                file: crate::source::shared_name(&file.into()),
                line: 0,
                column: 0,
            },
            ErrorKind::Io,
            message,
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.line == 0 {
            write!(f, "{}: {}", self.location.file, self.message)
        } else {
            write!(f, "{}: {}", self.location, self.message)
        }
    }
}

/// All the errors of one phase, reported together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Errors(pub Vec<Error>);

impl Errors {
    /// Ok when nothing was collected; the errors sorted by place otherwise.
    pub fn check(mut errors: Vec<Error>) -> Result<(), Errors> {
        if errors.is_empty() {
            return Ok(());
        }
        errors.sort_by(|a, b| a.location.cmp(&b.location).then(a.message.cmp(&b.message)));
        errors.dedup();
        Err(Errors(errors))
    }
}

impl From<Error> for Errors {
    fn from(error: Error) -> Self {
        Errors(vec![error])
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "error: {error}")?;
        }
        Ok(())
    }
}
