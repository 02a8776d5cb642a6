//! Builds the [`Model`]: ids first for every named type (so forward and cyclic references
//! just work), then every reference resolved through namespace or alias and the annotations
//! of each type applied, then inheritance, derivation, operations, the container and the
//! annotations on those two.

use super::notes::{self, Capabilities, Notes};
use super::overlay;
use super::targets;
use super::*;
use crate::csdl::{self, Document, StructuredKind};
use crate::{Error, ErrorKind, Errors};
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

/// Resolves one API version: its metadata document and the overlays applied to it.
pub fn resolve(base: Document, overlays: Vec<Document>) -> Result<Model, Errors> {
    let mut errors = Vec::new();
    let mut document = base;
    for o in overlays {
        overlay::apply(&mut document, o, &mut errors);
    }
    let model = build(document, &mut errors);
    Errors::check(errors)?;
    Ok(model)
}

/// Fewer declarations than this are resolved on one thread: starting another costs more.
const DECLS_PER_THREAD: usize = 256;

fn build(mut document: Document, errors: &mut Vec<Error>) -> Model {
    // 1. Every declaration gets an id, in sorted order of qualified names. The declarations
    // are taken out of the document: the model takes their texts over.
    let operations: Vec<Vec<csdl::Operation>> = document
        .schemas
        .iter_mut()
        .map(|schema| std::mem::take(&mut schema.operations))
        .collect();
    let blocks: Vec<Vec<csdl::Annotations>> = document
        .schemas
        .iter_mut()
        .map(|schema| std::mem::take(&mut schema.annotations))
        .collect();
    let (qualified, mut decls): (Vec<String>, Vec<Declared>) =
        declarations(&mut document, errors).into_iter().unzip();
    let document = &document;
    // External annotations on types and their members go with the declarations, so that
    // they are applied in parallel too; those on the container and operations wait.
    // Meanwhile the operations are cut into chunks on another thread.
    let (operations, (names, blocks)) = crate::threads::join(
        || operation_chunks(document, operations),
        || {
            let names = Names::new(
                document,
                qualified
                    .iter()
                    .zip(&decls)
                    .map(|(name, d)| (name.as_str(), d.schema)),
            );
            let blocks = targets::attach(&names, &mut decls, blocks);
            (names, blocks)
        },
    );

    // 2. Each declaration resolved, in parts on all cores; the errors in declaration order.
    let count = decls.len();
    let parts = crate::threads::cores().min(count / DECLS_PER_THREAD).max(1);
    // A part's list has room for `capacity` types.
    let resolve_part = |capacity: usize, part: Vec<(usize, Declared)>| {
        let mut errors = Vec::new();
        let mut resolver = Resolver {
            document,
            errors: &mut errors,
            names: &names,
        };
        let mut types = Vec::with_capacity(capacity);
        types.extend(part.into_iter().map(|(id, declared)| {
            let schema = &document.schemas[declared.schema];
            let scope = Scope {
                namespace: &schema.namespace,
                alias: schema.alias.as_deref(),
            };
            resolver.type_def(&scope, &qualified[id], declared)
        }));
        (types, errors)
    };
    let size = count.div_ceil(parts).max(1);
    let mut split: Vec<Vec<_>> = (0..parts).map(|_| Vec::with_capacity(size)).collect();
    for (id, declared) in decls.into_iter().enumerate() {
        split[id / size].push((id, declared));
    }
    // The first part is resolved on this thread, into a list that takes all the others'
    // after it.
    let done: Vec<(Vec<TypeDef>, Vec<Error>)> = crate::threads::spread(split, |i, part| {
        let capacity = if i == 0 { count } else { part.len() };
        resolve_part(capacity, part)
    });
    // The first part's list is kept and the others appended: types are large to move.
    let mut types = Vec::new();
    for (mut part, part_errors) in done {
        if types.is_empty() {
            types = part;
        } else {
            types.append(&mut part);
        }
        errors.extend(part_errors);
    }
    let mut model = Model {
        namespaces: document
            .schemas
            .iter()
            .map(|s| {
                (
                    s.namespace.to_string(),
                    s.alias.as_ref().map(|a| a.to_string()),
                )
            })
            .collect(),
        types,
        ..Model::default()
    };

    // 3. Inheritance: cycles broken and reported, derived lists, inherited clashes.
    let mut resolver = Resolver {
        document,
        errors,
        names: &names,
    };
    resolver.break_cycles(&mut model);
    for id in model.ids().collect::<Vec<_>>() {
        if let Some(base) = model.base(id) {
            if let TypeKind::Entity(s) | TypeKind::Complex(s) = &mut model.types[base.0].kind {
                s.derived.push(id);
            }
        }
    }

    // 4. Operations, in chunks taken in turn by this thread and another, which first checks
    // inherited names and resolves the container; then the external annotations left for
    // them.
    let ((inherited, (container, container_errors), theirs), mine) = {
        let model = &model;
        let names = &names;
        let queue = Mutex::new(operations.into_iter().enumerate());
        let resolve_chunks = || {
            let mut done = Vec::new();
            loop {
                // Taken in a statement of its own, so that the lock is let go at once.
                let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                let Some((i, chunk)) = next else {
                    return done;
                };
                let mut errors = Vec::new();
                let mut resolver = Resolver {
                    document,
                    errors: &mut errors,
                    names,
                };
                let resolved: Vec<OperationDef> = chunk
                    .into_iter()
                    .filter_map(|(schema, op)| resolver.operation(schema, op))
                    .collect();
                done.push((i, resolved, errors));
            }
        };
        crate::threads::join(
            || {
                let mut inherited = Vec::new();
                Resolver {
                    document,
                    errors: &mut inherited,
                    names,
                }
                .check_inherited_names(model);
                let mut errors = Vec::new();
                let container = Resolver {
                    document,
                    errors: &mut errors,
                    names,
                }
                .container(model);
                (inherited, (container, errors), resolve_chunks())
            },
            resolve_chunks,
        )
    };
    let mut chunks: Vec<_> = mine.into_iter().chain(theirs).collect();
    chunks.sort_unstable_by_key(|(i, _, _)| *i);
    let mut operations = Vec::with_capacity(chunks.iter().map(|(_, ops, _)| ops.len()).sum());
    let mut operation_errors = Vec::new();
    for (_, resolved, errors) in chunks {
        operations.extend(resolved);
        operation_errors.extend(errors);
    }
    order_overloads(&model, &mut operations);
    resolver.errors.extend(inherited);
    resolver.errors.extend(operation_errors);
    resolver.errors.extend(container_errors);
    for (i, op) in operations.iter().enumerate() {
        if let Some(Target::Type(id)) = op.binding().map(|b| b.ty.target) {
            model.bound.entry(id).or_default().push(i);
        }
    }
    model.operations = operations;
    model.container = container;
    targets::external_annotations(&names, &mut model, blocks);
    model
}

