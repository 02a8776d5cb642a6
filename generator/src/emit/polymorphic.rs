//! A structured type with derived types becomes an enum over every concrete type of its
//! hierarchy (itself included, even when abstract, since Graph sends abstract base types), with
//! a fallback that keeps any other `@odata.type` and all its fields.

use super::layout::{Layout, ModulePath};
use super::names::{self, Scope};
use super::Emitter;
use crate::model::TypeId;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;

impl Emitter<'_> {
    pub(super) fn polymorphic(&self, id: TypeId, module: &ModulePath) -> TokenStream {
        let model = self.model;
        let layout: &Layout = &self.layout;
        let def = model.get(id);
        let qualified = def.qualified();
        let ident = format_ident!("{}", layout.names(id).ident);
        let mut members = vec![id];
        members.extend(layout.polymorphic[&id].iter().copied());

        // Variants are named after their types; where two namespaces use one name, the
        // namespace's module goes in front.
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for &m in &members {
            *counts.entry(names::camel(&model.get(m).name)).or_default() += 1;
        }
        let mut scope = Scope::new();
        scope.claim("Other".to_string());
        let variants: Vec<(TypeId, proc_macro2::Ident)> = members
            .iter()
            .map(|&m| {
                let d = model.get(m);
                let mut name = names::camel(&d.name);
                let module_name = layout.names(m).module.get(2).cloned();
                if counts[&name] > 1 {
                    if let Some(module_name) = module_name {
                        name = format!("{}{name}", names::camel(&module_name));
                    }
                }
                (m, format_ident!("{}", scope.claim(name)))
            })
            .collect();

        let docs = super::docs::doc_attrs(
            &crate::model::Notes::default(),
            &[
                format!("Graph type `{qualified}` or any type derived from it, chosen by `@odata.type`."),
                "The name in `@odata.type` may have a leading `#` and any letter case; an object without it is the base type itself, and an unknown type is kept whole in `Other`. New schema versions add derived types, so the enum is non-exhaustive.".to_string(),
            ],
        );
        let object = layout.support(module, "Object");
        let odata_type = layout.support(module, "odata_type");
        let from_object = layout.support(module, "from_object");

        // In a crate with features, a derived type's variant is there when its type is.
        let cfg = |m: TypeId| if m == id { None } else { self.type_cfg(m) };
        let variant_defs = variants.iter().map(|(m, v)| {
            let ty = layout.struct_ref(module, *m);
            let doc = format!(" `{}`", model.get(*m).qualified());
            let cfg = cfg(*m);
            quote!(#cfg #[doc = #doc] #v(#ty),)
        });
        let arms = variants.iter().map(|(m, v)| {
            let name = model.get(*m).qualified().to_ascii_lowercase();
            let cfg = cfg(*m);
            quote!(#cfg ::std::option::Option::Some(#name) => #from_object(object).map(Self::#v),)
        });
        let base_variant = &variants[0].1;
        let serialize_arms = variants.iter().map(|(m, v)| {
            let cfg = cfg(*m);
            quote!(#cfg Self::#v(value) => ::serde::Serialize::serialize(value, serializer),)
        });
        let froms = variants.iter().map(|(m, v)| {
            let ty = layout.struct_ref(module, *m);
            let cfg = cfg(*m);
            quote! {
                #cfg
                impl ::std::convert::From<#ty> for #ident {
                    fn from(value: #ty) -> Self {
                        Self::#v(value)
                    }
                }
            }
        });
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq)]
            #[non_exhaustive]
            pub enum #ident {
                #(#variant_defs)*
                /// A type this crate does not know, with all its fields.
                Other(#object),
            }

            impl ::serde::Serialize for #ident {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    match self {
                        #(#serialize_arms)*
                        Self::Other(object) => ::serde::Serialize::serialize(object, serializer),
                    }
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #ident {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    let object = <#object as ::serde::Deserialize>::deserialize(deserializer)?;
                    match #odata_type(&object).as_deref() {
                        #(#arms)*
                        ::std::option::Option::None => #from_object(object).map(Self::#base_variant),
                        ::std::option::Option::Some(_) => ::std::result::Result::Ok(Self::Other(object)),
                    }
                }
            }

            #(#froms)*
        }
    }
}
