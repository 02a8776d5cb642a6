//! Errors on stderr: with the source line underlined for people, or one JSON object a line
//! for tools (`--message-format json`). Every error of a phase is printed, then exit code 2.

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use graphgen::{Error, Errors};
use std::collections::BTreeMap;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    Human,
    Json,
}

pub struct Reporter {
    pub format: MessageFormat,
}

impl Reporter {
    /// Prints every error and gives exit code 2.
    pub fn fail(&self, errors: &Errors) -> ExitCode {
        eprint!("{}", self.render(errors));
        ExitCode::from(2)
    }

    pub fn render(&self, errors: &Errors) -> String {
        match self.format {
            MessageFormat::Json => errors
                .0
                .iter()
                .map(|e| {
                    let object = serde_json::json!({
                        "severity": "error",
                        "kind": format!("{:?}", e.kind),
                        "file": e.location.file,
                        "line": e.location.line,
                        "column": e.location.column,
                        "name": e.name,
                        "message": e.message,
                    });
                    format!("{object}\n")
                })
                .collect(),
            MessageFormat::Human => human(errors),
        }
    }
}

fn human(errors: &Errors) -> String {
    let mut files = SimpleFiles::new();
    let mut ids: BTreeMap<String, Option<usize>> = BTreeMap::new();
    let mut out = String::new();
    for error in &errors.0 {
        let id = *ids
            .entry(error.location.file.to_string())
            .or_insert_with(|| {
                let text = std::fs::read(&*error.location.file).ok()?;
                Some(files.add(
                    error.location.file.to_string(),
                    String::from_utf8_lossy(&text).into_owned(),
                ))
            });
        match id.and_then(|id| span(&files, id, error).map(|s| (id, s))) {
            Some((id, range)) => {
                let mut diagnostic = Diagnostic::error()
                    .with_message(&error.message)
                    .with_labels(vec![Label::primary(id, range)]);
                if let Some(name) = &error.name {
                    diagnostic = diagnostic.with_notes(vec![format!("in `{name}`")]);
                }
                match term::emit_into_string(&term::Config::default(), &files, &diagnostic) {
                    Ok(text) => out.push_str(&text),
                    Err(_) => out.push_str(&plain(error)),
                }
            }
            None => out.push_str(&plain(error)),
        }
    }
    out
}

fn plain(error: &Error) -> String {
    format!("error: {error}\n")
}

/// The byte range to underline: from the error's position to the end of the word there.
fn span(
    files: &SimpleFiles<String, String>,
    id: usize,
    error: &Error,
) -> Option<std::ops::Range<usize>> {
    if error.location.line == 0 {
        return None;
    }
    let source = files.get(id).ok()?.source();
    let line_start = source
        .split_inclusive('\n')
        .take(error.location.line - 1)
        .map(str::len)
        .sum::<usize>();
    let line = source[line_start..].lines().next().unwrap_or("");
    let column: usize = line
        .char_indices()
        .nth(error.location.column - 1)
        .map_or(line.len(), |(i, _)| i);
    let start = line_start + column;
    let rest = &line[column..];
    let length = rest
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .filter(|&n| n > 0)
        .unwrap_or_else(|| rest.len().min(1));
    Some(start..start + length.max(1).min(rest.len().max(1)))
}
