//! Cargo features of a generated crate, so that a user who needs one area compiles only that
//! area: one feature per namespace of models (`v1_0-models`, `v1_0-models-security`) and one
//! per top-level resource of requests (`v1_0-requests-device-management`). Each feature brings
//! along what its types need from other areas, type by type: a type is compiled when any
//! feature that needs it is on, and a variant of a polymorphic enum when its type is. A type
//! that more than [`MAX_LISTED`] areas need goes with every feature of its version (through
//! `{version}-common`), which keeps the `#[cfg]` lists short.

use super::layout::ModulePath;
use super::names::Scope;
use super::requests::Root;
use super::Emitter;
use crate::model::{Target, TypeId};
use std::collections::{BTreeMap, BTreeSet};

/// The most features a type's `#[cfg]` names; a type needed by more is common.
pub const MAX_LISTED: usize = 8;

/// One feature of an API version.
#[derive(Debug, Clone)]
pub struct Feature {
    pub name: String,
    /// One line for the comment above it in `Cargo.toml`.
    pub doc: String,
}

/// The features of one API version and which of them each type needs.
#[derive(Debug, Clone)]
pub struct Features {
    /// The version's module.
    pub module: String,
    /// The feature that turns all of the version on (its module's name, where Cargo allows).
    pub name: String,
    /// The feature every area feature enables, for the types many of them need; `None` when
    /// there are none.
    pub common: Option<String>,
    /// Its area features, models first, then requests, each in name order.
    pub list: Vec<Feature>,
    /// Per selected type: the indices into `list` of the features that need it, or `None`
    /// when more than [`MAX_LISTED`] do (it then goes with [`Features::common`]).
    needed_by: BTreeMap<TypeId, Option<Vec<usize>>>,
    /// Request root module → index of its feature.
    roots: BTreeMap<String, usize>,
}

impl Features {
    /// The `#[cfg]` of a type's items; `None` when every feature of the crate needs it.
    pub fn type_cfg(&self, id: TypeId) -> Option<syn::Attribute> {
        match self.needed_by.get(&id) {
            Some(Some(list)) => Some(any(list.iter().map(|&i| self.list[i].name.as_str()))),
            _ => self.common.as_deref().map(|common| any([common])),
        }
    }

    /// The `#[cfg]` of a request root module and its endpoints.
    pub fn root_cfg(&self, root: &str) -> Option<syn::Attribute> {
        self.roots
            .get(root)
            .map(|&i| any([self.list[i].name.as_str()]))
    }
}

