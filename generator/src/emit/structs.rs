//! One struct per structured type: `@odata.type`, every property (inherited first), the
//! navigation properties whose targets are generated, and the properties nobody declared;
//! with `Default`, and with `Serialize` and `Deserialize` written out over the runtime's
//! object reader and writer: one line a field, where serde's derives with `flatten` made
//! `cargo check` of all of v1.0 take twice as long.

use super::docs::{deprecated, doc_attrs};
use super::layout::{ident_tokens, Layout, ModulePath};
use super::names::{self, Scope};
use super::types::{field_type, Recursion};
use super::Emitter;
use crate::model::{Target, TypeId, TypeKind, TypeUse};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// A property or navigation property, as a field.
struct Field<'m> {
    wire: &'m str,
    ty: TypeUse,
    nullable: bool,
    doc: TokenStream,
    deprecated: TokenStream,
}

impl Emitter<'_> {
    pub(super) fn structure(
        &self,
        id: TypeId,
        module: &ModulePath,
        recursion: &Recursion,
    ) -> TokenStream {
        let model = self.model;
        let layout: &Layout = &self.layout;
        let def = model.get(id);
        let kind = match def.kind {
            TypeKind::Entity(_) => "entity type",
            _ => "complex type",
        };
        let qualified = def.qualified();
        let ident = format_ident!("{}", layout.names(id).struct_ident());
        let mut extra = vec![format!("Graph {kind} `{qualified}`.")];
        if layout.polymorphic.contains_key(&id) {
            let public = &layout.names(id).ident;
            extra.push(format!(
                "The fields of `{qualified}` itself; [`{public}`] is the type that holds any of its derived types."
            ));
        }
        let doc = doc_attrs(&def.notes, &extra);
        let type_deprecated = deprecated(&def.notes);

        let properties = model.properties(id).into_iter().map(|p| Field {
            wire: &p.name,
            ty: p.ty,
            nullable: p.nullable,
            doc: doc_attrs(&p.notes, &[]),
            deprecated: deprecated(&p.notes),
        });
        let navigation = self.emitted_navigation(id).into_iter().map(|n| Field {
            wire: &n.name,
            ty: n.ty,
            nullable: n.nullable,
            doc: doc_attrs(
                &n.notes,
                &["Navigation property; present when expanded.".to_string()],
            ),
            deprecated: deprecated(&n.notes),
        });

        let mut scope = Scope::new();
        scope.claim("odata_type".to_string());
        scope.claim("additional_data".to_string());
        let mut fields = Vec::new();
        let mut idents = Vec::new();
        let mut wires = Vec::new();
        for field in properties.chain(navigation) {
            let name = ident_tokens(&scope.claim(names::snake(field.wire)));
            let boxed = match field.ty.target {
                Target::Type(t) => !field.ty.collection && recursion.boxed(id, t),
                Target::Primitive(_) => false,
            };
            let ty = field_type(model, layout, module, field.ty, field.nullable, boxed);
            let (doc, dep) = (&field.doc, &field.deprecated);
            fields.push(quote! {
                #doc
                #dep
                pub #name: #ty,
            });
            idents.push(name);
            wires.push(field.wire);
        }
        let tag = format!("#{qualified}");
        let object = layout.support(module, "Object");
        let writer = layout.support(module, "ObjectWriter");
        let reader = layout.support(module, "ObjectReader");
        quote! {
            #doc
            #type_deprecated
            #[derive(Debug, Clone, PartialEq)]
            pub struct #ident {
                /// The `@odata.type` as sent or received; set to this type by `Default`.
                pub odata_type: ::std::option::Option<::std::string::String>,
                #(#fields)*
                /// Properties the schema does not declare, kept as they were received.
                pub additional_data: #object,
            }

            impl ::std::default::Default for #ident {
                fn default() -> Self {
                    Self {
                        odata_type: ::std::option::Option::Some(::std::string::String::from(#tag)),
                        #(#idents: ::std::default::Default::default(),)*
                        additional_data: ::std::default::Default::default(),
                    }
                }
            }

            impl ::serde::Serialize for #ident {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    let mut object = #writer::new(serializer)?;
                    object.put("@odata.type", &self.odata_type)?;
                    #(object.put(#wires, &self.#idents)?;)*
                    object.end(&self.additional_data)
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #ident {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    let mut object = #reader::new(deserializer)?;
                    ::std::result::Result::Ok(Self {
                        odata_type: object.take("@odata.type")?,
                        #(#idents: object.take(#wires)?,)*
                        additional_data: object.undeclared(),
                    })
                }
            }
        }
    }
}
