//! A small element tree over quick-xml events, each element with its byte offset.
//!
//! CSDL is a few megabytes at most, so a tree that borrows from the input is both simple and
//! fast; the CSDL reader then walks it without caring about XML details.

use crate::source::Source;
use crate::{Error, ErrorKind};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use std::borrow::Cow;

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

/// An element whose names and attribute values borrow from the input where they can.
#[derive(Debug)]
pub struct Element<'i> {
    pub ns: Ns,
    pub name: &'i str,
    pub attrs: Vec<(&'i str, Cow<'i, str>)>,
    pub children: Vec<Element<'i>>,
    pub text: String,
    /// Byte offset of the `<` that opens the element.
    pub offset: usize,
}

impl<'i> Element<'i> {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_ref())
    }

    pub fn is(&self, name: &str) -> bool {
        self.ns == Ns::Edm && self.name == name
    }
}

/// Parses `source` into its root element.
pub fn parse(source: &Source) -> Result<Element<'_>, Error> {
    let text = source.text.strip_prefix('\u{feff}').unwrap_or(&source.text);
    let skipped = source.text.len() - text.len();
    let mut reader = NsReader::from_str(text);
    let fail = |offset: u64, message: String| {
        Error::new(
            source.location(skipped + offset as usize),
            ErrorKind::Xml,
            message,
        )
    };
    let mut stack: Vec<Element<'_>> = Vec::new();
    let mut root: Option<Element<'_>> = None;
    loop {
        let offset = reader.buffer_position();
        let (ns, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => (namespace(&ns), event),
            Err(err) => return Err(fail(reader.error_position(), err.to_string())),
        };
        match event {
            Event::Start(_) | Event::Empty(_) if root.is_some() => {
                return Err(fail(offset, "content after the root element".into()));
            }
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(fail(
                        offset,
                        format!("elements are nested more than {MAX_DEPTH} deep"),
                    ));
                }
                let element = element(text, ns, &start, skipped + offset as usize)
                    .map_err(|m| fail(offset, m))?;
                stack.push(element);
            }
            Event::Empty(start) => {
                let element = element(text, ns, &start, skipped + offset as usize)
                    .map_err(|m| fail(offset, m))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => root = Some(element),
                }
            }
            Event::End(_) => {
                // quick-xml checks that end tags match their start tags.
                let Some(done) = stack.pop() else {
                    return Err(fail(offset, "unexpected closing tag".into()));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => root = Some(done),
                }
            }
            Event::Text(text) => {
                if let Some(current) = stack.last_mut() {
                    let raw = text.decode().map_err(|e| fail(offset, e.to_string()))?;
                    current.text.push_str(&raw);
                } else if !text.iter().all(u8::is_ascii_whitespace) {
                    return Err(fail(offset, "text outside the root element".into()));
                }
            }
            Event::CData(data) => {
                if let Some(current) = stack.last_mut() {
                    let raw = data.decode().map_err(|e| fail(offset, e.to_string()))?;
                    current.text.push_str(&raw);
                }
            }
            Event::GeneralRef(reference) => {
                let name = reference
                    .decode()
                    .map_err(|e| fail(offset, e.to_string()))?;
                let escaped = format!("&{name};");
                let resolved = quick_xml::escape::unescape(&escaped)
                    .map_err(|_| fail(offset, format!("unknown entity reference `{escaped}`")))?;
                if let Some(current) = stack.last_mut() {
                    current.text.push_str(&resolved);
                }
            }
            Event::DocType(_) => {
                return Err(fail(
                    offset,
                    "document type declarations are not allowed in CSDL (entities are never expanded)"
                        .into(),
                ));
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(open) = stack.last() {
        return Err(Error::new(
            source.location(source.text.len()),
            ErrorKind::Xml,
            format!(
                "the document ends inside <{}> opened at {}",
                open.name,
                source.location(open.offset)
            ),
        ));
    }
    root.ok_or_else(|| {
        Error::new(
            source.location(source.text.len()),
            ErrorKind::Xml,
            "the document has no root element",
        )
    })
}

fn namespace(ns: &ResolveResult<'_>) -> Ns {
    match ns {
        ResolveResult::Bound(uri) if uri.as_ref() == EDM_NS.as_bytes() => Ns::Edm,
        ResolveResult::Bound(uri) if uri.as_ref() == EDMX_NS.as_bytes() => Ns::Edmx,
        ResolveResult::Bound(_) => Ns::Other,
        ResolveResult::Unbound | ResolveResult::Unknown(_) => Ns::None,
    }
}

fn element<'i>(
    input: &'i str,
    ns: Ns,
    start: &BytesStart<'_>,
    offset: usize,
) -> Result<Element<'i>, String> {
    let name = reborrow(input, local_name(start.name().into_inner()))?;
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| e.to_string())?;
        let key = attr.key.into_inner();
        if key.starts_with(b"xmlns") {
            continue;
        }
        let key = reborrow(input, local_name(key))?;
        let raw = reborrow(input, &attr.value)?;
        let value = if raw.contains('&') {
            Cow::Owned(
                attr.unescape_value()
                    .map_err(|e| e.to_string())?
                    .into_owned(),
            )
        } else {
            Cow::Borrowed(raw)
        };
        attrs.push((key, value));
    }
    Ok(Element {
        ns,
        name,
        attrs,
        children: Vec::new(),
        text: String::new(),
        offset,
    })
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

fn local_name(qname: &[u8]) -> &[u8] {
    match qname.iter().position(|&b| b == b':') {
        Some(i) => &qname[i + 1..],
        None => qname,
    }
}
