//! A semantic changelog between two versions of a schema, within a selection: types,
//! properties, navigation properties, enum members and bound operations added, removed or
//! changed, each marked breaking or not for the generated Rust API. This is what a maintainer
//! reads before regenerating for a new beta.
//!
//! Breaking means code that compiled against the old crate may not compile, or may read the
//! wire differently, against the new one: removals, changed types, nullability and base types.
//! Additions are not breaking: structs are built with `..Default::default()` and the enums are
//! non-exhaustive.

use crate::model::{Model, Target, TypeDef, TypeId, TypeKind};
use crate::select::{self, Selection};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Element {
    Type,
    Property,
    NavigationProperty,
    EnumMember,
    Operation,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    pub breaking: bool,
    pub element: Element,
    /// The qualified name: `microsoft.graph.x`, `microsoft.graph.x/property`,
    /// `microsoft.graph.assign(microsoft.graph.deviceConfiguration)`.
    pub name: String,
    pub change: ChangeKind,
    /// What it was and what it is, in CSDL terms.
    pub detail: String,
}

/// The changes from `old` to `new` for the types that `patterns` select in either (an empty
/// selection compares everything).
pub fn changelog(old: &Model, new: &Model, patterns: &[String]) -> Vec<Change> {
    let selections = |model: &Model| {
        (!patterns.is_empty()).then(|| select::select(model, patterns, 0, "").unwrap_or_default())
    };
    let (old_selection, new_selection) = (selections(old), selections(new));
    let names = |model: &Model, selection: &Option<Selection>| -> BTreeSet<String> {
        match selection {
            None => model.types.iter().map(TypeDef::qualified).collect(),
            Some(s) => s
                .types
                .iter()
                .map(|&id| model.get(id).qualified())
                .collect(),
        }
    };
    let selected: BTreeSet<String> = names(old, &old_selection)
        .union(&names(new, &new_selection))
        .cloned()
        .collect();
    let mut changes = Vec::new();
    for name in &selected {
        match (old.find(name), new.find(name)) {
            (Some(a), Some(b)) => compare_types(old, new, a, b, &mut changes),
            (Some(a), None) => changes.push(change(
                true,
                Element::Type,
                name,
                ChangeKind::Removed,
                kind_name(old.get(a)),
            )),
            (None, Some(b)) => changes.push(change(
                false,
                Element::Type,
                name,
                ChangeKind::Added,
                kind_name(new.get(b)),
            )),
            (None, None) => {}
        }
    }
    compare_operations(
        (old, old_selection.as_ref()),
        (new, new_selection.as_ref()),
        &mut changes,
    );
    // Breaking changes first, then by element and name.
    changes.sort_by(|a, b| b.breaking.cmp(&a.breaking).then_with(|| a.cmp(b)));
    changes
}

fn change(
    breaking: bool,
    element: Element,
    name: &str,
    change: ChangeKind,
    detail: String,
) -> Change {
    Change {
        breaking,
        element,
        name: name.to_string(),
        change,
        detail,
    }
}

fn kind_name(def: &TypeDef) -> String {
    match &def.kind {
        TypeKind::Entity(_) => "entity type".into(),
        TypeKind::Complex(_) => "complex type".into(),
        TypeKind::Enum(e) if e.is_flags => "flags enum type".into(),
        TypeKind::Enum(_) => "enum type".into(),
        TypeKind::Definition(p) => format!("type definition of Edm.{p:?}"),
    }
}

fn nullability(nullable: bool) -> &'static str {
    if nullable {
        "nullable"
    } else {
        "not nullable"
    }
}

