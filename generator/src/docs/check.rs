//! A [`Page`] held against the operations the emitter offers for a selection and against the
//! model: the endpoint exists with its method, the example bodies use properties the types
//! have with values of the right kind, the status is the one the operation answers with,
//! and the property table names what the metadata has.

use super::bodies::Bodies;
use super::{Page, Request};
use crate::csdl::OperationKind;
use crate::emit::{Endpoint, EndpointKind};
use crate::model::{Model, OperationDef, PathNode, Target as TypeTarget, TypeId, TypeUse};
use crate::select::Selection;
use crate::Error;
use std::collections::HashMap;
use std::fmt;

/// An API version to hold pages against.
pub struct Target<'a> {
    /// The version as it appears in URLs: `beta`, `v1.0`.
    pub version: String,
    pub model: &'a Model,
    /// Every generated operation by its [`normalized`] path, in `ENDPOINTS` order.
    endpoints: HashMap<String, Vec<Endpoint>>,
    /// The resources of the selection by their [`normalized`] path.
    resources: HashMap<String, &'a PathNode>,
}

impl<'a> Target<'a> {
    pub fn new(version: &str, model: &'a Model, selection: &'a Selection) -> Result<Self, Error> {
        let mut endpoints: HashMap<String, Vec<Endpoint>> = HashMap::new();
        for endpoint in crate::emit::endpoints(model, selection)? {
            endpoints
                .entry(normalized(&endpoint.path))
                .or_default()
                .push(endpoint);
        }
        let mut resources = HashMap::new();
        for node in &selection.paths {
            resources
                .entry(normalized(&node.template(model)))
                .or_insert(node);
        }
        Ok(Target {
            version: version.to_string(),
            model,
            endpoints,
            resources,
        })
    }

    /// The operations on `path` (placeholder names and letter case aside).
    fn on_path(&self, path: &str) -> &[Endpoint] {
        self.endpoints
            .get(&normalized(path))
            .map_or(&[], Vec::as_slice)
    }

    /// The operation of `method` on `path`.
    pub(super) fn endpoint(&self, method: &str, path: &str) -> Option<&Endpoint> {
        self.on_path(path).iter().find(|e| e.method == method)
    }

    /// The resource at `path`.
    fn resource(&self, path: &str) -> Option<&'a PathNode> {
        self.resources.get(&normalized(path)).copied()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One thing a page and the metadata disagree on, at a line of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.file, self.line, self.severity, self.message
        )
    }
}

/// What a page was found to document, and the findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub file: String,
    /// The API version the page was held against.
    pub version: Option<String>,
    pub method: Option<String>,
    pub path: Option<String>,
    /// The generated operation, `device_management::…::update`, when there is one.
    pub operation: Option<String>,
    /// The page's path is none of the selection's: it documents something not generated.
    pub outside: bool,
    /// The page's notes are in its operation's doc comment (when given to `generate`).
    pub attached: bool,
    pub findings: Vec<Finding>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// The findings of one page, as they are made.
pub(super) struct Findings<'p> {
    file: &'p str,
    list: Vec<Finding>,
}

impl Findings<'_> {
    fn add(&mut self, severity: Severity, line: usize, message: String) {
        self.list.push(Finding {
            severity,
            file: self.file.to_string(),
            line,
            message,
        });
    }

    pub(super) fn error(&mut self, line: usize, message: String) {
        self.add(Severity::Error, line, message);
    }

    pub(super) fn warning(&mut self, line: usize, message: String) {
        self.add(Severity::Warning, line, message);
    }
}

/// An API module's version as URLs write it: `v1_0` is `v1.0`.
pub fn url_version(module: &str) -> String {
    module.replace('_', ".")
}

