//! Annotation value expressions: constant attributes and the element forms.

use super::xml::{Element, Ns};
use super::Value;

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

/// The value of an element that holds one expression, as an attribute or as a child element.
pub fn value_of(element: &Element<'_>) -> Result<Value, String> {
    for &name in VALUE_ATTRIBUTES {
        if let Some(text) = element.attr(name) {
            return constant(name, text);
        }
    }
    match element
        .children
        .iter()
        .find(|c| c.ns == Ns::Edm && c.name != "Annotation")
    {
        Some(child) => expression(child),
        None => Ok(Value::Empty),
    }
}

fn expression(element: &Element<'_>) -> Result<Value, String> {
    match element.name {
        "Record" => {
            let mut fields = Vec::new();
            for child in element.children.iter().filter(|c| c.is("PropertyValue")) {
                let property = child
                    .attr("Property")
                    .ok_or("PropertyValue without a Property attribute")?;
                fields.push((property.to_string(), value_of(child)?));
            }
            Ok(Value::Record(fields))
        }
        "Collection" => element
            .children
            .iter()
            .filter(|c| c.ns == Ns::Edm)
            .map(expression)
            .collect::<Result<_, _>>()
            .map(Value::Collection),
        name if VALUE_ATTRIBUTES.contains(&name) => constant(name, element.text.trim()),
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
