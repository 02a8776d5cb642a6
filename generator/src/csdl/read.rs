//! The element tree into the CSDL syntax tree, collecting every shape error of the document.

use super::annotation::value_of;
use super::xml::{self, Element, Ns};
use super::*;
use crate::source::Source;
use crate::{Error, ErrorKind, Errors};

/// The longest simple identifier CSDL allows.
const MAX_NAME: usize = 128;

/// Reads one CSDL document: an `edmx:Edmx` envelope, or a bare `Schema` (for overlays).
pub fn read(source: &Source) -> Result<Document, Errors> {
    let root = xml::parse(source)?;
    let mut reader = Reader {
        source,
        errors: Vec::new(),
    };
    let document = reader.document(&root);
    Errors::check(reader.errors)?;
    Ok(document)
}

struct Reader<'s> {
    source: &'s Source,
    errors: Vec<Error>,
}

impl Reader<'_> {
    fn location(&self, element: &Element<'_>) -> Location {
        self.source.location(element.offset)
    }

    fn error(&mut self, element: &Element<'_>, message: impl Into<String>) {
        let location = self.location(element);
        self.errors
            .push(Error::new(location, ErrorKind::Csdl, message));
    }

    fn document(&mut self, root: &Element<'_>) -> Document {
        let mut document = Document::default();
        match (root.ns, root.name) {
            (Ns::Edmx, "Edmx") => {
                for services in root.children.iter().filter(|c| c.ns == Ns::Edmx) {
                    if services.name != "DataServices" {
                        continue;
                    }
                    for schema in &services.children {
                        if schema.name == "Schema" {
                            if let Some(schema) = self.schema(schema) {
                                document.schemas.push(schema);
                            }
                        }
                    }
                }
                if document.schemas.is_empty() && self.errors.is_empty() {
                    self.error(root, "edmx:Edmx has no edmx:DataServices/Schema");
                }
            }
            (_, "Schema") => {
                if let Some(schema) = self.schema(root) {
                    document.schemas.push(schema);
                }
            }
            (Ns::Edmx | Ns::Edm, name) => self.error(
                root,
                format!("expected edmx:Edmx or Schema as the root element, found <{name}>"),
            ),
            (_, name) => self.error(
                root,
                format!(
                    "<{name}> is not in the EDMX namespace `{}`; is this a CSDL document?",
                    xml::EDMX_NS
                ),
            ),
        }
        document
    }

    fn schema(&mut self, element: &Element<'_>) -> Option<Schema> {
        if element.ns != Ns::Edm {
            self.error(
                element,
                format!(
                    "<Schema> must be in the CSDL namespace `{}` (xmlns=\"{}\")",
                    xml::EDM_NS,
                    xml::EDM_NS
                ),
            );
            return None;
        }
        let namespace = self.required(element, "Namespace")?;
        let mut schema = Schema {
            namespace,
            alias: element.attr("Alias").map(str::to_string),
            location: self.location(element),
            ..Schema::default()
        };
        for child in element.children.iter().filter(|c| c.ns == Ns::Edm) {
            match child.name {
                "EntityType" => {
                    if let Some(t) = self.structured(child, StructuredKind::Entity) {
                        schema.entity_types.push(t);
                    }
                }
                "ComplexType" => {
                    if let Some(t) = self.structured(child, StructuredKind::Complex) {
                        schema.complex_types.push(t);
                    }
                }
                "EnumType" => {
                    if let Some(t) = self.enum_type(child) {
                        schema.enum_types.push(t);
                    }
                }
                "TypeDefinition" => {
                    if let (Some(name), Some(underlying)) = (
                        self.required(child, "Name"),
                        self.required(child, "UnderlyingType"),
                    ) {
                        schema.type_definitions.push(TypeDefinition {
                            name,
                            underlying_type: underlying,
                            annotations: self.inline_annotations(child),
                            location: self.location(child),
                        });
                    }
                }
                "Action" | "Function" => {
                    if let Some(op) = self.operation(child) {
                        schema.operations.push(op);
                    }
                }
                "Term" => {
                    if let Some(term) = self.term(child) {
                        schema.terms.push(term);
                    }
                }
                "EntityContainer" => {
                    if let Some(container) = self.container(child) {
                        schema.containers.push(container);
                    }
                }
                "Annotations" => {
                    if let Some(target) = self.required(child, "Target") {
                        schema.annotations.push(Annotations {
                            target,
                            qualifier: child.attr("Qualifier").map(str::to_string),
                            annotations: self.inline_annotations(child),
                            location: self.location(child),
                        });
                    }
                }
                _ => {}
            }
        }
        Some(schema)
    }

    fn structured(
        &mut self,
        element: &Element<'_>,
        kind: StructuredKind,
    ) -> Option<StructuredType> {
        let name = self.required(element, "Name")?;
        let mut key = Vec::new();
        let mut properties = Vec::new();
        let mut navigation = Vec::new();
        for child in element.children.iter().filter(|c| c.ns == Ns::Edm) {
            match child.name {
                "Key" => {
                    if kind == StructuredKind::Complex {
                        self.error(
                            child,
                            format!("complex type `{name}` has a Key; only entity types have keys"),
                        );
                    }
                    for property_ref in child.children.iter().filter(|c| c.is("PropertyRef")) {
                        if let Some(name) = self.required(property_ref, "Name") {
                            key.push(name);
                        }
                    }
                }
                "Property" => {
                    if let Some(p) = self.property(child) {
                        properties.push(p);
                    }
                }
                "NavigationProperty" => {
                    let (Some(nav_name), Some(ty)) =
                        (self.required(child, "Name"), self.type_attr(child, "Type"))
                    else {
                        continue;
                    };
                    navigation.push(NavigationProperty {
                        name: nav_name,
                        ty,
                        nullable: self.bool_attr(child, "Nullable"),
                        contains_target: self.bool_attr(child, "ContainsTarget").unwrap_or(false),
                        partner: child.attr("Partner").map(str::to_string),
                        annotations: self.inline_annotations(child),
                        location: self.location(child),
                    });
                }
                _ => {}
            }
        }
        Some(StructuredType {
            kind,
            name,
            base_type: element.attr("BaseType").map(str::to_string),
            is_abstract: self.bool_attr(element, "Abstract").unwrap_or(false),
            open_type: self.bool_attr(element, "OpenType").unwrap_or(false),
            has_stream: self.bool_attr(element, "HasStream").unwrap_or(false),
            key,
            properties,
            navigation,
            annotations: self.inline_annotations(element),
            location: self.location(element),
        })
    }

    fn property(&mut self, element: &Element<'_>) -> Option<Property> {
        let name = self.required(element, "Name")?;
        let ty = self.type_attr(element, "Type")?;
        Some(Property {
            name,
            ty,
            nullable: self.bool_attr(element, "Nullable"),
            default_value: element.attr("DefaultValue").map(str::to_string),
            max_length: element.attr("MaxLength").map(str::to_string),
            precision: element.attr("Precision").map(str::to_string),
            scale: element.attr("Scale").map(str::to_string),
            annotations: self.inline_annotations(element),
            location: self.location(element),
        })
    }

    fn enum_type(&mut self, element: &Element<'_>) -> Option<EnumType> {
        let name = self.required(element, "Name")?;
        let mut members = Vec::new();
        for child in element.children.iter().filter(|c| c.is("Member")) {
            if let Some(member_name) = self.required(child, "Name") {
                members.push(EnumMember {
                    name: member_name,
                    value: child.attr("Value").map(str::to_string),
                    annotations: self.inline_annotations(child),
                    location: self.location(child),
                });
            }
        }
        Some(EnumType {
            name,
            is_flags: self.bool_attr(element, "IsFlags").unwrap_or(false),
            underlying_type: element.attr("UnderlyingType").map(str::to_string),
            members,
            annotations: self.inline_annotations(element),
            location: self.location(element),
        })
    }

    fn operation(&mut self, element: &Element<'_>) -> Option<Operation> {
        let name = self.required(element, "Name")?;
        let kind = if element.name == "Action" {
            OperationKind::Action
        } else {
            OperationKind::Function
        };
        let mut parameters = Vec::new();
        let mut return_type = None;
        for child in element.children.iter().filter(|c| c.ns == Ns::Edm) {
            match child.name {
                "Parameter" => {
                    if let (Some(name), Some(ty)) =
                        (self.required(child, "Name"), self.type_attr(child, "Type"))
                    {
                        parameters.push(Parameter {
                            name,
                            ty,
                            nullable: self.bool_attr(child, "Nullable"),
                            annotations: self.inline_annotations(child),
                            location: self.location(child),
                        });
                    }
                }
                "ReturnType" => {
                    if let Some(ty) = self.type_attr(child, "Type") {
                        return_type = Some(ReturnType {
                            ty,
                            nullable: self.bool_attr(child, "Nullable"),
                            location: self.location(child),
                        });
                    }
                }
                _ => {}
            }
        }
        Some(Operation {
            kind,
            name,
            is_bound: self.bool_attr(element, "IsBound").unwrap_or(false),
            is_composable: self.bool_attr(element, "IsComposable").unwrap_or(false),
            entity_set_path: element.attr("EntitySetPath").map(str::to_string),
            parameters,
            return_type,
            annotations: self.inline_annotations(element),
            location: self.location(element),
        })
    }

    fn term(&mut self, element: &Element<'_>) -> Option<Term> {
        let name = self.required(element, "Name")?;
        let ty = self.type_attr(element, "Type")?;
        Some(Term {
            name,
            ty,
            applies_to: element
                .attr("AppliesTo")
                .map(|a| a.split_whitespace().map(str::to_string).collect())
                .unwrap_or_default(),
            base_term: element.attr("BaseTerm").map(str::to_string),
            default_value: element.attr("DefaultValue").map(str::to_string),
            annotations: self.inline_annotations(element),
            location: self.location(element),
        })
    }

    fn container(&mut self, element: &Element<'_>) -> Option<EntityContainer> {
        let name = self.required(element, "Name")?;
        let mut members = Vec::new();
        for child in element.children.iter().filter(|c| c.ns == Ns::Edm) {
            let (kind, target_attr) = match child.name {
                "EntitySet" => (ContainerMemberKind::EntitySet, "EntityType"),
                "Singleton" => (ContainerMemberKind::Singleton, "Type"),
                "ActionImport" => (ContainerMemberKind::ActionImport, "Action"),
                "FunctionImport" => (ContainerMemberKind::FunctionImport, "Function"),
                _ => continue,
            };
            let (Some(member_name), Some(target)) = (
                self.required(child, "Name"),
                self.required(child, target_attr),
            ) else {
                continue;
            };
            let bindings = child
                .children
                .iter()
                .filter(|c| c.is("NavigationPropertyBinding"))
                .filter_map(|b| {
                    Some(NavigationPropertyBinding {
                        path: self.required(b, "Path")?,
                        target: self.required(b, "Target")?,
                    })
                })
                .collect();
            members.push(ContainerMember {
                kind,
                name: member_name,
                target,
                bindings,
                annotations: self.inline_annotations(child),
                location: self.location(child),
            });
        }
        Some(EntityContainer {
            name,
            members,
            annotations: self.inline_annotations(element),
            location: self.location(element),
        })
    }

    fn inline_annotations(&mut self, element: &Element<'_>) -> Vec<Annotation> {
        let mut annotations = Vec::new();
        for child in element.children.iter().filter(|c| c.is("Annotation")) {
            let Some(term) = self.required(child, "Term") else {
                continue;
            };
            match value_of(child) {
                Ok(value) => annotations.push(Annotation {
                    term,
                    qualifier: child.attr("Qualifier").map(str::to_string),
                    value,
                    location: self.location(child),
                }),
                Err(message) => self.error(child, format!("annotation `{term}`: {message}")),
            }
        }
        annotations
    }

    fn required(&mut self, element: &Element<'_>, name: &str) -> Option<String> {
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

    fn bool_attr(&mut self, element: &Element<'_>, name: &str) -> Option<bool> {
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

    fn type_attr(&mut self, element: &Element<'_>, name: &str) -> Option<TypeRef> {
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