/// `#[cfg(feature = "a")]`, or `#[cfg(any(feature = "a", feature = "b", …))]`.
fn any<'a>(names: impl IntoIterator<Item = &'a str>) -> syn::Attribute {
    let names: Vec<&str> = names.into_iter().collect();
    match names.as_slice() {
        [one] => syn::parse_quote!(#[cfg(feature = #one)]),
        many => syn::parse_quote!(#[cfg(any(#(feature = #many),*))]),
    }
}

impl Emitter<'_> {
    /// The features of `version`, given the top-level request modules that have operations.
    /// Feature names are claimed in `taken`, which holds the crate's other feature and
    /// dependency names.
    pub(super) fn features(
        &self,
        version: &str,
        roots: &[&Root<'_>],
        taken: &mut Scope,
    ) -> Features {
        let model = self.model;
        // Cargo wants a letter, digit or `_` first: `été` gives `t`.
        let prefix = match word(version).trim_matches('-') {
            "" => "api".to_string(),
            trimmed => trimmed.to_string(),
        };
        let prefix = taken.claim(prefix);
        let needs = self.direct_needs();
        let mut areas: Vec<(Feature, Vec<TypeId>, Option<String>)> = Vec::new();

        // Models: the types of each namespace.
        let mut by_module: BTreeMap<&ModulePath, (String, Vec<TypeId>)> = BTreeMap::new();
        for (namespace, module) in &self.layout.modules {
            by_module.insert(module, (namespace.clone(), Vec::new()));
        }
        for &id in &self.selection.types {
            let module = &self.layout.names(id).module;
            if let Some((_, ids)) = by_module.get_mut(module) {
                ids.push(id);
            }
        }
        for (module, (namespace, ids)) in by_module {
            if ids.is_empty() {
                continue;
            }
            let name = taken.claim(match module.get(2) {
                None => format!("{prefix}-models"),
                Some(m) => format!("{prefix}-models-{}", kebab(m)),
            });
            let doc = format!(
                "The types of `{namespace}` (module `{}`).",
                module.join("::")
            );
            areas.push((Feature { name, doc }, ids, None));
        }

        // Requests: the types each top-level resource's operations take and give.
        let mut sorted: Vec<&Root<'_>> = roots.to_vec();
        sorted.sort_by(|a, b| a.ident.cmp(&b.ident));
        for Root {
            ident: root,
            name,
            paths,
        } in sorted
        {
            let mut ids = Vec::new();
            for path in paths {
                // The path's own type is taken and given only where it offers everything.
                if self.selection.offers_all(path.ty) {
                    ids.push(path.ty);
                }
                for op in self.selection.operations(model, path.ty, path.collection) {
                    ids.extend(op.signature_targets().filter_map(|t| match t {
                        Target::Type(id) => Some(id),
                        Target::Primitive(_) => None,
                    }));
                }
            }
            let feature = taken.claim(format!("{prefix}-requests-{}", kebab(root)));
            let doc =
                format!("The requests under `/{name}` (module `{version}::requests::{root}`).");
            areas.push((Feature { name: feature, doc }, ids, Some(root.clone())));
        }

        let mut wanted: BTreeMap<TypeId, Vec<usize>> = BTreeMap::new();
        for (index, (_, ids, _)) in areas.iter().enumerate() {
            for id in reach(&needs, ids) {
                wanted.entry(id).or_default().push(index);
            }
        }
        let needed_by: BTreeMap<TypeId, Option<Vec<usize>>> = wanted
            .into_iter()
            .map(|(id, list)| (id, (list.len() <= MAX_LISTED).then_some(list)))
            .collect();
        let common = needed_by
            .values()
            .any(Option::is_none)
            .then(|| taken.claim(format!("{prefix}-common")));
        let roots = areas
            .iter()
            .enumerate()
            .filter_map(|(i, (_, _, root))| root.clone().map(|r| (r, i)))
            .collect();
        Features {
            module: version.to_string(),
            name: prefix,
            common,
            list: areas.into_iter().map(|(f, _, _)| f).collect(),
            needed_by,
            roots,
        }
    }

    /// Per selected type, the selected types its items name: base, property and navigation
    /// types. The derived types a property can hold are not among them: each variant of a
    /// polymorphic enum carries its own `#[cfg]`, and an object of a type that is not compiled
    /// is kept whole in the enum's `Other`.
    fn direct_needs(&self) -> BTreeMap<TypeId, Vec<TypeId>> {
        let model = self.model;
        let selected = |id: &TypeId| self.selection.contains(*id);
        let mut out = BTreeMap::new();
        for &id in &self.selection.types {
            let mut list = Vec::new();
            if let Some(s) = model.get(id).structured() {
                list.extend(s.base);
                let used = model
                    .properties(id)
                    .into_iter()
                    .map(|p| p.ty.target)
                    .chain(self.emitted_navigation(id).into_iter().map(|n| n.ty.target));
                list.extend(used.filter_map(|target| match target {
                    Target::Type(t) => Some(t),
                    Target::Primitive(_) => None,
                }));
            }
            list.retain(selected);
            list.sort();
            list.dedup();
            out.insert(id, list);
        }
        out
    }
}

/// Everything reachable from `roots` through `needs`, the roots included (when selected).
fn reach(needs: &BTreeMap<TypeId, Vec<TypeId>>, roots: &[TypeId]) -> BTreeSet<TypeId> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<TypeId> = roots.to_vec();
    while let Some(id) = todo.pop() {
        let Some(next) = needs.get(&id) else { continue };
        if seen.insert(id) {
            todo.extend(next.iter().copied());
        }
    }
    seen
}

/// A module name as a word of a feature name: `device_management` → `device-management`,
/// `type_` → `type`.
fn kebab(module: &str) -> String {
    word(module).replace('_', "-").trim_matches('-').to_string()
}

/// A name as Cargo allows it in a feature: ASCII letters, digits, `_` and `-`.
fn word(name: &str) -> String {
    name.trim_start_matches("r#")
        .chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '_' | '-' => c,
            _ => '-',
        })
        .collect()
}
