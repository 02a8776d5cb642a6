//! A [`Page`] held against the operations the emitter offers for a selection and against the
//! model: the endpoint exists with its method, the example bodies use properties the types
//! have with values of the right kind, the status is the one the operation answers with,
//! and the property table names what the metadata has.

use super::{Body, Page};
use crate::model::{Model, Primitive, Target as TypeTarget, TypeId, TypeKind, TypeUse};
use crate::select::Selection;
use crate::Error;
use serde_json::Value;
use std::fmt;

/// An API version to hold pages against.
pub struct Target<'a> {
    /// The version as it appears in URLs: `beta`, `v1.0`.
    pub version: String,
    pub model: &'a Model,
    pub selection: &'a Selection,
    /// (method, path template, operation) of every generated operation.
    endpoints: Vec<(&'static str, String, String)>,
}

impl<'a> Target<'a> {
    pub fn new(version: &str, model: &'a Model, selection: &'a Selection) -> Result<Self, Error> {
        Ok(Target {
            version: version.to_string(),
            model,
            selection,
            endpoints: crate::emit::endpoints(model, selection)?,
        })
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
    pub findings: Vec<Finding>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// Holds `page` against the target of its API version: the version of its example URL, or
/// `assumed` when the URL names none.
pub fn check(page: &Page, targets: &[Target<'_>], assumed: Option<&str>) -> Checked {
    let mut out = Checked {
        file: page.file.clone(),
        version: None,
        method: None,
        path: None,
        operation: None,
        findings: Vec::new(),
    };
    let mut find = |severity, line: usize, message: String| {
        out.findings.push(Finding {
            severity,
            file: page.file.clone(),
            line,
            message,
        })
    };

    // The version: from the first example URL, else assumed.
    let request = page.examples.iter().find_map(|e| e.request.as_ref());
    let version = match request.map(|r| (r, r.version_and_path())) {
        Some((_, (Some(version), _))) => Some(version.to_string()),
        Some((r, (None, _))) => {
            let problem = format!(
                "the example URL `{}` has neither `/beta/` nor `/v1.0/` after the host",
                r.url
            );
            match assumed {
                Some(v) => {
                    find(Severity::Warning, r.line, format!("{problem}; read as {v}"));
                    Some(v.to_string())
                }
                None => {
                    find(
                        Severity::Error,
                        r.line,
                        format!(
                            "{problem}, so the API version is unknown (give it with --version)"
                        ),
                    );
                    None
                }
            }
        }
        None => assumed.map(str::to_string),
    };
    let Some(version) = version else {
        if request.is_none() {
            find(
                Severity::Error,
                1,
                "the page has no example request and no version was given".into(),
            );
        }
        return out;
    };
    let Some(target) = targets.iter().find(|t| t.version == version) else {
        let known: Vec<&str> = targets.iter().map(|t| t.version.as_str()).collect();
        find(
            Severity::Error,
            request.map_or(1, |r| r.line),
            format!("no API version `{version}` to check against (there is {known:?})"),
        );
        return out;
    };
    out.version = Some(version.clone());

    // The endpoint: the `HTTP Request` section, else the example request.
    let (method, path, line) = match (&page.endpoint, request) {
        (Some(e), _) => (e.method.clone(), e.path.clone(), e.line),
        (None, Some(r)) => (r.method.clone(), r.version_and_path().1.to_string(), r.line),
        (None, None) => return out,
    };
    // An example URL without a version was reported above; its path is not worth comparing.
    let example = request.filter(|r| r.version_and_path().0.is_some());
    if let (Some(endpoint), Some(r)) = (&page.endpoint, example) {
        let example_path = r.version_and_path().1;
        if r.method != endpoint.method || normalized(example_path) != normalized(&endpoint.path) {
            find(
                Severity::Warning,
                r.line,
                format!(
                    "the example request `{} {example_path}` is not the documented `{} {}`",
                    r.method, endpoint.method, endpoint.path
                ),
            );
        }
    }
    out.method = Some(method.clone());
    out.path = Some(path.clone());
    let key = normalized(&path);
    let on_path: Vec<&(&str, String, String)> = target
        .endpoints
        .iter()
        .filter(|(_, p, _)| normalized(p) == key)
        .collect();
    let Some((_, _, operation)) = on_path.iter().find(|(m, _, _)| *m == method) else {
        let message = if on_path.is_empty() {
            format!("{method} {path}: the {version} metadata and selection have no such path")
        } else {
            let methods: Vec<&str> = on_path.iter().map(|(m, _, _)| *m).collect();
            format!(
                "{method} {path}: the {version} metadata has no {method} here, only {}",
                methods.join(", ")
            )
        };
        find(Severity::Error, line, message);
        return out;
    };
    out.operation = Some(operation.clone());
    let kind = operation.rsplit("::").next().unwrap_or("");

    // The resource at the path, for the bodies and the property table.
    let model = target.model;
    let node = target
        .selection
        .paths
        .iter()
        .find(|n| normalized(&n.template(model)) == key);
    let entity = node.map(|n| n.ty);
    let checker = Bodies { model };
    for example in &page.examples {
        if let (Some(r), Some(ty)) = (&example.request, entity) {
            if matches!(kind, "create" | "update") {
                checker.body(r.body.as_ref(), ty, false, &mut find);
            }
        }
        if let Some(response) = &example.response {
            let expected: &[u16] = match kind {
                "create" => &[201],
                "update" => &[200, 204],
                "delete" => &[204],
                "get" | "list" => &[200],
                _ => &[200, 204],
            };
            if !expected.contains(&response.status) {
                let expected: Vec<String> = expected.iter().map(u16::to_string).collect();
                find(
                    Severity::Error,
                    response.line,
                    format!(
                        "the documented status is {}, but `{operation}` answers {}",
                        response.status,
                        expected.join(" or ")
                    ),
                );
            }
            if let Some(ty) =
                entity.filter(|_| matches!(kind, "create" | "update" | "get" | "list"))
            {
                checker.body(response.body.as_ref(), ty, kind == "list", &mut find);
            }
        }
    }
    if let Some(ty) = entity.filter(|_| matches!(kind, "create" | "update")) {
        for row in &page.properties {
            match checker.property_type(ty, &row.name) {
                None => find(
                    Severity::Error,
                    row.line,
                    format!(
                        "the property table names `{}`, which `{}` does not have",
                        row.name,
                        model.get(ty).qualified()
                    ),
                ),
                Some(actual) if !same_type(model, &row.ty, &actual) => find(
                    Severity::Warning,
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
    out.findings.sort_by_key(|f| f.line);
    out
}

/// A path template with every `{…}` the same and letter case ignored, as Graph does.
fn normalized(path: &str) -> String {
    path.trim_end_matches('/')
        .split('/')
        .map(|segment| {
            if segment.starts_with('{') && segment.ends_with('}') {
                "{}".to_string()
            } else {
                segment.to_ascii_lowercase()
            }
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
        TypeTarget::Type(id) => model.get(id).name.to_ascii_lowercase(),
    };
    let name = name.strip_prefix("edm.").unwrap_or(&name);
    name == actual_name && collection == actual.collection
}

/// The checks of JSON bodies against the model.
struct Bodies<'m> {
    model: &'m Model,
}

impl Bodies<'_> {
    /// A request or response body of entity type `ty` (a page of them when `list`).
    fn body(
        &self,
        body: Option<&Body>,
        ty: TypeId,
        list: bool,
        find: &mut impl FnMut(Severity, usize, String),
    ) {
        let Some(body) = body else { return };
        let json = match &body.json {
            Ok(json) => json,
            Err(e) => {
                find(
                    Severity::Warning,
                    e.line,
                    format!(
                        "the example body is not JSON, so it is not checked: {}",
                        e.message
                    ),
                );
                return;
            }
        };
        let mut problems: Vec<(String, String)> = Vec::new();
        if list {
            match json.get("value") {
                Some(Value::Array(items)) => {
                    for (i, item) in items.iter().enumerate() {
                        self.object(item, ty, &format!("value[{i}]"), &mut problems);
                    }
                }
                _ => problems.push((
                    String::new(),
                    "a list answers an object with a `value` array".to_string(),
                )),
            }
        } else {
            self.object(json, ty, "", &mut problems);
        }
        for (path, problem) in problems {
            find(Severity::Error, body.line_of(&path), problem);
        }
    }

    fn object(
        &self,
        value: &Value,
        expected: TypeId,
        at: &str,
        problems: &mut Vec<(String, String)>,
    ) {
        let model = self.model;
        let Value::Object(object) = value else {
            problems.push((
                at.to_string(),
                format!(
                    "{}: `{}` is an object, not {}",
                    place(at),
                    model.get(expected).qualified(),
                    kind_of(value)
                ),
            ));
            return;
        };
        let mut ty = expected;
        if let Some(name) = object.get("@odata.type").and_then(Value::as_str) {
            let name = name.strip_prefix('#').unwrap_or(name);
            match self.find_type(name) {
                None => {
                    problems.push((
                        at.to_string(),
                        format!(
                            "{}: `@odata.type` `{name}` is not a type of the metadata",
                            place(at)
                        ),
                    ));
                    return;
                }
                Some(found) if !self.derives_from(found, expected) => {
                    problems.push((
                        at.to_string(),
                        format!(
                            "{}: `{name}` is not `{}` or a type derived from it",
                            place(at),
                            model.get(expected).qualified()
                        ),
                    ));
                    return;
                }
                Some(found) => ty = found,
            }
        }
        for (key, value) in object {
            if key.contains('@') {
                continue;
            }
            let at = if at.is_empty() {
                key.clone()
            } else {
                format!("{at}.{key}")
            };
            match self.property_type(ty, key) {
                Some(property) => self.value(value, property, &at, problems),
                None => problems.push((
                    at.clone(),
                    format!(
                        "`{at}`: `{}` has no property `{key}`",
                        model.get(ty).qualified()
                    ),
                )),
            }
        }
    }

    fn value(&self, value: &Value, ty: TypeUse, at: &str, problems: &mut Vec<(String, String)>) {
        if value.is_null() {
            return;
        }
        if ty.collection {
            match value {
                Value::Array(items) => {
                    let item = TypeUse {
                        collection: false,
                        ..ty
                    };
                    for (i, v) in items.iter().enumerate() {
                        self.value(v, item, &format!("{at}[{i}]"), problems);
                    }
                }
                other => problems.push((
                    at.to_string(),
                    format!("`{at}`: a collection is an array, not {}", kind_of(other)),
                )),
            }
            return;
        }
        match ty.target {
            TypeTarget::Primitive(p) => primitive(value, p, at, problems),
            TypeTarget::Type(id) => match &self.model.get(id).kind {
                TypeKind::Definition(p) => primitive(value, *p, at, problems),
                TypeKind::Enum(e) => match value.as_str() {
                    Some(text) => {
                        let names: Vec<&str> = if e.is_flags {
                            text.split(',').map(str::trim).collect()
                        } else {
                            vec![text]
                        };
                        for name in names {
                            if !e.members.iter().any(|m| m.name == name) {
                                problems.push((
                                    at.to_string(),
                                    format!(
                                        "`{at}`: `{name}` is not a member of `{}`",
                                        self.model.get(id).qualified()
                                    ),
                                ));
                            }
                        }
                    }
                    None => problems.push((
                        at.to_string(),
                        format!(
                            "`{at}`: the enum `{}` is a string, not {}",
                            self.model.get(id).qualified(),
                            kind_of(value)
                        ),
                    )),
                },
                TypeKind::Entity(_) | TypeKind::Complex(_) => self.object(value, id, at, problems),
            },
        }
    }

    /// The type of a property or navigation property of `ty` (inherited ones included).
    fn property_type(&self, ty: TypeId, name: &str) -> Option<TypeUse> {
        let model = self.model;
        model
            .properties(ty)
            .into_iter()
            .find(|p| p.name == name)
            .map(|p| p.ty)
            .or_else(|| {
                model
                    .navigation(ty)
                    .into_iter()
                    .find(|n| n.name == name)
                    .map(|n| n.ty)
            })
    }

    /// A qualified type name as `@odata.type` writes it, in any letter case.
    fn find_type(&self, name: &str) -> Option<TypeId> {
        let model = self.model;
        model.find(name).or_else(|| {
            model
                .ids()
                .find(|&id| model.get(id).qualified().eq_ignore_ascii_case(name))
        })
    }

    fn derives_from(&self, mut ty: TypeId, base: TypeId) -> bool {
        loop {
            if ty == base {
                return true;
            }
            match self.model.base(ty) {
                Some(next) => ty = next,
                None => return false,
            }
        }
    }
}

fn primitive(value: &Value, p: Primitive, at: &str, problems: &mut Vec<(String, String)>) {
    use Primitive::*;
    let fits = match p {
        Boolean => value.is_boolean(),
        Byte | SByte | Int16 | Int32 | Int64 => value.is_i64() || value.is_u64(),
        Double | Single | Decimal => {
            value.is_number() || matches!(value.as_str(), Some("NaN" | "INF" | "-INF"))
        }
        Binary | Date | DateTimeOffset | Duration | Guid | String | TimeOfDay => value.is_string(),
        Stream | Untyped | Spatial | Abstract => true,
    };
    if !fits {
        problems.push((
            at.to_string(),
            format!("`{at}`: Edm.{p:?} does not take {}", kind_of(value)),
        ));
    }
}

fn place(at: &str) -> String {
    if at.is_empty() {
        "the body".to_string()
    } else {
        format!("`{at}`")
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
