//! Requests: one typed operation per endpoint of the selection, in a module tree that mirrors
//! the path (`device_management::device_enrollment_configurations::item::assignments`).
//! Collections get `list` and `create`, entities `get`, `update` and `delete`, and bound
//! actions and functions are offered on every path to their binding type or a type derived
//! from it. Capabilities annotations switch operations and query options off.

use super::docs::clean;
use super::layout::{ident_tokens, ModulePath, ROOT};
use super::names::{self, Scope};
use super::{Emitter, Endpoint, EndpointKind};
use crate::csdl::{ContainerMemberKind, OperationKind};
use crate::model::{Capabilities, PathNode, PathSegment, Primitive, Target, TypeId};
use crate::select::Selection;
use crate::Error;
use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// A module of the request tree: its operations and its child modules.
#[derive(Default)]
struct Module {
    doc: Option<String>,
    items: Vec<TokenStream>,
    functions: Scope,
    children: BTreeMap<String, Module>,
}

/// What a path node needs for its operations.
pub(super) struct Node<'p> {
    pub(super) path: &'p PathNode,
    pub(super) module: ModulePath,
    /// The typed path arguments, in path order: (Rust name, key type).
    pub(super) params: Vec<(String, Target)>,
    /// `format!` pieces: literal text or the index of a parameter.
    pub(super) template: String,
    pub(super) capabilities: Capabilities,
    pub(super) description: Option<String>,
    pub(super) is_singleton: bool,
}

/// A top-level module of the requests (one per singleton or entity set) with the paths under
/// it, in selection order.
pub(super) struct Root<'p> {
    pub(super) ident: String,
    /// The singleton or entity set.
    pub(super) name: String,
    pub(super) paths: Vec<&'p PathNode>,
}

/// The file of one top-level module, made on any thread.
pub(super) struct RootFile {
    pub(super) ident: String,
    /// The formatted file without its header, with the module's `ENDPOINTS`; `None` when
    /// the module has no operation.
    pub(super) text: Option<String>,
}