/// Operations are resolved in chunks of this many, which the threads take in turn.
const OPERATIONS_PER_CHUNK: usize = 64;

/// The operations of every schema (by index) in chunks, each operation with the index of its
/// schema, sorted by namespace and name; those of one name in document order. (The
/// overloads of a name are put in order once their parameters' types are resolved: see
/// [`order_overloads`].)
fn operation_chunks(
    document: &Document,
    operations: Vec<Vec<csdl::Operation>>,
) -> Vec<Vec<(usize, csdl::Operation)>> {
    // Each operation's place under a key of numbers: the rank of its namespace and the first
    // 16 bytes of its name. Only operations alike in both are compared by their whole names.
    let namespace = |schema: usize| document.schemas[schema].namespace.as_str();
    let mut ranks: Vec<&str> = (0..document.schemas.len()).map(namespace).collect();
    ranks.sort_unstable();
    let mut keys: Vec<(usize, u128, (usize, usize))> = Vec::new();
    for (schema, ops) in operations.iter().enumerate() {
        let rank = ranks.partition_point(|ns| *ns < namespace(schema));
        keys.extend(
            ops.iter()
                .enumerate()
                .map(|(place, op)| (rank, first_16(op.name.as_bytes()), (schema, place))),
        );
    }
    keys.sort_unstable();
    let name =
        |(schema, place): (usize, usize)| (namespace(schema), &operations[schema][place].name);
    for alike in keys.chunk_by_mut(|a, b| (a.0, a.1) == (b.0, b.1)) {
        if alike.len() > 1 {
            alike.sort_unstable_by(|a, b| name(a.2).cmp(&name(b.2)).then(a.2.cmp(&b.2)));
        }
    }
    let mut operations: Vec<Vec<Option<csdl::Operation>>> = operations
        .into_iter()
        .map(|ops| ops.into_iter().map(Some).collect())
        .collect();
    let mut chunks = Vec::with_capacity(keys.len().div_ceil(OPERATIONS_PER_CHUNK));
    for run in keys.chunks(OPERATIONS_PER_CHUNK) {
        chunks.push(
            run.iter()
                .filter_map(|&(_, _, (schema, place))| {
                    Some((schema, operations[schema][place].take()?))
                })
                .collect(),
        );
    }
    chunks
}

/// Puts the overloads of each name (which are next to each other) in order of the CSDL names
/// of their parameter types (each made once); overloads alike in these keep their
/// order.
fn order_overloads(model: &Model, operations: &mut [OperationDef]) {
    let named = |a: &OperationDef, b: &OperationDef| a.namespace == b.namespace && a.name == b.name;
    for overloads in operations
        .chunk_by_mut(named)
        .filter(|overloads| overloads.len() > 1)
    {
        // The names joined by NUL, which XML does not allow in a name, and which sorts
        // before any character: the joined names sort as the lists of names would.
        overloads.sort_by_cached_key(|op| {
            let mut key = String::new();
            for p in &op.parameters {
                model.push_type_name(&mut key, &p.ty);
                key.push('\0');
            }
            key
        });
    }
}