fn compare_types(old: &Model, new: &Model, a: TypeId, b: TypeId, changes: &mut Vec<Change>) {
    let (da, db) = (old.get(a), new.get(b));
    let name = da.qualified();
    if kind_name(da) != kind_name(db) {
        changes.push(change(
            true,
            Element::Type,
            &name,
            ChangeKind::Changed,
            format!("{} → {}", kind_name(da), kind_name(db)),
        ));
        return;
    }
    match (&da.kind, &db.kind) {
        (
            TypeKind::Entity(sa) | TypeKind::Complex(sa),
            TypeKind::Entity(sb) | TypeKind::Complex(sb),
        ) => {
            let base = |m: &Model, t: Option<TypeId>| {
                t.map_or("(none)".to_string(), |t| m.get(t).qualified())
            };
            let (ba, bb) = (base(old, sa.base), base(new, sb.base));
            if ba != bb {
                changes.push(change(
                    true,
                    Element::Type,
                    &name,
                    ChangeKind::Changed,
                    format!("base type {ba} → {bb}"),
                ));
            }
            if sa.is_abstract != sb.is_abstract {
                let detail = if sb.is_abstract {
                    "became abstract"
                } else {
                    "is no longer abstract"
                };
                changes.push(change(
                    false,
                    Element::Type,
                    &name,
                    ChangeKind::Changed,
                    detail.into(),
                ));
            }
            let props = |m: &Model, id: TypeId| -> BTreeMap<String, (String, bool)> {
                m.properties(id)
                    .into_iter()
                    .map(|p| (p.name.to_string(), (m.type_name(&p.ty), p.nullable)))
                    .collect()
            };
            members(
                &name,
                Element::Property,
                &props(old, a),
                &props(new, b),
                changes,
            );
            let navs = |m: &Model, id: TypeId| -> BTreeMap<String, (String, bool)> {
                m.navigation(id)
                    .into_iter()
                    .map(|n| (n.name.to_string(), (m.type_name(&n.ty), n.nullable)))
                    .collect()
            };
            members(
                &name,
                Element::NavigationProperty,
                &navs(old, a),
                &navs(new, b),
                changes,
            );
        }
        (TypeKind::Enum(ea), TypeKind::Enum(eb)) => {
            let values = |e: &crate::model::EnumDef| -> BTreeMap<String, i64> {
                e.members
                    .iter()
                    .map(|m| (m.name.to_string(), m.value))
                    .collect()
            };
            let (va, vb) = (values(ea), values(eb));
            for (member, value) in &va {
                let full = format!("{name}/{member}");
                match vb.get(member) {
                    None => changes.push(change(
                        true,
                        Element::EnumMember,
                        &full,
                        ChangeKind::Removed,
                        format!("value {value}"),
                    )),
                    Some(v) if v != value => changes.push(change(
                        false,
                        Element::EnumMember,
                        &full,
                        ChangeKind::Changed,
                        format!("value {value} → {v}"),
                    )),
                    Some(_) => {}
                }
            }
            for (member, value) in &vb {
                if !va.contains_key(member) {
                    changes.push(change(
                        false,
                        Element::EnumMember,
                        &format!("{name}/{member}"),
                        ChangeKind::Added,
                        format!("value {value}"),
                    ));
                }
            }
        }
        (TypeKind::Definition(pa), TypeKind::Definition(pb)) if pa != pb => {
            changes.push(change(
                true,
                Element::Type,
                &name,
                ChangeKind::Changed,
                format!("Edm.{pa:?} → Edm.{pb:?}"),
            ));
        }
        _ => {}
    }
}

/// Properties or navigation properties: (type, nullable) by name.
fn members(
    owner: &str,
    element: Element,
    old: &BTreeMap<String, (String, bool)>,
    new: &BTreeMap<String, (String, bool)>,
    changes: &mut Vec<Change>,
) {
    for (member, (ty, nullable)) in old {
        let full = format!("{owner}/{member}");
        match new.get(member) {
            None => changes.push(change(
                true,
                element,
                &full,
                ChangeKind::Removed,
                format!("{ty}, {}", nullability(*nullable)),
            )),
            Some((nty, nnull)) => {
                if nty != ty {
                    changes.push(change(
                        true,
                        element,
                        &full,
                        ChangeKind::Changed,
                        format!("type {ty} → {nty}"),
                    ));
                }
                if nnull != nullable {
                    changes.push(change(
                        true,
                        element,
                        &full,
                        ChangeKind::Changed,
                        format!("{} → {}", nullability(*nullable), nullability(*nnull)),
                    ));
                }
            }
        }
    }
    for (member, (ty, nullable)) in new {
        if !old.contains_key(member) {
            changes.push(change(
                false,
                element,
                &format!("{owner}/{member}"),
                ChangeKind::Added,
                format!("{ty}, {}", nullability(*nullable)),
            ));
        }
    }
}

