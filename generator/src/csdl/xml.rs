//! A pull reader of start tags over quick-xml events, each tag with its byte offset.
//!
//! The CSDL reader asks for the children of an element one at a time and builds its syntax
//! tree straight from them: no element tree is built, and names and attribute values borrow
//! from the input until the syntax tree takes what it keeps. Children the reader does not ask
//! about are skipped, and the whole document is still checked to be well-formed XML.

use crate::source::Location;
use crate::source::Source;
use crate::{Error, ErrorKind};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::borrow::Cow;
use std::cell::Cell;
use std::ops::Range;

pub const EDMX_NS: &str = "http://docs.oasis-open.org/odata/ns/edmx";
pub const EDM_NS: &str = "http://docs.oasis-open.org/odata/ns/edm";

/// Deeper nesting than this is an error, not a stack overflow; CSDL needs about a dozen levels.
const MAX_DEPTH: usize = 128;

/// The XML namespace of an element, as far as CSDL cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    Edmx,
    Edm,
    /// Bound to another namespace URI.
    Other,
    /// Not bound to any namespace.
    None,
}

/// A start tag whose name borrows from the input. Its attributes are kept by the [`Events`]
/// that read it ([`Events::attr`]) until a tag that is not inside it is read.
#[derive(Debug)]
pub struct Tag<'i> {
    pub ns: Ns,
    /// The name without its prefix.
    pub name: &'i str,
    /// The name as written.
    qname: &'i str,
    /// Where its attributes are in [`Events::attrs`].
    attrs: Range<usize>,
    /// Byte offset of the `<` that opens the element.
    pub offset: usize,
    /// How many elements are open while this one is, itself included.
    depth: usize,
    /// Written `<x/>`: it has no content.
    empty: bool,
}

impl Tag<'_> {
    pub fn is(&self, name: &str) -> bool {
        self.ns == Ns::Edm && self.name == name
    }
}

/// The events of one document, read on demand.
pub struct Events<'i> {
    source: &'i Source,
    /// The text after any byte-order marks, and their length (or, reading on from inside the
    /// document, the text from there and where that is).
    text: &'i str,
    skipped: usize,
    reader: Reader<&'i [u8]>,
    /// Each open element, outermost first.
    open: Vec<Open<'i>>,
    /// The attributes of the last tag read and of the open elements around it, outermost
    /// first: a tag's are dropped when a tag after its end is read. One list for all saves
    /// allocating a list for every tag.
    attrs: Vec<Attribute<'i>>,
    /// The offset of the last tag read at each depth (at index depth - 1), to check that the
    /// attributes asked for are still kept.
    #[cfg(debug_assertions)]
    last_at_depth: Vec<usize>,
    /// Whether end tags are matched to their start tags here instead of by quick-xml, which
    /// cannot when reading starts inside the document (see [`Events::resume`]).
    check_ends: bool,
    /// The namespace prefixes in scope (`""` for the default namespace), each with the
    /// depth of the element that declares it, innermost last.
    prefixes: Vec<(&'i str, Ns, usize)>,
    /// The line of the last location asked for: the reader asks for locations in document
    /// order, so finding the next one is a short step forward.
    line: Cell<usize>,
    /// Whether the root element has been read.
    rooted: bool,
}

/// An attribute of a start tag.
#[derive(Debug)]
struct Attribute<'i> {
    /// The name as written.
    qname: &'i str,
    /// The name without its prefix.
    name: &'i str,
    value: Cow<'i, str>,
}

/// An open element: its name as written, its namespace and offset, and where its
/// attributes end in [`Events::attrs`].
#[derive(Debug, Clone)]
pub struct Open<'i> {
    qname: &'i str,
    ns: Ns,
    offset: usize,
    attrs_end: usize,
}

/// What is open and which namespace prefixes are in scope at a point of a document: enough to
/// read on from there as if the reading had started at the beginning.
#[derive(Debug, Clone)]
pub struct Context<'i> {
    open: Vec<Open<'i>>,
    prefixes: Vec<(&'i str, Ns, usize)>,
}

