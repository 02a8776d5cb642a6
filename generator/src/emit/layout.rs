//! Where each generated item lives and what it is called: one module per namespace under
//! `models`, one identifier per selected type (two for a polymorphic type: the enum and the
//! struct of its own fields), and relative paths between them.

use super::names::{self, Scope};
use crate::model::{Model, TypeId};
use crate::select::Selection;
use crate::{Error, ErrorKind};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// A module path from the root of the generated output, e.g. `["beta", "models", "security"]`.
pub type ModulePath = Vec<String>;

/// The alias a module imports the output root as (`use super::super as root;`), so that its
/// paths read `root::operation::Operation` however deep it is. Paths written "from" the module
/// path `[ROOT]` start with it.
pub const ROOT: &str = "root";

#[derive(Debug, Clone)]
pub struct TypeNames {
    pub module: ModulePath,
    /// The name other types use: the enum of a polymorphic type, else its struct or enum.
    pub ident: String,
    /// The struct holding a polymorphic type's own fields (`…Base`).
    pub base_struct: Option<String>,
}

impl TypeNames {
    /// The struct that holds this type's fields.
    pub fn struct_ident(&self) -> &str {
        self.base_struct.as_deref().unwrap_or(&self.ident)
    }
}

pub struct Layout {
    /// Namespace → module path.
    pub modules: BTreeMap<String, ModulePath>,
    pub names: BTreeMap<TypeId, TypeNames>,
    /// Selected types with selected descendants: these become enums.
    pub polymorphic: BTreeMap<TypeId, Vec<TypeId>>,
    pub support: ModulePath,
}

impl Layout {
    pub fn new(
        model: &Model,
        selection: &Selection,
        version_module: &str,
    ) -> Result<Layout, Error> {
        let root = common_namespace(model.namespaces.keys().map(String::as_str));
        let models = vec![version_module.to_string(), "models".to_string()];
        let mut modules = BTreeMap::new();
        let mut module_scope = Scope::new();
        for namespace in model.namespaces.keys() {
            let rest = if *namespace == root {
                ""
            } else if root.is_empty() {
                namespace.as_str()
            } else {
                namespace
                    .strip_prefix(&root)
                    .and_then(|r| r.strip_prefix('.'))
                    .unwrap_or(namespace)
            };
            let mut path = models.clone();
            if !rest.is_empty() {
                let words: Vec<String> = rest
                    .split('.')
                    .map(|w| names::snake(w).trim_start_matches("r#").to_string())
                    .collect();
                path.push(module_scope.claim(names::module(&words.join("_"))));
            }
            modules.insert(namespace.clone(), path);
        }

        let mut polymorphic = BTreeMap::new();
        for &id in &selection.types {
            if model.get(id).structured().is_none() {
                continue;
            }
            let variants: Vec<TypeId> = model
                .descendants(id)
                .into_iter()
                .filter(|d| selection.contains(*d))
                .collect();
            if !variants.is_empty() {
                polymorphic.insert(id, variants);
            }
        }

        // Primary names first (in sorted order of qualified names), synthetic ones after, so
        // a real type always keeps its own name.
        let mut scopes: BTreeMap<ModulePath, Scope> = BTreeMap::new();
        let mut names = BTreeMap::new();
        for &id in &selection.types {
            let def = model.get(id);
            let module = modules[def.namespace.as_str()].clone();
            let ident = scopes
                .entry(module.clone())
                .or_default()
                .claim(names::camel(&def.name));
            names.insert(
                id,
                TypeNames {
                    module,
                    ident,
                    base_struct: None,
                },
            );
        }
        for &id in polymorphic.keys() {
            let entry = names.get_mut(&id).ok_or_else(|| naming_bug(model, id))?;
            let scope = scopes.entry(entry.module.clone()).or_default();
            entry.base_struct = Some(scope.claim(format!("{}Base", entry.ident)));
        }
        Ok(Layout {
            modules,
            names,
            polymorphic,
            support: vec!["support".to_string()],
        })
    }

    pub fn names(&self, id: TypeId) -> &TypeNames {
        &self.names[&id]
    }

    /// A path to `ident` in module `to`, written from inside module `from`.
    pub fn path(&self, from: &ModulePath, to: &ModulePath, ident: &str) -> TokenStream {
        if from.len() == 1 && from[0] == ROOT {
            let root = format_ident!("{}", ROOT);
            let downs = to.iter().map(|m| format_ident!("{}", m));
            let ident = ident_tokens(ident);
            return quote!(#root:: #(#downs::)* #ident);
        }
        let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
        let supers = (common..from.len()).map(|_| quote!(super));
        let downs = to[common..].iter().map(|m| format_ident!("{}", m));
        let ident = ident_tokens(ident);
        quote!(#(#supers::)* #(#downs::)* #ident)
    }

    /// The type other types use to refer to `id`.
    pub fn type_ref(&self, from: &ModulePath, id: TypeId) -> TokenStream {
        let names = self.names(id);
        self.path(from, &names.module, &names.ident)
    }

    /// The struct with `id`'s own fields.
    pub fn struct_ref(&self, from: &ModulePath, id: TypeId) -> TokenStream {
        let names = self.names(id);
        self.path(from, &names.module, names.struct_ident())
    }

    /// `support::<item>`, from inside `from`.
    pub fn support(&self, from: &ModulePath, item: &str) -> TokenStream {
        self.path(from, &self.support, item)
    }
}

/// An identifier as tokens, raw when it is a keyword.
pub fn ident_tokens(ident: &str) -> TokenStream {
    match ident.strip_prefix("r#") {
        Some(raw) => {
            let i = proc_macro2::Ident::new_raw(raw, proc_macro2::Span::call_site());
            quote!(#i)
        }
        None => {
            let i = format_ident!("{}", ident);
            quote!(#i)
        }
    }
}

fn naming_bug(model: &Model, id: TypeId) -> Error {
    let def = model.get(id);
    Error::new(
        def.location,
        ErrorKind::Naming,
        "a polymorphic type has no name (a bug in graphgen)",
    )
    .named(def.qualified())
}

/// The longest dotted prefix shared by all namespaces: `microsoft.graph` for Graph.
fn common_namespace<'a>(namespaces: impl Iterator<Item = &'a str>) -> String {
    let mut common: Option<Vec<&str>> = None;
    for ns in namespaces {
        let parts: Vec<&str> = ns.split('.').collect();
        common = Some(match common {
            None => parts,
            Some(c) => c
                .iter()
                .zip(&parts)
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| *a)
                .collect(),
        });
    }
    common.unwrap_or_default().join(".")
}

#[cfg(test)]
mod tests {
    use super::common_namespace;

    #[test]
    fn the_root_namespace_is_the_common_dotted_prefix() {
        let graph = [
            "microsoft.graph",
            "microsoft.graph.security",
            "microsoft.graph.callRecords",
        ];
        assert_eq!(common_namespace(graph.into_iter()), "microsoft.graph");
        assert_eq!(
            common_namespace(["microsoft.graph"].into_iter()),
            "microsoft.graph"
        );
        assert_eq!(common_namespace(["a.b", "a.bc"].into_iter()), "a");
        assert_eq!(common_namespace(["x", "y"].into_iter()), "");
    }
}
