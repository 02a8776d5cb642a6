//! CSDL elements into the syntax tree, as the XML is read, collecting every shape error of
//! the document.

use super::annotation::{value_of, Bad};
use super::xml::{self, Events, Ns, Tag};
use super::*;
use crate::source::Source;
use crate::{Error, ErrorKind, Errors};

/// The longest simple identifier CSDL allows.
const MAX_NAME: usize = 128;

/// Reads one CSDL document: an `edmx:Edmx` envelope, or a bare `Schema` (for overlays).
pub fn read(source: &Source) -> Result<Document, Errors> {
    let mut reader = Reader {
        events: Events::new(source),
        errors: Vec::new(),
    };
    let document = reader.document()?;
    reader.events.finish()?;
    Errors::check(reader.errors)?;
    Ok(document)
}

/// Broken XML ends the reading at once; shape errors are collected in `Reader::errors`.
type Fatal<T> = Result<T, Error>;

struct Reader<'i> {
    events: Events<'i>,
    errors: Vec<Error>,
}

impl<'i> Reader<'i> {
    fn location(&mut self, element: &Tag<'_>) -> Location {
        self.events.location(element.offset)
    }

    fn error(&mut self, element: &Tag<'_>, message: impl Into<String>) {
        let location = self.location(element);
        self.errors
            .push(Error::new(location, ErrorKind::Csdl, message));
    }