impl<'i> Context<'i> {
    /// The context inside the start tag at `offset`, an element inside this context. `None`
    /// when there is no start tag there, or it cannot be read.
    pub fn inside(&self, source: &'i Source, offset: usize) -> Option<Context<'i>> {
        let mut events = Events::resume(source, offset, self);
        match events.content(self.open.len(), false).ok()? {
            Content::Child(tag) if !tag.empty => Some(events.context()),
            _ => None,
        }
    }

    /// The start tag of the open element at `depth` (1: the root), without its attributes:
    /// a parent to read the children of.
    pub fn element(&self, depth: usize) -> Option<Tag<'i>> {
        let open = self.open.get(depth.checked_sub(1)?)?;
        Some(Tag {
            ns: open.ns,
            name: local_name(open.qname),
            qname: open.qname,
            attrs: 0..0,
            offset: open.offset,
            depth,
            empty: false,
        })
    }
}

/// What the reader takes from the content of an element.
enum Content<'i> {
    Child(Tag<'i>),
    Text(Cow<'i, str>),
    /// The end of the element (or of the document) was reached.
    End,
}

impl<'i> Events<'i> {
    pub fn new(source: &'i Source) -> Self {
        // quick-xml drops a byte-order mark at the start without counting its bytes, which
        // would shift every offset: all of them are skipped here, and counted.
        let text = source.text.trim_start_matches('\u{feff}');
        Events {
            source,
            text,
            skipped: source.text.len() - text.len(),
            reader: Reader::from_str(text),
            open: Vec::new(),
            attrs: Vec::new(),
            #[cfg(debug_assertions)]
            last_at_depth: Vec::new(),
            check_ends: false,
            prefixes: Vec::new(),
            line: Cell::new(0),
            rooted: false,
        }
    }

    /// Reads on from byte `offset` (the `<` of a tag) inside `context`, as if the document
    /// had been read up to there. End tags are matched here, the elements of the context
    /// included.
    pub fn resume(source: &'i Source, offset: usize, context: &Context<'i>) -> Self {
        let text = &source.text[offset..];
        let mut reader = Reader::from_str(text);
        reader.config_mut().check_end_names = false;
        reader.config_mut().allow_unmatched_ends = true;
        let line = source.line_index(offset);
        Events {
            source,
            text,
            skipped: offset,
            reader,
            // The attributes of the context's elements are not read again.
            open: context
                .open
                .iter()
                .map(|open| Open {
                    attrs_end: 0,
                    ..open.clone()
                })
                .collect(),
            attrs: Vec::new(),
            #[cfg(debug_assertions)]
            last_at_depth: context.open.iter().map(|open| open.offset).collect(),
            check_ends: true,
            prefixes: context.prefixes.clone(),
            line: Cell::new(line),
            rooted: !context.open.is_empty(),
        }
    }

    /// What is open here, and the prefixes in scope.
    pub fn context(&self) -> Context<'i> {
        Context {
            open: self.open.clone(),
            prefixes: self.prefixes.clone(),
        }
    }

    /// Whether `child`, just read, is where the reading from `context` began: it is at
    /// `offset`, directly inside the same open elements, with the same prefixes in scope.
    pub fn is_resumed_at(&self, context: &Context<'i>, offset: usize, child: &Tag<'i>) -> bool {
        let depth = context.open.len();
        child.offset == offset
            && child.depth == depth + 1
            && self.open.get(..depth).is_some_and(|open| {
                open.iter()
                    .zip(&context.open)
                    .all(|(a, b)| (a.qname, a.ns, a.offset) == (b.qname, b.ns, b.offset))
            })
            && self
                .prefixes
                .iter()
                .filter(|(_, _, d)| *d <= depth)
                .eq(&context.prefixes)
    }

    fn fail(&self, offset: u64, message: impl Into<String>) -> Error {
        Error::new(
            self.source.location(self.skipped + offset as usize),
            ErrorKind::Xml,
            message,
        )
    }

    /// The value of the attribute `name` of `tag`: the last tag read, one of the elements
    /// open around it, or an element that has ended since, until the next tag is read.
    pub fn attr(&self, tag: &Tag<'_>, name: &str) -> Option<&str> {
        #[cfg(debug_assertions)]
        debug_assert_eq!(
            self.last_at_depth.get(tag.depth - 1),
            Some(&tag.offset),
            "the attributes of a tag are asked for after a tag after its end was read"
        );
        self.attrs[tag.attrs.clone()]
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.value.as_ref())
    }

    /// The location of the byte at `offset`: quick for offsets at or after the last one.
    pub fn location(&self, offset: usize) -> Location {
        let starts = self.source.line_starts();
        let mut line = self.line.get();
        if offset < starts[line] {
            return self.source.location(offset);
        }
        while starts.get(line + 1).is_some_and(|&next| next <= offset) {
            line += 1;
        }
        self.line.set(line);
        self.source.location_on_line(line, offset)
    }

    /// The root element's start tag.
    pub fn root(&mut self) -> Result<Tag<'i>, Error> {
        match self.content(0, false)? {
            Content::Child(tag) => Ok(tag),
            _ => Err(Error::new(
                self.source.location(self.source.text.len()),
                ErrorKind::Xml,
                "the document has no root element",
            )),
        }
    }

    /// The next child of `parent`, skipping text and the rest of earlier children; `None`
    /// once `parent` has ended.
    pub fn child(&mut self, parent: &Tag<'i>) -> Result<Option<Tag<'i>>, Error> {
        if parent.empty {
            return Ok(None);
        }
        Ok(match self.content(parent.depth, false)? {
            Content::Child(tag) => Some(tag),
            Content::End => None,
            Content::Text(_) => unreachable!("text is skipped unless it is asked for"),
        })
    }

    /// The text directly inside `element`, read to its end.
    pub fn text(&mut self, element: &Tag<'i>) -> Result<String, Error> {
        let mut text = String::new();
        if element.empty {
            return Ok(text);
        }
        loop {
            match self.content(element.depth, true)? {
                Content::Child(_) => {}
                Content::Text(part) => text.push_str(&part),
                Content::End => return Ok(text),
            }
        }
    }

    /// Reads the rest of the document, which must be well-formed and end after the root.
    pub fn finish(&mut self) -> Result<(), Error> {
        while let Content::Child(_) = self.content(0, false)? {}
        Ok(())
    }

    /// The next start tag or text directly inside the open element at `depth` (0: the
    /// document), or `End` once it has closed. Deeper content is read and dropped, and so is
    /// text unless `keep_text`: the input is UTF-8 already, so there is nothing to check.
    fn content(&mut self, depth: usize, keep_text: bool) -> Result<Content<'i>, Error> {
        loop {
            if self.open.len() < depth {
                return Ok(Content::End);
            }
            let offset = self.reader.buffer_position();
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(err) => return Err(self.fail(self.reader.error_position(), err.to_string())),
            };
            let at = self.skipped + offset as usize;
            match event {
                Event::Start(_) | Event::Empty(_) if self.open.is_empty() && self.rooted => {
                    return Err(self.fail(offset, "content after the root element"));
                }
                Event::Start(start) => {
                    if self.open.len() >= MAX_DEPTH {
                        return Err(self.fail(
                            offset,
                            format!("elements are nested more than {MAX_DEPTH} deep"),
                        ));
                    }
                    self.rooted = true;
                    let tag = self
                        .tag(&start, at, self.open.len() + 1, false)
                        .map_err(|m| self.fail(offset, m))?;
                    self.open.push(Open {
                        qname: tag.qname,
                        ns: tag.ns,
                        offset: at,
                        attrs_end: tag.attrs.end,
                    });
                    if self.open.len() == depth + 1 {
                        return Ok(Content::Child(tag));
                    }
                }
                Event::Empty(start) => {
                    self.rooted = true;
                    let tag = self
                        .tag(&start, at, self.open.len() + 1, true)
                        .map_err(|m| self.fail(offset, m))?;
                    self.leave(self.open.len());
                    if self.open.len() == depth {
                        return Ok(Content::Child(tag));
                    }
                }
                Event::End(end) => {
                    // quick-xml checks that end tags match their start tags, unless reading
                    // began inside the document.
                    let Some(open) = self.open.pop() else {
                        return Err(self.fail(offset, "unexpected closing tag"));
                    };
                    if self.check_ends && end.name().as_ref() != open.qname.as_bytes() {
                        return Err(self.fail(
                            offset,
                            format!(
                                "</{}> closes <{}>",
                                end.name().as_ref().escape_ascii(),
                                open.qname
                            ),
                        ));
                    }
                    self.leave(self.open.len());
                }
                Event::Text(text) => {
                    if self.open.is_empty() {
                        if !text.iter().all(u8::is_ascii_whitespace) {
                            return Err(self.fail(offset, "text outside the root element"));
                        }
                    } else if keep_text && self.open.len() == depth {
                        let text = text
                            .decode()
                            .map_err(|e| self.fail(offset, e.to_string()))?;
                        return Ok(Content::Text(text));
                    }
                }
                Event::CData(data) => {
                    if keep_text && !self.open.is_empty() && self.open.len() == depth {
                        let text = data
                            .decode()
                            .map_err(|e| self.fail(offset, e.to_string()))?;
                        return Ok(Content::Text(text));
                    }
                }
                Event::GeneralRef(reference) => {
                    let name = reference
                        .decode()
                        .map_err(|e| self.fail(offset, e.to_string()))?;
                    let escaped = format!("&{name};");
                    let resolved = quick_xml::escape::unescape(&escaped)
                        .map_err(|_| {
                            self.fail(offset, format!("unknown entity reference `{escaped}`"))
                        })?
                        .into_owned();
                    if keep_text && !self.open.is_empty() && self.open.len() == depth {
                        return Ok(Content::Text(Cow::Owned(resolved)));
                    }
                }
                Event::DocType(_) => {
                    return Err(self.fail(
                        offset,
                        "document type declarations are not allowed in CSDL (entities are never expanded)",
                    ));
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
                Event::Eof => {
                    return match self.open.last() {
                        Some(open) => Err(Error::new(
                            self.source.location(self.source.text.len()),
                            ErrorKind::Xml,
                            format!(
                                "the document ends inside <{}> opened at {}",
                                local_name(open.qname),
                                self.source.location(open.offset)
                            ),
                        )),
                        None => Ok(Content::End),
                    };
                }
            }
        }
    }

    /// Reads a start tag: its namespace declarations come into scope, then its name is
    /// resolved and its other attributes kept.
    fn tag(
        &mut self,
        start: &BytesStart<'_>,
        offset: usize,
        depth: usize,
        empty: bool,
    ) -> Result<Tag<'i>, String> {
        let whole = reborrow(self.text, start)?;
        let (qname, rest) = whole
            .split_at_checked(start.name().as_ref().len())
            .ok_or("an XML name is not valid UTF-8")?;
        let mut attributes = Attributes { text: rest, at: 0 };
        // This tag's attributes go from `first` on, after those of the elements around it,
        // which are kept; those of tags read since are done with.
        let first = match depth.checked_sub(2) {
            Some(parent) => self.open[parent].attrs_end,
            None => 0,
        };
        self.attrs.truncate(first);
        #[cfg(debug_assertions)]
        {
            self.last_at_depth.truncate(depth - 1);
            self.last_at_depth.resize(depth - 1, usize::MAX);
            self.last_at_depth.push(offset);
        }
        // Attribute names are unique in well-formed XML: each is checked against this tag's
        // earlier ones, its namespace declarations and its other attributes apart. The few
        // tags with declarations list them; the others allocate nothing.
        let mut declarations: Vec<&str> = Vec::new();
        while let Some((key, value)) = attributes.next()? {
            // Only namespace declarations start with `x`; most keys are never compared.
            let given_twice =
                if key.starts_with('x') && (key == "xmlns" || key.starts_with("xmlns:")) {
                    let prefix = key.strip_prefix("xmlns:").unwrap_or("");
                    let twice = declarations.contains(&key);
                    declarations.push(key);
                    self.prefixes.push((prefix, namespace(&value), depth));
                    twice
                } else {
                    let twice = self.attrs[first..].iter().any(|a| a.qname == key);
                    self.attrs.push(Attribute {
                        qname: key,
                        name: local_name(key),
                        value,
                    });
                    twice
                };
            if given_twice {
                return Err(format!("the attribute `{key}` is given twice"));
            }
        }
        let (prefix, name) = split_qname(qname);
        let ns = self
            .prefixes
            .iter()
            .rev()
            // Nearly every name is unprefixed; settling that without a `memcmp` call is worth
            // an eighth of reading (criterion, `read (one thread)`).
            .find(|(p, _, _)| p.len() == prefix.len() && (prefix.is_empty() || *p == prefix))
            .map_or(Ns::None, |(_, ns, _)| *ns);
        Ok(Tag {
            ns,
            name,
            qname,
            attrs: first..self.attrs.len(),
            offset,
            depth,
            empty,
        })
    }

    /// Drops the namespace declarations of elements deeper than `depth`, which have ended.
    fn leave(&mut self, depth: usize) {
        while self.prefixes.last().is_some_and(|(_, _, d)| *d > depth) {
            self.prefixes.pop();
        }
    }
}

