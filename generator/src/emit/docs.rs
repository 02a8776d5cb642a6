//! Doc comments and deprecation attributes from the Core vocabulary, and the lines that
//! reference pages add to the operations they document.

use crate::model::Notes;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::HashMap;

/// Doc lines for operations, by method and path template exactly as the `ENDPOINTS` tables
/// write them (`/deviceManagement/…/{}` with the path's own placeholder names). Each line
/// carries the leading space of `///`.
#[derive(Debug, Clone, Default)]
pub struct OperationNotes {
    lines: HashMap<(String, String), Vec<String>>,
}

impl OperationNotes {
    /// Adds `lines` to the doc comment of the operation `method path`.
    pub fn insert(&mut self, method: &str, path: &str, lines: Vec<String>) {
        self.lines
            .insert((method.to_string(), path.to_string()), lines);
    }

    /// The lines for the operation `method path`; none for an operation without notes.
    pub fn lines(&self, method: &str, path: &str) -> &[String] {
        self.lines
            .get(&(method.to_string(), path.to_string()))
            .map_or(&[], Vec::as_slice)
    }
}

/// `#[doc]` lines for an item: its description, long description, then `extra` lines.
pub fn doc_attrs(notes: &Notes, extra: &[String]) -> TokenStream {
    let mut paragraphs: Vec<String> = Vec::new();
    paragraphs.extend(notes.description.iter().map(|d| clean(d)));
    paragraphs.extend(notes.long_description.iter().map(|d| clean(d)));
    paragraphs.extend(extra.iter().cloned());
    let mut lines = Vec::new();
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        lines.extend(paragraph.lines().map(|l| l.trim_end().to_string()));
    }
    let docs = lines.iter().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#docs)*)
}

/// `#[deprecated]` when a `Core.Revisions` entry deprecates the element.
pub fn deprecated(notes: &Notes) -> TokenStream {
    let Some(revision) = notes.deprecation() else {
        return quote!();
    };
    let mut note = revision
        .description
        .clone()
        .unwrap_or_else(|| "deprecated in the schema".to_string());
    if let Some(date) = &revision.removal_date {
        note.push_str(&format!(" (to be removed on {date})"));
    }
    match &revision.version {
        Some(version) => quote!(#[deprecated(since = #version, note = #note)]),
        None => quote!(#[deprecated(note = #note)]),
    }
}

/// Makes schema prose safe for rustdoc: bare URLs become autolinks, brackets are escaped so
/// they are not read as intra-doc links, and whitespace runs are folded.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let start = word.find("http://").or_else(|| word.find("https://"));
        match start {
            Some(s) => {
                let end = word[s..]
                    .find(|c: char| c.is_whitespace() || matches!(c, ')' | ']' | '>' | '"' | '\''))
                    .map_or(word.len(), |e| s + e);
                let mut url = &word[s..end];
                let mut trailing = "";
                if let Some(stripped) = url.strip_suffix(['.', ',', ';', ':']) {
                    trailing = &url[stripped.len()..];
                    url = stripped;
                }
                out.push_str(&escape(&word[..s]));
                out.push('<');
                out.push_str(url);
                out.push('>');
                out.push_str(trailing);
                out.push_str(&escape(&word[end..]));
            }
            None => out.push_str(&escape(word)),
        }
    }
    out.replace('\r', "")
}

fn escape(text: &str) -> String {
    text.replace('[', "\\[").replace(']', "\\]")
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn prose_is_made_safe_for_rustdoc() {
        let cases = [
            ("plain text", "plain text"),
            (
                "see https://aka.ms/x for more",
                "see <https://aka.ms/x> for more",
            ),
            ("(see https://aka.ms/x).", "(see <https://aka.ms/x>)."),
            ("ends with http://a.b/c.", "ends with <http://a.b/c>."),
            ("values [a, b]", "values \\[a, b\\]"),
        ];
        for (input, expected) in cases {
            assert_eq!(clean(input), expected, "{input}");
        }
    }
}
