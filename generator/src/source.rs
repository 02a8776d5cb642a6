//! Input documents and the mapping from byte offsets to line and column.

use std::collections::BTreeSet;
use std::fmt;
use std::sync::{Mutex, PoisonError};

/// One input document: its display name (usually a path) and its text.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    /// `name`, shared by every location in the document.
    file: &'static str,
    pub text: String,
    /// Byte offsets at which lines start, for locating offsets in O(log n).
    line_starts: Vec<usize>,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        // memchr's vector search takes a third of the instructions of `match_indices` here.
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        let name = name.into();
        Source {
            file: shared_name(&name),
            name,
            text,
            line_starts,
        }
    }

    /// Reads a document from bytes, rejecting invalid UTF-8 with the position of the first bad byte.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Result<Self, crate::Error> {
        let name = name.into();
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Source::new(name, text)),
            Err(err) => {
                let good = err.utf8_error().valid_up_to();
                let bytes = err.into_bytes();
                let prefix = String::from_utf8_lossy(&bytes[..good]).into_owned();
                let location = Location::at(&name, &prefix, good);
                Err(crate::Error::new(
                    location,
                    crate::ErrorKind::InvalidUtf8,
                    "the document is not valid UTF-8",
                ))
            }
        }
    }

    pub fn location(&self, offset: usize) -> Location {
        self.location_on_line(self.line_index(offset), offset)
    }

    /// The index (0-based) of the line that holds byte `offset`.
    pub(crate) fn line_index(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// The start of line `line` (1-based; past the end: the last line).
    pub fn location_of_line(&self, line: usize) -> Location {
        let index = line.saturating_sub(1).min(self.line_starts.len() - 1);
        self.location_on_line(index, self.line_starts[index])
    }

    /// Byte offsets at which lines start; the first is 0.
    pub(crate) fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }

    /// The location of `offset` on the line with index `line` (0-based), which holds it.
    pub(crate) fn location_on_line(&self, line: usize, offset: usize) -> Location {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let start = self.line_starts[line];
        let before = &self.text[start..offset];
        // Columns count characters; in ASCII, as nearly every line before a tag is, they are
        // bytes.
        let column = if before.is_ascii() {
            before.len()
        } else {
            before.chars().count()
        };
        Location {
            file: self.file,
            line: line + 1,
            column: column + 1,
        }
    }
}

/// The one copy of a document's name that its locations share, made the first time the name
/// is asked for and kept for the life of the process: a location is then copied and dropped
/// without counting references, and a process reads few documents.
pub(crate) fn shared_name(name: &str) -> &'static str {
    static NAMES: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    let mut names = NAMES.lock().unwrap_or_else(PoisonError::into_inner);
    match names.get(name) {
        Some(kept) => kept,
        None => {
            let kept: &'static str = Box::leak(name.into());
            names.insert(kept);
            kept
        }
    }
}

/// A position in an input document, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Location {
    /// The document's name: one copy, kept for the life of the process, that all its
    /// locations share.
    pub file: &'static str,
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The line and column of byte `offset` in `text`; columns count characters.
    pub fn at(file: &str, text: &str, offset: usize) -> Location {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Location {
            file: shared_name(file),
            line,
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A process that reads the same documents again and again (a build script, a watcher)
    /// keeps one copy of each name, not one per reading.
    #[test]
    fn a_document_name_is_kept_once_however_often_it_is_read() {
        let first = Source::new("kept-once.xml", "<a/>").location(0).file;
        let again = Source::new(String::from("kept-once.xml"), "<b/>")
            .location(0)
            .file;
        let other = Source::new("kept-twice.xml", "<a/>").location(0).file;
        assert_eq!(first, "kept-once.xml");
        assert!(
            std::ptr::eq(first, again),
            "the second reading shares the name"
        );
        assert_eq!(other, "kept-twice.xml");
        assert!(!std::ptr::eq(first, other));
    }

    #[test]
    fn columns_count_characters_from_the_start_of_the_line() {
        let text = "<a>\n  <b/>\n  é<c/>\n\u{feff}<d/>";
        let source = Source::new("cols.xml", text);
        let at = |tag: &str| {
            let location = source.location(text.find(tag).unwrap());
            (location.line, location.column)
        };
        assert_eq!(at("<a"), (1, 1));
        assert_eq!(at("<b"), (2, 3));
        assert_eq!(at("<c"), (3, 4), "é is one character of two bytes");
        assert_eq!(
            at("<d"),
            (4, 2),
            "a byte-order mark is one character of three bytes"
        );
    }
}
