//! Stage 4, emit: the selected part of a model as Rust files in memory. Every item is built
//! with `quote!` and formatted with prettyplease; nothing here touches the disk or the XML.

mod bound;
mod docs;
mod enums;
mod features;
mod layout;
pub mod names;
mod package;
mod polymorphic;
mod requests;
mod structs;
mod support;
mod types;

use crate::model::{Model, NavigationDef, Target, TypeId, TypeKind};
use crate::select::Selection;
use crate::{Error, ErrorKind, Location};
pub(crate) use docs::clean;
pub use docs::OperationNotes;
use features::Features;
use layout::{Layout, ModulePath};
pub use package::Package;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use types::Recursion;

/// One API version to emit: its module name, what it was generated from, the model and the
/// selected types.
pub struct Version<'a> {
    pub module: String,
    /// File names of the inputs, for the header (never full paths: the output must not depend
    /// on where the inputs were).
    pub inputs: Vec<String>,
    pub model: &'a Model,
    pub selection: &'a Selection,
    /// What reference pages add to the doc comments of the operations they document.
    pub notes: &'a OperationNotes,
}

/// How the output is shaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Emit the `client` module (behind the crate's `client` feature).
    pub client: bool,
    /// Emit everything as inline modules of one file with this name, for `include!` from a
    /// build script, instead of a crate's `src/` tree.
    pub single_file: Option<PathBuf>,
    /// Emit a whole crate: its `Cargo.toml`, with a feature per area (see [`Package`]), and
    /// the sources under `src/`.
    pub package: Option<Package>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            client: true,
            single_file: None,
            package: None,
        }
    }
}

