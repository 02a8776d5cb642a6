//! Annotation value expressions: constant attributes and the element forms.

use super::xml::{Events, Ns, Tag};
use super::Value;
use crate::Error;

/// The attributes that carry a constant or path expression directly on `Annotation` or
/// `PropertyValue`.
const VALUE_ATTRIBUTES: &[&str] = &[
    "Bool",
    "Int",
    "String",
    "Decimal",
    "Float",
    "Date",
    "DateTimeOffset",
    "Duration",
    "Guid",
    "EnumMember",
    "Path",
    "PropertyPath",
    "NavigationPropertyPath",
    "AnnotationPath",
];

/// Why a value could not be read: the XML is broken, or the expression is.
pub enum Bad {
    Xml(Error),
    Value(String),
}

impl From<Error> for Bad {
    fn from(error: Error) -> Self {
        Bad::Xml(error)
    }
}

/// The value of an element that holds one expression, as an attribute or as a child element.
pub fn value_of<'i>(events: &mut Events<'i>, element: &Tag<'i>) -> Result<Value, Bad> {
    for &name in VALUE_ATTRIBUTES {
        if let Some(text) = events.attr(element, name) {
            return constant(name, text).map_err(Bad::Value);
        }
    }
    while let Some(child) = events.child(element)? {
        if child.ns == Ns::Edm && child.name != "Annotation" {
            return expression(events, child);
        }
    }
    Ok(Value::Empty)
}

fn expression<'i>(events: &mut Events<'i>, element: Tag<'i>) -> Result<Value, Bad> {
    match element.name {
        "Record" => {
            let mut fields = Vec::new();
            while let Some(child) = events.child(&element)? {
                if !child.is("PropertyValue") {
                    continue;
                }
                let property = events
                    .attr(&child, "Property")
                    .ok_or_else(|| Bad::Value("PropertyValue without a Property attribute".into()))?
                    .into();
                fields.push((property, value_of(events, &child)?));
            }
            Ok(Value::Record(fields))
        }
        "Collection" => {
            let mut items = Vec::new();
            while let Some(child) = events.child(&element)? {
                if child.ns == Ns::Edm {
                    items.push(expression(events, child)?);
                }
            }
            Ok(Value::Collection(items))
        }
        name if VALUE_ATTRIBUTES.contains(&name) => {
            let text = events.text(&element)?;
            constant(name, text.trim()).map_err(Bad::Value)
        }
        other => Ok(Value::Other(other.to_string())),
    }
}

fn constant(kind: &str, text: &str) -> Result<Value, String> {
    Ok(match kind {
        "Bool" => Value::Bool(match text {
            "true" => true,
            "false" => false,
            _ => return Err(format!("`{text}` is not a Bool (true or false)")),
        }),
        "Int" => Value::Int(
            text.parse()
                .map_err(|_| format!("`{text}` is not an Int"))?,
        ),
        "String" => Value::String(text.to_string()),
        "Decimal" | "Float" => Value::Number(text.to_string()),
        "Date" => Value::Date(text.to_string()),
        "DateTimeOffset" => Value::DateTimeOffset(text.to_string()),
        "Duration" => Value::Duration(text.to_string()),
        "Guid" => Value::Guid(text.to_string()),
        "EnumMember" => Value::EnumMember(text.split_whitespace().map(str::to_string).collect()),
        _ => Value::Path(text.to_string()),
    })
}