/// The attributes of a start tag, read from its text after the name: `name="value"` or
/// `name='value'`, with spaces allowed around the `=`. quick-xml reads attributes too, but
/// reading them here, straight from the input, takes less than half its instructions
/// (v1.0.csdl has 76 000 attributes in 40 000 tags).
struct Attributes<'i> {
    text: &'i str,
    at: usize,
}

impl<'i> Attributes<'i> {
    /// The next attribute's name and value, unescaped; `None` after the last.
    fn next(&mut self) -> Result<Option<(&'i str, Cow<'i, str>)>, String> {
        let bytes = self.text.as_bytes();
        self.skip_spaces();
        if self.at == bytes.len() {
            return Ok(None);
        }
        let start = self.at;
        while self.at < bytes.len() && bytes[self.at] != b'=' && !is_space(bytes[self.at]) {
            self.at += 1;
        }
        // Every index taken here is at the start, an ASCII byte or the end: a character
        // boundary.
        let name = &self.text[start..self.at];
        if name.is_empty() {
            return Err("an attribute has no name before its `=`".into());
        }
        self.skip_spaces();
        if bytes.get(self.at) != Some(&b'=') {
            return Err(format!("the attribute `{name}` has no `=` and value"));
        }
        self.at += 1;
        self.skip_spaces();
        let quote = match bytes.get(self.at) {
            Some(&quote @ (b'"' | b'\'')) => quote,
            _ => {
                return Err(format!(
                    "the value of the attribute `{name}` is not in quotes"
                ))
            }
        };
        let from = self.at + 1;
        let unclosed = || format!("the value of the attribute `{name}` has no closing quote");
        // One search finds the closing quote, and whether an `&` comes before it.
        let rest = &bytes[from..];
        let (end, escaped) = match memchr::memchr2(quote, b'&', rest) {
            Some(i) if rest[i] == quote => (i, false),
            Some(i) => (
                i + memchr::memchr(quote, &rest[i..]).ok_or_else(unclosed)?,
                true,
            ),
            None => return Err(unclosed()),
        };
        self.at = from + end + 1;
        let raw = &self.text[from..from + end];
        let value = if escaped {
            let value = quick_xml::escape::unescape(raw)
                .map_err(|e| format!("the value of the attribute `{name}`: {e}"))?;
            Cow::Owned(value.into_owned())
        } else {
            Cow::Borrowed(raw)
        };
        Ok(Some((name, value)))
    }