/// The files of the generated crate: `lib.rs`, the runtime modules and one folder per version
/// (or one file holding them all, see [`Settings::single_file`]; or a whole crate, see
/// [`Settings::package`]).
pub fn emit(
    versions: &[Version<'_>],
    settings: &Settings,
) -> Result<BTreeMap<PathBuf, String>, Error> {
    let inputs: Vec<String> = versions.iter().flat_map(|v| v.inputs.clone()).collect();
    emit_with(versions, settings, Runtime::new(&inputs, settings))
}

/// What making a request module costs, against a type's 1: one more per path.
fn root_cost(root: &requests::Root<'_>) -> usize {
    1 + root.paths.len()
}

/// The runtime modules (`support`, `operation` and, unless left out, `client`), formatted
/// with the header of the inputs. They depend on nothing else, so they can be made while the
/// metadata is read.
pub(crate) struct Runtime {
    /// The file names of every version's inputs, and the header that names them, which
    /// `lib.rs` gets too.
    inputs: Vec<String>,
    header: String,
    files: Result<Vec<(&'static str, String)>, Error>,
}

impl Runtime {
    pub(crate) fn new(inputs: &[String], settings: &Settings) -> Runtime {
        let header = header(inputs);
        let files = support::MODULES
            .iter()
            .filter(|(name, _)| *name != support::CLIENT || settings.client)
            .map(|(name, source)| {
                Ok((
                    *name,
                    format(&header, parse(support::tokens(name, source)?)?),
                ))
            })
            .collect();
        Runtime {
            inputs: inputs.to_vec(),
            header,
            files,
        }
    }
}

/// [`emit`] with the runtime modules, and the inputs they name, made beforehand with the same
/// settings.
pub(crate) fn emit_with(
    versions: &[Version<'_>],
    settings: &Settings,
    runtime: Runtime,
) -> Result<BTreeMap<PathBuf, String>, Error> {
    // Each file with the header naming the inputs it comes from.
    let mut files: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut module_scope = names::Scope::new();
    module_scope.claim(layout::ROOT.to_string());
    for (name, _) in support::MODULES {
        module_scope.claim(name.to_string());
    }
    let mut version_mods = Vec::new();
    let mut all_features = Vec::new();
    // Feature names share the manifest with `default`, `client` and the dependencies.
    let mut feature_names = names::Scope::new();
    for taken in package::RESERVED {
        feature_names.claim(taken.to_string());
    }
    for version in versions {
        let module = names::snake(&version.module);
        if module_scope.contains(&module) {
            return Err(Error::io(
                &version.module,
                format!("two API versions would both be the module `{module}`"),
            )
            .with_kind(ErrorKind::Naming));
        }
        module_scope.claim(module.clone());
        let mut emitter = Emitter {
            model: version.model,
            selection: version.selection,
            layout: Layout::new(version.model, version.selection, &module)?,
            features: None,
            notes: version.notes,
            endpoints_only: false,
        };
        let header = header(&version.inputs);
        let roots = emitter.request_roots();
        let features = settings.package.as_ref().map(|_| &mut feature_names);
        for (path, text) in emitter.files(&module, &roots, features)? {
            files.insert(path, format!("{header}{text}"));
        }
        all_features.extend(emitter.features);
        version_mods.push(format_ident!("{}", module));
    }
    let (all_inputs, header) = (runtime.inputs, runtime.header);
    let mut runtime_mods = Vec::new();
    for (name, text) in runtime.files? {
        let ident = format_ident!("{}", name);
        let cfg = (name == support::CLIENT).then(|| quote!(#[cfg(feature = "client")]));
        runtime_mods.push(quote!(#cfg #[rustfmt::skip] pub mod #ident;));
        files.insert(PathBuf::from(format!("{name}.rs")), text);
    }
    let lib = quote! {
        #![doc = " Typed Microsoft Graph models and requests, one module per API version."]
        #![doc = ""]
        #![doc = " Generated by graphgen: regenerate instead of editing. The modules keep graphgen's"]
        #![doc = " layout, so rustfmt leaves them alone."]
        #(#runtime_mods)*
        #(#[rustfmt::skip] pub mod #version_mods;)*
    };
    files.insert(PathBuf::from("lib.rs"), format(&header, parse(lib)?));
    match (&settings.single_file, &settings.package) {
        (None, None) => Ok(files),
        (None, Some(package)) => {
            let mut out: BTreeMap<PathBuf, String> = files
                .into_iter()
                .map(|(path, text)| (Path::new("src").join(path), text))
                .collect();
            out.insert(
                PathBuf::from("Cargo.toml"),
                package.manifest(&all_inputs, &all_features, settings.client),
            );
            Ok(out)
        }
        (Some(name), _) => {
            let mut parsed = BTreeMap::new();
            for (path, text) in files {
                let file = syn::parse_file(&text).map_err(|e| emitted_bug(&e))?;
                parsed.insert(path, file);
            }
            Ok(BTreeMap::from([(
                name.clone(),
                format(&header, nest(parsed)),
            )]))
        }
    }
}

/// One `syn::File` from the whole tree: each `mod x;` becomes `mod x { … }` with the file's
/// items. The root loses its inner attributes, which `include!` does not allow.
fn nest(files: BTreeMap<PathBuf, syn::File>) -> syn::File {
    let mut parsed = BTreeMap::new();
    for (path, file) in files {
        parsed.insert(module_of(&path), file);
    }
    fn build(path: Vec<String>, parsed: &mut BTreeMap<Vec<String>, syn::File>) -> syn::File {
        let mut file = parsed.remove(&path).unwrap_or_else(|| syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: Vec::new(),
        });
        for item in &mut file.items {
            if let syn::Item::Mod(m) = item {
                if m.content.is_none() {
                    let mut child_path = path.clone();
                    child_path.push(m.ident.to_string());
                    let child = build(child_path, parsed);
                    m.attrs.extend(child.attrs);
                    m.content = Some((Default::default(), child.items));
                    m.semi = None;
                }
            }
        }
        file
    }
    let mut root = build(Vec::new(), &mut parsed);
    root.attrs.clear();
    root
}

/// The module a file of the tree holds: `lib.rs` the root, `a/b/mod.rs` and `a/b.rs` `a::b`.
fn module_of(path: &std::path::Path) -> Vec<String> {
    let mut parts: Vec<String> = path
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// One endpoint of the generated requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub method: &'static str,
    /// The path template, `/deviceManagement/…/assignments/{}`.
    pub path: String,
    /// The operation's path below the version's `requests` module.
    pub operation: String,
    pub kind: EndpointKind,
}

/// What an operation does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndpointKind {
    List,
    Create,
    Get,
    Update,
    Delete,
    /// A bound action (POST).
    Action,
    /// A bound function (GET).
    Function,
}

/// Every endpoint the requests of one API version would offer, in the order of the
/// `ENDPOINTS` table.
pub fn endpoints(model: &Model, selection: &Selection) -> Result<Vec<Endpoint>, Error> {
    let notes = OperationNotes::default();
    let emitter = Emitter {
        model,
        selection,
        layout: Layout::new(model, selection, "api")?,
        features: None,
        notes: &notes,
        endpoints_only: true,
    };
    Ok(emitter.endpoints("api"))
}

pub(crate) struct Emitter<'a> {
    model: &'a Model,
    selection: &'a Selection,
    layout: Layout,
    /// The crate's features, when it is emitted as a whole crate.
    features: Option<Features>,
    notes: &'a OperationNotes,
    /// Only list the endpoints: the operations' items are not made.
    endpoints_only: bool,
}

impl Emitter<'_> {
    /// The navigation properties of `id` that become fields: those whose target is generated.
    fn emitted_navigation(&self, id: TypeId) -> Vec<&NavigationDef> {
        self.model
            .navigation(id)
            .into_iter()
            .filter(|n| matches!(n.ty.target, Target::Type(t) if self.selection.contains(t)))
            .collect()
    }

    /// The `#[cfg]` of a type's items: empty unless the crate has features.
    fn type_cfg(&self, id: TypeId) -> Option<syn::Attribute> {
        self.features.as_ref().and_then(|f| f.type_cfg(id))
    }

    /// The files of one version, formatted but without their header. The items of each type
    /// and the module of each top-level resource are made on all cores.
    /// With `features` (the feature names the crate has taken so far), the version's features
    /// are worked out once the request modules are made, since only those with operations get
    /// one, and before the types, whose `#[cfg]`s they decide.
    fn files(
        &mut self,
        version: &str,
        roots: &[requests::Root<'_>],
        features: Option<&mut names::Scope>,
    ) -> Result<Vec<(PathBuf, String)>, Error> {
        let recursion = Recursion::new(self.model, &self.layout, self.selection, |id| {
            self.emitted_navigation(id)
                .into_iter()
                .map(|n| (n.ty, n.nullable))
                .collect()
        });
        let types: Vec<TypeId> = self.selection.types.iter().copied().collect();
        // The request modules decide the features, and the features the types' `#[cfg]`s: a
        // crate with features makes its request modules first; any other makes everything in
        // one go, so that no core waits for the other between the two.
        let (root_files, done) = match features {
            Some(taken) => {
                // The largest first, so that no core is left with a big one at the end.
                let root_files = parallel(
                    roots.len(),
                    |i| root_cost(&roots[i]),
                    |i| self.request_root(version, &roots[i]),
                )
                .into_iter()
                .collect::<Result<Vec<_>, _>>()?;
                let live: Vec<&requests::Root<'_>> = roots
                    .iter()
                    .zip(&root_files)
                    .filter(|(_, file)| file.text.is_some())
                    .map(|(root, _)| root)
                    .collect();
                self.features = Some(self.features(version, &live, taken));
                let done = parallel(
                    types.len(),
                    |_| 1,
                    |i| self.type_items(types[i], &recursion),
                );
                (root_files, done)
            }
            None => {
                let mut root_files = Vec::new();
                let mut done = Vec::new();
                // The largest first, so that no core is left with a big one at the end.
                let all = parallel(
                    roots.len() + types.len(),
                    |i| roots.get(i).map_or(1, root_cost),
                    |i| match roots.get(i) {
                        Some(root) => Made::Root(self.request_root(version, root)),
                        None => Made::Type(self.type_items(types[i - roots.len()], &recursion)),
                    },
                );
                for made in all {
                    match made {
                        Made::Root(file) => root_files.push(file?),
                        Made::Type(items) => done.push(items),
                    }
                }
                (root_files, done)
            }
        };
        let mut items: BTreeMap<ModulePath, Vec<String>> = BTreeMap::new();
        let models: ModulePath = vec![version.to_string(), "models".to_string()];
        items.entry(models.clone()).or_default();
        for (id, result) in types.iter().zip(done) {
            let module = self.layout.names(*id).module.clone();
            items.entry(module).or_default().extend(result?);
        }

        let mut files = Vec::new();
        let requests_decl = (!roots.is_empty()).then(|| {
            quote!(
                pub mod requests;
            )
        });
        let version_mod = quote! {
            #![doc = " The API version's models and requests."]
            pub mod models;
            #requests_decl
        };
        files.push((
            PathBuf::from(version).join("mod.rs"),
            format("", parse(version_mod)?),
        ));
        if !roots.is_empty() {
            let requests = PathBuf::from(version).join("requests");
            files.push((
                requests.join("mod.rs"),
                self.requests_mod(version, &root_files)?,
            ));
            for file in root_files {
                if let Some(text) = file.text {
                    files.push((requests.join(format!("{}.rs", file.ident)), text));
                }
            }
        }
        let submodules: Vec<_> = items
            .keys()
            .filter(|m| m.len() > models.len())
            .map(|m| format_ident!("{}", m[models.len()]))
            .collect();
        for (module, body) in items {
            let is_root = module == models;
            let path = if is_root {
                PathBuf::from(version).join("models").join("mod.rs")
            } else {
                PathBuf::from(version)
                    .join("models")
                    .join(format!("{}.rs", module[models.len()]))
            };
            let namespace = self
                .layout
                .modules
                .iter()
                .find(|(_, m)| **m == module)
                .map(|(ns, _)| ns.clone())
                .unwrap_or_default();
            let doc = format!(" Types of the `{namespace}` namespace.");
            let mods = is_root.then(|| quote!(#(pub mod #submodules;)*));
            let mut parts = format_parts(parse(quote! {
                #![doc = #doc]
                #![allow(deprecated)]
                #![allow(clippy::large_enum_variant, clippy::enum_variant_names, clippy::doc_lazy_continuation)]
                #mods
            })?);
            parts.extend(body);
            files.push((path, join("", parts)));
        }
        Ok(files)
    }

    /// The formatted items of one type (its struct or enum and their impls), each with the
    /// type's `#[cfg]` when the crate has features.
    fn type_items(&self, id: TypeId, recursion: &Recursion) -> Result<Vec<String>, Error> {
        let names = self.layout.names(id);
        let module = names.module.clone();
        let tokens = match &self.model.get(id).kind {
            TypeKind::Entity(_) | TypeKind::Complex(_) => {
                let mut t = self.structure(id, &module, recursion);
                if self.layout.polymorphic.contains_key(&id) {
                    t.extend(self.polymorphic(id, &module));
                }
                t
            }
            TypeKind::Enum(_) => self.enumeration(id, &module),
            TypeKind::Definition(p) => {
                let def = self.model.get(id);
                let ident = format_ident!("{}", names.ident);
                let ty = types::primitive(&self.layout, &module, *p);
                let doc = docs::doc_attrs(
                    &def.notes,
                    &[format!("Graph type definition `{}`.", def.qualified())],
                );
                quote!(#doc pub type #ident = #ty;)
            }
        };
        let mut file = parse(tokens)?;
        if let Some(cfg) = self.type_cfg(id) {
            for item in &mut file.items {
                if let Some(attrs) = item_attrs(item) {
                    attrs.insert(0, cfg.clone());
                }
            }
        }
        Ok(format_parts(file))
    }
}

/// What one piece of parallel work made: a request module's file or a type's items.
enum Made {
    Root(Result<requests::RootFile, Error>),
    Type(Result<Vec<String>, Error>),
}

/// `work(0)`, …, `work(count - 1)` on as many threads as there are cores, started in order of
/// falling `cost`; the results are in index order.
fn parallel<T: Send>(
    count: usize,
    cost: impl Fn(usize) -> usize,
    work: impl Fn(usize) -> T + Sync,
) -> Vec<T> {
    let threads = crate::threads::cores().min(count);
    if threads <= 1 {
        return (0..count).map(work).collect();
    }
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(cost(i)));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, T)> = crate::threads::spread(vec![(); threads], |_, ()| {
        let mut mine = Vec::new();
        loop {
            let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&i) = order.get(n) else {
                return mine;
            };
            mine.push((i, work(i)));
        }
    })
    .into_iter()
    .flatten()
    .collect();
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, t)| t).collect()
}

/// The attributes of the kinds of item the emitter writes.
fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    match item {
        syn::Item::Struct(i) => Some(&mut i.attrs),
        syn::Item::Enum(i) => Some(&mut i.attrs),
        syn::Item::Impl(i) => Some(&mut i.attrs),
        syn::Item::Type(i) => Some(&mut i.attrs),
        syn::Item::Const(i) => Some(&mut i.attrs),
        syn::Item::Fn(i) => Some(&mut i.attrs),
        syn::Item::Mod(i) => Some(&mut i.attrs),
        _ => None,
    }
}

fn header(inputs: &[String]) -> String {
    // A file name with a line break would end the comment.
    let mut names: Vec<String> = Vec::new();
    for input in inputs {
        let name: String = input
            .chars()
            .map(|c| if c.is_control() { '?' } else { c })
            .collect();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    format!(
        "// @generated by graphgen from {}. Do not edit: regenerate with `cargo run -p graphgen -- generate`.\n\n",
        names.join(", ")
    )
}

fn parse(tokens: TokenStream) -> Result<syn::File, Error> {
    syn::parse2(tokens).map_err(|e| emitted_bug(&e))
}

fn emitted_bug(e: &syn::Error) -> Error {
    Error::new(
        Location::default(),
        ErrorKind::Emit,
        format!("graphgen emitted Rust that does not parse (a bug in graphgen): {e}"),
    )
}

/// Formats a file with the `@generated` header, a blank line between items.
fn format(header: &str, file: syn::File) -> String {
    join(header, format_parts(file))
}

/// A file formatted piece by piece: its inner attributes, if any, then each item.
fn format_parts(file: syn::File) -> Vec<String> {
    let mut parts = Vec::new();
    if !file.attrs.is_empty() {
        parts.push(prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: file.attrs,
            items: Vec::new(),
        }));
    }
    for item in file.items {
        parts.push(prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: vec![item],
        }));
    }
    parts
}

/// The header, then the parts with a blank line between them.
fn join(header: &str, parts: Vec<String>) -> String {
    let body: Vec<&str> = parts.iter().map(|p| p.trim_end()).collect();
    format!("{header}{}\n", body.join("\n\n"))
}
