//! Rust types for CSDL type uses, and which fields must be boxed because a type contains
//! itself through single-valued properties.

use super::layout::{Layout, ModulePath};
use crate::model::{Model, Primitive, Target, TypeId, TypeKind, TypeUse};
use crate::select::Selection;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// The Rust type of one value of `target` (no collection, no optionality).
pub fn value_type(
    model: &Model,
    layout: &Layout,
    from: &ModulePath,
    target: Target,
) -> TokenStream {
    match target {
        Target::Primitive(p) => primitive(layout, from, p),
        Target::Type(id) => match &model.get(id).kind {
            TypeKind::Enum(e) if e.is_flags => {
                let flags = layout.support(from, "Flags");
                let member = layout.type_ref(from, id);
                quote!(#flags<#member>)
            }
            _ => layout.type_ref(from, id),
        },
    }
}

pub fn primitive(layout: &Layout, from: &ModulePath, p: Primitive) -> TokenStream {
    let support = |name: &str| layout.support(from, name);
    match p {
        Primitive::String => quote!(::std::string::String),
        Primitive::Boolean => quote!(bool),
        Primitive::Byte => quote!(u8),
        Primitive::SByte => quote!(i8),
        Primitive::Int16 => quote!(i16),
        Primitive::Int32 => quote!(i32),
        Primitive::Int64 => quote!(i64),
        Primitive::Single | Primitive::Double => support("Double"),
        Primitive::Decimal => support("Decimal"),
        Primitive::Guid => support("Guid"),
        Primitive::Date => support("Date"),
        Primitive::DateTimeOffset => support("DateTimeOffset"),
        Primitive::TimeOfDay => support("TimeOfDay"),
        Primitive::Duration => support("Duration"),
        Primitive::Binary => support("Binary"),
        Primitive::Stream => support("Stream"),
        Primitive::Untyped | Primitive::Spatial | Primitive::Abstract => {
            quote!(::serde_json::Value)
        }
    }
}

/// The type of a field: `Vec` for collections, `Box` where `boxed`, then `Nullable` for
/// nullable properties and `Option` for the others (a PATCH body leaves most out).
pub fn field_type(
    model: &Model,
    layout: &Layout,
    from: &ModulePath,
    ty: TypeUse,
    nullable: bool,
    boxed: bool,
) -> TokenStream {
    let mut inner = value_type(model, layout, from, ty.target);
    if ty.collection {
        inner = quote!(::std::vec::Vec<#inner>);
    } else if boxed {
        inner = quote!(::std::boxed::Box<#inner>);
    }
    if nullable {
        let nullable = layout.support(from, "Nullable");
        quote!(#nullable<#inner>)
    } else {
        quote!(::std::option::Option<#inner>)
    }
}

/// Strongly connected components of "holds inline": a struct holds the types of its
/// single-valued fields, and a polymorphic enum holds each of its variants. A field whose type
/// is in its own struct's component must be boxed, or the type would have infinite size.
pub struct Recursion {
    component: BTreeMap<TypeId, usize>,
}

impl Recursion {
    pub fn new(
        model: &Model,
        layout: &Layout,
        selection: &Selection,
        emitted_navigation: impl Fn(TypeId) -> Vec<(TypeUse, bool)>,
    ) -> Recursion {
        let mut edges: BTreeMap<TypeId, Vec<TypeId>> = BTreeMap::new();
        for &id in &selection.types {
            if model.get(id).structured().is_none() {
                continue;
            }
            let out = edges.entry(id).or_default();
            let uses = model
                .properties(id)
                .into_iter()
                .map(|p| (p.ty, p.nullable))
                .chain(emitted_navigation(id));
            for (ty, _) in uses {
                if let (Target::Type(t), false) = (ty.target, ty.collection) {
                    if model.get(t).structured().is_some() && selection.contains(t) {
                        out.push(t);
                    }
                }
            }
            if let Some(variants) = layout.polymorphic.get(&id) {
                out.extend(variants.iter().copied());
            }
        }
        Recursion {
            component: tarjan(&edges),
        }
    }

    /// Whether a single-valued field of type `target` inside `holder` must be boxed.
    pub fn boxed(&self, holder: TypeId, target: TypeId) -> bool {
        match (self.component.get(&holder), self.component.get(&target)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        }
    }
}

/// Tarjan's algorithm, iterative so that deep schemas cannot overflow the stack.
fn tarjan(edges: &BTreeMap<TypeId, Vec<TypeId>>) -> BTreeMap<TypeId, usize> {
    let mut index: BTreeMap<TypeId, usize> = BTreeMap::new();
    let mut low: BTreeMap<TypeId, usize> = BTreeMap::new();
    let mut on_stack: BTreeMap<TypeId, bool> = BTreeMap::new();
    let mut stack: Vec<TypeId> = Vec::new();
    let mut component: BTreeMap<TypeId, usize> = BTreeMap::new();
    let mut next_index = 0;
    let mut next_component = 0;
    let empty = Vec::new();
    for &start in edges.keys() {
        if index.contains_key(&start) {
            continue;
        }
        // (node, position in its edge list)
        let mut work: Vec<(TypeId, usize)> = vec![(start, 0)];
        index.insert(start, next_index);
        low.insert(start, next_index);
        next_index += 1;
        stack.push(start);
        on_stack.insert(start, true);
        while let Some(&mut (node, ref mut pos)) = work.last_mut() {
            let targets = edges.get(&node).unwrap_or(&empty);
            if *pos < targets.len() {
                let next = targets[*pos];
                *pos += 1;
                if let std::collections::btree_map::Entry::Vacant(slot) = index.entry(next) {
                    slot.insert(next_index);
                    low.insert(next, next_index);
                    next_index += 1;
                    stack.push(next);
                    on_stack.insert(next, true);
                    work.push((next, 0));
                } else if on_stack.get(&next).copied().unwrap_or(false) {
                    let l = low[&node].min(index[&next]);
                    low.insert(node, l);
                }
            } else {
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    let l = low[&parent].min(low[&node]);
                    low.insert(parent, l);
                }
                if low[&node] == index[&node] {
                    while let Some(member) = stack.pop() {
                        on_stack.insert(member, false);
                        component.insert(member, next_component);
                        if member == node {
                            break;
                        }
                    }
                    next_component += 1;
                }
            }
        }
    }
    // Singleton components only recurse through a self-edge.
    let mut sizes: BTreeMap<usize, usize> = BTreeMap::new();
    for c in component.values() {
        *sizes.entry(*c).or_default() += 1;
    }
    component
        .into_iter()
        .filter(|(id, c)| sizes[c] > 1 || edges.get(id).is_some_and(|e| e.contains(id)))
        .collect()
}
