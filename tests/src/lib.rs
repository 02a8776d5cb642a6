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
