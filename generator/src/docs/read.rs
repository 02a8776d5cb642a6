//! A Graph API reference page, in either of its two forms, into a [`Page`].
//!
//! The Markdown source has front matter, `##` headings, fenced `http` blocks and, sometimes,
//! `<!-- { "blockType": … } -->` comments; the rendered text has none of these, only the
//! heading words on lines of their own. Both are read line by line in the same way: a
//! heading switches the section, a table row or a request, status or header line is taken
//! for what the section says it is, and a JSON body runs from its `{` to where it parses.

use super::{
    Body, BodyError, Endpoint, Example, Header, Page, Permission, PropertyRow, Request, Response,
};
use crate::source::Source;
use crate::{Error, ErrorKind};

/// The sections of a page that hold something to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Other,
    Permissions,
    HttpRequest,
    RequestHeaders,
    RequestBody,
    /// The `Example` (or `Examples`) section, before its first request or response.
    Examples,
    ExampleRequest,
    ExampleResponse,
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];

/// Reads one reference page.
pub fn read(source: &Source) -> Result<Page, Error> {
    let lines: Vec<&str> = source.text.lines().map(str::trim_end).collect();
    let fail = |line: usize, message: String| {
        Error::new(source.location_of_line(line), ErrorKind::Page, message)
    };
    let mut page = Page {
        file: source.name.clone(),
        ..Page::default()
    };
    let mut i = front_matter(&lines, &mut page);
    let mut section = Section::Other;
    // The permissions table's header says which way its lists run.
    let mut most_privileged_first = false;
    while i < lines.len() {
        let line = lines[i];
        let number = i + 1;
        i += 1;
        if line.trim_start().starts_with("<!--") {
            // A comment, `blockType` annotations included, to its end.
            let mut end = i - 1;
            while !lines[end].contains("-->") {
                end += 1;
                if end == lines.len() {
                    return Err(fail(number, "this HTML comment is never closed".into()));
                }
            }
            i = end + 1;
            continue;
        }
        if line.trim_start().starts_with("```") {
            continue;
        }
        if let Some((level, heading)) = heading(line) {
            if level == 1 && page.title.is_none() {
                page.title = Some(heading.to_string());
            }
            section = next_section(section, heading);
            if section == Section::ExampleRequest
                && page.examples.last().is_none_or(|e| e.request.is_some())
            {
                page.examples.push(Example::default());
            }
            continue;
        }
        match section {
            Section::Permissions => {
                if let Some(cells) = table_row(line) {
                    if let [kind, names, ..] = cells.as_slice() {
                        if kind == "Permission type" {
                            most_privileged_first =
                                names.to_ascii_lowercase().contains("most to least");
                        } else if let Some(names) = permission_row(&cells, most_privileged_first) {
                            page.permissions.push(Permission {
                                kind: kind.clone(),
                                names,
                                line: number,
                            });
                        }
                    }
                }
            }
            Section::HttpRequest => {
                if let Some((method, path)) = request_line(line) {
                    if page.endpoint.is_none() {
                        page.endpoint = Some(Endpoint {
                            method,
                            path,
                            line: number,
                        });
                    }
                }
            }
            Section::RequestHeaders => {
                if let Some(cells) = table_row(line) {
                    if let [name, value, ..] = cells.as_slice() {
                        if name != "Header" && name != "Name" {
                            page.headers.push(Header {
                                name: name.clone(),
                                value: value.clone(),
                            });
                        }
                    }
                }
            }
            Section::RequestBody => {
                if let Some(cells) = table_row(line) {
                    if let [name, ty, description, ..] = cells.as_slice() {
                        if name != "Property" && name != "Parameter" {
                            page.properties.push(PropertyRow {
                                name: name.clone(),
                                ty: link_text(ty),
                                description: link_text(description),
                                line: number,
                            });
                        }
                    }
                }
            }
            Section::ExampleRequest => {
                if let Some((method, url)) = request_line(line) {
                    let (headers, body, next) = message(&lines, i, source)?;
                    i = next;
                    let example = page.examples.last_mut().filter(|e| e.request.is_none());
                    let request = Request {
                        method,
                        url,
                        headers,
                        body,
                        line: number,
                    };
                    match example {
                        Some(example) => example.request = Some(request),
                        None => page.examples.push(Example {
                            request: Some(request),
                            response: None,
                        }),
                    }
                }
            }
            Section::ExampleResponse => {
                if let Some(status) = status_line(line) {
                    let (headers, body, next) = message(&lines, i, source)?;
                    i = next;
                    let response = Response {
                        status,
                        headers,
                        body,
                        line: number,
                    };
                    match page.examples.last_mut().filter(|e| e.response.is_none()) {
                        Some(example) => example.response = Some(response),
                        None => page.examples.push(Example {
                            request: None,
                            response: Some(response),
                        }),
                    }
                }
            }
            Section::Other | Section::Examples => {}
        }
    }
    if page.endpoint.is_none() && page.examples.iter().all(|e| e.request.is_none()) {
        return Err(fail(
            1,
            "the page has no HTTP request: neither an `HTTP Request` section with `METHOD /path` nor an example request"
                .into(),
        ));
    }
    Ok(page)
}

/// Skips the front matter, taking its `title`; the index of the first line after it.
fn front_matter(lines: &[&str], page: &mut Page) -> usize {
    if lines.first() != Some(&"---") {
        return 0;
    }
    for (i, line) in lines.iter().enumerate().skip(1) {
        if *line == "---" {
            return i + 1;
        }
        if let Some(title) = line.strip_prefix("title:") {
            page.title = Some(title.trim().trim_matches('"').to_string());
        }
    }
    0
}