/// Holds `page` against the target of its API version: the version of its example URL, or
/// `assumed` when the URL names none.
pub fn check(page: &Page, targets: &[Target<'_>], assumed: Option<&str>) -> Checked {
    let mut findings = Findings {
        file: &page.file,
        list: Vec::new(),
    };
    let mut out = Checked {
        file: page.file.clone(),
        version: None,
        method: None,
        path: None,
        operation: None,
        outside: false,
        attached: false,
        findings: Vec::new(),
    };
    check_into(page, targets, assumed, &mut out, &mut findings);
    out.findings = findings.list;
    out.findings.sort_by_key(|f| f.line);
    out
}

/// The steps of [`check`], each of which can end it.
fn check_into(
    page: &Page,
    targets: &[Target<'_>],
    assumed: Option<&str>,
    out: &mut Checked,
    findings: &mut Findings,
) {
    let request = page.examples.iter().find_map(|e| e.request.as_ref());
    let Some(version) = version(request, assumed, findings) else {
        return;
    };
    let Some(target) = targets.iter().find(|t| t.version == version) else {
        let known: Vec<&str> = targets.iter().map(|t| t.version.as_str()).collect();
        findings.error(
            request.map_or(1, |r| r.line),
            format!("no API version `{version}` to check against (there is {known:?})"),
        );
        return;
    };
    out.version = Some(version.clone());
    let Some((method, path, line)) = endpoint(page, request, findings) else {
        return;
    };
    out.method = Some(method.clone());
    out.path = Some(path.clone());
    out.outside = target.on_path(&path).is_empty();
    let Some(endpoint) = operation(target, &method, &path, line, findings) else {
        return;
    };
    let (operation, kind) = (endpoint.operation.as_str(), endpoint.kind);
    out.operation = Some(operation.to_string());

    // The resource at the path, for the bodies and the property table.
    let entity = target.resource(&path).map(|n| n.ty);
    let bodies = Bodies {
        model: target.model,
    };
    use EndpointKind::{Create, Get, List, Update};
    for example in &page.examples {
        if let (Some(r), Some(ty)) = (&example.request, entity) {
            if matches!(kind, Create | Update) {
                bodies.body(r.body.as_ref(), ty, false, findings);
            }
        }
        if let Some(response) = &example.response {
            status(response.status, response.line, operation, kind, findings);
            if let Some(ty) = entity.filter(|_| matches!(kind, Create | Update | Get | List)) {
                bodies.body(response.body.as_ref(), ty, kind == List, findings);
            }
        }
    }
    if kind == EndpointKind::Action {
        if let Some(action) = bound_action(target, &path) {
            for request in page.examples.iter().filter_map(|e| e.request.as_ref()) {
                bodies.parameters(request.body.as_ref(), action, findings);
            }
        }
    }
    if let Some(ty) = entity.filter(|_| matches!(kind, Create | Update)) {
        property_table(page, &bodies, ty, findings);
    }
}

/// The API version: from the first example URL, else `assumed`.
fn version(
    request: Option<&Request>,
    assumed: Option<&str>,
    findings: &mut Findings,
) -> Option<String> {
    let Some(r) = request else {
        if assumed.is_none() {
            findings.error(
                1,
                "the page has no example request and no version was given".into(),
            );
        }
        return assumed.map(str::to_string);
    };
    if let (Some(version), _) = r.version_and_path() {
        return Some(version.to_string());
    }
    let problem = format!(
        "the example URL `{}` has neither `/beta/` nor `/v1.0/` after the host",
        r.url
    );
    match assumed {
        Some(v) => {
            findings.warning(r.line, format!("{problem}; read as {v}"));
            Some(v.to_string())
        }
        None => {
            findings.error(
                r.line,
                format!("{problem}, so the API version is unknown (give it with --version)"),
            );
            None
        }
    }
}

/// The documented endpoint (the `HTTP Request` section, else the example request): method,
/// path and line; an example request that is not the documented one is a warning.
fn endpoint(
    page: &Page,
    request: Option<&Request>,
    findings: &mut Findings,
) -> Option<(String, String, usize)> {
    let found = match (&page.endpoint, request) {
        (Some(e), _) => (e.method.clone(), e.path.clone(), e.line),
        (None, Some(r)) => (r.method.clone(), r.version_and_path().1.to_string(), r.line),
        (None, None) => return None,
    };
    // An example URL without a version was reported already; its path is not worth comparing.
    let example = request.filter(|r| r.version_and_path().0.is_some());
    if let (Some(endpoint), Some(r)) = (&page.endpoint, example) {
        let example_path = r.version_and_path().1;
        if r.method != endpoint.method || normalized(example_path) != normalized(&endpoint.path) {
            findings.warning(
                r.line,
                format!(
                    "the example request `{} {example_path}` is not the documented `{} {}`",
                    r.method, endpoint.method, endpoint.path
                ),
            );
        }
    }
    Some(found)
}

/// The generated operation of `method` on `path`; an error that says what the path offers
/// when there is none.
fn operation<'t>(
    target: &'t Target<'_>,
    method: &str,
    path: &str,
    line: usize,
    findings: &mut Findings,
) -> Option<&'t Endpoint> {
    if let Some(endpoint) = target.endpoint(method, path) {
        return Some(endpoint);
    }
    let on_path = target.on_path(path);
    let version = &target.version;
    let message = if on_path.is_empty() {
        format!("{method} {path}: the {version} metadata and selection have no such path")
    } else {
        let methods: Vec<&str> = on_path.iter().map(|e| e.method).collect();
        format!(
            "{method} {path}: the {version} metadata has no {method} here, only {}",
            methods.join(", ")
        )
    };
    findings.error(line, message);
    None
}

