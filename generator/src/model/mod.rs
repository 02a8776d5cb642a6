//! Stage 2, resolve: the CSDL syntax of one API version (plus overlays) into a model in which
//! every type reference is a [`TypeId`], inheritance and derivation are known, and annotations
//! are typed values.

mod containment;
mod notes;
mod overlay;
mod primitive;
mod resolve;
mod targets;

pub use containment::{ContainmentTree, PathNode, PathSegment};
pub use notes::{
    Capabilities, ChangeTracking, CountRestrictions, DeleteRestrictions, ExpandRestrictions,
    FilterRestrictions, InsertRestrictions, NavigationRestrictions, Notes, Permission,
    ReadRestrictions, Revision, RevisionKind, SearchRestrictions, SortRestrictions,
    UpdateRestrictions,
};
pub use primitive::Primitive;
pub use resolve::resolve;

use crate::csdl::{ContainerMemberKind, Facets, OperationKind};
use crate::source::Location;
use compact_str::CompactString;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// The index of a named type in [`Model::types`]. Ids follow the sorted qualified names, so
/// they do not depend on the order of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// Made by [`resolve`] only (hence `non_exhaustive`): [`Model::find`] relies on its order.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Model {
    /// Schemas by namespace, with their aliases.
    pub namespaces: BTreeMap<String, Option<String>>,
    /// Sorted by qualified name.
    pub types: Vec<TypeDef>,
    /// Every action and function, sorted by qualified name and binding.
    pub operations: Vec<OperationDef>,
    /// Bound operations by the type of their binding parameter (indexes into `operations`).
    pub bound: BTreeMap<TypeId, Vec<usize>>,
    pub container: Option<Container>,
}

#[derive(Debug, Clone)]
pub struct TypeDef {
    pub namespace: CompactString,
    pub name: CompactString,
    pub kind: TypeKind,
    pub notes: Notes,
    pub location: Location,
}

impl TypeDef {
    pub fn qualified(&self) -> String {
        qualify(&self.namespace, &self.name)
    }

