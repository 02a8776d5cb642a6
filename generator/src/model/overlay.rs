//! Overlays: CSDL fragments that add types, properties or enum members that the published
//! metadata lacks. A type of the overlay whose name is new is added; one whose name exists
//! extends the existing type (same kind, same base), and anything it redeclares is an error.

use crate::csdl::{Document, Schema, StructuredType};
use crate::{Error, ErrorKind};
use compact_str::CompactString;
use std::collections::BTreeMap;

/// Merges `overlay` into `base`, collecting every collision.
pub fn apply(base: &mut Document, mut overlay: Document, errors: &mut Vec<Error>) {
    qualify_aliases(&mut overlay);
    for schema in overlay.schemas {
        match base
            .schemas
            .iter_mut()
            .find(|s| s.namespace == schema.namespace)
        {
            Some(target) => merge_schema(target, schema, errors),
            None => base.schemas.push(schema),
        }
    }
}

fn merge_schema(target: &mut Schema, schema: Schema, errors: &mut Vec<Error>) {
    let namespace = target.namespace.clone();
    let qualified = |name: &str| format!("{namespace}.{name}");
    for t in schema.entity_types.into_iter().chain(schema.complex_types) {
        let other_kind = other_kind_exists(target, &t.name);
        let existing = target
            .entity_types
            .iter_mut()
            .chain(target.complex_types.iter_mut())
            .find(|e| e.name == t.name);
        match existing {
            Some(existing) => extend_structured(existing, *t, &qualified, errors),
            None if other_kind => errors.push(collision(
                &t.location,
                &qualified(&t.name),
                "the overlay declares a type whose name the schema uses for another kind of type",
            )),
            None => match t.kind {
                crate::csdl::StructuredKind::Entity => target.entity_types.push(t),
                crate::csdl::StructuredKind::Complex => target.complex_types.push(t),
            },
        }
    }
    for e in schema.enum_types {
        let structured = structured_exists(target, &e.name);
        match target.enum_types.iter_mut().find(|x| x.name == e.name) {
            Some(existing) => {
                if e.is_flags != existing.is_flags {
                    errors.push(collision(
                        &e.location,
                        &qualified(&e.name),
                        "the overlay changes IsFlags of an existing enum type",
                    ));
                }
                for member in e.members {
                    if existing.members.iter().any(|m| m.name == member.name) {
                        errors.push(collision(
                            &member.location,
                            &format!("{}/{}", qualified(&e.name), member.name),
                            "the overlay redeclares an existing enum member",
                        ));
                    } else {
                        existing.members.push(member);
                    }
                }
            }
            None if structured => errors.push(collision(
                &e.location,
                &qualified(&e.name),
                "the overlay declares an enum type whose name the schema uses for a structured type",
            )),
            None => target.enum_types.push(e),
        }
    }
    for d in schema.type_definitions {
        if target.type_definitions.iter().any(|x| x.name == d.name) {
            errors.push(collision(
                &d.location,
                &qualified(&d.name),
                "the overlay redeclares an existing type definition",
            ));
        } else {
            target.type_definitions.push(d);
        }
    }
    target.operations.extend(schema.operations);
    target.terms.extend(schema.terms);
    target.annotations.extend(schema.annotations);
    target.containers.extend(schema.containers);
}

fn extend_structured(
    existing: &mut StructuredType,
    t: StructuredType,
    qualified: &dyn Fn(&str) -> String,
    errors: &mut Vec<Error>,
) {
    let name = qualified(&t.name);
    if existing.kind != t.kind {
        errors.push(collision(
            &t.location,
            &name,
            "the overlay declares an existing type as another kind (entity or complex)",
        ));
        return;
    }
    if t.base_type.is_some() && t.base_type != existing.base_type {
        errors.push(collision(
            &t.location,
            &name,
            &format!(
                "the overlay gives an existing type the base type `{}`, the schema says `{}`",
                t.base_type.as_deref().unwrap_or(""),
                existing.base_type.as_deref().unwrap_or("(none)")
            ),
        ));
        return;
    }
    let taken = |existing: &StructuredType, n: &str| {
        existing.properties.iter().any(|p| p.name == n)
            || existing.navigation.iter().any(|p| p.name == n)
    };
    for p in t.properties {
        if taken(existing, &p.name) {
            errors.push(collision(
                &p.location,
                &format!("{name}/{}", p.name),
                "the overlay redeclares an existing property",
            ));
        } else {
            existing.properties.push(p);
        }
    }
    for p in t.navigation {
        if taken(existing, &p.name) {
            errors.push(collision(
                &p.location,
                &format!("{name}/{}", p.name),
                "the overlay redeclares an existing navigation property",
            ));
        } else {
            existing.navigation.push(p);
        }
    }
    existing.annotations.extend(t.annotations);
}

fn other_kind_exists(schema: &Schema, name: &str) -> bool {
    schema.enum_types.iter().any(|e| e.name == name)
        || schema.type_definitions.iter().any(|d| d.name == name)
}

fn structured_exists(schema: &Schema, name: &str) -> bool {
    schema
        .entity_types
        .iter()
        .chain(&schema.complex_types)
        .any(|t| t.name == name)
        || schema.type_definitions.iter().any(|d| d.name == name)
}

fn collision(location: &crate::Location, name: &str, message: &str) -> Error {
    Error::new(
        *location,
        ErrorKind::Overlay,
        format!("overlay collides with the schema at `{name}`: {message}"),
    )
    .named(name)
}

/// Rewrites alias-qualified type names of the overlay to namespace-qualified ones, so that
/// they mean the same after the merge whatever aliases the base schema uses.
fn qualify_aliases(document: &mut Document) {
    let aliases: BTreeMap<CompactString, CompactString> = document
        .schemas
        .iter()
        .filter_map(|s| Some((s.alias.clone()?, s.namespace.clone())))
        .collect();
    let unaliased = |name: &str| -> Option<String> {
        let (prefix, rest) = name.rsplit_once('.')?;
        Some(format!("{}.{rest}", aliases.get(prefix)?))
    };
    let fix = |name: &mut CompactString| {
        if let Some(unaliased) = unaliased(name) {
            *name = unaliased.into();
        }
    };
    for schema in &mut document.schemas {
        for t in schema
            .entity_types
            .iter_mut()
            .chain(schema.complex_types.iter_mut())
        {
            if let Some(base) = &mut t.base_type {
                fix(base);
            }
            t.properties.iter_mut().for_each(|p| fix(&mut p.ty.name));
            t.navigation.iter_mut().for_each(|p| fix(&mut p.ty.name));
        }
        for op in &mut schema.operations {
            op.parameters.iter_mut().for_each(|p| fix(&mut p.ty.name));
            if let Some(r) = &mut op.return_type {
                fix(&mut r.ty.name);
            }
        }
        for d in &mut schema.type_definitions {
            fix(&mut d.underlying_type);
        }
        for a in &mut schema.annotations {
            if let Some((head, tail)) = a.target.split_once('/') {
                let head = unaliased(head).unwrap_or_else(|| head.to_string());
                a.target = format!("{head}/{tail}");
            } else if let Some(target) = unaliased(&a.target) {
                a.target = target;
            }
        }
    }
}
