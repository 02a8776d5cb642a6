//! A pull reader of start tags, each with its byte offset, that scans the XML itself.
//!
//! The CSDL reader asks for the children of an element one at a time and builds its syntax
//! tree straight from them: no element tree is built, and names and attribute values borrow
//! from the input until the syntax tree takes what it keeps. Children the reader does not ask
//! about are skipped, and the whole document is still checked to be well-formed XML as far
//! as CSDL needs: tags that open and close in pairs, attributes written `name="value"` and
//! given once, known entity references, closed comments, CDATA sections and processing
//! instructions, and no document type declaration.
//!
//! Each tag is scanned once, its name and attributes as they come. A reader of XML events
//! such as quick-xml finds where a tag ends and leaves its attributes to be read again, and
//! reading v1.0.csdl on its events took a third more time (BENCHMARKS.md). quick-xml still
//! resolves entity references, and a test holds this scanner to what its reader reads.

use crate::source::Location;
use crate::source::Source;
use crate::{Error, ErrorKind};
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
    /// Where the scanning is in `text`.
    at: usize,
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
        // Byte-order marks before the text are skipped, and counted, so that offsets are
        // those of the whole text.
        let text = source.text.trim_start_matches('\u{feff}');
        Events {
            source,
            text,
            skipped: source.text.len() - text.len(),
            at: 0,
            open: Vec::new(),
            attrs: Vec::new(),
            #[cfg(debug_assertions)]
            last_at_depth: Vec::new(),
            prefixes: Vec::new(),
            line: Cell::new(0),
            rooted: false,
        }
    }

    /// Reads on from byte `offset` (the `<` of a tag) inside `context`, as if the document
    /// had been read up to there: the end tags of the context's elements are matched too.
    pub fn resume(source: &'i Source, offset: usize, context: &Context<'i>) -> Self {
        let text = &source.text[offset..];
        let line = source.line_index(offset);
        Events {
            source,
            text,
            skipped: offset,
            at: 0,
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

    /// An error at `offset` in `text`.
    fn fail(&self, offset: usize, message: impl Into<String>) -> Error {
        Error::new(
            self.source.location(self.skipped + offset),
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
    /// text unless `keep_text`.
    fn content(&mut self, depth: usize, keep_text: bool) -> Result<Content<'i>, Error> {
        let bytes = self.text.as_bytes();
        loop {
            if self.open.len() < depth {
                return Ok(Content::End);
            }
            let keep = keep_text && self.open.len() == depth;
            let start = self.at;
            let Some(lt) = memchr::memchr(b'<', &bytes[start..]).map(|i| start + i) else {
                self.at = bytes.len();
                self.text_between(start, bytes.len(), false)?;
                return self.end_of_document();
            };
            // Between tags there is mostly a line break and indentation, which needs no
            // more than a look for `&` here.
            if lt > start {
                self.at = lt;
                let plain = !keep && !self.open.is_empty() && !bytes[start..lt].contains(&b'&');
                if !plain {
                    if let Some(text) = self.text_between(start, lt, keep)? {
                        return Ok(Content::Text(text));
                    }
                }
            }
            match bytes.get(lt + 1) {
                Some(b'/') => self.end_tag(lt)?,
                Some(b'?') => {
                    if name_end(bytes, lt + 2) == lt + 2 || bytes.get(lt + 2) == Some(&b'?') {
                        let message = "a processing instruction has no target name after `<?`";
                        return Err(self.fail(lt, message));
                    }
                    self.skip_to(lt, lt + 2, "?>", "a processing instruction")?;
                }
                Some(b'!') => {
                    if let Some(text) = self.markup(lt, keep)? {
                        return Ok(Content::Text(text));
                    }
                }
                _ => {
                    if let Some(tag) = self.start_tag(lt, depth)? {
                        return Ok(Content::Child(tag));
                    }
                }
            }
        }
    }

    /// Checks the text from `start` to `end`, outside any tag, and gives it with its entity
    /// references resolved when `keep` (and it is inside the root element).
    fn text_between(
        &self,
        start: usize,
        end: usize,
        keep: bool,
    ) -> Result<Option<Cow<'i, str>>, Error> {
        let text = &self.text[start..end];
        if self.open.is_empty() {
            return match text.bytes().all(is_space) {
                true => Ok(None),
                false => Err(self.fail(start, "text outside the root element")),
            };
        }
        if !text.as_bytes().contains(&b'&') {
            return Ok(keep.then_some(Cow::Borrowed(text)));
        }
        let mut resolved = String::with_capacity(text.len());
        let mut done = 0;
        // A reference has no `&` in it: the next `&` is after the one before.
        for amp in memchr::memchr_iter(b'&', text.as_bytes()) {
            let rest = &text[amp + 1..];
            let reference = rest
                .find(|c: char| c == ';' || c == '&' || c.is_ascii_whitespace())
                .filter(|&end| rest.as_bytes()[end] == b';')
                .map(|end| &text[amp..amp + 1 + end + 1])
                .ok_or_else(|| {
                    self.fail(
                        start + amp,
                        "an `&` in text starts no entity reference such as `&amp;`",
                    )
                })?;
            let value = quick_xml::escape::unescape(reference).map_err(|_| {
                self.fail(
                    start + amp,
                    format!("unknown entity reference `{reference}`"),
                )
            })?;
            resolved.push_str(&text[done..amp]);
            resolved.push_str(&value);
            done = amp + reference.len();
        }
        resolved.push_str(&text[done..]);
        Ok(keep.then_some(Cow::Owned(resolved)))
    }

    /// Reads the markup at `lt` that starts with `<!`: a comment, or a CDATA section, whose
    /// text is given when `keep`. A document type declaration is refused.
    fn markup(&mut self, lt: usize, keep: bool) -> Result<Option<Cow<'i, str>>, Error> {
        let rest = &self.text.as_bytes()[lt..];
        if rest.starts_with(b"<!--") {
            self.skip_to(lt, lt + "<!--".len(), "-->", "a comment")?;
            return Ok(None);
        }
        if rest.starts_with(b"<![CDATA[") {
            let data = self.skip_to(lt, lt + "<![CDATA[".len(), "]]>", "a CDATA section")?;
            if self.open.is_empty() {
                return Err(self.fail(lt, "text outside the root element"));
            }
            return Ok(keep.then_some(Cow::Borrowed(data)));
        }
        let message = if rest.starts_with(b"<!DOCTYPE") {
            "document type declarations are not allowed in CSDL (entities are never expanded)"
        } else {
            "`<!` starts no comment, CDATA section or document type declaration"
        };
        Err(self.fail(lt, message))
    }

    /// Reads on past the markup at `lt` whose content starts at `from` and runs up to the
    /// first `end` after it, and gives that content; `kind` names the markup when the
    /// document ends before `end`.
    fn skip_to(&mut self, lt: usize, from: usize, end: &str, kind: &str) -> Result<&'i str, Error> {
        let text = self.text;
        let length = memchr::memmem::find(&text.as_bytes()[from..], end.as_bytes())
            .ok_or_else(|| self.fail(lt, format!("the document ends inside {kind}")))?;
        self.at = from + length + end.len();
        Ok(&text[from..from + length])
    }

    /// Reads the end tag at `lt`, which must close the innermost open element.
    fn end_tag(&mut self, lt: usize) -> Result<(), Error> {
        let from = lt + 2;
        let gt = memchr::memchr(b'>', &self.text.as_bytes()[from..])
            .map(|i| from + i)
            .ok_or_else(|| self.fail(lt, "the document ends inside an end tag"))?;
        let name = self.text[from..gt].trim_end_matches([' ', '\t', '\n', '\r']);
        self.at = gt + 1;
        let Some(open) = self.open.pop() else {
            return Err(self.fail(lt, format!("</{name}> closes no element")));
        };
        if name != open.qname {
            return Err(self.fail(lt, format!("</{name}> closes <{}>", open.qname)));
        }
        self.leave(self.open.len());
        Ok(())
    }

    /// Reads the start tag at `lt`: the tag when it is a child of the open element at
    /// `depth`, `None` when it is deeper.
    fn start_tag(&mut self, lt: usize, depth: usize) -> Result<Option<Tag<'i>>, Error> {
        if self.open.is_empty() && self.rooted {
            return Err(self.fail(lt, "content after the root element"));
        }
        let bytes = self.text.as_bytes();
        let from = lt + 1;
        let end = name_end(bytes, from);
        if let Some(&other @ (b'=' | b'"' | b'\'' | b'<' | b'&')) = bytes.get(end) {
            let message = format!("a `{}` is not allowed in a tag's name", other as char);
            return Err(self.fail(lt, message));
        }
        if end == from {
            return Err(self.fail(lt, "a `<` is not followed by a name"));
        }
        // `end` is at an ASCII byte or the end of the text: a character boundary.
        let qname = &self.text[from..end];
        let at = self.skipped + lt;
        let tag = self
            .tag(qname, end, at, self.open.len() + 1)
            .map_err(|m| self.fail(lt, m))?;
        self.rooted = true;
        if tag.empty {
            self.leave(self.open.len());
            return Ok((self.open.len() == depth).then_some(tag));
        }
        if self.open.len() >= MAX_DEPTH {
            return Err(self.fail(
                lt,
                format!("elements are nested more than {MAX_DEPTH} deep"),
            ));
        }
        self.open.push(Open {
            qname,
            ns: tag.ns,
            offset: at,
            attrs_end: tag.attrs.end,
        });
        Ok((self.open.len() == depth + 1).then_some(tag))
    }

    /// Reads the attributes of a start tag from `from` in the text, just after its name, to
    /// its end: its namespace declarations come into scope, then its name is resolved and its
    /// other attributes kept.
    fn tag(
        &mut self,
        qname: &'i str,
        from: usize,
        offset: usize,
        depth: usize,
    ) -> Result<Tag<'i>, String> {
        let mut attributes = Attributes {
            text: self.text,
            at: from,
            empty: false,
        };
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
        self.at = attributes.at;
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
            attrs: first..self.attrs.len(),
            offset,
            depth,
            empty: attributes.empty,
        })
    }

    /// The end of the text: an error if an element is still open.
    fn end_of_document(&self) -> Result<Content<'i>, Error> {
        match self.open.last() {
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
        }
    }

    /// Drops the namespace declarations of elements deeper than `depth`, which have ended.
    fn leave(&mut self, depth: usize) {
        while self.prefixes.last().is_some_and(|(_, _, d)| *d > depth) {
            self.prefixes.pop();
        }
    }
}

