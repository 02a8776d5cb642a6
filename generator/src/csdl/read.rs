//! CSDL elements into the syntax tree, as the XML is read, collecting every shape error of
//! the document.

use super::annotation::{value_of, Bad};
use super::xml::{self, Context, Events, Ns, Tag};
use super::*;
use crate::source::Source;
use crate::{Error, ErrorKind, Errors};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};

/// The longest simple identifier CSDL allows.
const MAX_NAME: usize = 128;

/// Documents at least this large are read on two threads when there are two cores.
const TWO_THREADS_FROM: usize = 256 * 1024;

/// The second thread's part is cut into chunks that start near each of the 64ths of a
/// document from the eighth on; the threads meet at one of them.
const CHUNKS: usize = 64;
const FIRST_CHUNK: usize = CHUNKS / 8;

/// Who has a chunk: the first thread to get to one takes it.
const FREE: u8 = 0;
const FROM_THE_START: u8 = 1;
const FROM_THE_END: u8 = 2;

/// The children of a `Schema` that a chunk may start at, unprefixed as Graph writes them.
const SPLITTABLE: [&str; 8] = [
    "EntityType",
    "ComplexType",
    "EnumType",
    "TypeDefinition",
    "Action",
    "Function",
    "Term",
    "Annotations",
];

/// Reads one CSDL document: an `edmx:Edmx` envelope, or a bare `Schema` (for overlays).
/// Documents of 256 KiB or more are read on two threads when there are two cores (see
/// [`read_with`]).
pub fn read(source: &Source) -> Result<Document, Errors> {
    read_with(
        source,
        (crate::threads::cores() > 1).then_some(TWO_THREADS_FROM),
    )
}

/// Reads one CSDL document; with `two_threads_from`, one of at least that many bytes on two
/// threads.
///
/// The document is cut into chunks at children of a `Schema` in its latter seven eighths.
/// This thread reads from the start; another reads the chunks from the last one back, each
/// up to where the next begins, until it gets to one this thread has reached. Whichever
/// part turns out the larger, the two finish at about the same time. When this thread gets
/// to a chunk the other took, it takes that one and all after it, if they all went through
/// without an error; otherwise it reads on itself. Either way the result, and every error,
/// is what reading on one thread gives.
pub fn read_with(source: &Source, two_threads_from: Option<usize>) -> Result<Document, Errors> {
    let split = two_threads_from.and_then(|at_least| Split::find(source, at_least));
    let claims: Vec<AtomicU8> = split
        .iter()
        .flat_map(|split| &split.starts)
        .map(|_| AtomicU8::new(FREE))
        .collect();
    let (sender, receiver) = channel();
    let chunks = split
        .as_ref()
        .map(|split| Chunks::new(split, &claims, receiver));
    let from_the_start = || {
        let mut reader = Reader::new(Events::new(source), chunks, None);
        let document = reader.whole();
        // Whatever happened, the other thread stops after the chunk it is reading.
        for chunk in &claims {
            claim(chunk, FROM_THE_START);
        }
        let document = document?;
        Errors::check(reader.errors)?;
        Ok(document)
    };
    match &split {
        Some(split) => {
            let from_the_end = || split.read_chunks(source, &claims, sender);
            crate::threads::join(from_the_end, from_the_start).1
        }
        None => from_the_start(),
    }
}

/// Where the chunks of a document start (children of a `Schema`, guessed from the text:
/// each reader checks the guess where it gets to one), and what is open inside its
/// `edmx:DataServices`.
struct Split<'i> {
    starts: Vec<usize>,
    services: Context<'i>,
}

/// What a chunk holds: the rest of the `Schema` it starts in, up to where the next chunk
/// starts, and the schemas it goes on into (the last of which the next chunk goes on with);
/// the last chunk goes on to the end of the document. With what was open where it started.
struct Chunk<'i> {
    context: Context<'i>,
    current: Schema,
    later: Vec<Schema>,
}

/// The reading from the start's side of the chunks: which chunk start it gets to next, and
/// the chunks the other thread read.
struct Chunks<'i, 's> {
    split: &'s Split<'i>,
    /// Who has each chunk.
    claims: &'s [AtomicU8],
    /// Each chunk the other thread read, from the last one back; `None` for one it could not.
    receiver: Receiver<Option<Chunk<'i>>>,
    next: usize,
}

