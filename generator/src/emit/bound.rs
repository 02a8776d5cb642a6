//! Bound actions and functions on a request path: an action posts its parameters as a typed
//! body, a function takes them as OData literals in the path.

use super::docs::clean;
use super::layout::{ident_tokens, ModulePath, ROOT};
use super::names::{self, Scope};
use super::requests::Node;
use super::Emitter;
use crate::csdl::OperationKind;
use crate::model::{OperationDef, Primitive, Target, TypeUse};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

impl Emitter<'_> {
    /// The operation of a bound action or function; `documented` are the doc lines its
    /// reference page adds.
    pub(super) fn bound_operation(
        &self,
        node: &Node<'_>,
        op: &OperationDef,
        template: &str,
        name: &proc_macro2::Ident,
        documented: &[String],
    ) -> TokenStream {
        let from = &vec![ROOT.to_string()];
        let support = |name: &str| self.layout.path(from, &vec!["operation".to_string()], name);
        let operation = support("Operation");
        let parameters = op.arguments();
        let (output, parse) = match op.return_type {
            None => (quote!(()), support("parse_empty")),
            Some((ty, _)) => {
                let value = super::types::value_type(self.model, &self.layout, from, ty.target);
                let structured = matches!(ty.target, Target::Type(t) if self.model.get(t).structured().is_some());
                if ty.collection && op.kind == OperationKind::Function {
                    // A function's collection is paged like a list (`delta()` among them).
                    let page = support("Page");
                    let parse = support("parse_json");
                    (quote!(#page<#value>), quote!(#parse::<#page<#value>>))
                } else if ty.collection {
                    let parse = support("parse_values");
                    (quote!(::std::vec::Vec<#value>), quote!(#parse::<#value>))
                } else if structured {
                    let parse = support("parse_json");
                    (quote!(#value), quote!(#parse::<#value>))
                } else if ty.target == Target::Primitive(Primitive::Stream) {
                    // A stream (a report's CSV, a photo) is the body itself, not JSON.
                    (quote!(::std::vec::Vec<u8>), support("parse_bytes"))
                } else {
                    let parse = support("parse_value");
                    (quote!(#value), quote!(#parse::<#value>))
                }
            }
        };
        let kind = match op.kind {
            OperationKind::Action => "action",
            OperationKind::Function => "function",
        };
        let method = if op.kind == OperationKind::Action {
            "POST"
        } else {
            "GET"
        };
        let mut lines = vec![
            format!(" Calls the bound {kind} `{}.{}`.", op.namespace, op.name),
            String::new(),
            format!(
                " `{method} {template}/{}{}`",
                op.name,
                if op.kind == OperationKind::Function {
                    "(…)"
                } else {
                    ""
                }
            ),
        ];
        if let Some(d) = &op.notes.description {
            lines.push(String::new());
            lines.push(format!(" {}", clean(d)));
        }
        lines.extend_from_slice(documented);
        let doc = quote!(#(#[doc = #lines])*);
        match op.kind {
            OperationKind::Action => {
                let (args, path_expr) = self.path_arguments(node, &format!("/{}", op.name));
                if parameters.is_empty() {
                    quote! {
                        #doc
                        pub fn #name(#(#args),*) -> #operation<#output> {
                            #operation::new(::http::Method::POST, #path_expr, ::std::option::Option::None, #parse)
                        }
                    }
                } else {
                    let body = format_ident!("{}Parameters", names::camel(&op.name));
                    let fields = parameters.iter().map(|p| {
                        let field = ident_tokens(&names::snake(&p.name));
                        let wire = p.name.as_str();
                        let ty = self.parameter_type(from, p.ty, p.nullable && !p.ty.collection);
                        let skip = (p.nullable && !p.ty.collection).then(|| {
                            quote!(skip_serializing_if = "::std::option::Option::is_none",)
                        });
                        quote!(#[serde(rename = #wire, #skip)] pub #field: #ty,)
                    });
                    let body_doc = format!(" The body of `{}`.", op.name);
                    let default = parameters
                        .iter()
                        .all(|p| p.ty.collection || p.nullable || self.has_default(p.ty.target))
                        .then(|| quote!(Default,));
                    quote! {
                        #[doc = #body_doc]
                        #[derive(Debug, Clone, PartialEq, #default ::serde::Serialize)]
                        pub struct #body {
                            #(#fields)*
                        }

                        #doc
                        pub fn #name(#(#args,)* body: &#body) -> #operation<#output> {
                            #operation::with_json(::http::Method::POST, #path_expr, body, #parse)
                        }
                    }
                }
            }
            OperationKind::Function => {
                let literal = support("function_literal");
                let mut args: Vec<TokenStream> = Vec::new();
                let mut pieces = Vec::new();
                let mut values = Vec::new();
                let (path_args, _) = self.path_arguments(node, "");
                args.extend(path_args);
                let encode = support("encode_segment");
                for (param, _) in &node.params {
                    let ident = ident_tokens(param);
                    values.push(quote!(#encode(&#ident.to_string())));
                }
                // Function parameters share the argument list with the path's keys.
                let mut taken = Scope::new();
                for (key, _) in &node.params {
                    taken.claim(key.clone());
                }
                for p in parameters {
                    let param = ident_tokens(&taken.claim(names::snake(&p.name)));
                    let ty = self.parameter_type(from, p.ty, p.nullable);
                    args.push(quote!(#param: &#ty));
                    pieces.push(format!("{}={{}}", p.name));
                    values.push(match p.ty.target {
                        Target::Primitive(
                            Primitive::Date
                            | Primitive::DateTimeOffset
                            | Primitive::TimeOfDay
                            | Primitive::Guid,
                        ) => {
                            let bare = support("function_literal_bare");
                            quote!(#bare(#param))
                        }
                        Target::Primitive(Primitive::Duration | Primitive::Binary) => {
                            let typed = support("function_literal_typed");
                            let prefix = if p.ty.target == Target::Primitive(Primitive::Duration) {
                                "duration"
                            } else {
                                "binary"
                            };
                            quote!(#typed(#prefix, #param))
                        }
                        _ => quote!(#literal(#param)),
                    });
                }
                let format = format!("{}/{}({})", node.template, op.name, pieces.join(","));
                quote! {
                    #doc
                    pub fn #name(#(#args),*) -> #operation<#output> {
                        #operation::new(::http::Method::GET, ::std::format!(#format, #(#values),*), ::std::option::Option::None, #parse)
                    }
                }
            }
        }
    }

    /// Whether the Rust type of `target` implements `Default`: enums and polymorphic types
    /// have no natural default.
    fn has_default(&self, target: Target) -> bool {
        match target {
            Target::Primitive(_) => true,
            Target::Type(id) => match &self.model.get(id).kind {
                crate::model::TypeKind::Enum(e) => e.is_flags,
                crate::model::TypeKind::Definition(_) => true,
                _ => !self.layout.polymorphic.contains_key(&id),
            },
        }
    }

    fn parameter_type(&self, from: &ModulePath, ty: TypeUse, nullable: bool) -> TokenStream {
        let mut inner = super::types::value_type(self.model, &self.layout, from, ty.target);
        if ty.collection {
            inner = quote!(::std::vec::Vec<#inner>);
        }
        if nullable && !ty.collection {
            quote!(::std::option::Option<#inner>)
        } else {
            inner
        }
    }
}