    pub fn structured(&self) -> Option<&Structured> {
        match &self.kind {
            TypeKind::Entity(s) | TypeKind::Complex(s) => Some(s),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub enum TypeKind {
    Entity(Structured),
    Complex(Structured),
    Enum(EnumDef),
    /// A `TypeDefinition`: a named primitive.
    Definition(Primitive),
}

#[derive(Debug, Clone, Default)]
pub struct Structured {
    pub base: Option<TypeId>,
    pub is_abstract: bool,
    pub open_type: bool,
    pub has_stream: bool,
    pub key: Vec<CompactString>,
    /// The type's own properties, in document order (inherited ones: [`Model::properties`]).
    pub properties: Vec<PropertyDef>,
    pub navigation: Vec<NavigationDef>,
    /// Types whose base type is this one, sorted.
    pub derived: Vec<TypeId>,
    pub capabilities: Capabilities,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Primitive(Primitive),
    Type(TypeId),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeUse {
    pub target: Target,
    pub collection: bool,
}

#[derive(Debug, Clone)]
pub struct PropertyDef {
    pub name: CompactString,
    pub ty: TypeUse,
    pub nullable: bool,
    /// `DefaultValue`, `MaxLength`, `Precision` and `Scale`, as written, when it has any.
    pub facets: Option<Box<Facets>>,
    pub notes: Notes,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct NavigationDef {
    pub name: CompactString,
    pub ty: TypeUse,
    pub nullable: bool,
    pub contains_target: bool,
    pub partner: Option<CompactString>,
    pub notes: Notes,
    pub capabilities: Capabilities,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct EnumDef {
    pub is_flags: bool,
    pub underlying: Primitive,
    pub members: Vec<MemberDef>,
}

#[derive(Debug, Clone)]
pub struct MemberDef {
    pub name: CompactString,
    pub value: i64,
    pub notes: Notes,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct OperationDef {
    pub kind: OperationKind,
    pub namespace: CompactString,
    pub name: CompactString,
    pub is_bound: bool,
    pub is_composable: bool,
    /// All parameters; for a bound operation the first is the binding parameter.
    pub parameters: Vec<ParameterDef>,
    pub return_type: Option<(TypeUse, bool)>,
    pub notes: Notes,
    pub location: Location,
}

impl OperationDef {
    pub fn binding(&self) -> Option<&ParameterDef> {
        self.is_bound.then(|| self.parameters.first()).flatten()
    }

    /// The parameters a caller passes: all but the binding parameter of a bound operation.
    pub fn arguments(&self) -> &[ParameterDef] {
        let skip = usize::from(self.is_bound).min(self.parameters.len());
        &self.parameters[skip..]
    }

    /// The types of the arguments and of the result.
    pub fn signature_targets(&self) -> impl Iterator<Item = Target> + '_ {
        self.arguments()
            .iter()
            .map(|p| p.ty.target)
            .chain(self.return_type.map(|(ty, _)| ty.target))
    }
}

#[derive(Debug, Clone)]
pub struct ParameterDef {
    pub name: CompactString,
    pub ty: TypeUse,
    pub nullable: bool,
    pub notes: Notes,
}

#[derive(Debug, Clone)]
pub struct Container {
    pub namespace: CompactString,
    pub name: CompactString,
    pub members: Vec<ContainerEntry>,
}

/// An entity set or singleton (imports are kept by name only).
#[derive(Debug, Clone)]
pub struct ContainerEntry {
    pub kind: ContainerMemberKind,
    pub name: CompactString,
    /// The entity type of a set or singleton; `None` for imports.
    pub ty: Option<TypeId>,
    pub notes: Notes,
    pub capabilities: Capabilities,
    pub location: Location,
}

impl Model {
    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// Looks a type up by its namespace-qualified name.
    pub fn find(&self, qualified: &str) -> Option<TypeId> {
        self.types
            .binary_search_by(|t| cmp_qualified(&t.namespace, &t.name, qualified))
            .ok()
            .map(TypeId)
    }

    pub fn ids(&self) -> impl Iterator<Item = TypeId> {
        (0..self.types.len()).map(TypeId)
    }

    pub fn base(&self, id: TypeId) -> Option<TypeId> {
        self.get(id).structured().and_then(|s| s.base)
    }

    /// The base-type chain from the root down to `id` itself.
    pub fn lineage(&self, id: TypeId) -> Vec<TypeId> {
        let mut chain = vec![id];
        while let Some(base) = self.base(*chain.last().unwrap_or(&id)) {
            chain.push(base);
        }
        chain.reverse();
        chain
    }

    /// Every property of a structured type, inherited ones first.
    pub fn properties(&self, id: TypeId) -> Vec<&PropertyDef> {
        self.lineage(id)
            .into_iter()
            .filter_map(|t| self.get(t).structured())
            .flat_map(|s| &s.properties)
            .collect()
    }

    /// Every navigation property of a structured type, inherited ones first.
    pub fn navigation(&self, id: TypeId) -> Vec<&NavigationDef> {
        self.lineage(id)
            .into_iter()
            .filter_map(|t| self.get(t).structured())
            .flat_map(|s| &s.navigation)
            .collect()
    }

    /// The key of an entity type, looked up along its base types.
    pub fn key(&self, id: TypeId) -> Vec<CompactString> {
        self.lineage(id)
            .into_iter()
            .rev()
            .filter_map(|t| self.get(t).structured())
            .find(|s| !s.key.is_empty())
            .map(|s| s.key.clone())
            .unwrap_or_default()
    }

    /// Every type derived from `id`, directly or not, sorted.
    pub fn descendants(&self, id: TypeId) -> Vec<TypeId> {
        let mut out = Vec::new();
        let mut todo = vec![id];
        while let Some(next) = todo.pop() {
            if let Some(s) = self.get(next).structured() {
                for &d in &s.derived {
                    out.push(d);
                    todo.push(d);
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// A type use in CSDL terms: `Edm.String`, `Collection(microsoft.graph.entity)`.
    pub fn type_name(&self, ty: &TypeUse) -> String {
        let mut name = String::new();
        self.push_type_name(&mut name, ty);
        name
    }

    /// Appends [`Model::type_name`] to `out`.
    fn push_type_name(&self, out: &mut String, ty: &TypeUse) {
        use std::fmt::Write;
        if ty.collection {
            out.push_str("Collection(");
        }
        match ty.target {
            Target::Primitive(p) => {
                // Writing to a `String` does not fail.
                let _ = write!(out, "Edm.{p:?}");
            }
            Target::Type(id) => {
                let def = self.get(id);
                out.push_str(&def.namespace);
                out.push('.');
                out.push_str(&def.name);
            }
        }
        if ty.collection {
            out.push(')');
        }
    }

    /// The bound operations that apply to an entity of type `id`, including those bound to
    /// its base types (for a single entity, `collection` false; for a collection, true).
    pub fn bound_operations(&self, id: TypeId, collection: bool) -> Vec<&OperationDef> {
        let mut out = Vec::new();
        for t in self.lineage(id).into_iter().rev() {
            for &i in self.bound.get(&t).into_iter().flatten() {
                let op = &self.operations[i];
                if op.binding().is_some_and(|b| b.ty.collection == collection) {
                    out.push(op);
                }
            }
        }
        out
    }
}

/// `namespace.name`, without the formatting machinery: names are made by the thousand.
pub(crate) fn qualify(namespace: &str, name: &str) -> String {
    let mut qualified = String::with_capacity(namespace.len() + 1 + name.len());
    qualified.push_str(namespace);
    qualified.push('.');
    qualified.push_str(name);
    qualified
}

/// How `namespace.name` orders against `qualified`, as strings, without joining the two.
pub(crate) fn cmp_qualified(namespace: &str, name: &str, qualified: &str) -> Ordering {
    let (namespace, qualified) = (namespace.as_bytes(), qualified.as_bytes());
    let head = &qualified[..namespace.len().min(qualified.len())];
    // Unequal when `qualified` is the shorter: then it cannot hold the namespace.
    namespace
        .cmp(head)
        .then_with(|| match qualified[namespace.len()..].split_first() {
            None => Ordering::Greater,
            Some((&first, rest)) => b'.'.cmp(&first).then_with(|| name.as_bytes().cmp(rest)),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualified_names_order_as_if_joined() {
        let names = [
            ("microsoft.graph", "zebra"),
            ("microsoft.graph", "a"),
            ("microsoft.graph.callRecords", "session"),
            ("microsoft.graph.call", "x"),
            ("microsoft", "graph"),
            ("m", "icrosoft.graph"),
            ("microsoft.graph", ""),
            ("", "a"),
        ];
        let queries = [
            "microsoft.graph.zebra",
            "microsoft.graph.callRecords.session",
            "microsoft.graph",
            "microsoft.grap",
            "microsoft.graph.",
            "microsoft.graph.a.b",
            "microsoft",
            "",
            ".a",
        ];
        for (namespace, name) in names {
            for query in queries {
                assert_eq!(
                    cmp_qualified(namespace, name, query),
                    qualify(namespace, name).as_str().cmp(query),
                    "{namespace} + {name} against {query}"
                );
            }
        }
    }
}