/// The attributes of a start tag, read from its text after the name up to the `>` or `/>`
/// that ends it: `name="value"` or `name='value'`, with spaces allowed around the `=`.
struct Attributes<'i> {
    text: &'i str,
    at: usize,
    /// Whether the tag ended with `/>`: it has no content.
    empty: bool,
}

impl<'i> Attributes<'i> {
    /// The next attribute's name and value, unescaped; `None` after the last, with `at`
    /// just after the end of the tag.
    fn next(&mut self) -> Result<Option<(&'i str, Cow<'i, str>)>, String> {
        let bytes = self.text.as_bytes();
        self.skip_spaces();
        match bytes.get(self.at) {
            None => return Err("the document ends inside this tag".into()),
            Some(b'>') => {
                self.at += 1;
                return Ok(None);
            }
            Some(b'/') if bytes.get(self.at + 1) == Some(&b'>') => {
                self.at += 2;
                self.empty = true;
                return Ok(None);
            }
            Some(b'/') => return Err("a `/` in a tag is not followed by `>`".into()),
            Some(_) => {}
        }
        let start = self.at;
        self.at = name_end(bytes, start);
        // Every index taken here is at the start, an ASCII byte or the end: a character
        // boundary.
        let name = &self.text[start..self.at];
        match bytes.get(self.at) {
            Some(b'=') if name.is_empty() => {
                return Err("an attribute has no name before its `=`".into())
            }
            Some(&other @ (b'"' | b'\'' | b'<' | b'&')) => {
                return Err(format!(
                    "a `{}` is not allowed in an attribute's name",
                    other as char
                ))
            }
            _ => {}
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

/// Where the name that starts at `from` in a tag ends: at the end of the text, or at white
/// space or a byte that cannot be in an XML name and has a meaning in a tag.
fn name_end(bytes: &[u8], from: usize) -> usize {
    /// The bytes a name ends at.
    const ENDS: [bool; 256] = {
        let mut ends = [false; 256];
        let mut i = 0;
        let all = b" \t\n\r=>/\"'<&";
        while i < all.len() {
            ends[all[i] as usize] = true;
            i += 1;
        }
        ends
    };
    bytes[from..]
        .iter()
        .position(|&byte| ENDS[byte as usize])
        .map_or(bytes.len(), |i| from + i)
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

    /// The attributes of a tag whose text after the name is `text`, which must end where the
    /// tag does; it has no content exactly when it ends with `/>`.
    fn attributes(text: &str) -> Result<Vec<(&str, String)>, String> {
        let mut attributes = Attributes {
            text,
            at: 0,
            empty: false,
        };
        let mut all = Vec::new();
        while let Some((name, value)) = attributes.next()? {
            all.push((name, value.into_owned()));
        }
        assert_eq!(attributes.at, text.len(), "{text:?}");
        assert_eq!(attributes.empty, text.ends_with("/>"), "{text:?}");
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
            let (open, empty) = (format!("{text}>"), format!("{text}/>"));
            assert_eq!(attributes(&open), Ok(expected.clone()), "{open:?}");
            assert_eq!(attributes(&empty), Ok(expected), "{empty:?}");
        }
        let refused = [
            (" a>", "the attribute `a` has no `=` and value"),
            (" a/>", "the attribute `a` has no `=` and value"),
            (r#" a b="1">"#, "the attribute `a` has no `=` and value"),
            (" a=1>", "the value of the attribute `a` is not in quotes"),
            (" a=>", "the value of the attribute `a` is not in quotes"),
            (r#" ="1">"#, "an attribute has no name before its `=`"),
            // quick-xml took this for an attribute named `=`, which is not an XML name.
            (r#" ==">"#, "an attribute has no name before its `=`"),
            (
                r#" a="1>"#,
                "the value of the attribute `a` has no closing quote",
            ),
            (
                r#" a="&amp;>"#,
                "the value of the attribute `a` has no closing quote",
            ),
            ("", "the document ends inside this tag"),
            (r#" a="1" "#, "the document ends inside this tag"),
            (" / >", "a `/` in a tag is not followed by `>`"),
            (r#" a="1"/x>"#, "a `/` in a tag is not followed by `>`"),
        ];
        for (text, expected) in refused {
            assert_eq!(attributes(text), Err(expected.to_string()), "{text:?}");
        }
        for text in [r#" a="&bogus;">"#, r#" a="x & y">"#] {
            let error = attributes(text).unwrap_err();
            assert!(
                error.starts_with("the value of the attribute `a`: "),
                "{text:?}: {error}"
            );
        }
    }

    /// An end tag closes the element of its name as written, white space after it aside:
    /// names of characters other than ASCII too, whatever their bytes.
    #[test]
    fn end_tags_close_elements_by_their_names_as_written() {
        for name in ["a", "p:b", "aĠ", "aĊ", "丠", "naïve"] {
            let text = format!("<{name}><{name} x='1'/></{name} \n>");
            let read = tags(&text).map(|tags| tags.into_iter().map(|(n, _)| n).collect());
            assert_eq!(
                read,
                Ok(vec![name.to_string(), name.to_string()]),
                "{text:?}"
            );
        }
        for (text, message) in [
            ("<a></aĠ>", "t.xml:1:4: </aĠ> closes <a>"),
            ("<aĠ></a>", "t.xml:1:5: </a> closes <aĠ>"),
            ("<a></a b>", "t.xml:1:4: </a b> closes <a>"),
        ] {
            assert_eq!(tags(text), Err(message.to_string()), "{text:?}");
        }
    }

    /// A start tag's name as written, and its attributes' names and values.
    type TagRead = (String, Vec<(String, String)>);

    /// Every start tag of a document, nested in document order, with its attributes other
    /// than namespace declarations; the first error if it is not well-formed.
    fn tags(text: &str) -> Result<Vec<TagRead>, String> {
        fn under<'i>(
            events: &mut Events<'i>,
            element: &Tag<'i>,
            all: &mut Vec<TagRead>,
        ) -> Result<(), Error> {
            // The name as written, from the tag's text.
            let rest = &events.source.text[element.offset + 1..];
            let end = rest
                .find([' ', '\t', '\n', '\r', '/', '>'])
                .unwrap_or(rest.len());
            let attrs = events.attrs[element.attrs.clone()]
                .iter()
                .map(|a| (a.qname.to_string(), a.value.to_string()))
                .collect();
            all.push((rest[..end].to_string(), attrs));
            while let Some(child) = events.child(element)? {
                under(events, &child, all)?;
            }
            Ok(())
        }
        let source = Source::new("t.xml", text);
        let mut events = Events::new(&source);
        let mut all = Vec::new();
        let walk = |events: &mut Events<'_>, all: &mut Vec<_>| -> Result<(), Error> {
            let root = events.root()?;
            under(events, &root, all)?;
            events.finish()
        };
        walk(&mut events, &mut all).map_err(|e| e.to_string())?;
        Ok(all)
    }

    /// The same from quick-xml's reader, with the checks graphgen makes that it does not:
    /// one root element, closed at the end, no text but spaces outside it, no document type
    /// declaration, known entity references only, and names (of processing instructions'
    /// targets too) that are not empty and have none of the characters that XML names cannot
    /// have and that mean something in a tag.
    const NOT_IN_NAMES: [char; 6] = ['=', '"', '\'', '<', '&', '/'];

    fn quick_xml_tags(text: &str) -> Option<Vec<TagRead>> {
        use quick_xml::events::Event;
        let mut reader = quick_xml::Reader::from_str(text);
        let (mut all, mut depth, mut rooted) = (Vec::new(), 0, false);
        loop {
            let event = reader.read_event().ok()?;
            let outside = depth == 0;
            match event {
                Event::Start(ref tag) | Event::Empty(ref tag) => {
                    if outside && rooted {
                        return None;
                    }
                    rooted = true;
                    let mut attrs = Vec::new();
                    for attr in tag.attributes() {
                        let attr = attr.ok()?;
                        let key = std::str::from_utf8(attr.key.as_ref()).ok()?.to_string();
                        if key.contains(NOT_IN_NAMES) {
                            return None;
                        }
                        let value = attr.unescape_value().ok()?.into_owned();
                        if key != "xmlns" && !key.starts_with("xmlns:") {
                            attrs.push((key, value));
                        }
                    }
                    // quick-xml reads `<>` as a tag with an empty name.
                    let name = std::str::from_utf8(tag.name().as_ref()).ok()?.to_string();
                    if name.is_empty() || name.contains(NOT_IN_NAMES) {
                        return None;
                    }
                    all.push((name, attrs));
                    if matches!(event, Event::Start(_)) {
                        depth += 1;
                    }
                }
                Event::End(_) => depth -= 1,
                Event::Text(text) if outside && !text.iter().all(|&b| is_space(b)) => return None,
                Event::CData(_) | Event::GeneralRef(_) if outside => return None,
                Event::GeneralRef(name) => {
                    let name = name.decode().ok()?;
                    quick_xml::escape::unescape(&format!("&{name};")).ok()?;
                }
                Event::DocType(_) => return None,
                // A processing instruction starts with the name of its target.
                Event::PI(pi)
                    if pi
                        .first()
                        .is_none_or(|&b| name_end(&pi, 0) == 0 || b == b'>') =>
                {
                    return None
                }
                Event::Eof => return (rooted && depth == 0).then_some(all),
                _ => {}
            }
        }
    }

    /// Pieces of XML that a mutation inserts, most of them well-formed on their own.
    const PIECES: [&str; 24] = [
        "<a",
        "<p:b",
        " x=\"1\"",
        " y='&lt;2'",
        " xmlns:p=\"urn:p\"",
        ">",
        "/>",
        "</a>",
        "</p:b>",
        "</a >",
        "text",
        " \n",
        "&amp;",
        "&#65;",
        "&bogus;",
        "& ",
        "<!-- c -->",
        "<![CDATA[ d ]]>",
        "<?pi x?>",
        "<!DOCTYPE a>",
        "\"",
        "=",
        "<",
        "<a/>",
    ];

    /// An element with attributes, text and children, well-formed.
    fn element() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let name = proptest::sample::select(vec!["a", "p:b", "Schema", "x1", "aĠ"]);
        let attribute = (
            proptest::sample::select(vec!["x", "y", "p:z", "xmlns:p", "xmlns", "Name"]),
            proptest::sample::select(vec!["1", "&lt;2&gt;", "a b", "", "urn:p", "it's"]),
            proptest::sample::select(vec![" ", "\n  ", " "]),
        )
            .prop_map(|(key, value, space)| {
                let quote = if value.contains('\'') { '"' } else { '\'' };
                format!("{space}{key}={quote}{value}{quote}")
            });
        let attributes = proptest::collection::vec(attribute, 0..3).prop_map(|all| all.concat());
        let text = proptest::sample::select(vec![
            "text",
            " \n",
            "&amp;",
            "&#65;",
            "<!-- c -->",
            "<![CDATA[ d ]]>",
            "<?pi x?>",
        ])
        .prop_map(String::from);
        let leaf = (name.clone(), attributes.clone()).prop_map(|(n, a)| format!("<{n}{a}/>"));
        leaf.prop_recursive(4, 32, 4, move |inner| {
            let content = proptest::collection::vec(prop_oneof![inner, text.clone()], 0..4);
            (name.clone(), attributes.clone(), content)
                .prop_map(|(n, a, content)| format!("<{n}{a}>{}</{n}>", content.concat()))
        })
    }

    /// A change to a document: a piece inserted, or a few bytes taken out, somewhere.
    #[derive(Debug, Clone)]
    enum Mutation {
        Insert(usize, usize),
        Remove(usize, usize),
    }

    fn mutation() -> impl proptest::strategy::Strategy<Value = Mutation> {
        use proptest::prelude::*;
        prop_oneof![
            (0..10_000usize, 0..PIECES.len()).prop_map(|(at, piece)| Mutation::Insert(at, piece)),
            (0..10_000usize, 1..4usize).prop_map(|(at, length)| Mutation::Remove(at, length)),
        ]
    }

    /// The character boundary at or before `at`.
    fn boundary(text: &str, mut at: usize) -> usize {
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    fn mutate(mut text: String, mutations: &[Mutation]) -> String {
        for mutation in mutations {
            match *mutation {
                Mutation::Insert(at, piece) => {
                    let at = boundary(&text, at % (text.len() + 1));
                    text.insert_str(at, PIECES[piece])
                }
                Mutation::Remove(at, length) => {
                    let at = boundary(&text, at % (text.len() + 1));
                    let end = boundary(&text, (at + length).min(text.len()));
                    text.replace_range(at..end, "");
                }
            }
        }
        text
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 4000,
            failure_persistence: None,
            ..Default::default()
        })]
        /// Whatever quick-xml, with the same checks, reads as well-formed, this scanner reads
        /// to the same tags and attributes; and what it refuses, this scanner refuses too.
        /// The documents are well-formed ones, some changed a little.
        #[test]
        fn the_scanner_reads_what_quick_xml_reads(
            prolog in proptest::sample::select(vec!["", "<?xml version=\"1.0\"?>\n", "\u{feff}"]),
            root in element(),
            mutations in proptest::collection::vec(mutation(), 0..3),
        ) {
            let text = prolog.to_string() + &mutate(format!("{root}\n<!-- end -->\n"), &mutations);
            let ours = tags(&text);
            match quick_xml_tags(text.trim_start_matches('\u{feff}')) {
                Some(theirs) => proptest::prop_assert_eq!(ours, Ok(theirs), "{:?}", text),
                None => proptest::prop_assert!(ours.is_err(), "{:?} read as {:?}", text, ours),
            }
        }
    }
}