/// Bound operations, by name and binding type: with a selection, those that either version's
/// selection offers by [`Selection::offers`] (bound to a type the patterns name, or taking or
/// giving a selected type), whether or not every type they use is generated.
fn compare_operations(
    (old, old_selection): (&Model, Option<&Selection>),
    (new, new_selection): (&Model, Option<&Selection>),
    changes: &mut Vec<Change>,
) {
    // Each operation's signature by name, and the names of those the crate offers.
    let signatures = |m: &Model, selection: Option<&Selection>| {
        let mut all = BTreeMap::new();
        let mut offered = BTreeSet::new();
        for op in &m.operations {
            let Some(binding) = op.binding() else {
                continue;
            };
            let name = format!("{}.{}({})", op.namespace, op.name, m.type_name(&binding.ty));
            if selection.is_none_or(|s| match binding.ty.target {
                Target::Type(t) => s.offers(t, op),
                Target::Primitive(_) => s.uses_selected_type(op),
            }) {
                offered.insert(name.clone());
            }
            let params: Vec<String> = op
                .arguments()
                .iter()
                .map(|p| format!("{}: {}", p.name, m.type_name(&p.ty)))
                .collect();
            let ret = op
                .return_type
                .map_or("()".to_string(), |(t, _)| m.type_name(&t));
            all.insert(name, format!("({}) -> {ret}", params.join(", ")));
        }
        (all, offered)
    };
    // An operation offered in one version is compared with its namesake in the other.
    let (mut sa, offered_a) = signatures(old, old_selection);
    let (mut sb, offered_b) = signatures(new, new_selection);
    let offered = &offered_a | &offered_b;
    sa.retain(|name, _| offered.contains(name));
    sb.retain(|name, _| offered.contains(name));
    for (name, signature) in &sa {
        match sb.get(name) {
            None => changes.push(change(
                true,
                Element::Operation,
                name,
                ChangeKind::Removed,
                signature.clone(),
            )),
            Some(s) if s != signature => changes.push(change(
                true,
                Element::Operation,
                name,
                ChangeKind::Changed,
                format!("{signature} → {s}"),
            )),
            Some(_) => {}
        }
    }
    for (name, signature) in &sb {
        if !sa.contains_key(name) {
            changes.push(change(
                false,
                Element::Operation,
                name,
                ChangeKind::Added,
                signature.clone(),
            ));
        }
    }
}

/// The changelog as Markdown: breaking changes first.
pub fn markdown(old_name: &str, new_name: &str, changes: &[Change]) -> String {
    let breaking = changes.iter().filter(|c| c.breaking).count();
    let mut out = format!(
        "# Schema changes: {old_name} → {new_name}\n\n{} changes, {breaking} breaking.\n",
        changes.len()
    );
    for (title, want) in [("Breaking", true), ("Not breaking", false)] {
        let section: Vec<&Change> = changes.iter().filter(|c| c.breaking == want).collect();
        if section.is_empty() {
            continue;
        }
        out.push_str(&format!("\n## {title}\n\n"));
        for c in section {
            let element = match c.element {
                Element::Type => "type",
                Element::Property => "property",
                Element::NavigationProperty => "navigation property",
                Element::EnumMember => "enum member",
                Element::Operation => "operation",
            };
            let verb = match c.change {
                ChangeKind::Added => "added",
                ChangeKind::Removed => "removed",
                ChangeKind::Changed => "changed",
            };
            out.push_str(&format!("- {verb} {element} `{}`: {}\n", c.name, c.detail));
        }
    }
    out
}