/// The bound action at `path`: its last segment, bound to the resource before it (the most
/// derived binding, as the emitter chooses).
fn bound_action<'m>(target: &Target<'m>, path: &str) -> Option<&'m OperationDef> {
    let (parent, name) = path.trim_end_matches('/').rsplit_once('/')?;
    let node = target.resource(parent)?;
    target
        .model
        .bound_operations(node.ty, node.collection)
        .into_iter()
        .rev()
        .find(|op| op.kind == OperationKind::Action && op.name.eq_ignore_ascii_case(name))
}

/// The documented status against the one the operation answers with.
fn status(status: u16, line: usize, operation: &str, kind: EndpointKind, findings: &mut Findings) {
    let expected: &[u16] = match kind {
        EndpointKind::Create => &[201],
        EndpointKind::Update => &[200, 204],
        EndpointKind::Delete => &[204],
        EndpointKind::Get | EndpointKind::List => &[200],
        EndpointKind::Action | EndpointKind::Function => &[200, 204],
    };
    if !expected.contains(&status) {
        let expected: Vec<String> = expected.iter().map(u16::to_string).collect();
        findings.error(
            line,
            format!(
                "the documented status is {status}, but `{operation}` answers {}",
                expected.join(" or ")
            ),
        );
    }
}

/// The request body's property table against the properties of `ty`.
fn property_table(page: &Page, bodies: &Bodies<'_>, ty: TypeId, findings: &mut Findings) {
    let model = bodies.model;
    for row in &page.properties {
        match bodies.property_type(ty, &row.name) {
            None => findings.error(
                row.line,
                format!(
                    "the property table names `{}`, which `{}` does not have",
                    row.name,
                    model.get(ty).qualified()
                ),
            ),
            Some(actual) if !same_type(model, &row.ty, &actual) => findings.warning(
                row.line,
                format!(
                    "the property table says `{}` is {}, the metadata says {}",
                    row.name,
                    row.ty,
                    model.type_name(&actual)
                ),
            ),
            Some(_) => {}
        }
    }
}

/// A path template with every `{…}` the same, a function's parameters by name only and letter
/// case ignored, as Graph does.
pub(super) fn normalized(path: &str) -> String {
    path.trim_end_matches('/')
        .split('/')
        .map(|segment| {
            if segment.starts_with('{') && segment.ends_with('}') {
                return "{}".to_string();
            }
            // A function's parameters, `f(a={a},b='{b}')`, by their names: `f(a,b)`.
            if let Some((name, rest)) = segment.split_once('(') {
                let names: Vec<&str> = rest
                    .trim_end_matches(')')
                    .split(',')
                    .map(|p| p.split('=').next().unwrap_or("").trim())
                    .collect();
                return format!("{name}({})", names.join(",")).to_ascii_lowercase();
            }
            segment.to_ascii_lowercase()
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether the property table's type (`String`, `deviceAndAppManagementAssignmentTarget`,
/// `String collection`) is the metadata's.
fn same_type(model: &Model, written: &str, actual: &TypeUse) -> bool {
    let written = written.trim().to_ascii_lowercase();
    let (name, collection) = match written.strip_suffix(" collection") {
        Some(name) => (name.trim().to_string(), true),
        None => (written, false),
    };
    let actual_name = match actual.target {
        TypeTarget::Primitive(p) => format!("{p:?}").to_ascii_lowercase(),
        TypeTarget::Type(id) => model.get(id).name.as_str().to_ascii_lowercase(),
    };
    let name = name.strip_prefix("edm.").unwrap_or(&name);
    name == actual_name && collection == actual.collection
}

#[cfg(test)]
mod tests {
    use super::normalized;

    #[test]
    fn paths_compare_without_key_names_letter_case_or_function_argument_values() {
        assert_eq!(
            normalized("/Users/{user-id}/getMemberGroups(securityEnabledOnly='{x}')/"),
            normalized("/users/{id}/getmembergroups(securityEnabledOnly={securityEnabledOnly})")
        );
        assert_eq!(normalized("/a/f(x={x},y={y})"), "/a/f(x,y)");
        assert_ne!(normalized("/a/f(x={x})"), normalized("/a/f(y={y})"));
        assert_ne!(normalized("/a/b"), normalized("/a/{b}"));
    }
}