/// The declarations of named types, taken out of the document, each with its qualified name,
/// sorted by qualified name; a name declared twice is reported and keeps its first
/// declaration.
fn declarations(document: &mut Document, errors: &mut Vec<Error>) -> Vec<(String, Declared)> {
    let count = document
        .schemas
        .iter()
        .map(|s| {
            s.entity_types.len()
                + s.complex_types.len()
                + s.enum_types.len()
                + s.type_definitions.len()
        })
        .sum();
    // Each with the index of its schema, in document order.
    let mut taken: Vec<(usize, Decl)> = Vec::with_capacity(count);
    for (index, schema) in document.schemas.iter_mut().enumerate() {
        let structured = std::mem::take(&mut schema.entity_types)
            .into_iter()
            .chain(std::mem::take(&mut schema.complex_types))
            .map(Decl::Structured);
        let enums = std::mem::take(&mut schema.enum_types)
            .into_iter()
            .map(Decl::Enum);
        let defs = std::mem::take(&mut schema.type_definitions)
            .into_iter()
            .map(|d| Decl::Definition(Box::new(d)));
        taken.extend(
            structured
                .chain(enums)
                .chain(defs)
                .map(|decl| (index, decl)),
        );
    }
    // Each qualified, with its place in the document, and sorted stably by qualified name: a
    // large document in two halves on two threads, merged after.
    let document = &*document;
    let sorted = |decls: Vec<(usize, Decl)>, first: usize| {
        let mut decls: Vec<(String, (usize, usize, Decl))> = decls
            .into_iter()
            .enumerate()
            .map(|(i, (schema, decl))| {
                let qualified = qualify(
                    &document.schemas[schema].namespace,
                    decl.name_and_location().0,
                );
                (qualified, (first + i, schema, decl))
            })
            .collect();
        sort_by_name(&mut decls);
        decls
    };
    let decls = if count < 2 * DECLS_PER_THREAD {
        sorted(taken, 0)
    } else {
        let half = count / 2;
        let later = taken.split_off(half);
        let (later, earlier) = crate::threads::join(|| sorted(later, half), || sorted(taken, 0));
        merge_by_name(earlier, later)
    };
    // The first declaration of a name comes first.
    let mut kept: Vec<(String, Declared)> = Vec::with_capacity(decls.len());
    let mut again: Vec<(usize, Error)> = Vec::new();
    for (qualified, (place, schema, decl)) in decls {
        if let Some((_, first)) = kept.last().filter(|(name, _)| *name == qualified) {
            let first = first.decl.name_and_location().1;
            let error = Error::new(
                *decl.name_and_location().1,
                ErrorKind::Duplicate,
                format!("type `{qualified}` is declared twice; first at {first}"),
            );
            again.push((place, error.named(qualified)));
            continue;
        }
        kept.push((
            qualified,
            Declared {
                schema,
                decl,
                external: Vec::new(),
                members: Vec::new(),
            },
        ));
    }
    // Reported in document order.
    again.sort_by_key(|(place, _)| *place);
    errors.extend(again.into_iter().map(|(_, error)| error));
    kept
}

/// Merges two lists sorted by the names they start with into one, as a stable sort of
/// `earlier` followed by `later` would: of items with the same name, those of `earlier` first.
fn merge_by_name<T>(earlier: Vec<(String, T)>, later: Vec<(String, T)>) -> Vec<(String, T)> {
    let mut merged = Vec::with_capacity(earlier.len() + later.len());
    let mut later = later.into_iter().peekable();
    for item in earlier {
        while let Some(next) = later.next_if(|next| next.0 < item.0) {
            merged.push(next);
        }
        merged.push(item);
    }
    merged.extend(later);
    merged
}

/// Sorts `items` by the names they start with, as a stable sort would. Nearly all of Graph's
/// qualified names begin `microsoft.graph.`, which comparisons of whole names read again and
/// again: each name is sorted by the 16 bytes after the start all of them share, as a number
/// ([`first_16`]), and only names alike in those are compared whole.
fn sort_by_name<T>(items: &mut Vec<(String, T)>) {
    let Some(((first, _), rest)) = items.split_first() else {
        return;
    };
    let shared = rest.iter().fold(first.len(), |shared, (name, _)| {
        let (a, b) = (&first.as_bytes()[..shared], name.as_bytes());
        a.iter().zip(b).take_while(|(a, b)| a == b).count()
    });
    // Each key with the item's place, which orders items alike in all as a stable sort does.
    let mut keys: Vec<(u128, usize)> = items
        .iter()
        .enumerate()
        .map(|(place, (name, _))| (first_16(&name.as_bytes()[shared..]), place))
        .collect();
    keys.sort_unstable();
    for alike in keys.chunk_by_mut(|a, b| a.0 == b.0) {
        if alike.len() > 1 {
            alike.sort_unstable_by(|a, b| items[a.1].0.cmp(&items[b.1].0).then(a.1.cmp(&b.1)));
        }
    }
    let mut taken: Vec<Option<(String, T)>> = items.drain(..).map(Some).collect();
    items.extend(keys.iter().filter_map(|&(_, place)| taken[place].take()));
}

/// The first 16 bytes of `text` as a number that orders as they do: zeros pad a shorter text,
/// and there is no NUL in XML.
fn first_16(text: &[u8]) -> u128 {
    let mut bytes = [0; 16];
    let n = text.len().min(16);
    bytes[..n].copy_from_slice(&text[..n]);
    u128::from_be_bytes(bytes)
}

/// A declaration of a named type with the index of its schema and the external annotation
/// blocks that target the type itself and its members, in document order.
pub(super) struct Declared {
    schema: usize,
    pub(super) decl: Decl,
    pub(super) external: Vec<Vec<csdl::Annotation>>,
    pub(super) members: Vec<targets::MemberBlock>,
}

