//! The JSON bodies of a page's examples against the model: every property is one the type
//! (or the derived type that `@odata.type` names) has, with a value of the kind its type
//! takes.

use super::check::Findings;
use super::Body;
use crate::model::{Model, OperationDef, Primitive, Target, TypeId, TypeKind, TypeUse};
use serde_json::Value;

/// The checks of JSON bodies against one model.
pub(super) struct Bodies<'m> {
    pub(super) model: &'m Model,
}

/// What is wrong in a body: the JSON path of each problem (for its line) and the message.
#[derive(Default)]
struct Problems(Vec<(String, String)>);

impl Problems {
    fn add(&mut self, at: &str, message: String) {
        self.0.push((at.to_string(), message));
    }

    /// Each problem as an error at the line of its property.
    fn report(self, body: &Body, findings: &mut Findings) {
        for (path, problem) in self.0 {
            findings.error(body.line_of(&path), problem);
        }
    }
}

/// A body's JSON; a body that is not JSON is a warning and is not checked.
fn json<'b>(body: Option<&'b Body>, findings: &mut Findings) -> Option<(&'b Body, &'b Value)> {
    let body = body?;
    match &body.json {
        Ok(json) => Some((body, json)),
        Err(e) => {
            findings.warning(
                e.line,
                format!(
                    "the example body is not JSON, so it is not checked: {}",
                    e.message
                ),
            );
            None
        }
    }
}

impl Bodies<'_> {
    /// A request or response body of entity type `ty` (a page of them when `list`).
    pub(super) fn body(
        &self,
        body: Option<&Body>,
        ty: TypeId,
        list: bool,
        findings: &mut Findings,
    ) {
        let Some((body, json)) = json(body, findings) else {
            return;
        };
        let mut problems = Problems::default();
        if list {
            match json.get("value") {
                Some(Value::Array(items)) => {
                    for (i, item) in items.iter().enumerate() {
                        self.object(item, ty, &format!("value[{i}]"), &mut problems);
                    }
                }
                _ => problems.add("", "a list answers an object with a `value` array".into()),
            }
        } else {
            self.object(json, ty, "", &mut problems);
        }
        problems.report(body, findings);
    }

    /// The request body of a bound action: an object of its parameters, each with a value of
    /// the parameter's type.
    pub(super) fn parameters(
        &self,
        body: Option<&Body>,
        op: &OperationDef,
        findings: &mut Findings,
    ) {
        let Some((body, json)) = json(body, findings) else {
            return;
        };
        let mut problems = Problems::default();
        let action = format!("{}.{}", op.namespace, op.name);
        match json {
            Value::Object(object) => {
                for p in op.arguments() {
                    if !p.nullable && !object.contains_key(p.name.as_str()) {
                        let message = format!(
                            "the body leaves out `{}`, which `{action}` requires",
                            p.name
                        );
                        problems.add("", message);
                    }
                }
                for (name, value) in object {
                    match op.arguments().iter().find(|p| p.name == name) {
                        Some(p) => self.value(value, p.ty, name, &mut problems),
                        None => {
                            let known: Vec<&str> =
                                op.arguments().iter().map(|p| p.name.as_str()).collect();
                            problems.add(
                                name,
                                format!(
                                    "`{name}` is not a parameter of the action `{action}` (it takes {})",
                                    if known.is_empty() {
                                        "none".to_string()
                                    } else {
                                        format!("`{}`", known.join("`, `"))
                                    }
                                ),
                            );
                        }
                    }
                }
            }
            other => problems.add(
                "",
                format!(
                    "the body of the action `{action}` is an object of its parameters, not {}",
                    kind_of(other)
                ),
            ),
        }
        problems.report(body, findings);
    }

    fn object(&self, value: &Value, expected: TypeId, at: &str, problems: &mut Problems) {
        let model = self.model;
        let expected_name = model.get(expected).qualified();
        let Value::Object(object) = value else {
            let message = format!(
                "{}: `{expected_name}` is an object, not {}",
                place(at),
                kind_of(value)
            );
            problems.add(at, message);
            return;
        };
        let mut ty = expected;
        if let Some(name) = object.get("@odata.type").and_then(Value::as_str) {
            let name = name.strip_prefix('#').unwrap_or(name);
            match self.find_type(name) {
                None => {
                    let message = format!(
                        "{}: `@odata.type` `{name}` is not a type of the metadata",
                        place(at)
                    );
                    problems.add(at, message);
                    return;
                }
                Some(found) if !model.lineage(found).contains(&expected) => {
                    let message = format!(
                        "{}: `{name}` is not `{expected_name}` or a type derived from it",
                        place(at)
                    );
                    problems.add(at, message);
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
                None => {
                    let message = format!(
                        "`{at}`: `{}` has no property `{key}`",
                        model.get(ty).qualified()
                    );
                    problems.add(&at, message);
                }
            }
        }
    }

    fn value(&self, value: &Value, ty: TypeUse, at: &str, problems: &mut Problems) {
        if value.is_null() {
            return;
        }
        if ty.collection {
            let Value::Array(items) = value else {
                let message = format!("`{at}`: a collection is an array, not {}", kind_of(value));
                problems.add(at, message);
                return;
            };
            let item = TypeUse {
                collection: false,
                ..ty
            };
            for (i, v) in items.iter().enumerate() {
                self.value(v, item, &format!("{at}[{i}]"), problems);
            }
            return;
        }
        let id = match ty.target {
            Target::Primitive(p) => return primitive(value, p, at, problems),
            Target::Type(id) => id,
        };
        let qualified = self.model.get(id).qualified();
        match &self.model.get(id).kind {
            TypeKind::Definition(p) => primitive(value, *p, at, problems),
            TypeKind::Entity(_) | TypeKind::Complex(_) => self.object(value, id, at, problems),
            TypeKind::Enum(e) => {
                let Some(text) = value.as_str() else {
                    let message = format!(
                        "`{at}`: the enum `{qualified}` is a string, not {}",
                        kind_of(value)
                    );
                    problems.add(at, message);
                    return;
                };
                let names: Vec<&str> = if e.is_flags {
                    text.split(',').map(str::trim).collect()
                } else {
                    vec![text]
                };
                for name in names {
                    if !e.members.iter().any(|m| m.name == name) {
                        let message = format!("`{at}`: `{name}` is not a member of `{qualified}`");
                        problems.add(at, message);
                    }
                }
            }
        }
    }

    /// The type of a property or navigation property of `ty` (inherited ones included).
    pub(super) fn property_type(&self, ty: TypeId, name: &str) -> Option<TypeUse> {
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
}

fn primitive(value: &Value, p: Primitive, at: &str, problems: &mut Problems) {
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
        problems.add(
            at,
            format!("`{at}`: Edm.{p:?} does not take {}", kind_of(value)),
        );
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