/// `## Request body` (Markdown) or a line that is only a known heading (rendered text), with
/// its level (the rendered text has none: 2).
fn heading(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim();
    if trimmed.starts_with('#') {
        let level = trimmed.chars().take_while(|&c| c == '#').count();
        let text = trimmed[level..].trim();
        return (!text.is_empty()).then_some((level, text));
    }
    let known = [
        "permissions",
        "http request",
        "request headers",
        "request body",
        "response",
        "example",
        "examples",
        "request",
    ];
    known
        .contains(&trimmed.to_ascii_lowercase().as_str())
        .then_some((2, trimmed))
}

fn next_section(current: Section, heading: &str) -> Section {
    let lower = heading.to_ascii_lowercase();
    let in_examples = matches!(
        current,
        Section::Examples | Section::ExampleRequest | Section::ExampleResponse
    );
    match lower.as_str() {
        "permissions" => Section::Permissions,
        "http request" => Section::HttpRequest,
        "request headers" => Section::RequestHeaders,
        "request body" => Section::RequestBody,
        "request" if in_examples => Section::ExampleRequest,
        "response" if in_examples => Section::ExampleResponse,
        "example" | "examples" => Section::Examples,
        // `### Example 1: …` starts another example.
        _ if lower.starts_with("example") => Section::Examples,
        _ if in_examples => current,
        _ => Section::Other,
    }
}

/// The cells of a table row, or `None` for a line that is not one or a `|---|` separator.
fn table_row(line: &str) -> Option<Vec<String>> {
    let inner = line.trim().strip_prefix('|')?;
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let cells: Vec<String> = inner.split('|').map(|c| c.trim().to_string()).collect();
    let separator = cells
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')));
    (!separator).then_some(cells)
}

/// The permissions of a table row, least privileged first: `|type|permissions|` (written
/// the other way round when `most_privileged_first`), or `|type|least privileged|higher
/// privileged|`. `None` when the row names none.
fn permission_row(cells: &[String], most_privileged_first: bool) -> Option<Vec<String>> {
    let mut least = permission_names(cells.get(1)?);
    if most_privileged_first {
        if let Some(names) = &mut least {
            names.reverse();
        }
    }
    match (least, cells.get(2).and_then(|c| permission_names(c))) {
        (Some(mut names), Some(higher)) => {
            names.extend(higher);
            Some(names)
        }
        (least, higher) => least.or(higher),
    }
}

/// `DeviceManagementServiceConfig.ReadWrite.All, …` as written; `Not supported.` is none.
/// `None` for a cell that names no permission, such as a `**TODO: …**` placeholder.
fn permission_names(cell: &str) -> Option<Vec<String>> {
    if cell.to_ascii_lowercase().starts_with("not supported") {
        return Some(Vec::new());
    }
    let names: Vec<String> = cell
        .split(',')
        .map(|p| p.trim().trim_end_matches('.'))
        .filter(|p| !p.is_empty() && !p.contains(|c: char| c.is_whitespace() || c == '*'))
        .map(str::to_string)
        .collect();
    (!names.is_empty()).then_some(names)
}

/// The text of Markdown links in a cell: `[target](../x.md)` is `target`.
fn link_text(cell: &str) -> String {
    let mut out = String::new();
    let mut rest = cell;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find("](") {
            Some(close) => {
                out.push_str(&after[..close]);
                let target = &after[close + 2..];
                rest = target.find(')').map_or("", |end| &target[end + 1..]);
            }
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// `PATCH /path` or `PATCH https://…`: the method and what follows it.
fn request_line(line: &str) -> Option<(String, String)> {
    let mut parts = line.split_whitespace();
    let method = parts.next()?;
    let target = parts.next()?;
    (METHODS.contains(&method)
        && parts.next().is_none()
        && (target.starts_with('/') || target.contains("://")))
    .then(|| (method.to_string(), target.to_string()))
}

/// `HTTP/1.1 200 OK`: the status.
fn status_line(line: &str) -> Option<u16> {
    let rest = line.trim().strip_prefix("HTTP/")?;
    let mut parts = rest.split_whitespace();
    parts.next()?;
    parts.next()?.parse().ok()
}

/// The headers and JSON body of a request or response whose first line was just read, and
/// the index of the line after them.
fn message(
    lines: &[&str],
    mut i: usize,
    source: &Source,
) -> Result<(Vec<Header>, Option<Body>, usize), Error> {
    let mut headers = Vec::new();
    while let Some(line) = lines.get(i) {
        let Some((name, value)) = line.split_once(':') else {
            break;
        };
        let is_name =
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !is_name {
            break;
        }
        headers.push(Header {
            name: name.to_string(),
            value: value.trim().to_string(),
        });
        i += 1;
    }
    while lines.get(i).is_some_and(|l| l.trim().is_empty()) {
        i += 1;
    }
    let starts_json = lines
        .get(i)
        .is_some_and(|l| l.trim_start().starts_with('{') || l.trim_start().starts_with('['));
    if !starts_json {
        return Ok((headers, None, i));
    }
    let start = i;
    let mut text = String::new();
    let json = loop {
        let Some(line) = lines.get(i) else {
            return Err(Error::new(
                source.location_of_line(start + 1),
                ErrorKind::Page,
                "the JSON body that starts here never ends",
            ));
        };
        if line.trim_start().starts_with("```") {
            // The end of the block: the body is what it is.
            break serde_json::from_str(&text);
        }
        text.push_str(line);
        text.push('\n');
        i += 1;
        match serde_json::from_str::<serde_json::Value>(&text) {
            Err(e) if e.is_eof() => {}
            done => break done,
        }
    };
    let json = json.map_err(|e| BodyError {
        line: start + e.line().max(1),
        message: e.to_string(),
    });
    Ok((
        headers,
        Some(Body {
            json,
            text,
            line: start + 1,
        }),
        i,
    ))
}