impl<'s> Emitter<'s> {
    /// The top-level modules of the requests of a version; each becomes a file of its own.
    pub(super) fn request_roots(&self) -> Vec<Root<'s>> {
        let mut scope = Scope::new();
        scope.claim(ROOT.to_string());
        let mut roots: Vec<Root<'s>> = Vec::new();
        let selection: &'s Selection = self.selection;
        for path in &selection.paths {
            let Some(PathSegment::Root { name, .. }) = path.segments.first() else {
                continue;
            };
            match roots.iter_mut().find(|r| &r.name == name) {
                Some(root) => root.paths.push(path),
                None => roots.push(Root {
                    ident: scope.claim(names::module(name)),
                    name: name.clone(),
                    paths: vec![path],
                }),
            }
        }
        roots
    }

    /// The module of one top-level resource, formatted, and its endpoints.
    pub(super) fn request_root(&self, version: &str, root: &Root<'_>) -> Result<RootFile, Error> {
        let (module, endpoints) = self.root_module(version, root);
        let text = if module.is_empty() {
            None
        } else {
            // The module is `version::requests::root`.
            let mut path = base(version);
            path.push(root.ident.clone());
            let endpoint = self
                .layout
                .path(&path, &vec!["operation".to_string()], "Endpoint");
            let rows = endpoints.iter().map(|e| {
                let (method, path, operation) = (e.method, &e.path, &e.operation);
                quote!(#endpoint { method: #method, path: #path, operation: #operation },)
            });
            let doc = module.doc.as_ref().map(|d| {
                let line = format!(" `{d}`");
                quote!(#![doc = #line])
            });
            let mut file = quote! {
                #doc
                /// Every endpoint of this module: method, path template and operation.
                pub const ENDPOINTS: &[#endpoint] = &[#(#rows)*];
            };
            file.extend(module.into_tokens(path.len()));
            Some(super::format("", super::parse(file)?))
        };
        Ok(RootFile {
            ident: root.ident.clone(),
            text,
        })
    }

    fn root_module(&self, version: &str, root: &Root<'_>) -> (Module, Vec<Endpoint>) {
        let base = base(version);
        let mut module = Module::default();
        let mut endpoints = Vec::new();
        let mut module_names: BTreeMap<(ModulePath, String), String> = BTreeMap::new();
        module_names.insert((base.clone(), root.name.clone()), root.ident.clone());
        let mut scopes: BTreeMap<ModulePath, Scope> = BTreeMap::new();
        for path in &root.paths {
            let node = self.node(path, &base, &mut module_names, &mut scopes);
            let at = module.at(&node.module[base.len() + 1..]);
            if at.doc.is_none() {
                at.doc = Some(path.template(self.model));
            }
            self.operations(&node, at, &mut endpoints);
        }
        (module, endpoints)
    }

    /// The `mod.rs` of the `requests` module of a version: a `mod` for every top-level module
    /// that has operations, once their files are made, and the table of their `ENDPOINTS`.
    pub(super) fn requests_mod(&self, version: &str, files: &[RootFile]) -> Result<String, Error> {
        let base = base(version);
        let endpoint = self
            .layout
            .path(&base, &vec!["operation".to_string()], "Endpoint");
        let root_cfg = |root: &str| self.features.as_ref().and_then(|f| f.root_cfg(root));
        let mut idents: Vec<&str> = files
            .iter()
            .filter(|f| f.text.is_some())
            .map(|f| f.ident.as_str())
            .collect();
        idents.sort();
        let (mods, tables): (Vec<_>, Vec<_>) = idents
            .iter()
            .map(|name| {
                let ident = format_ident!("{}", name);
                let cfg = root_cfg(name);
                (
                    quote!(#cfg pub mod #ident;),
                    quote!(#cfg #ident::ENDPOINTS,),
                )
            })
            .unzip();
        let module = quote! {
            #![doc = " Requests: one typed operation per endpoint, in modules that follow the path."]
            #![doc = ""]
            #![doc = " Each function builds an `Operation` without I/O; send it with your own HTTP client"]
            #![doc = " (`Operation::request`, then `Operation::parse`) or with `client::Client`."]
            #![allow(deprecated)]
            #![allow(clippy::too_many_arguments)]

            /// The endpoints of each top-level module (its `ENDPOINTS`), in module order.
            pub const ENDPOINTS: &[&[#endpoint]] = &[#(#tables)*];

            /// Every endpoint of this module: method, path template and operation.
            pub fn endpoints() -> impl ::std::iter::Iterator<Item = &'static #endpoint> {
                ENDPOINTS.iter().flat_map(|table| table.iter())
            }

            #(#mods)*
        };
        Ok(super::format("", super::parse(module)?))
    }

    /// Every endpoint of the selection.
    pub(super) fn endpoints(&self, version: &str) -> Vec<Endpoint> {
        self.request_roots()
            .iter()
            .flat_map(|root| self.root_module(version, root).1)
            .collect()
    }

    fn node<'p>(
        &self,
        path: &'p PathNode,
        base: &ModulePath,
        module_names: &mut BTreeMap<(ModulePath, String), String>,
        scopes: &mut BTreeMap<ModulePath, Scope>,
    ) -> Node<'p> {
        let model = self.model;
        let mut module = base.clone();
        let mut params = Vec::new();
        let mut param_scope = Scope::new();
        let mut template = String::new();
        let mut capabilities = Capabilities::default();
        let mut description = None;
        let mut current: Option<TypeId> = None;
        let mut root_caps = Capabilities::default();
        let mut below_root = String::new();
        let mut is_singleton = false;
        for segment in &path.segments {
            let label = match segment {
                PathSegment::Root { name, .. } => {
                    let entry = model
                        .container
                        .as_ref()
                        .and_then(|c| c.members.iter().find(|m| m.name == name));
                    if let Some(entry) = entry {
                        capabilities = entry.capabilities.clone();
                        root_caps = entry.capabilities.clone();
                        description = entry.notes.description.clone();
                        current = entry.ty;
                        is_singleton = entry.kind == ContainerMemberKind::Singleton;
                    }
                    template.push('/');
                    template.push_str(name);
                    name.clone()
                }
                PathSegment::Navigation { name, .. } => {
                    is_singleton = false;
                    let nav = current
                        .and_then(|t| model.navigation(t).into_iter().find(|n| n.name == name));
                    if !below_root.is_empty() {
                        below_root.push('/');
                    }
                    below_root.push_str(name);
                    capabilities = nav.map(|n| n.capabilities.clone()).unwrap_or_default();
                    // A restriction the container puts on this navigation path wins.
                    if let Some(restricted) = root_caps
                        .navigation
                        .as_ref()
                        .and_then(|r| r.restricted.iter().find(|(p, _, _)| *p == below_root))
                    {
                        capabilities = restricted.2.clone().or(capabilities);
                    }
                    description = nav.and_then(|n| n.notes.description.clone());
                    current = nav.and_then(|n| match n.ty.target {
                        Target::Type(t) => Some(t),
                        Target::Primitive(_) => None,
                    });
                    template.push('/');
                    template.push_str(name);
                    name.clone()
                }
                PathSegment::Key { entity } => {
                    let def = model.get(*entity);
                    let name = param_scope.claim(format!("{}_id", names::snake(&def.name)));
                    let key_type = model
                        .key(*entity)
                        .first()
                        .and_then(|k| model.properties(*entity).into_iter().find(|p| p.name == k))
                        .map_or(Target::Primitive(Primitive::String), |p| p.ty.target);
                    params.push((name, key_type));
                    template.push_str("/{}");
                    "{key}".to_string()
                }
            };
            let key = (module.clone(), label.clone());
            let ident = match module_names.get(&key) {
                Some(ident) => ident.clone(),
                None => {
                    let scope = scopes.entry(module.clone()).or_insert_with(|| {
                        let mut scope = Scope::new();
                        scope.claim(ROOT.to_string());
                        scope
                    });
                    let wanted = if label == "{key}" {
                        "item".to_string()
                    } else {
                        names::module(&label)
                    };
                    let ident = scope.claim(wanted);
                    module_names.insert(key, ident.clone());
                    ident
                }
            };
            module.push(ident);
        }
        let type_caps = model
            .get(path.ty)
            .structured()
            .map(|s| s.capabilities.clone())
            .unwrap_or_default();
        Node {
            path,
            module,
            params,
            template,
            capabilities: capabilities.or(type_caps),
            description: description.or_else(|| model.get(path.ty).notes.description.clone()),
            is_singleton,
        }
    }

    fn operations(&self, node: &Node<'_>, module: &mut Module, endpoints: &mut Vec<Endpoint>) {
        let model = self.model;
        let caps = &node.capabilities;
        let from = &vec![ROOT.to_string()];
        // A navigation the schema says cannot be followed offers no operations of its own.
        let navigable = caps
            .navigation
            .as_ref()
            .and_then(|n| n.navigability.as_deref())
            != Some("None");
        let selected = navigable && self.selection.offers_all(node.path.ty);
        let entity = if selected {
            self.layout.type_ref(from, node.path.ty)
        } else {
            quote!()
        };
        let support = |name: &str| self.layout.path(from, &vec!["operation".to_string()], name);
        let operation = support("Operation");
        let page = support("Page");
        let template = node.path.template(model);
        let mut add = |module: &mut Module,
                       name: &str,
                       kind: EndpointKind,
                       method: &'static str,
                       suffix: &str,
                       build: &dyn Fn(&proc_macro2::Ident) -> TokenStream| {
            let claimed = module.functions.claim(name.to_string());
            endpoints.push(Endpoint {
                method,
                path: format!("{template}{suffix}"),
                operation: format!("{}::{claimed}", module_path_text(&node.module)),
                kind,
            });
            if !self.endpoints_only {
                module.items.push(build(&format_ident!("{}", claimed)));
            }
        };
        let (args, path_expr) = self.path_arguments(node, "");
        let describe = |what: &str, method: &str, suffix: &str| {
            let mut lines = vec![
                format!(" {what}"),
                String::new(),
                format!(" `{method} {template}{suffix}`"),
            ];
            if let Some(d) = &node.description {
                lines.push(String::new());
                lines.push(format!(" {}", clean(d)));
            }
            lines.extend_from_slice(self.notes.lines(method, &format!("{template}{suffix}")));
            quote!(#(#[doc = #lines])*)
        };
        if selected && node.path.collection {
            if caps.read.as_ref().and_then(|r| r.readable) != Some(false) {
                let options = self.options(from, caps, true);
                let doc = describe(
                    "Lists the collection, a page at a time (`Operation::next_page`).",
                    "GET",
                    "",
                );
                add(module, "list", EndpointKind::List, "GET", "", &|name| {
                    quote! {
                        #doc
                        pub fn #name(#(#args),*) -> #operation<#page<#entity>, #options> {
                            #operation::get(#path_expr)
                        }
                    }
                });
            }
            if caps.insert.as_ref().and_then(|r| r.insertable) != Some(false) {
                let doc = describe(
                    "Creates an item of the collection; Graph answers `201 Created` with it.",
                    "POST",
                    "",
                );
                add(
                    module,
                    "create",
                    EndpointKind::Create,
                    "POST",
                    "",
                    &|name| {
                        quote! {
                            #doc
                            pub fn #name(#(#args,)* body: &#entity) -> #operation<#entity> {
                                #operation::json(::http::Method::POST, #path_expr, body)
                            }
                        }
                    },
                );
            }
        }
        if selected && !node.path.collection {
            let readable = caps.read.as_ref().and_then(|r| {
                if node.params.is_empty() {
                    r.readable
                } else {
                    r.readable_by_key.or(r.readable)
                }
            });
            if readable != Some(false) {
                let options = self.options(from, caps, false);
                let doc = describe("Reads the entity.", "GET", "");
                add(module, "get", EndpointKind::Get, "GET", "", &|name| {
                    quote! {
                        #doc
                        pub fn #name(#(#args),*) -> #operation<#entity, #options> {
                            #operation::get(#path_expr)
                        }
                    }
                });
            }
            if caps.update.as_ref().and_then(|u| u.updatable) != Some(false) {
                let put = caps
                    .update
                    .as_ref()
                    .and_then(|u| u.update_method.as_deref())
                    == Some("PUT");
                let (method, method_tokens) = if put {
                    ("PUT", quote!(::http::Method::PUT))
                } else {
                    ("PATCH", quote!(::http::Method::PATCH))
                };
                let what = if put {
                    "Replaces the entity with `body`: properties left out are reset, so send the whole entity; Graph answers with it (`Some`) or `204 No Content` (`None`)."
                } else {
                    "Updates the entity with the properties set in `body` (absent ones are left alone, `Null` ones cleared); Graph answers with the updated entity (`Some`) or `204 No Content` (`None`)."
                };
                let doc = describe(what, method, "");
                add(
                    module,
                    "update",
                    EndpointKind::Update,
                    method,
                    "",
                    &|name| {
                        quote! {
                            #doc
                            pub fn #name(#(#args,)* body: &#entity) -> #operation<::std::option::Option<#entity>> {
                                #operation::update(#method_tokens, #path_expr, body)
                            }
                        }
                    },
                );
            }
            let deletable = caps.delete.as_ref().and_then(|d| d.deletable) != Some(false);
            if deletable && !node.is_singleton {
                let doc = describe(
                    "Deletes the entity; Graph answers `204 No Content`.",
                    "DELETE",
                    "",
                );
                add(
                    module,
                    "delete",
                    EndpointKind::Delete,
                    "DELETE",
                    "",
                    &|name| {
                        quote! {
                            #doc
                            pub fn #name(#(#args),*) -> #operation<()> {
                                #operation::empty(::http::Method::DELETE, #path_expr)
                            }
                        }
                    },
                );
            }
        }
        // Bound operations: the most derived binding wins when a name is bound more than once.
        for op in self
            .selection
            .operations(model, node.path.ty, node.path.collection)
        {
            let (kind, method) = match op.kind {
                OperationKind::Action => (EndpointKind::Action, "POST"),
                OperationKind::Function => (EndpointKind::Function, "GET"),
            };
            let suffix = match op.kind {
                OperationKind::Action => format!("/{}", op.name),
                OperationKind::Function => {
                    let params: Vec<String> = op
                        .arguments()
                        .iter()
                        .map(|p| format!("{0}={{{0}}}", p.name))
                        .collect();
                    format!("/{}({})", op.name, params.join(","))
                }
            };
            let documented = self.notes.lines(method, &format!("{template}{suffix}"));
            add(
                module,
                &names::snake(&op.name),
                kind,
                method,
                &suffix,
                &|name| self.bound_operation(node, op, &template, name, documented),
            );
        }
    }

    /// The arguments of a path and the expression that formats it, percent-encoding each key.
    pub(super) fn path_arguments(
        &self,
        node: &Node<'_>,
        suffix: &str,
    ) -> (Vec<TokenStream>, TokenStream) {
        let from = vec![ROOT.to_string()];
        let encode = self
            .layout
            .path(&from, &vec!["operation".to_string()], "encode_segment");
        let mut args = Vec::new();
        let mut values = Vec::new();
        for (name, ty) in &node.params {
            let ident = ident_tokens(name);
            match ty {
                Target::Primitive(Primitive::String) | Target::Primitive(Primitive::Guid) => {
                    args.push(quote!(#ident: &str));
                    values.push(quote!(#encode(#ident)));
                }
                Target::Primitive(p) if p.integer_range().is_some() => {
                    let ty = super::types::primitive(&self.layout, &from, *p);
                    args.push(quote!(#ident: #ty));
                    values.push(quote!(#encode(&#ident.to_string())));
                }
                _ => {
                    args.push(quote!(#ident: &str));
                    values.push(quote!(#encode(#ident)));
                }
            }
        }
        let format = format!("{}{}", node.template, suffix);
        let expr = if values.is_empty() {
            quote!(::std::string::String::from(#format))
        } else {
            quote!(::std::format!(#format, #(#values),*))
        };
        (args, expr)
    }

    fn options(&self, from: &ModulePath, caps: &Capabilities, collection: bool) -> TokenStream {
        let query = self
            .layout
            .path(from, &vec!["operation".to_string()], "QueryOptions");
        let select = caps.select_supported != Some(false);
        let expand = caps.expand.as_ref().and_then(|e| e.expandable) != Some(false);
        let list = |flag: Option<bool>| collection && flag != Some(false);
        let filter = list(caps.filter.as_ref().and_then(|f| f.filterable));
        let orderby = list(caps.sort.as_ref().and_then(|s| s.sortable));
        let top = list(caps.top_supported);
        let skip = list(caps.skip_supported);
        let count = list(caps.count.as_ref().and_then(|c| c.countable));
        let search = list(caps.search.as_ref().and_then(|s| s.searchable));
        let flags = [select, expand, filter, orderby, top, skip, count, search];
        let operation = vec!["operation".to_string()];
        if flags == [true; 8] {
            self.layout.path(from, &operation, "ListOptions")
        } else if flags == [true, true, false, false, false, false, false, false] {
            self.layout.path(from, &operation, "ItemOptions")
        } else {
            quote!(#query<#select, #expand, #filter, #orderby, #top, #skip, #count, #search>)
        }
    }
}

impl Module {
    fn at(&mut self, path: &[String]) -> &mut Module {
        match path.split_first() {
            None => self,
            Some((first, rest)) => self.children.entry(first.clone()).or_default().at(rest),
        }
    }

    /// No operation here or below.
    fn is_empty(&self) -> bool {
        self.items.is_empty() && self.children.values().all(Module::is_empty)
    }

    /// The module's contents: the import of the output root, its items and its nested
    /// modules; `depth` is how many modules below the output root it is. Each module's tokens
    /// are moved into its parent's: `quote!` copies every token of a stream it is given, twice
    /// at each level of modules nested up to five deep.
    fn into_tokens(self, depth: usize) -> TokenStream {
        let mut tokens = TokenStream::new();
        if !self.items.is_empty() {
            let supers = (0..depth).map(|_| quote!(super));
            let root = format_ident!("{}", ROOT);
            tokens.extend(quote!(use #(#supers)::* as #root;));
        }
        tokens.extend(self.items);
        for (name, child) in self.children {
            if child.is_empty() {
                continue;
            }
            let ident = format_ident!("{}", name);
            let doc = child.doc.as_ref().map(|d| {
                let line = format!(" `{d}`");
                quote!(#[doc = #line])
            });
            tokens.extend(quote!(#doc pub mod #ident));
            let body = Group::new(Delimiter::Brace, child.into_tokens(depth + 1));
            tokens.extend([TokenTree::Group(body)]);
        }
        tokens
    }
}

/// The module path of a version's requests: `version::requests`.
fn base(version: &str) -> ModulePath {
    vec![version.to_string(), "requests".to_string()]
}

fn module_path_text(module: &ModulePath) -> String {
    module[2..].join("::")
}