impl<'i> Split<'i> {
    /// The first tag at or after each of the 64ths from the eighth on (or after the start
    /// before, if that is further) that looks like a child of a `Schema`, up to the last
    /// such tag. `None` for a small document, one that is not in an `edmx:Edmx` envelope,
    /// or one without such a tag in its latter seven eighths.
    fn find(source: &'i Source, at_least: usize) -> Option<Split<'i>> {
        let text = source.text.as_bytes();
        if text.len() < at_least {
            return None;
        }
        let mut events = Events::new(source);
        let root = events.root().ok()?;
        let services = events.child(&root).ok()??;
        let is = |tag: &Tag<'_>, ns: Ns, name: &str| tag.ns == ns && tag.name == name;
        if !is(&root, Ns::Edmx, "Edmx") || !is(&services, Ns::Edmx, "DataServices") {
            return None;
        }
        let looks_splittable = |i: usize| {
            let after = &text[i + 1..];
            SPLITTABLE.iter().any(|name| {
                after.starts_with(name.as_bytes())
                    && after
                        .get(name.len())
                        .is_some_and(|c| c.is_ascii_whitespace() || b"/>".contains(c))
            })
        };
        let mut starts: Vec<usize> = Vec::with_capacity(CHUNKS - FIRST_CHUNK);
        for part in FIRST_CHUNK..CHUNKS {
            let from = (text.len() * part / CHUNKS).max(starts.last().map_or(0, |s| s + 1));
            let found = memchr::memchr_iter(b'<', &text[from..])
                .map(|i| from + i)
                .find(|&i| looks_splittable(i));
            match found {
                Some(at) => starts.push(at),
                None => break,
            }
        }
        (!starts.is_empty()).then(|| Split {
            starts,
            services: events.context(),
        })
    }

    /// Reads the chunks from the last one back, each that this thread takes before the
    /// other gets to it, and sends each; it stops after one that cannot be read.
    fn read_chunks(
        &self,
        source: &'i Source,
        claims: &[AtomicU8],
        sender: Sender<Option<Chunk<'i>>>,
    ) {
        let schemas: Vec<usize> =
            memchr::memmem::find_iter(source.text.as_bytes(), "<Schema").collect();
        // Where the chunk after starts, and what is open there.
        let mut next: Option<(usize, Context<'i>)> = None;
        for (index, &at) in self.starts.iter().enumerate().rev() {
            if claim(&claims[index], FROM_THE_END) != FREE {
                return;
            }
            let chunk = schemas[..schemas.partition_point(|&s| s < at)]
                .last()
                .and_then(|&schema| self.services.inside(source, schema))
                .filter(|context| context.element(3).is_some_and(|tag| tag.is("Schema")))
                .and_then(|context| {
                    let (current, later) = read_chunk(source, at, &context, next.as_ref())?;
                    Some(Chunk {
                        context,
                        current,
                        later,
                    })
                });
            next = chunk.as_ref().map(|chunk| (at, chunk.context.clone()));
            let read = chunk.is_some();
            if sender.send(chunk).is_err() || !read {
                return;
            }
        }
    }
}

/// Reads from `at`, inside `context`, up to `next` (a chunk start and what is open there) or
/// else to the end of the document; `None` at the first error, or if `next` is not a child
/// of a `Schema` where this reading gets to it. The reading from the start then reads on
/// itself and reports what it finds.
fn read_chunk<'i>(
    source: &'i Source,
    at: usize,
    context: &Context<'i>,
    next: Option<&(usize, Context<'i>)>,
) -> Option<(Schema, Vec<Schema>)> {
    let mut reader = Reader::new(
        Events::resume(source, at, context),
        None,
        next.map(|(at, context)| (*at, context)),
    );
    let (root, services, schema) = (
        context.element(1)?,
        context.element(2)?,
        context.element(3)?,
    );
    let mut current = Schema::default();
    let mut later = Vec::new();
    reader.schema_children(&schema, &mut current).ok()?;
    if reader.joined.is_none() {
        reader.services(&services, &mut later).ok()?;
    }
    if reader.joined.is_none() {
        reader.all_services(&root, &mut later).ok()?;
    }
    if next.is_some() {
        // It got to the next chunk.
        reader.joined.as_ref()?;
    } else {
        reader.events.finish().ok()?;
    }
    reader.errors.is_empty().then_some((current, later))
}

impl<'i, 's> Chunks<'i, 's> {
    /// The chunks of `split`, none of them reached yet.
    fn new(
        split: &'s Split<'i>,
        claims: &'s [AtomicU8],
        receiver: Receiver<Option<Chunk<'i>>>,
    ) -> Self {
        Chunks {
            split,
            claims,
            receiver,
            next: 0,
        }
    }

    /// The chunks from the one that starts at `child`, just read, to the last, if the other
    /// thread took that one and read them all. A chunk this thread gets to first is taken,
    /// so that the other stops there.
    fn at(&mut self, events: &Events<'i>, child: &Tag<'i>) -> Option<Vec<Chunk<'i>>> {
        let starts = &self.split.starts;
        // Starts passed without being read at (guesses that were not children of a schema)
        // are taken too: the other thread has no use reading them.
        while self.next < starts.len() && starts[self.next] < child.offset {
            claim(&self.claims[self.next], FROM_THE_START);
            self.next += 1;
        }
        if starts.get(self.next) != Some(&child.offset) {
            return None;
        }
        let index = self.next;
        self.next += 1;
        if claim(&self.claims[index], FROM_THE_START) != FROM_THE_END {
            return None;
        }
        // The other thread took this chunk, and every one after it before, and sent them
        // from the last one back. If it is gone, it panicked, and the scope passes that on.
        let mut chunks: Vec<Chunk<'i>> = Vec::with_capacity(starts.len() - index);
        for _ in index..starts.len() {
            match self.receiver.recv() {
                Ok(Some(chunk)) => chunks.push(chunk),
                _ => break,
            }
        }
        chunks.reverse();
        let taken = chunks.len() == starts.len() - index
            && events.is_resumed_at(&chunks[0].context, child.offset, child);
        if !taken {
            // This thread reads on from here, and to the end.
            self.next = starts.len();
            return None;
        }
        Some(chunks)
    }
}

/// Takes a chunk for `whom` if no one has; who had it before (`FREE`: no one).
fn claim(chunk: &AtomicU8, whom: u8) -> u8 {
    chunk
        .compare_exchange(FREE, whom, Ordering::AcqRel, Ordering::Acquire)
        .unwrap_or_else(|owner| owner)
}

/// Broken XML ends the reading at once; shape errors are collected in `Reader::errors`.
type Fatal<T> = Result<T, Error>;

struct Reader<'i, 's> {
    events: Events<'i>,
    errors: Vec<Error>,
    /// The chunks another thread reads, until this reader takes them or reads on itself.
    chunks: Option<Chunks<'i, 's>>,
    /// Reading a chunk: where the next one starts, and what is open there.
    stop: Option<(usize, &'s Context<'i>)>,
    /// Whether the reading is over (`Some`): the chunks from the other thread are taken, or
    /// a chunk has been read up to the next. Until they are added to the document, the
    /// schemas after the one being read; empty after that, and still `Some`, so that the
    /// reading stops.
    joined: Option<Vec<Schema>>,
}

impl<'i, 's> Reader<'i, 's> {
    /// A reader of `events` that has found nothing yet.
    fn new(
        events: Events<'i>,
        chunks: Option<Chunks<'i, 's>>,
        stop: Option<(usize, &'s Context<'i>)>,
    ) -> Self {
        Reader {
            events,
            errors: Vec::new(),
            chunks,
            stop,
            joined: None,
        }
    }