/// A declaration of a named type, before resolution. Boxed: declarations are moved about
/// several times before they are resolved.
pub(super) enum Decl {
    Structured(Box<csdl::StructuredType>),
    Enum(Box<csdl::EnumType>),
    Definition(Box<csdl::TypeDefinition>),
}

impl Decl {
    fn name_and_location(&self) -> (&str, &Location) {
        match self {
            Decl::Structured(t) => (&t.name, &t.location),
            Decl::Enum(t) => (&t.name, &t.location),
            Decl::Definition(t) => (&t.name, &t.location),
        }
    }
}

/// How names are looked up from inside one schema.
struct Scope<'d> {
    namespace: &'d str,
    alias: Option<&'d str>,
}

/// What names resolve to, over the whole document; shared by the threads that resolve.
pub(super) struct Names<'d> {
    /// alias → namespace.
    aliases: BTreeMap<&'d str, &'d str>,
    namespaces: BTreeSet<&'d str>,
    /// The ids of each namespace's types by simple name: lookups that neither join nor
    /// allocate, with a hash that is quick for short keys (the keys are the schema's own
    /// names).
    tables: Vec<FxHashMap<&'d str, TypeId>>,
    /// The table of each namespace.
    by_namespace: FxHashMap<&'d str, usize>,
    /// The table a prefix written before a type's name means: an alias means its namespace
    /// (also where it is a namespace too), and any other namespace itself.
    by_prefix: FxHashMap<&'d str, usize>,
}

impl<'d> Names<'d> {
    /// The tables of `document`, whose declared types, in id order, are named `qualified`;
    /// each comes with the index of its schema.
    fn new(document: &'d Document, qualified: impl Iterator<Item = (&'d str, usize)>) -> Self {
        let mut aliases = BTreeMap::new();
        let mut namespaces = BTreeSet::new();
        let mut by_namespace: FxHashMap<&str, usize> = FxHashMap::default();
        // Schemas of one namespace share a table.
        let mut table_of = Vec::with_capacity(document.schemas.len());
        for schema in &document.schemas {
            let namespace = schema.namespace.as_str();
            namespaces.insert(namespace);
            if let Some(alias) = &schema.alias {
                aliases.insert(alias.as_str(), namespace);
            }
            let next = by_namespace.len();
            table_of.push(*by_namespace.entry(namespace).or_insert(next));
        }
        let mut by_prefix = by_namespace.clone();
        for (alias, namespace) in &aliases {
            by_prefix.insert(alias, by_namespace[namespace]);
        }
        // Each table sized at once: growing it rehashes every name so far.
        let qualified: Vec<(&str, usize)> = qualified.collect();
        let mut sizes = vec![0; by_namespace.len()];
        for (_, schema) in &qualified {
            sizes[table_of[*schema]] += 1;
        }
        let mut tables: Vec<FxHashMap<&str, TypeId>> = sizes
            .into_iter()
            .map(|size| FxHashMap::with_capacity_and_hasher(size, Default::default()))
            .collect();
        for (id, (qualified, schema)) in qualified.into_iter().enumerate() {
            let namespace = &document.schemas[schema].namespace;
            tables[table_of[schema]].insert(&qualified[namespace.len() + 1..], TypeId(id));
        }
        Names {
            aliases,
            namespaces,
            tables,
            by_namespace,
            by_prefix,
        }
    }

    /// `name` with an alias before its last dot replaced by the namespace.
    pub(super) fn unalias<'n>(&self, name: &'n str) -> Cow<'n, str> {
        let (qualified, params) = match name.find('(') {
            Some(i) => name.split_at(i),
            None => (name, ""),
        };
        match qualified
            .rsplit_once('.')
            .and_then(|(prefix, simple)| Some((self.aliases.get(prefix)?, simple)))
        {
            Some((namespace, simple)) => Cow::Owned(format!("{namespace}.{simple}{params}")),
            None => Cow::Borrowed(name),
        }
    }

    /// The id of the type `qualified`, a namespace or alias and a name.
    pub(super) fn find_qualified(&self, qualified: &str) -> Option<TypeId> {
        // An overload's target, `ns.op(ns.type)`: unaliased before its `(`, as annotation
        // targets are everywhere else.
        if qualified.contains('(') {
            return self
                .unalias(qualified)
                .rsplit_once('.')
                .and_then(|(namespace, name)| self.find(namespace, name));
        }
        let (prefix, name) = qualified.rsplit_once('.')?;
        self.tables[*self.by_prefix.get(prefix)?].get(name).copied()
    }

    /// The id of the type `name` in `namespace`.
    fn find(&self, namespace: &str, name: &str) -> Option<TypeId> {
        self.tables[*self.by_namespace.get(namespace)?]
            .get(name)
            .copied()
    }
}

/// The names a base type passes on.
struct Inherited<'m> {
    names: FxHashSet<&'m str>,
    /// Bit `n % 64` is set for each length `n` of a name: most names are told apart by their
    /// length alone, without reading their text, which lies elsewhere in memory.
    lengths: u64,
}

impl<'m> Inherited<'m> {
    fn new(names: impl Iterator<Item = &'m str>) -> Self {
        let names: FxHashSet<&str> = names.collect();
        let lengths = names
            .iter()
            .fold(0, |bits, name| bits | 1 << (name.len() % 64));
        Inherited { names, lengths }
    }

