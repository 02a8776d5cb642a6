//! Stage 1, read: CSDL XML into a syntax tree that keeps every name as written and the
//! source position of every element. Nothing is resolved here.

mod annotation;
mod read;
mod xml;

pub use read::{read, read_with};

use crate::source::Location;
use compact_str::CompactString;

/// One CSDL document (a `$metadata` file or an overlay).
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub schemas: Vec<Schema>,
}

#[derive(Debug, Clone, Default)]
pub struct Schema {
    pub namespace: CompactString,
    pub alias: Option<CompactString>,
    /// The types are boxed, so that a long list grows, and takes in the chunks another thread
    /// read, by moving pointers.
    pub entity_types: Vec<Box<StructuredType>>,
    pub complex_types: Vec<Box<StructuredType>>,
    pub enum_types: Vec<Box<EnumType>>,
    pub type_definitions: Vec<TypeDefinition>,
    pub operations: Vec<Operation>,
    pub terms: Vec<Term>,
    pub containers: Vec<EntityContainer>,
    pub annotations: Vec<Annotations>,
    pub location: Location,
}

/// A type reference as written: `graph.entity`, `Collection(Edm.String)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeRef {
    pub name: CompactString,
    pub collection: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StructuredKind {
    Entity,
    Complex,
}

/// An `EntityType` or a `ComplexType`.
#[derive(Debug, Clone)]
pub struct StructuredType {
    pub kind: StructuredKind,
    pub name: CompactString,
    pub base_type: Option<CompactString>,
    pub is_abstract: bool,
    pub open_type: bool,
    pub has_stream: bool,
    /// `Key/PropertyRef/@Name`, in order.
    pub key: Vec<CompactString>,
    pub properties: Vec<Property>,
    pub navigation: Vec<NavigationProperty>,
    pub annotations: Vec<Annotation>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct Property {
    pub name: CompactString,
    pub ty: TypeRef,
    pub nullable: Option<bool>,
    /// Boxed: two properties in ten thousand have any (v1.0.csdl).
    pub facets: Option<Box<Facets>>,
    pub annotations: Vec<Annotation>,
    pub location: Location,
}

/// The facets of a property, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub default_value: Option<String>,
    pub max_length: Option<String>,
    pub precision: Option<String>,
    pub scale: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NavigationProperty {
    pub name: CompactString,
    pub ty: TypeRef,
    pub nullable: Option<bool>,
    pub contains_target: bool,
    pub partner: Option<CompactString>,
    pub annotations: Vec<Annotation>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct EnumType {
    pub name: CompactString,
    pub is_flags: bool,
    pub underlying_type: Option<CompactString>,
    pub members: Vec<EnumMember>,
    pub annotations: Vec<Annotation>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct EnumMember {
    pub name: CompactString,
    /// The explicit `Value`, as written.
    pub value: Option<CompactString>,
    pub annotations: Vec<Annotation>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct TypeDefinition {
    pub name: CompactString,
    pub underlying_type: CompactString,
    pub annotations: Vec<Annotation>,
    pub location: Location,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OperationKind {
    Action,
    Function,
}

/// An `Action` or a `Function`.
#[derive(Debug, Clone)]
pub struct Operation {
    pub kind: OperationKind,
    pub name: CompactString,
    pub is_bound: bool,
    pub is_composable: bool,
    pub entity_set_path: Option<String>,
    pub parameters: Vec<Parameter>,
    pub return_type: Option<ReturnType>,
    pub annotations: Vec<Annotation>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct Parameter {
    pub name: CompactString,
    pub ty: TypeRef,
    pub nullable: Option<bool>,
    pub annotations: Vec<Annotation>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct ReturnType {
    pub ty: TypeRef,
    pub nullable: Option<bool>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct Term {
    pub name: CompactString,
    pub ty: TypeRef,
    pub applies_to: Vec<String>,
    pub base_term: Option<String>,
    pub default_value: Option<String>,
    pub annotations: Vec<Annotation>,
    pub location: Location,
}

#[derive(Debug, Clone, Default)]
pub struct EntityContainer {
    pub name: CompactString,
    /// Entity sets and singletons, in document order.
    pub members: Vec<ContainerMember>,
    pub annotations: Vec<Annotation>,
    pub location: Location,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ContainerMemberKind {
    EntitySet,
    Singleton,
    ActionImport,
    FunctionImport,
}

/// An `EntitySet`, `Singleton`, `ActionImport` or `FunctionImport`.
#[derive(Debug, Clone)]
pub struct ContainerMember {
    pub kind: ContainerMemberKind,
    pub name: CompactString,
    /// The entity type of a set or singleton; the operation of an import.
    pub target: CompactString,
    pub bindings: Vec<NavigationPropertyBinding>,
    pub annotations: Vec<Annotation>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct NavigationPropertyBinding {
    pub path: CompactString,
    pub target: CompactString,
}

/// An external `Annotations Target="…"` block.
#[derive(Debug, Clone)]
pub struct Annotations {
    pub target: String,
    pub qualifier: Option<String>,
    pub annotations: Vec<Annotation>,
    pub location: Location,
}

/// One `Annotation`: a term and a value expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    /// Shared, not copied, when it is one of the terms Graph's schemas apply most.
    pub term: CompactString,
    pub qualifier: Option<String>,
    pub value: Value,
    pub location: Location,
}

/// An annotation value expression, typed as written (constant attributes or child elements).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// No value: a boolean term applied without `Bool`, which means true.
    Empty,
    Bool(bool),
    Int(i64),
    /// `Decimal` and `Float`, as written.
    Number(String),
    String(String),
    Date(String),
    DateTimeOffset(String),
    Duration(String),
    Guid(String),
    /// `EnumMember`: one or more qualified members, e.g. `Org.OData.Core.V1.Permission/Read`.
    EnumMember(Vec<String>),
    /// `Path`, `PropertyPath`, `NavigationPropertyPath`, `AnnotationPath`.
    Path(String),
    Record(Vec<(CompactString, Value)>),
    Collection(Vec<Value>),
    /// An expression graphgen does not interpret (`Apply`, `If`, …), by element name.
    Other(String),
}

impl Value {
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            Value::Empty => Some(true),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s)
            | Value::Date(s)
            | Value::DateTimeOffset(s)
            | Value::Duration(s)
            | Value::Guid(s)
            | Value::Number(s)
            | Value::Path(s) => Some(s),
            _ => None,
        }
    }

    /// The value of a record property.
    pub fn field(&self, name: &str) -> Option<&Value> {
        match self {
            Value::Record(fields) => fields.iter().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn items(&self) -> &[Value] {
        match self {
            Value::Collection(items) => items,
            _ => &[],
        }
    }
}
