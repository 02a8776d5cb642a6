//! Enum types: open enums that keep unknown members, used as flag sets when `IsFlags`.

use super::docs::{deprecated, doc_attrs};
use super::layout::ModulePath;
use super::names::{self, Scope};
use super::Emitter;
use crate::model::{TypeId, TypeKind};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

impl Emitter<'_> {
    pub(super) fn enumeration(&self, id: TypeId, module: &ModulePath) -> TokenStream {
        let def = self.model.get(id);
        let TypeKind::Enum(e) = &def.kind else {
            return quote!();
        };
        let ident = format_ident!("{}", self.layout.names(id).ident);
        let qualified = def.qualified();
        let mut extra = vec![format!("Graph enum type `{qualified}`.")];
        if e.is_flags {
            extra.push(
                "A flags type: properties hold a set of these members, written `\"a,b\"` (see `Flags`)."
                    .to_string(),
            );
        }
        extra.push(
            "A member this version of the crate does not know is kept as `Other` with its name; new schema versions add members, so the enum is non-exhaustive."
                .to_string(),
        );
        let doc = doc_attrs(&def.notes, &extra);
        let type_deprecated = deprecated(&def.notes);

        let mut scope = Scope::new();
        scope.claim("Other".to_string());
        let members: Vec<_> = e
            .members
            .iter()
            .map(|m| (m, format_ident!("{}", scope.claim(names::camel(&m.name)))))
            .collect();
        let variants = members.iter().map(|(m, v)| {
            let doc = doc_attrs(&m.notes, &[]);
            let dep = deprecated(&m.notes);
            quote!(#doc #dep #v,)
        });
        let to_name = members.iter().map(|(m, v)| {
            let name = m.name.as_str();
            quote!(Self::#v => #name,)
        });
        let from_name = members.iter().map(|(m, v)| {
            let name = m.name.as_str();
            quote!(#name => Self::#v,)
        });
        let to_value = members.iter().map(|(m, v)| {
            let value = proc_macro2::Literal::i64_unsuffixed(m.value);
            quote!(Self::#v => ::std::option::Option::Some(#value),)
        });
        let open_enum = self.layout.support(module, "OpenEnum");
        let serialize_enum = self.layout.support(module, "serialize_enum");
        let deserialize_enum = self.layout.support(module, "deserialize_enum");
        quote! {
            #doc
            #type_deprecated
            #[derive(Debug, Clone, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum #ident {
                #(#variants)*
                /// A member not in the schema this crate was generated from.
                Other(::std::string::String),
            }

            impl #ident {
                /// The member's value in the schema; `None` for `Other`.
                pub fn value(&self) -> ::std::option::Option<i64> {
                    match self {
                        #(#to_value)*
                        Self::Other(_) => ::std::option::Option::None,
                    }
                }
            }

            impl #open_enum for #ident {
                fn as_str(&self) -> &str {
                    match self {
                        #(#to_name)*
                        Self::Other(name) => name,
                    }
                }

                fn from_name(name: &str) -> Self {
                    match name {
                        #(#from_name)*
                        other => Self::Other(::std::string::String::from(other)),
                    }
                }
            }

            impl ::std::fmt::Display for #ident {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(#open_enum::as_str(self))
                }
            }

            impl ::serde::Serialize for #ident {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    #serialize_enum(self, serializer)
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #ident {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    #deserialize_enum(deserializer)
                }
            }
        }
    }
}