    fn contains(&self, name: &str) -> bool {
        self.lengths & 1 << (name.len() % 64) != 0 && self.names.contains(name)
    }
}

struct Resolver<'d, 'e> {
    document: &'d Document,
    errors: &'e mut Vec<Error>,
    names: &'e Names<'d>,
}

impl<'d> Resolver<'d, '_> {
    fn type_def(&mut self, scope: &Scope<'_>, qualified: &str, declared: Declared) -> TypeDef {
        let mut decl = declared.decl;
        targets::to_members(&mut decl, declared.members);
        let (kind, annotations, location) = match decl {
            Decl::Structured(mut t) => {
                let annotations = std::mem::take(&mut t.annotations);
                let location = t.location;
                (self.structured(scope, qualified, *t), annotations, location)
            }
            Decl::Enum(mut t) => {
                let annotations = std::mem::take(&mut t.annotations);
                let location = t.location;
                let kind = TypeKind::Enum(self.enum_def(qualified, *t));
                (kind, annotations, location)
            }
            Decl::Definition(t) => {
                let primitive = match self.resolve_name(scope, &t.underlying_type, &t.location) {
                    Some(Target::Primitive(p)) => p,
                    Some(Target::Type(_)) => {
                        self.errors.push(Error::new(
                            t.location,
                            ErrorKind::Csdl,
                            format!(
                                "type definition `{}` must have a primitive UnderlyingType, not `{}`",
                                t.name, t.underlying_type
                            ),
                        ));
                        Primitive::Untyped
                    }
                    None => Primitive::Untyped,
                };
                (TypeKind::Definition(primitive), t.annotations, t.location)
            }
        };
        let mut notes = Notes::default();
        let mut caps = Capabilities::default();
        notes::apply(annotations, &mut notes, &mut caps);
        // Each external block over what is there: capabilities it names replace those before.
        for block in declared.external {
            let mut block_caps = Capabilities::default();
            notes::apply(block, &mut notes, &mut block_caps);
            caps = block_caps.or(caps);
        }
        let mut kind = kind;
        if let TypeKind::Entity(s) | TypeKind::Complex(s) = &mut kind {
            s.capabilities = caps;
        }
        TypeDef {
            namespace: scope.namespace.into(),
            // A new copy rather than the declaration's: made one after another, the names lie
            // close together, and selecting by glob reads every one of them.
            name: qualified[scope.namespace.len() + 1..].into(),
            kind,
            notes,
            location,
        }
    }

    fn structured(
        &mut self,
        scope: &Scope<'_>,
        qualified: &str,
        t: csdl::StructuredType,
    ) -> TypeKind {
        let base =
            t.base_type
                .as_ref()
                .and_then(|b| match self.resolve_name(scope, b, &t.location)? {
                    Target::Type(id) => Some(id),
                    Target::Primitive(_) => {
                        self.errors.push(
                            Error::new(
                                t.location,
                                ErrorKind::Csdl,
                                format!("the base type of `{qualified}` is the primitive `{b}`"),
                            )
                            .named(qualified),
                        );
                        None
                    }
                });
        let repeated = self.repeated_members(
            qualified,
            t.properties
                .iter()
                .map(|p| (p.name.as_str(), &p.location))
                .chain(t.navigation.iter().map(|n| (n.name.as_str(), &n.location))),
        );
        let navigation_from = t.properties.len();
        let mut properties = Vec::with_capacity(t.properties.len());
        for (i, p) in t.properties.into_iter().enumerate() {
            if repeated.contains(&i) {
                continue;
            }
            let Some(ty) = self.type_use(scope, &p.ty, &p.location) else {
                continue;
            };
            let notes = notes::of(p.annotations);
            properties.push(PropertyDef {
                name: p.name,
                ty,
                nullable: p.nullable.unwrap_or(true),
                facets: p.facets,
                notes,
                location: p.location,
            });
        }
        let mut navigation = Vec::with_capacity(t.navigation.len());
        for (i, n) in t.navigation.into_iter().enumerate() {
            if repeated.contains(&(navigation_from + i)) {
                continue;
            }
            let Some(ty) = self.type_use(scope, &n.ty, &n.location) else {
                continue;
            };
            if matches!(ty.target, Target::Primitive(_)) {
                self.errors.push(
                    Error::new(
                        n.location,
                        ErrorKind::Csdl,
                        format!(
                            "navigation property `{qualified}/{}` must target an entity type, not `{}`",
                            n.name, n.ty.name
                        ),
                    )
                    .named(qualified),
                );
                continue;
            }
            let mut notes = Notes::default();
            let mut capabilities = Capabilities::default();
            notes::apply(n.annotations, &mut notes, &mut capabilities);
            navigation.push(NavigationDef {
                name: n.name,
                ty,
                nullable: n.nullable.unwrap_or(true),
                contains_target: n.contains_target,
                partner: n.partner,
                notes,
                capabilities,
                location: n.location,
            });
        }
        let structured = Structured {
            base,
            is_abstract: t.is_abstract,
            open_type: t.open_type,
            has_stream: t.has_stream,
            key: t.key,
            properties,
            navigation,
            derived: Vec::new(),
            capabilities: Capabilities::default(),
        };
        match t.kind {
            StructuredKind::Entity => TypeKind::Entity(structured),
            StructuredKind::Complex => TypeKind::Complex(structured),
        }
    }

    fn enum_def(&mut self, qualified: &str, t: csdl::EnumType) -> EnumDef {
        let underlying = match t.underlying_type.as_deref() {
            None => Primitive::Int32,
            Some(u) => match u
                .strip_prefix("Edm.")
                .and_then(Primitive::from_edm)
                .filter(|p| p.integer_range().is_some())
            {
                Some(p) => p,
                None => {
                    self.errors.push(
                        Error::new(
                            t.location,
                            ErrorKind::Csdl,
                            format!(
                                "enum type `{qualified}` has UnderlyingType `{u}`; it must be Edm.Byte, Edm.SByte, Edm.Int16, Edm.Int32 or Edm.Int64"
                            ),
                        )
                        .named(qualified),
                    );
                    Primitive::Int32
                }
            },
        };
        let (min, max) = underlying.integer_range().unwrap_or((i64::MIN, i64::MAX));
        let repeated = self.repeated_members(
            qualified,
            t.members.iter().map(|m| (m.name.as_str(), &m.location)),
        );
        let mut members: Vec<MemberDef> = Vec::with_capacity(t.members.len());
        let mut next = 0i64;
        for (i, m) in t.members.into_iter().enumerate() {
            if repeated.contains(&i) {
                continue;
            }
            let value = match &m.value {
                Some(text) => match text.trim().parse::<i64>() {
                    Ok(v) => v,
                    Err(_) => {
                        self.errors.push(
                            Error::new(
                                m.location,
                                ErrorKind::Csdl,
                                format!("enum member `{qualified}/{}` has the value `{text}`, which is not an integer", m.name),
                            )
                            .named(qualified),
                        );
                        continue;
                    }
                },
                None => next,
            };
            if value < min || value > max {
                self.errors.push(
                    Error::new(
                        m.location,
                        ErrorKind::Csdl,
                        format!(
                            "enum member `{qualified}/{}` has the value {value}, out of range for {underlying:?} ({min} to {max})",
                            m.name
                        ),
                    )
                    .named(qualified),
                );
            }
            next = value.saturating_add(1);
            let notes = notes::of(m.annotations);
            members.push(MemberDef {
                name: m.name,
                value,
                notes,
                location: m.location,
            });
        }
        EnumDef {
            is_flags: t.is_flags,
            underlying,
            members,
        }
    }

    /// The positions of the members whose name an earlier member has, each reported: a member
    /// declared twice keeps its first declaration. Nearly always none, and then nothing is
    /// allocated.
    fn repeated_members<'m>(
        &mut self,
        qualified: &str,
        members: impl Iterator<Item = (&'m str, &'m Location)> + Clone,
    ) -> Vec<usize> {
        let count = members.size_hint().0;
        let mut repeated = Vec::new();
        let mut report = |i: usize, name: &str, location: &Location| {
            self.duplicate_member(qualified, name, location);
            repeated.push(i);
        };
        // A few members are compared with each other; more are hashed (v1.0.csdl has enums
        // of 472 and 826 members).
        if count <= 16 {
            for (i, (name, location)) in members.clone().enumerate() {
                if members.clone().take(i).any(|(earlier, _)| earlier == name) {
                    report(i, name, location);
                }
            }
        } else {
            // Sized at once: growing it rehashes every name so far.
            let mut seen = FxHashSet::with_capacity_and_hasher(count, Default::default());
            for (i, (name, location)) in members.enumerate() {
                if !seen.insert(name) {
                    report(i, name, location);
                }
            }
        }
        repeated
    }

    fn duplicate_member(&mut self, qualified: &str, member: &str, location: &Location) {
        self.errors.push(
            Error::new(
                *location,
                ErrorKind::Duplicate,
                format!("`{qualified}` declares `{member}` twice"),
            )
            .named(format!("{qualified}/{member}")),
        );
    }

    fn type_use(
        &mut self,
        scope: &Scope<'_>,
        ty: &csdl::TypeRef,
        at: &Location,
    ) -> Option<TypeUse> {
        let target = self.resolve_name(scope, &ty.name, at)?;
        Some(TypeUse {
            target,
            collection: ty.collection,
        })
    }

    /// Resolves a qualified name written inside `scope`'s schema.
    fn resolve_name(&mut self, scope: &Scope<'_>, name: &str, at: &Location) -> Option<Target> {
        let found = self.lookup(scope, name);
        if found.is_none() {
            let prefix = name.rsplit_once('.').map_or("", |(p, _)| p);
            let message = if prefix.is_empty() {
                format!("type name `{name}` is not qualified with a namespace or alias")
            } else if prefix == "Edm" {
                format!("`{name}` is not an Edm primitive type")
            } else if !self.names.namespaces.contains(prefix)
                && !self.names.aliases.contains_key(prefix)
            {
                format!("unknown namespace or alias `{prefix}` in type name `{name}`")
            } else {
                format!("unknown type `{name}`")
            };
            self.errors
                .push(Error::new(*at, ErrorKind::Unresolved, message).named(name));
        }
        found
    }

    fn lookup(&self, scope: &Scope<'_>, name: &str) -> Option<Target> {
        let (prefix, simple) = name.rsplit_once('.')?;
        if prefix == "Edm" {
            return Primitive::from_edm(simple).map(Target::Primitive);
        }
        // The schema's own alias first, then the aliases of the other schemas of the document.
        let table = if scope.alias == Some(prefix) {
            self.names.by_namespace.get(scope.namespace)
        } else {
            self.names.by_prefix.get(prefix)
        };
        self.names.tables[*table?]
            .get(simple)
            .map(|&id| Target::Type(id))
    }

    /// Reports each base-type cycle once and cuts it, so later stages can walk chains.
    fn break_cycles(&mut self, model: &mut Model) {
        let mut reported = BTreeSet::new();
        // The types whose chain of bases is known to end: a walk that gets to one stops there.
        let mut ends = vec![false; model.types.len()];
        let mut chain = Vec::new();
        for id in model.ids().collect::<Vec<_>>() {
            chain.clear();
            chain.push(id);
            let mut current = id;
            loop {
                let Some(base) = model.base(current).filter(|base| !ends[base.0]) else {
                    // No cycle on the way: nor on the way from any type of the chain.
                    for t in &chain {
                        ends[t.0] = true;
                    }
                    break;
                };
                if let Some(start) = chain.iter().position(|&c| c == base) {
                    let cycle: Vec<TypeId> = chain[start..].to_vec();
                    let first = *cycle.iter().min().unwrap_or(&base);
                    if reported.insert(first) {
                        let names: Vec<String> = cycle
                            .iter()
                            .chain(std::iter::once(&base))
                            .map(|t| model.get(*t).qualified())
                            .collect();
                        let def = model.get(first);
                        self.errors.push(
                            Error::new(
                                def.location,
                                ErrorKind::Cycle,
                                format!("base types form a cycle: {}", names.join(" -> ")),
                            )
                            .named(def.qualified()),
                        );
                        if let TypeKind::Entity(s) | TypeKind::Complex(s) =
                            &mut model.types[first.0].kind
                        {
                            s.base = None;
                        }
                    }
                    break;
                }
                chain.push(base);
                current = base;
            }
        }
        for id in model.ids().collect::<Vec<_>>() {
            // Entity types derive from entity types, complex from complex.
            let def = model.get(id);
            if let Some(base) = model.base(id) {
                let same = matches!(
                    (&def.kind, &model.get(base).kind),
                    (TypeKind::Entity(_), TypeKind::Entity(_))
                        | (TypeKind::Complex(_), TypeKind::Complex(_))
                );
                if !same {
                    self.errors.push(
                        Error::new(
                            def.location,
                            ErrorKind::Csdl,
                            format!(
                                "`{}` cannot derive from `{}`: entity types derive from entity types and complex types from complex types",
                                def.qualified(),
                                model.get(base).qualified()
                            ),
                        )
                        .named(def.qualified()),
                    );
                }
            }
        }
    }

    /// A property may not redeclare one of its base types' properties.
    fn check_inherited_names(&mut self, model: &Model) {
        // The names each base passes on, its own and those it inherits: made once for each
        // base, which many types share.
        let mut passed_on: FxHashMap<TypeId, Inherited<'_>> = FxHashMap::default();
        for id in model.ids() {
            let Some(s) = model.get(id).structured() else {
                continue;
            };
            let Some(base) = s.base else { continue };
            let inherited = passed_on.entry(base).or_insert_with(|| {
                Inherited::new(
                    model
                        .properties(base)
                        .into_iter()
                        .map(|p| p.name.as_str())
                        .chain(model.navigation(base).into_iter().map(|n| n.name.as_str())),
                )
            });
            let own = s
                .properties
                .iter()
                .map(|p| (&p.name, &p.location))
                .chain(s.navigation.iter().map(|n| (&n.name, &n.location)));
            for (name, location) in own {
                if inherited.contains(name) {
                    let qualified = model.get(id).qualified();
                    self.errors.push(
                        Error::new(
                            *location,
                            ErrorKind::Duplicate,
                            format!("`{qualified}` redeclares `{name}`, which it inherits"),
                        )
                        .named(format!("{qualified}/{name}")),
                    );
                }
            }
        }
    }

    /// An operation of the schema at index `schema`, resolved; `None` if one of its types does
    /// not resolve (which is reported).
    fn operation(&mut self, schema: usize, op: csdl::Operation) -> Option<OperationDef> {
        let schema = &self.document.schemas[schema];
        let scope = Scope {
            namespace: &schema.namespace,
            alias: schema.alias.as_deref(),
        };
        let mut parameters = Vec::with_capacity(op.parameters.len());
        let mut ok = true;
        let bound_without_binding = op.is_bound && op.parameters.is_empty();
        for p in op.parameters {
            match self.type_use(&scope, &p.ty, &p.location) {
                Some(ty) => {
                    let notes = notes::of(p.annotations);
                    parameters.push(ParameterDef {
                        name: p.name,
                        ty,
                        nullable: p.nullable.unwrap_or(true),
                        notes,
                    })
                }
                None => ok = false,
            }
        }
        let return_type = match &op.return_type {
            Some(r) => match self.type_use(&scope, &r.ty, &r.location) {
                Some(ty) => Some((ty, r.nullable.unwrap_or(true))),
                None => {
                    ok = false;
                    None
                }
            },
            None => None,
        };
        if bound_without_binding {
            self.errors.push(
                Error::new(
                    op.location,
                    ErrorKind::Csdl,
                    format!(
                        "bound operation `{}.{}` has no binding parameter",
                        schema.namespace, op.name
                    ),
                )
                .named(format!("{}.{}", schema.namespace, op.name)),
            );
            ok = false;
        }
        if !ok {
            return None;
        }
        let notes = notes::of(op.annotations);
        Some(OperationDef {
            kind: op.kind,
            namespace: schema.namespace.clone(),
            name: op.name,
            is_bound: op.is_bound,
            is_composable: op.is_composable,
            parameters,
            return_type,
            notes,
            location: op.location,
        })
    }

    fn container(&mut self, model: &Model) -> Option<Container> {
        let document = self.document;
        let (schema, container) = document
            .schemas
            .iter()
            .flat_map(|s| s.containers.iter().map(move |c| (s, c)))
            .next()?;
        let scope = Scope {
            namespace: &schema.namespace,
            alias: schema.alias.as_deref(),
        };
        let mut members = Vec::new();
        for m in &container.members {
            let ty = match m.kind {
                csdl::ContainerMemberKind::EntitySet | csdl::ContainerMemberKind::Singleton => {
                    match self.resolve_name(&scope, &m.target, &m.location) {
                        Some(Target::Type(id))
                            if matches!(model.get(id).kind, TypeKind::Entity(_)) =>
                        {
                            Some(id)
                        }
                        Some(_) => {
                            self.errors.push(Error::new(
                                m.location,
                                ErrorKind::Csdl,
                                format!(
                                    "`{}` must have an entity type, not `{}`",
                                    m.name, m.target
                                ),
                            ));
                            continue;
                        }
                        None => continue,
                    }
                }
                _ => None,
            };
            let mut notes = Notes::default();
            let mut capabilities = Capabilities::default();
            notes::apply(m.annotations.clone(), &mut notes, &mut capabilities);
            members.push(ContainerEntry {
                kind: m.kind,
                name: m.name.clone(),
                ty,
                notes,
                capabilities,
                location: m.location,
            });
        }
        Some(Container {
            namespace: schema.namespace.clone(),
            name: container.name.clone(),
            members,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Of items with the same name, those of the earlier list come first, each list's in
    /// their order, wherever the names fall in either list.
    #[test]
    fn merging_by_name_keeps_the_earlier_lists_items_first() {
        let item = |name: &str, n: usize| (name.to_string(), n);
        let earlier = vec![item("a", 0), item("c", 1), item("c", 2), item("e", 3)];
        let later = vec![item("b", 4), item("c", 5), item("e", 6), item("f", 7)];
        let merged: Vec<usize> = merge_by_name(earlier.clone(), later.clone())
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        assert_eq!(merged, [0, 4, 1, 2, 5, 3, 6, 7]);
        // What a stable sort of both in turn gives.
        let mut both = [earlier.clone(), later.clone()].concat();
        both.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(merge_by_name(earlier, later), both);
        assert_eq!(
            merge_by_name(Vec::new(), vec![item("a", 0)]),
            [item("a", 0)]
        );
        assert_eq!(
            merge_by_name(vec![item("a", 0)], Vec::new()),
            [item("a", 0)]
        );
    }

    /// Ids follow the sorted qualified names, and a name declared twice keeps its first
    /// declaration: the sort by number must order as a stable sort of the whole names does,
    /// where names are alike past the bytes it compares, where one is the start of another,
    /// and where they repeat.
    #[test]
    fn names_sort_as_a_stable_sort_of_the_whole_names() {
        let names = [
            "microsoft.graph.windowsUpdateForBusinessConfiguration",
            "microsoft.graph.windowsUpdateForBusinessConfigurationAssignment",
            "microsoft.graph.windows10GeneralConfiguration",
            "microsoft.graph.windows",
            "microsoft.graph.window",
            "microsoft.graph.callRecords.session",
            "microsoft.graph.call",
            "microsoft.graph.windowsUpdateForBusinessConfiguration",
            "microsoft.graph.c",
            "microsoft.graph.windows",
            "microsoft.graph.windowsUpdateForBusinessConfigurationA",
            "microsoft.graph.é",
            "microsoft.graph.z",
        ];
        let mut items: Vec<(String, usize)> = names
            .iter()
            .enumerate()
            .map(|(place, name)| (name.to_string(), place))
            .collect();
        let mut expected = items.clone();
        expected.sort_by(|a, b| a.0.cmp(&b.0));
        sort_by_name(&mut items);
        assert_eq!(items, expected);
        // Nothing shared at all, and one name.
        let mut items = vec![
            ("b".to_string(), 0),
            ("a".to_string(), 1),
            ("b".to_string(), 2),
        ];
        sort_by_name(&mut items);
        assert_eq!(items, [("a".into(), 1), ("b".into(), 0), ("b".into(), 2)]);
        let mut one = vec![("only".to_string(), 0)];
        sort_by_name(&mut one);
        assert_eq!(one, [("only".into(), 0)]);
    }
}