    /// The next child of `parent` in the CSDL namespace.
    fn child(&mut self, parent: &Tag<'i>) -> Fatal<Option<Tag<'i>>> {
        while let Some(child) = self.events.child(parent)? {
            if child.ns == Ns::Edm {
                return Ok(Some(child));
            }
        }
        Ok(None)
    }

    fn document(&mut self) -> Fatal<Document> {
        let root = self.events.root()?;
        let mut document = Document::default();
        match (root.ns, root.name) {
            (Ns::Edmx, "Edmx") => {
                while let Some(services) = self.events.child(&root)? {
                    if services.ns != Ns::Edmx || services.name != "DataServices" {
                        continue;
                    }
                    while let Some(schema) = self.events.child(&services)? {
                        if schema.name == "Schema" {
                            if let Some(schema) = self.schema(schema)? {
                                document.schemas.push(schema);
                            }
                        }
                    }
                }
                if document.schemas.is_empty() && self.errors.is_empty() {
                    self.error(&root, "edmx:Edmx has no edmx:DataServices/Schema");
                }
            }
            (_, "Schema") => {
                if let Some(schema) = self.schema(root)? {
                    document.schemas.push(schema);
                }
            }
            (Ns::Edmx | Ns::Edm, name) => self.error(
                &root,
                format!("expected edmx:Edmx or Schema as the root element, found <{name}>"),
            ),
            (_, name) => self.error(
                &root,
                format!(
                    "<{name}> is not in the EDMX namespace `{}`; is this a CSDL document?",
                    xml::EDMX_NS
                ),
            ),
        }
        Ok(document)
    }

    fn schema(&mut self, element: Tag<'i>) -> Fatal<Option<Schema>> {
        if element.ns != Ns::Edm {
            self.error(
                &element,
                format!(
                    "<Schema> must be in the CSDL namespace `{}` (xmlns=\"{}\")",
                    xml::EDM_NS,
                    xml::EDM_NS
                ),
            );
            return Ok(None);
        }
        let Some(namespace) = self.required(&element, "Namespace") else {
            return Ok(None);
        };
        let mut schema = Schema {
            namespace,
            alias: element.attr("Alias").map(str::to_string),
            location: self.location(&element),
            ..Schema::default()
        };
        while let Some(child) = self.child(&element)? {
            match child.name {
                "EntityType" => {
                    if let Some(t) = self.structured(child, StructuredKind::Entity)? {
                        schema.entity_types.push(t);
                    }
                }
                "ComplexType" => {
                    if let Some(t) = self.structured(child, StructuredKind::Complex)? {
                        schema.complex_types.push(t);
                    }
                }
                "EnumType" => {
                    if let Some(t) = self.enum_type(child)? {
                        schema.enum_types.push(t);
                    }
                }
                "TypeDefinition" => {
                    if let (Some(name), Some(underlying)) = (
                        self.required(&child, "Name"),
                        self.required(&child, "UnderlyingType"),
                    ) {
                        schema.type_definitions.push(TypeDefinition {
                            name,
                            underlying_type: underlying,
                            location: self.location(&child),
                            annotations: self.inline_annotations(&child)?,
                        });
                    }
                }
                "Action" | "Function" => {
                    if let Some(op) = self.operation(child)? {
                        schema.operations.push(op);
                    }
                }
                "Term" => {
                    if let Some(term) = self.term(child)? {
                        schema.terms.push(term);
                    }
                }
                "EntityContainer" => {
                    if let Some(container) = self.container(child)? {
                        schema.containers.push(container);
                    }
                }
                "Annotations" => {
                    if let Some(target) = self.required(&child, "Target") {
                        schema.annotations.push(Annotations {
                            target,
                            qualifier: child.attr("Qualifier").map(str::to_string),
                            location: self.location(&child),
                            annotations: self.inline_annotations(&child)?,
                        });
                    }
                }
                _ => {}
            }
        }
        Ok(Some(schema))
    }

    fn structured(
        &mut self,
        element: Tag<'i>,
        kind: StructuredKind,
    ) -> Fatal<Option<StructuredType>> {
        let Some(name) = self.required(&element, "Name") else {
            return Ok(None);
        };
        let mut ty = StructuredType {
            kind,
            base_type: element.attr("BaseType").map(str::to_string),
            is_abstract: self.bool_attr(&element, "Abstract").unwrap_or(false),
            open_type: self.bool_attr(&element, "OpenType").unwrap_or(false),
            has_stream: self.bool_attr(&element, "HasStream").unwrap_or(false),
            key: Vec::new(),
            properties: Vec::new(),
            navigation: Vec::new(),
            annotations: Vec::new(),
            location: self.location(&element),
            name,
        };
        while let Some(child) = self.child(&element)? {
            match child.name {
                "Key" => {
                    if kind == StructuredKind::Complex {
                        self.error(
                            &child,
                            format!(
                                "complex type `{}` has a Key; only entity types have keys",
                                ty.name
                            ),
                        );
                    }
                    while let Some(property_ref) = self.child(&child)? {
                        if property_ref.name == "PropertyRef" {
                            if let Some(name) = self.required(&property_ref, "Name") {
                                ty.key.push(name);
                            }
                        }
                    }
                }
                "Property" => {
                    if let Some(p) = self.property(child)? {
                        ty.properties.push(p);
                    }
                }
                "NavigationProperty" => {
                    let (Some(nav_name), Some(nav_ty)) = (
                        self.required(&child, "Name"),
                        self.type_attr(&child, "Type"),
                    ) else {
                        continue;
                    };
                    ty.navigation.push(NavigationProperty {
                        name: nav_name,
                        ty: nav_ty,
                        nullable: self.bool_attr(&child, "Nullable"),
                        contains_target: self.bool_attr(&child, "ContainsTarget").unwrap_or(false),
                        partner: child.attr("Partner").map(str::to_string),
                        location: self.location(&child),
                        annotations: self.inline_annotations(&child)?,
                    });
                }
                "Annotation" => self.annotation(child, &mut ty.annotations)?,
                _ => {}
            }
        }
        // The lists are kept until the model is built: no room to spare.
        ty.properties.shrink_to_fit();
        ty.navigation.shrink_to_fit();
        ty.annotations.shrink_to_fit();
        Ok(Some(ty))
    }

    fn property(&mut self, element: Tag<'i>) -> Fatal<Option<Property>> {
        let Some((name, ty)) = self.name_and_type(&element) else {
            return Ok(None);
        };
        Ok(Some(Property {
            name,
            ty,
            nullable: self.bool_attr(&element, "Nullable"),
            default_value: element.attr("DefaultValue").map(str::to_string),
            max_length: element.attr("MaxLength").map(str::to_string),
            precision: element.attr("Precision").map(str::to_string),
            scale: element.attr("Scale").map(str::to_string),
            location: self.location(&element),
            annotations: self.inline_annotations(&element)?,
        }))
    }

    fn enum_type(&mut self, element: Tag<'i>) -> Fatal<Option<EnumType>> {
        let Some(name) = self.required(&element, "Name") else {
            return Ok(None);
        };
        let mut ty = EnumType {
            name,
            is_flags: self.bool_attr(&element, "IsFlags").unwrap_or(false),
            underlying_type: element.attr("UnderlyingType").map(str::to_string),
            members: Vec::new(),
            annotations: Vec::new(),
            location: self.location(&element),
        };
        while let Some(child) = self.child(&element)? {
            match child.name {
                "Member" => {
                    if let Some(member_name) = self.required(&child, "Name") {
                        ty.members.push(EnumMember {
                            name: member_name,
                            value: child.attr("Value").map(str::to_string),
                            location: self.location(&child),
                            annotations: self.inline_annotations(&child)?,
                        });
                    }
                }
                "Annotation" => self.annotation(child, &mut ty.annotations)?,
                _ => {}
            }
        }
        ty.members.shrink_to_fit();
        Ok(Some(ty))
    }

    fn operation(&mut self, element: Tag<'i>) -> Fatal<Option<Operation>> {
        let Some(name) = self.required(&element, "Name") else {
            return Ok(None);
        };
        let mut op = Operation {
            kind: if element.name == "Action" {
                OperationKind::Action
            } else {
                OperationKind::Function
            },
            name,
            is_bound: self.bool_attr(&element, "IsBound").unwrap_or(false),
            is_composable: self.bool_attr(&element, "IsComposable").unwrap_or(false),
            entity_set_path: element.attr("EntitySetPath").map(str::to_string),
            parameters: Vec::new(),
            return_type: None,
            annotations: Vec::new(),
            location: self.location(&element),
        };
        while let Some(child) = self.child(&element)? {
            match child.name {
                "Parameter" => {
                    if let (Some(name), Some(ty)) = (
                        self.required(&child, "Name"),
                        self.type_attr(&child, "Type"),
                    ) {
                        op.parameters.push(Parameter {
                            name,
                            ty,
                            nullable: self.bool_attr(&child, "Nullable"),
                            location: self.location(&child),
                            annotations: self.inline_annotations(&child)?,
                        });
                    }
                }
                "ReturnType" => {
                    if let Some(ty) = self.type_attr(&child, "Type") {
                        op.return_type = Some(ReturnType {
                            ty,
                            nullable: self.bool_attr(&child, "Nullable"),
                            location: self.location(&child),
                        });
                    }
                }
                "Annotation" => self.annotation(child, &mut op.annotations)?,
                _ => {}
            }
        }
        Ok(Some(op))
    }

    fn term(&mut self, element: Tag<'i>) -> Fatal<Option<Term>> {
        let Some((name, ty)) = self.name_and_type(&element) else {
            return Ok(None);
        };
        Ok(Some(Term {
            name,
            ty,
            applies_to: element
                .attr("AppliesTo")
                .map(|a| a.split_whitespace().map(str::to_string).collect())
                .unwrap_or_default(),
            base_term: element.attr("BaseTerm").map(str::to_string),
            default_value: element.attr("DefaultValue").map(str::to_string),
            location: self.location(&element),
            annotations: self.inline_annotations(&element)?,
        }))
    }

    fn container(&mut self, element: Tag<'i>) -> Fatal<Option<EntityContainer>> {
        let Some(name) = self.required(&element, "Name") else {
            return Ok(None);
        };
        let mut container = EntityContainer {
            name,
            members: Vec::new(),
            annotations: Vec::new(),
            location: self.location(&element),
        };
        while let Some(child) = self.child(&element)? {
            let (kind, target_attr) = match child.name {
                "EntitySet" => (ContainerMemberKind::EntitySet, "EntityType"),
                "Singleton" => (ContainerMemberKind::Singleton, "Type"),
                "ActionImport" => (ContainerMemberKind::ActionImport, "Action"),
                "FunctionImport" => (ContainerMemberKind::FunctionImport, "Function"),
                "Annotation" => {
                    self.annotation(child, &mut container.annotations)?;
                    continue;
                }
                _ => continue,
            };
            let (Some(member_name), Some(target)) = (
                self.required(&child, "Name"),
                self.required(&child, target_attr),
            ) else {
                continue;
            };
            let mut member = ContainerMember {
                kind,
                name: member_name,
                target,
                bindings: Vec::new(),
                annotations: Vec::new(),
                location: self.location(&child),
            };
            while let Some(inner) = self.child(&child)? {
                match inner.name {
                    "NavigationPropertyBinding" => {
                        if let (Some(path), Some(target)) = (
                            self.required(&inner, "Path"),
                            self.required(&inner, "Target"),
                        ) {
                            member
                                .bindings
                                .push(NavigationPropertyBinding { path, target });
                        }
                    }
                    "Annotation" => self.annotation(inner, &mut member.annotations)?,
                    _ => {}
                }
            }
            container.members.push(member);
        }
        Ok(Some(container))
    }

    /// The `Annotation` children of an element whose other children do not matter.
    fn inline_annotations(&mut self, element: &Tag<'i>) -> Fatal<Vec<Annotation>> {
        let mut annotations = Vec::new();
        while let Some(child) = self.child(element)? {
            if child.name == "Annotation" {
                self.annotation(child, &mut annotations)?;
            }
        }
        annotations.shrink_to_fit();
        Ok(annotations)
    }

    fn annotation(&mut self, element: Tag<'i>, into: &mut Vec<Annotation>) -> Fatal<()> {
        let Some(term) = self.required(&element, "Term") else {
            return Ok(());
        };
        match value_of(&mut self.events, &element) {
            Ok(value) => into.push(Annotation {
                term,
                qualifier: element.attr("Qualifier").map(str::to_string),
                value,
                location: self.location(&element),
            }),
            Err(Bad::Value(message)) => {
                self.error(&element, format!("annotation `{term}`: {message}"))
            }
            Err(Bad::Xml(error)) => return Err(error),
        }
        Ok(())
    }

    fn required(&mut self, element: &Tag<'_>, name: &str) -> Option<String> {
        match element.attr(name) {
            Some(value) if name == "Name" && value.chars().count() > MAX_NAME => {
                self.error(
                    element,
                    format!(
                        "<{}> has a Name of {} characters; CSDL names have at most {MAX_NAME}",
                        element.name,
                        value.chars().count()
                    ),
                );
                None
            }
            Some(value) if !value.trim().is_empty() => Some(value.to_string()),
            _ => {
                self.error(
                    element,
                    format!("<{}> needs a `{name}` attribute", element.name),
                );
                None
            }
        }
    }

    /// `Name` and `Type`, both required; the type is only checked when there is a name.
    fn name_and_type(&mut self, element: &Tag<'_>) -> Option<(String, TypeRef)> {
        let name = self.required(element, "Name")?;
        Some((name, self.type_attr(element, "Type")?))
    }

    fn bool_attr(&mut self, element: &Tag<'_>, name: &str) -> Option<bool> {
        match element.attr(name)? {
            "true" => Some(true),
            "false" => Some(false),
            other => {
                self.error(
                    element,
                    format!("`{name}` must be true or false, not `{other}`"),
                );
                None
            }
        }
    }

    fn type_attr(&mut self, element: &Tag<'_>, name: &str) -> Option<TypeRef> {
        let text = self.required(element, name)?;
        match parse_type_ref(&text) {
            Some(ty) => Some(ty),
            None => {
                self.error(
                    element,
                    format!("`{text}` is not a type name or Collection(type name)"),
                );
                None
            }
        }
    }
}

/// `Edm.String` or `Collection(Edm.String)`; anything else malformed is `None`.
pub fn parse_type_ref(text: &str) -> Option<TypeRef> {
    let (name, collection) = match text.strip_prefix("Collection(") {
        Some(rest) => (rest.strip_suffix(')')?, true),
        None => (text, false),
    };
    let valid = !name.is_empty()
        && name.split('.').all(|part| {
            let mut chars = part.chars();
            chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
                && chars.all(|c| c.is_alphanumeric() || c == '_')
        });
    valid.then(|| TypeRef {
        name: name.to_string(),
        collection,
    })
}