    fn location(&self, element: &Tag<'_>) -> Location {
        self.events.location(element.offset)
    }

    /// The value of an attribute of `element`, if it has it.
    fn owned<T: for<'a> From<&'a str>>(&self, element: &Tag<'_>, name: &str) -> Option<T> {
        self.events.attr(element, name).map(T::from)
    }

    /// A property's facets, if it has any.
    fn facets(&self, element: &Tag<'_>) -> Option<Box<Facets>> {
        let facets = Facets {
            default_value: self.owned(element, "DefaultValue"),
            max_length: self.owned(element, "MaxLength"),
            precision: self.owned(element, "Precision"),
            scale: self.owned(element, "Scale"),
        };
        (facets != Facets::default()).then(|| Box::new(facets))
    }

    fn error(&mut self, element: &Tag<'_>, message: impl Into<String>) {
        let location = self.location(element);
        self.errors
            .push(Error::new(location, ErrorKind::Csdl, message));
    }

    /// The next child of `parent` in the CSDL namespace.
    fn child(&mut self, parent: &Tag<'i>) -> Fatal<Option<Tag<'i>>> {
        while let Some(child) = self.events.child(parent)? {
            if child.ns == Ns::Edm {
                return Ok(Some(child));
            }
        }
        Ok(None)
    }

    /// The document, and the rest of the text checked to be well-formed (unless the chunks
    /// were taken: the other thread checked it).
    fn whole(&mut self) -> Fatal<Document> {
        let document = self.document()?;
        if self.joined.is_none() {
            self.events.finish()?;
        }
        Ok(document)
    }

    fn document(&mut self) -> Fatal<Document> {
        let root = self.events.root()?;
        let mut document = Document::default();
        match (root.ns, root.name) {
            (Ns::Edmx, "Edmx") => {
                self.all_services(&root, &mut document.schemas)?;
                if document.schemas.is_empty() && self.errors.is_empty() {
                    self.error(&root, "edmx:Edmx has no edmx:DataServices/Schema");
                }
            }
            (_, "Schema") => {
                if let Some(schema) = self.schema(root)? {
                    document.schemas.push(schema);
                }
            }
            (Ns::Edmx | Ns::Edm, name) => self.error(
                &root,
                format!("expected edmx:Edmx or Schema as the root element, found <{name}>"),
            ),
            (_, name) => self.error(
                &root,
                format!(
                    "<{name}> is not in the EDMX namespace `{}`; is this a CSDL document?",
                    xml::EDMX_NS
                ),
            ),
        }
        Ok(document)
    }

    /// The schemas of the `edmx:DataServices` still to come in `root`, up to its end or the
    /// chunks the other thread read.
    fn all_services(&mut self, root: &Tag<'i>, schemas: &mut Vec<Schema>) -> Fatal<()> {
        while let Some(services) = self.events.child(root)? {
            self.services(&services, schemas)?;
            if self.joined.is_some() {
                break;
            }
        }
        Ok(())
    }

    /// The schemas of an `edmx:DataServices`; other elements are skipped.
    fn services(&mut self, services: &Tag<'i>, schemas: &mut Vec<Schema>) -> Fatal<()> {
        if services.ns != Ns::Edmx || services.name != "DataServices" {
            return Ok(());
        }
        while let Some(schema) = self.events.child(services)? {
            if schema.name == "Schema" {
                if let Some(schema) = self.schema(schema)? {
                    schemas.push(schema);
                }
                if let Some(later) = &mut self.joined {
                    schemas.append(later);
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    fn schema(&mut self, element: Tag<'i>) -> Fatal<Option<Schema>> {
        if element.ns != Ns::Edm {
            self.error(
                &element,
                format!(
                    "<Schema> must be in the CSDL namespace `{}` (xmlns=\"{}\")",
                    xml::EDM_NS,
                    xml::EDM_NS
                ),
            );
            return Ok(None);
        }
        let Some(namespace) = self.required(&element, "Namespace") else {
            return Ok(None);
        };
        let mut schema = Schema {
            namespace,
            alias: self.owned(&element, "Alias"),
            location: self.location(&element),
            ..Schema::default()
        };
        self.schema_children(&element, &mut schema)?;
        Ok(Some(schema))
    }

    /// Whether `child` is where the chunk being read ends. Past that point without getting
    /// to it as a child of a schema, the chunk cannot be read: an error that ends its
    /// reading, which the reading from the start never sees.
    fn chunk_ends_at(&self, child: &Tag<'i>) -> Fatal<bool> {
        let Some((stop, context)) = self.stop else {
            return Ok(false);
        };
        if child.offset < stop {
            return Ok(false);
        }
        if child.offset == stop && self.events.is_resumed_at(context, stop, child) {
            return Ok(true);
        }
        Err(Error::new(
            self.location(child),
            ErrorKind::Xml,
            "the next chunk does not start at a child of a schema",
        ))
    }

    /// The children of a `Schema`, up to its end or, when the other thread read the chunks
    /// from a child on, up to that child (or, reading a chunk, up to the next).
    fn schema_children(&mut self, element: &Tag<'i>, schema: &mut Schema) -> Fatal<()> {
        while let Some(child) = self.child(element)? {
            if self.chunk_ends_at(&child)? {
                self.joined = Some(Vec::new());
                return Ok(());
            }
            let events = &self.events;
            if let Some(chunks) = self.chunks.as_mut().and_then(|c| c.at(events, &child)) {
                // Each chunk goes on with the schema the one before ended in.
                let mut later: Vec<Schema> = Vec::new();
                for chunk in chunks {
                    append(later.last_mut().unwrap_or(&mut *schema), chunk.current);
                    later.extend(chunk.later);
                }
                self.joined = Some(later);
                return Ok(());
            }
            match child.name {
                "EntityType" => {
                    if let Some(t) = self.structured(child, StructuredKind::Entity)? {
                        schema.entity_types.push(Box::new(t));
                    }
                }
                "ComplexType" => {
                    if let Some(t) = self.structured(child, StructuredKind::Complex)? {
                        schema.complex_types.push(Box::new(t));
                    }
                }
                "EnumType" => {
                    if let Some(t) = self.enum_type(child)? {
                        schema.enum_types.push(Box::new(t));
                    }
                }
                "TypeDefinition" => {
                    if let (Some(name), Some(underlying)) = (
                        self.required(&child, "Name"),
                        self.required(&child, "UnderlyingType"),
                    ) {
                        schema.type_definitions.push(TypeDefinition {
                            name,
                            underlying_type: underlying,
                            location: self.location(&child),
                            annotations: self.inline_annotations(&child)?,
                        });
                    }
                }
                "Action" | "Function" => {
                    if let Some(op) = self.operation(child)? {
                        schema.operations.push(op);
                    }
                }
                "Term" => {
                    if let Some(term) = self.term(child)? {
                        schema.terms.push(term);
                    }
                }
                "EntityContainer" => {
                    if let Some(container) = self.container(child)? {
                        schema.containers.push(container);
                    }
                }
                "Annotations" => {
                    if let Some(target) = self.required(&child, "Target") {
                        schema.annotations.push(Annotations {
                            target,
                            qualifier: self.owned(&child, "Qualifier"),
                            location: self.location(&child),
                            annotations: self.inline_annotations(&child)?,
                        });
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn structured(
        &mut self,
        element: Tag<'i>,
        kind: StructuredKind,
    ) -> Fatal<Option<StructuredType>> {
        let Some(name) = self.required(&element, "Name") else {
            return Ok(None);
        };
        let mut ty = StructuredType {
            kind,
            base_type: self.owned(&element, "BaseType"),
            is_abstract: self.bool_attr(&element, "Abstract").unwrap_or(false),
            open_type: self.bool_attr(&element, "OpenType").unwrap_or(false),
            has_stream: self.bool_attr(&element, "HasStream").unwrap_or(false),
            key: Vec::new(),
            properties: Vec::new(),
            navigation: Vec::new(),
            annotations: Vec::new(),
            location: self.location(&element),
            name,
        };
        while let Some(child) = self.child(&element)? {
            match child.name {
                "Key" => {
                    if kind == StructuredKind::Complex {
                        self.error(
                            &child,
                            format!(
                                "complex type `{}` has a Key; only entity types have keys",
                                ty.name
                            ),
                        );
                    }
                    while let Some(property_ref) = self.child(&child)? {
                        if property_ref.name == "PropertyRef" {
                            if let Some(name) = self.required(&property_ref, "Name") {
                                ty.key.push(name);
                            }
                        }
                    }
                }
                "Property" => {
                    if let Some(p) = self.property(child)? {
                        ty.properties.push(p);
                    }
                }
                "NavigationProperty" => {
                    let (Some(nav_name), Some(nav_ty)) = (
                        self.required(&child, "Name"),
                        self.type_attr(&child, "Type"),
                    ) else {
                        continue;
                    };
                    ty.navigation.push(NavigationProperty {
                        name: nav_name,
                        ty: nav_ty,
                        nullable: self.bool_attr(&child, "Nullable"),
                        contains_target: self.bool_attr(&child, "ContainsTarget").unwrap_or(false),
                        partner: self.owned(&child, "Partner"),
                        location: self.location(&child),
                        annotations: self.inline_annotations(&child)?,
                    });
                }
                "Annotation" => self.annotation(child, &mut ty.annotations)?,
                _ => {}
            }
        }
        // The lists are kept until the model is built: no room to spare.
        ty.properties.shrink_to_fit();
        ty.navigation.shrink_to_fit();
        ty.annotations.shrink_to_fit();
        Ok(Some(ty))
    }

    fn property(&mut self, element: Tag<'i>) -> Fatal<Option<Property>> {
        let Some((name, ty)) = self.name_and_type(&element) else {
            return Ok(None);
        };
        Ok(Some(Property {
            name,
            ty,
            nullable: self.bool_attr(&element, "Nullable"),
            facets: self.facets(&element),
            location: self.location(&element),
            annotations: self.inline_annotations(&element)?,
        }))
    }

    fn enum_type(&mut self, element: Tag<'i>) -> Fatal<Option<EnumType>> {
        let Some(name) = self.required(&element, "Name") else {
            return Ok(None);
        };
        let mut ty = EnumType {
            name,
            is_flags: self.bool_attr(&element, "IsFlags").unwrap_or(false),
            underlying_type: self.owned(&element, "UnderlyingType"),
            members: Vec::new(),
            annotations: Vec::new(),
            location: self.location(&element),
        };
        while let Some(child) = self.child(&element)? {
            match child.name {
                "Member" => {
                    if let Some(member_name) = self.required(&child, "Name") {
                        ty.members.push(EnumMember {
                            name: member_name,
                            value: self.owned(&child, "Value"),
                            location: self.location(&child),
                            annotations: self.inline_annotations(&child)?,
                        });
                    }
                }
                "Annotation" => self.annotation(child, &mut ty.annotations)?,
                _ => {}
            }
        }
        ty.members.shrink_to_fit();
        Ok(Some(ty))
    }

    fn operation(&mut self, element: Tag<'i>) -> Fatal<Option<Operation>> {
        let Some(name) = self.required(&element, "Name") else {
            return Ok(None);
        };
        let mut op = Operation {
            kind: if element.name == "Action" {
                OperationKind::Action
            } else {
                OperationKind::Function
            },
            name,
            is_bound: self.bool_attr(&element, "IsBound").unwrap_or(false),
            is_composable: self.bool_attr(&element, "IsComposable").unwrap_or(false),
            entity_set_path: self.owned(&element, "EntitySetPath"),
            parameters: Vec::new(),
            return_type: None,
            annotations: Vec::new(),
            location: self.location(&element),
        };
        while let Some(child) = self.child(&element)? {
            match child.name {
                "Parameter" => {
                    if let (Some(name), Some(ty)) = (
                        self.required(&child, "Name"),
                        self.type_attr(&child, "Type"),
                    ) {
                        op.parameters.push(Parameter {
                            name,
                            ty,
                            nullable: self.bool_attr(&child, "Nullable"),
                            location: self.location(&child),
                            annotations: self.inline_annotations(&child)?,
                        });
                    }
                }
                "ReturnType" => {
                    if let Some(ty) = self.type_attr(&child, "Type") {
                        op.return_type = Some(ReturnType {
                            ty,
                            nullable: self.bool_attr(&child, "Nullable"),
                            location: self.location(&child),
                        });
                    }
                }
                "Annotation" => self.annotation(child, &mut op.annotations)?,
                _ => {}
            }
        }
        Ok(Some(op))
    }

    fn term(&mut self, element: Tag<'i>) -> Fatal<Option<Term>> {
        let Some((name, ty)) = self.name_and_type(&element) else {
            return Ok(None);
        };
        Ok(Some(Term {
            name,
            ty,
            applies_to: self
                .events
                .attr(&element, "AppliesTo")
                .map(|a| a.split_whitespace().map(str::to_string).collect())
                .unwrap_or_default(),
            base_term: self.owned(&element, "BaseTerm"),
            default_value: self.owned(&element, "DefaultValue"),
            location: self.location(&element),
            annotations: self.inline_annotations(&element)?,
        }))
    }

    fn container(&mut self, element: Tag<'i>) -> Fatal<Option<EntityContainer>> {
        let Some(name) = self.required(&element, "Name") else {
            return Ok(None);
        };
        let mut container = EntityContainer {
            name,
            members: Vec::new(),
            annotations: Vec::new(),
            location: self.location(&element),
        };
        while let Some(child) = self.child(&element)? {
            let (kind, target_attr) = match child.name {
                "EntitySet" => (ContainerMemberKind::EntitySet, "EntityType"),
                "Singleton" => (ContainerMemberKind::Singleton, "Type"),
                "ActionImport" => (ContainerMemberKind::ActionImport, "Action"),
                "FunctionImport" => (ContainerMemberKind::FunctionImport, "Function"),
                "Annotation" => {
                    self.annotation(child, &mut container.annotations)?;
                    continue;
                }
                _ => continue,
            };
            let (Some(member_name), Some(target)) = (
                self.required(&child, "Name"),
                self.required(&child, target_attr),
            ) else {
                continue;
            };
            let mut member = ContainerMember {
                kind,
                name: member_name,
                target,
                bindings: Vec::new(),
                annotations: Vec::new(),
                location: self.location(&child),
            };
            while let Some(inner) = self.child(&child)? {
                match inner.name {
                    "NavigationPropertyBinding" => {
                        if let (Some(path), Some(target)) = (
                            self.required(&inner, "Path"),
                            self.required(&inner, "Target"),
                        ) {
                            member
                                .bindings
                                .push(NavigationPropertyBinding { path, target });
                        }
                    }
                    "Annotation" => self.annotation(inner, &mut member.annotations)?,
                    _ => {}
                }
            }
            container.members.push(member);
        }
        Ok(Some(container))
    }

    /// The `Annotation` children of an element whose other children do not matter.
    fn inline_annotations(&mut self, element: &Tag<'i>) -> Fatal<Vec<Annotation>> {
        let mut annotations = Vec::new();
        while let Some(child) = self.child(element)? {
            if child.name == "Annotation" {
                self.annotation(child, &mut annotations)?;
            }
        }
        annotations.shrink_to_fit();
        Ok(annotations)
    }

    fn annotation(&mut self, element: Tag<'i>, into: &mut Vec<Annotation>) -> Fatal<()> {
        let Some(term) = self.required_str(&element, "Term").map(term) else {
            return Ok(());
        };
        match value_of(&mut self.events, &element) {
            // Most elements have one annotation, if any: with room for one, not the four a
            // list starts with, the list is at its size when it is shrunk once read.
            Ok(value) => {
                if into.is_empty() {
                    into.reserve_exact(1);
                }
                into.push(Annotation {
                    term,
                    qualifier: self.owned(&element, "Qualifier"),
                    value,
                    location: self.location(&element),
                })
            }
            Err(Bad::Value(message)) => {
                self.error(&element, format!("annotation `{term}`: {message}"))
            }
            Err(Bad::Xml(error)) => return Err(error),
        }
        Ok(())
    }

    fn required<T: for<'a> From<&'a str>>(&mut self, element: &Tag<'_>, name: &str) -> Option<T> {
        self.required_str(element, name).map(T::from)
    }

    /// The value of a required attribute, or `None` with the error reported.
    fn required_str(&mut self, element: &Tag<'_>, name: &str) -> Option<&str> {
        let problem = match self.events.attr(element, name) {
            // A name of at most MAX_NAME bytes has at most as many characters.
            Some(value)
                if name == "Name" && value.len() > MAX_NAME && value.chars().count() > MAX_NAME =>
            {
                format!(
                    "<{}> has a Name of {} characters; CSDL names have at most {MAX_NAME}",
                    element.name,
                    value.chars().count()
                )
            }
            // Not blank: the first character nearly always settles that, where `trim` would
            // look at both ends.
            Some(value) if !value.chars().all(char::is_whitespace) => return Some(value),
            _ => format!("<{}> needs a `{name}` attribute", element.name),
        };
        // `self.error` would borrow all of `self`, and the value returned above borrows the
        // events: the error list is borrowed alone.
        let location = self.location(element);
        self.errors
            .push(Error::new(location, ErrorKind::Csdl, problem));
        None
    }

    /// `Name` and `Type`, both required; the type is only checked when there is a name.
    fn name_and_type(&mut self, element: &Tag<'_>) -> Option<(CompactString, TypeRef)> {
        let name = self.required(element, "Name")?;
        Some((name, self.type_attr(element, "Type")?))
    }

    fn bool_attr(&mut self, element: &Tag<'_>, name: &str) -> Option<bool> {
        let problem = match self.events.attr(element, name)? {
            "true" => return Some(true),
            "false" => return Some(false),
            other => format!("`{name}` must be true or false, not `{other}`"),
        };
        self.error(element, problem);
        None
    }

    fn type_attr(&mut self, element: &Tag<'_>, name: &str) -> Option<TypeRef> {
        let text = self.required_str(element, name)?;
        let problem = match parse_type_ref(text) {
            Some(ty) => return Some(ty),
            None => format!("`{text}` is not a type name or Collection(type name)"),
        };
        self.error(element, problem);
        None
    }
}

/// The terms Graph's schemas apply most, most used first: an annotation with one of them
/// shares the text instead of copying it.
const COMMON_TERMS: [&str; 16] = [
    "Org.OData.Core.V1.Description",
    "Org.OData.Core.V1.Computed",
    "Org.OData.Core.V1.OptionalParameter",
    "Org.OData.Core.V1.Permissions",
    "Org.OData.Core.V1.Revisions",
    "Org.OData.Core.V1.LongDescription",
    "Org.OData.Capabilities.V1.ExpandRestrictions",
    "Org.OData.Capabilities.V1.ChangeTracking",
    "Org.OData.Capabilities.V1.UpdateRestrictions",
    "Org.OData.Capabilities.V1.SearchRestrictions",
    "Org.OData.Capabilities.V1.FilterRestrictions",
    "Org.OData.Capabilities.V1.CountRestrictions",
    "Org.OData.Capabilities.V1.SkipSupported",
    "Org.OData.Capabilities.V1.TopSupported",
    "Org.OData.Capabilities.V1.InsertRestrictions",
    "Org.OData.Capabilities.V1.DeleteRestrictions",
];

/// The term of an annotation, as written.
fn term(text: &str) -> CompactString {
    match COMMON_TERMS.iter().find(|common| **common == text) {
        Some(common) => CompactString::const_new(common),
        None => text.into(),
    }
}

/// Adds the children of `rest` to those of `schema`, each kind after its kind.
fn append(schema: &mut Schema, rest: Schema) {
    // Every field named, so that a new kind of child cannot be left out.
    let Schema {
        namespace: _,
        alias: _,
        entity_types,
        complex_types,
        enum_types,
        type_definitions,
        operations,
        terms,
        containers,
        annotations,
        location: _,
    } = rest;
    schema.entity_types.extend(entity_types);
    schema.complex_types.extend(complex_types);
    schema.enum_types.extend(enum_types);
    schema.type_definitions.extend(type_definitions);
    schema.operations.extend(operations);
    schema.terms.extend(terms);
    schema.containers.extend(containers);
    schema.annotations.extend(annotations);
}

/// `Edm.String` or `Collection(Edm.String)`; anything else malformed is `None`.
pub fn parse_type_ref(text: &str) -> Option<TypeRef> {
    let (name, collection) = match text.strip_prefix("Collection(") {
        Some(rest) => (rest.strip_suffix(')')?, true),
        None => (text, false),
    };
    is_qualified_name(name).then(|| TypeRef {
        name: name.into(),
        collection,
    })
}

/// Dot-separated identifiers, each a letter or `_` followed by letters, digits and `_`.
fn is_qualified_name(name: &str) -> bool {
    // Made for every Type attribute. Nearly every name is ASCII, checked here a byte at a time
    // without decoding characters: reading v1.0.csdl takes 3% fewer instructions so.
    if name.is_ascii() {
        let mut at_start = true;
        for &byte in name.as_bytes() {
            match byte {
                b'.' if !at_start => at_start = true,
                b'a'..=b'z' | b'A'..=b'Z' | b'_' => at_start = false,
                b'0'..=b'9' if !at_start => {}
                _ => return false,
            }
        }
        return !at_start;
    }
    name.split('.').all(|part| {
        let mut chars = part.chars();
        chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
            && chars.all(|c| c.is_alphanumeric() || c == '_')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_are_dot_separated_identifiers() {
        let cases = [
            ("Edm.String", true),
            ("microsoft.graph.user", true),
            ("_private.x_1", true),
            ("a", true),
            ("émoji.naïve", true),
            ("ns.1st", false),
            ("1ns.x", false),
            ("", false),
            (".x", false),
            ("x.", false),
            ("a..b", false),
            ("a.b-c", false),
            ("a b", false),
            ("naïve.1x", false),
            ("naïve..x", false),
        ];
        for (name, valid) in cases {
            assert_eq!(is_qualified_name(name), valid, "{name:?}");
        }
        let collection = parse_type_ref("Collection(graph.user)").unwrap();
        assert_eq!(
            (collection.name.as_str(), collection.collection),
            ("graph.user", true)
        );
        assert!(parse_type_ref("Collection(graph.user").is_none());
        assert!(parse_type_ref("Collection()").is_none());
    }

    /// A document of three schemas of 40 entity and 40 enum types each, in an envelope,
    /// with `extra` written before each entity type of the last schema whose number is in
    /// `before`.
    fn three_schemas(extra: &str, before: std::ops::Range<usize>) -> Source {
        let schema = |namespace: &str, extra: &str| {
            let types: String = (0..40)
                .map(|i| {
                    let extra = if before.contains(&i) { extra } else { "" };
                    format!("{extra}<EntityType Name=\"T{i}\"><Key><PropertyRef Name=\"id\"/></Key><Property Name=\"id\" Type=\"Edm.String\"/></EntityType>\n<EnumType Name=\"E{i}\"><Member Name=\"a\"/></EnumType>\n")
                })
                .collect();
            format!(
                "<Schema xmlns=\"{}\" Namespace=\"{namespace}\">\n{types}</Schema>\n",
                xml::EDM_NS
            )
        };
        let text = format!(
            "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"{}\"><edmx:DataServices>\n{}{}{}</edmx:DataServices></edmx:Edmx>\n",
            xml::EDMX_NS,
            schema("A", ""),
            schema("B", ""),
            schema("C", extra),
        );
        Source::new("big.xml", text)
    }

    /// What reading `split` gives when the other thread has read every chunk it could from
    /// `meet` on, back from the last, before the reading from the start begins: the result
    /// as `read_with` returns it, and whether chunks the other thread read were taken.
    fn meeting_at(source: &Source, split: &Split<'_>, meet: usize) -> (String, bool) {
        let claims: Vec<AtomicU8> = (0..split.starts.len())
            .map(|i| AtomicU8::new(if i < meet { FROM_THE_START } else { FREE }))
            .collect();
        let (sender, receiver) = channel();
        split.read_chunks(source, &claims, sender);
        let chunks = Chunks::new(split, &claims, receiver);
        let mut reader = Reader::new(Events::new(source), Some(chunks), None);
        let result = reader.whole().map_err(Errors::from).and_then(|document| {
            Errors::check(std::mem::take(&mut reader.errors))?;
            Ok(document)
        });
        let taken = reader.joined.is_some();
        (format!("{result:?}"), taken)
    }

    /// Wherever the two threads meet, the reading from the start takes what the other read
    /// from there on, and the document is the one reading on one thread gives; chunks that
    /// end in a later schema than they start in are joined in order. If the reading from
    /// the start read on itself instead, the result would be the same and only slower,
    /// which no comparison of results (`tests/hostile.rs`) can see.
    #[test]
    fn the_chunks_are_taken_wherever_the_threads_meet() {
        let source = three_schemas("", 0..0);
        let alone = format!("{:?}", read_with(&source, None));
        assert!(alone.starts_with("Ok("), "{alone}");
        let split = Split::find(&source, 0).expect("chunks to read");
        assert!(split.starts.len() > 40, "{} chunks", split.starts.len());
        for meet in 0..split.starts.len() {
            let (read, taken) = meeting_at(&source, &split, meet);
            assert!(taken, "read alone, meeting at {meet}");
            assert_eq!(read, alone, "meeting at {meet}");
        }
    }

    /// A chunk with an error is not taken: the reading from the start reads it, and every
    /// chunk after it, itself, and reports the error once, where reading on one thread does.
    /// Met after that chunk, it takes the chunks from there on. (Before type 39 the error is
    /// in the last chunk, so that chunk is the only one the other thread reads there.)
    #[test]
    fn a_chunk_with_an_error_is_read_again_from_the_start() {
        let missing_type = "<ComplexType Name=\"Broken\"><Property Name=\"p\"/></ComplexType>\n";
        for index in [20, 39] {
            let source = three_schemas(missing_type, index..index + 1);
            let alone = format!("{:?}", read_with(&source, None));
            assert!(
                alone.contains("<Property> needs a `Type` attribute"),
                "{alone}"
            );
            let split = Split::find(&source, 0).expect("chunks to read");
            let broken = source.text.find("<ComplexType").unwrap();
            let chunk = split.starts.partition_point(|&start| start <= broken) - 1;
            for meet in 0..split.starts.len() {
                let (read, taken) = meeting_at(&source, &split, meet);
                assert_eq!(read, alone, "error before type {index}, meeting at {meet}");
                assert_eq!(
                    taken,
                    meet > chunk,
                    "error in chunk {chunk}, meeting at {meet}"
                );
            }
        }
    }

    /// A guessed chunk start that is not a tag (here, in a comment) is read past by the
    /// reading from the start; the chunk before it, read by the other thread, never gets to
    /// it as a child of a schema and is not taken, so nothing of the comment gets in.
    #[test]
    fn a_chunk_start_guessed_in_a_comment_adds_nothing() {
        let ghost = "<!-- <EntityType Name=\"Ghost\"/> -->\n";
        let source = three_schemas(ghost, 0..40);
        let alone = format!("{:?}", read_with(&source, None));
        assert!(
            alone.starts_with("Ok(") && !alone.contains("Ghost"),
            "{alone}"
        );
        let split = Split::find(&source, 0).expect("chunks to read");
        let in_comment = |&start: &usize| source.text[..start].ends_with("<!-- ");
        let guessed = split
            .starts
            .iter()
            .rposition(in_comment)
            .expect("a chunk to start in a comment");
        // What the assertion below expects needs a real tag before that start, and one after.
        assert!(!in_comment(&split.starts[guessed - 1]) && guessed + 1 < split.starts.len());
        for meet in 0..split.starts.len() {
            let (read, taken) = meeting_at(&source, &split, meet);
            assert_eq!(read, alone, "meeting at {meet}");
            // The other thread cannot read the chunk that ends in the last comment a chunk
            // starts in; met before that comment, the reading from the start reads on itself.
            assert_eq!(taken, meet >= guessed, "meeting at {meet}");
        }
    }
}
