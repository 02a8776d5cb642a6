//! What reference pages add to the operations they document: the permissions and the first
//! example request, as doc lines for the emitter.

use super::{check, url_version, Checked, Finding, Page, Permission, Request, Severity, Target};
use crate::emit::{clean, OperationNotes};
use crate::model::Model;
use crate::select::Selection;
use crate::Error;
use std::collections::HashMap;

/// An example body longer than this many lines is left out of the doc comment.
const EXAMPLE_BODY_LINES: usize = 40;

/// Checks `pages` against one API version and gives the doc lines of every page whose
/// endpoint is one of the version's operations: its permissions, and its first example when
/// the page has no error. The version is the module's (`beta`, `v1_0`); a module named
/// otherwise takes the version of each page's example URL. A second page of the same endpoint
/// adds a warning and no lines.
pub fn attach(
    pages: &[Page],
    module: &str,
    model: &Model,
    selection: &Selection,
) -> Result<(OperationNotes, Vec<Checked>), Error> {
    let mut notes = OperationNotes::default();
    if pages.is_empty() {
        return Ok((notes, Vec::new()));
    }
    let version = url_version(module);
    let named = matches!(version.as_str(), "beta" | "v1.0");
    let mut target = Target::new(&version, model, selection)?;
    // The title of the page each documented endpoint's lines came from.
    let mut titles: HashMap<(String, String), Option<String>> = HashMap::new();
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
        let endpoint = match (&result.operation, &result.method, &result.path) {
            (Some(_), Some(method), Some(path)) => target.endpoint(method, path),
            _ => None,
        };
        if let Some(endpoint) = endpoint {
            let (method, path) = (endpoint.method, &endpoint.path);
            let key = (method.to_string(), path.clone());
            if let Some(first) = titles.get(&key) {
                let documented = result.path.as_deref().unwrap_or(path);
                result.findings.push(Finding {
                    severity: Severity::Warning,
                    file: page.file.clone(),
                    line: page.endpoint.as_ref().map_or(1, |e| e.line),
                    message: format!(
                        "`{method} {documented}` is documented by an earlier page{}; this page adds nothing to its doc comment",
                        first.as_ref().map_or(String::new(), |t| format!(" (“{t}”)"))
                    ),
                });
            } else {
                // An example that disagrees with the metadata is not shown.
                let example = (!result.has_errors())
                    .then(|| example(page, &assumed))
                    .flatten()
                    .filter(|e| e.method == method);
                notes.insert(method, path, doc_lines(page, example.as_ref()));
                titles.insert(key, page.title.clone());
                result.attached = true;
            }
        }
        checked.push(result);
    }
    Ok((notes, checked))
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

/// The doc lines of a page (each with the leading space of `///`), starting with an empty
/// line: its permissions and `example`.
fn doc_lines(page: &Page, example: Option<&Request>) -> Vec<String> {
    let mut lines = Vec::new();
    let mut paragraph = |text: Vec<String>| {
        lines.push(String::new());
        lines.extend(text);
    };
    let from = page
        .title
        .as_ref()
        .map_or_else(String::new, |t| format!(" (“{}”)", clean(t)));
    // A table of placeholders only would read as "nothing needed".
    if page.permissions.iter().any(|p| !p.names.is_empty()) {
        paragraph(vec![" # Permissions".into()]);
        paragraph(vec![format!(
            " As the reference page{from} lists them, least privileged first:"
        )]);
        paragraph(page.permissions.iter().map(permission_line).collect());
    }
    if let Some(example) = example {
        paragraph(vec![" # Example".into()]);
        if page.permissions.is_empty() {
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

/// ` - Application: `A.Read.All`, `A.ReadWrite.All``, or `not supported`.
fn permission_line(p: &Permission) -> String {
    let names = if p.names.is_empty() {
        "not supported".to_string()
    } else {
        let quoted: Vec<String> = p.names.iter().map(|n| format!("`{n}`")).collect();
        quoted.join(", ")
    };
    format!(" - {}: {names}", clean(&p.kind))
}