    fn skip_spaces(&mut self) {
        let bytes = self.text.as_bytes();
        while self.at < bytes.len() && is_space(bytes[self.at]) {
            self.at += 1;
        }
    }
}

/// XML's white space.
fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

/// What CSDL makes of a namespace URI; an empty one (`xmlns=""`) binds nothing.
fn namespace(uri: &str) -> Ns {
    match uri {
        EDM_NS => Ns::Edm,
        EDMX_NS => Ns::Edmx,
        "" => Ns::None,
        _ => Ns::Other,
    }
}

/// The part of `input` that `part` (a slice quick-xml took from it) covers, as `&str` with
/// the input's lifetime.
fn reborrow<'i>(input: &'i str, part: &[u8]) -> Result<&'i str, String> {
    let start = (part.as_ptr() as usize)
        .checked_sub(input.as_ptr() as usize)
        .filter(|start| start + part.len() <= input.len())
        .ok_or("an XML name or value is not part of the input")?;
    input
        .get(start..start + part.len())
        .ok_or_else(|| "an XML name or value is not valid UTF-8".to_string())
}

fn local_name(qname: &str) -> &str {
    split_qname(qname).1
}

/// The prefix (`""` when there is none) and the local name.
fn split_qname(qname: &str) -> (&str, &str) {
    // Names are short: a plain loop beats a search that is set up for long texts.
    match qname.bytes().position(|b| b == b':') {
        Some(colon) => (&qname[..colon], &qname[colon + 1..]),
        None => ("", qname),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attributes(text: &str) -> Result<Vec<(&str, String)>, String> {
        let mut attributes = Attributes { text, at: 0 };
        let mut all = Vec::new();
        while let Some((name, value)) = attributes.next()? {
            all.push((name, value.into_owned()));
        }
        Ok(all)
    }

    /// The reader asks for an element's attributes after reading its children (an
    /// annotation's qualifier after its value), never for those of a tag after its end.
    #[test]
    fn attributes_are_kept_while_the_children_are_read() {
        let source = Source::new(
            "kept.xml",
            r#"<a x="1" xmlns:p="urn:p"><b p:y="2" z='&amp;'><c z="3"/><d/></b><e w="4"/></a>"#,
        );
        let mut events = Events::new(&source);
        let a = events.root().unwrap();
        let b = events.child(&a).unwrap().unwrap();
        let c = events.child(&b).unwrap().unwrap();
        assert_eq!(events.attr(&c, "z"), Some("3"));
        let d = events.child(&b).unwrap().unwrap();
        assert_eq!((d.name, events.attr(&d, "z")), ("d", None));
        assert!(events.child(&b).unwrap().is_none());
        assert_eq!(events.attr(&a, "x"), Some("1"));
        assert_eq!(events.attr(&b, "y"), Some("2"));
        assert_eq!(events.attr(&b, "z"), Some("&"));
        assert_eq!(
            events.attr(&a, "xmlns:p"),
            None,
            "declarations are not attributes"
        );
        let e = events.child(&a).unwrap().unwrap();
        assert_eq!(events.attr(&e, "w"), Some("4"));
        assert_eq!(events.attr(&a, "x"), Some("1"));
        assert!(events.child(&a).unwrap().is_none());
        events.finish().unwrap();
    }

    #[test]
    fn attributes_are_read_as_xml_writes_them() {
        let read = [
            ("", vec![]),
            ("   ", vec![]),
            (r#" a="1" b='2'"#, vec![("a", "1"), ("b", "2")]),
            (
                " a = \"1\"\n\tb\r\n=\n'x y' ",
                vec![("a", "1"), ("b", "x y")],
            ),
            // quick-xml takes these without a space between them, and so does graphgen.
            (r#" a="1"b="2""#, vec![("a", "1"), ("b", "2")]),
            (r#" a="""#, vec![("a", "")]),
            (
                r#" a="it's" b='say "hi"'"#,
                vec![("a", "it's"), ("b", "say \"hi\"")],
            ),
            (
                r#" a="x &amp; y&#33;" b='&lt;&gt;'"#,
                vec![("a", "x & y!"), ("b", "<>")],
            ),
            (
                r#" x:a="é" xmlns:x="urn:x""#,
                vec![("x:a", "é"), ("xmlns:x", "urn:x")],
            ),
        ];
        for (text, expected) in read {
            let expected: Vec<(&str, String)> = expected
                .into_iter()
                .map(|(k, v)| (k, v.to_string()))
                .collect();
            assert_eq!(attributes(text), Ok(expected), "{text:?}");
        }
        let refused = [
            (" a", "the attribute `a` has no `=` and value"),
            (r#" a b="1""#, "the attribute `a` has no `=` and value"),
            (" a=1", "the value of the attribute `a` is not in quotes"),
            (" a=", "the value of the attribute `a` is not in quotes"),
            (r#" ="1""#, "an attribute has no name before its `=`"),
            // quick-xml took this for an attribute named `=`, which is not an XML name.
            (r#" ==""#, "an attribute has no name before its `=`"),
            (
                r#" a="1"#,
                "the value of the attribute `a` has no closing quote",
            ),
            (
                r#" a="&amp;"#,
                "the value of the attribute `a` has no closing quote",
            ),
        ];
        for (text, expected) in refused {
            assert_eq!(attributes(text), Err(expected.to_string()), "{text:?}");
        }
        for text in [r#" a="&bogus;""#, r#" a="x & y""#] {
            let error = attributes(text).unwrap_err();
            assert!(
                error.starts_with("the value of the attribute `a`: "),
                "{text:?}: {error}"
            );
        }
    }
}
