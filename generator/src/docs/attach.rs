//! What reference pages add to the operations they document: the permissions and the first
//! example request go into the operation's doc comment.

use super::check::normalized;
use super::{check, url_version, Checked, Page, Permission, Request, Target};
use crate::emit::docs::clean;
use crate::model::Model;
use crate::select::Selection;
use crate::Error;
use std::collections::HashMap;

/// An example body longer than this many lines is left out of the doc comment.
const EXAMPLE_BODY_LINES: usize = 40;

/// The notes of the operations that pages document, by method and path template.
#[derive(Debug, Clone, Default)]
pub struct OperationDocs {
    notes: HashMap<(String, String), Note>,
}

#[derive(Debug, Clone)]
struct Note {
    title: Option<String>,
    permissions: Vec<Permission>,
    example: Option<Request>,
}

/// The page's first example request; a URL that names no version is shown with the version
/// the page was read as and the documented path.
fn example(page: &Page, version: &str) -> Option<Request> {
    let mut request = page.examples.iter().find_map(|e| e.request.clone())?;
    if request.version_and_path().0.is_none() {
        let path = page.endpoint.as_ref().map_or_else(
            || request.version_and_path().1.to_string(),
            |e| e.path.clone(),
        );
        request.url = format!("https://graph.microsoft.com/{version}{path}");
    }
    Some(request)
}

impl OperationDocs {
    /// Checks `pages` against one API version and keeps the notes of every page whose
    /// endpoint is one of the version's operations: its permissions, and its first example
    /// when the page has no error. The version is the module's (`beta`, `v1_0`); a module
    /// named otherwise takes the version of each page's example URL. A second page of the
    /// same endpoint adds a warning and no notes.
    pub fn new(
        pages: &[Page],
        module: &str,
        model: &Model,
        selection: &Selection,
    ) -> Result<(OperationDocs, Vec<Checked>), Error> {
        let mut docs = OperationDocs::default();
        if pages.is_empty() {
            return Ok((docs, Vec::new()));
        }
        let version = url_version(module);
        let named = matches!(version.as_str(), "beta" | "v1.0");
        let mut target = Target::new(&version, model, selection)?;
        let mut checked = Vec::new();
        for page in pages {
            if !named {
                let written = page
                    .examples
                    .iter()
                    .find_map(|e| e.request.as_ref())
                    .and_then(|r| r.version_and_path().0);
                target.version = written.unwrap_or(&version).to_string();
            }
            let assumed = target.version.clone();
            let mut result = check(page, std::slice::from_ref(&target), Some(&assumed));
            if let (Some(_), Some(method), Some(path)) =
                (&result.operation, &result.method, &result.path)
            {
                let key = (method.clone(), normalized(path));
                let line = page.endpoint.as_ref().map_or(1, |e| e.line);
                match docs.notes.get(&key) {
                    Some(first) => result.findings.push(super::Finding {
                        severity: super::Severity::Warning,
                        file: page.file.clone(),
                        line,
                        message: format!(
                            "`{method} {path}` is documented by an earlier page{}; this page adds nothing to its doc comment",
                            first
                                .title
                                .as_ref()
                                .map_or(String::new(), |t| format!(" (“{t}”)"))
                        ),
                    }),
                    None => {
                        // An example that disagrees with the metadata is not shown.
                        let example = (!result.has_errors())
                            .then(|| example(page, &assumed))
                            .flatten()
                            .filter(|e| &e.method == method);
                        docs.notes.insert(
                            key,
                            Note {
                                title: page.title.clone(),
                                permissions: page.permissions.clone(),
                                example,
                            },
                        );
                        result.attached = true;
                    }
                }
            }
            checked.push(result);
        }
        Ok((docs, checked))
    }

    /// The doc lines a page adds to the operation `method path` (each with the leading
    /// space of `///`), starting with an empty line; none when no page documents it.
    pub(crate) fn doc_lines(&self, method: &str, path: &str) -> Vec<String> {
        let Some(note) = self.notes.get(&(method.to_string(), normalized(path))) else {
            return Vec::new();
        };
        let mut lines = Vec::new();
        let mut paragraph = |text: Vec<String>| {
            lines.push(String::new());
            lines.extend(text);
        };
        let from = note
            .title
            .as_ref()
            .map_or_else(String::new, |t| format!(" (“{}”)", clean(t)));
        // A table of placeholders only would read as "nothing needed".
        if note.permissions.iter().any(|p| !p.names.is_empty()) {
            paragraph(vec![" # Permissions".into()]);
            paragraph(vec![format!(
                " As the reference page{from} lists them, least privileged first:"
            )]);
            paragraph(
                note.permissions
                    .iter()
                    .map(|p| {
                        let names = if p.names.is_empty() {
                            "not supported".to_string()
                        } else {
                            p.names
                                .iter()
                                .map(|n| format!("`{n}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        };
                        format!(" - {}: {names}", clean(&p.kind))
                    })
                    .collect(),
            );
        }
        if let Some(example) = &note.example {
            paragraph(vec![" # Example".into()]);
            if note.permissions.is_empty() {
                paragraph(vec![format!(" From the reference page{from}:")]);
            }
            let mut block = vec![
                " ```http".to_string(),
                format!(" {} {}", example.method, example.url),
            ];
            let mut left_out = None;
            if let Some(body) = &example.body {
                let count = body.text.lines().count();
                if count <= EXAMPLE_BODY_LINES {
                    block.push(String::new());
                    block.extend(body.text.lines().map(|l| match l.trim_end() {
                        "" => String::new(),
                        l => format!(" {l}"),
                    }));
                } else {
                    left_out = Some(format!(
                        " The example's body ({count} lines) is on the reference page."
                    ));
                }
            }
            block.push(" ```".to_string());
            paragraph(block);
            if let Some(line) = left_out {
                paragraph(vec![line]);
            }
        }
        lines
    }
}
