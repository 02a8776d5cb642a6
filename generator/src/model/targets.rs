//! External `Annotations Target="…"` blocks: a target names a type, a property, an enum
//! member, an entity set or singleton (and a navigation path below it), or an operation
//! overload; its annotations are applied there, over the inline ones.

use super::notes::{self, Capabilities, Notes};
use super::resolve::{Decl, Declared, Names};
use super::{Model, TypeId};
use crate::csdl;

/// A block on a member of a type: its target, where the member's name starts in it, and its
/// annotations.
pub(super) type MemberBlock = (String, usize, Vec<csdl::Annotation>);

/// Attaches the blocks that target a declared type or one of its members to the declaration
/// (`declared` is in id order): the type's are applied over its own annotations when it is
/// resolved, and the members' go after the members' own then ([`to_members`]). Returns the
/// other blocks.
pub(super) fn attach(
    names: &Names<'_>,
    declared: &mut [Declared],
    blocks: Vec<Vec<csdl::Annotations>>,
) -> Vec<csdl::Annotations> {
    let mut rest = Vec::new();
    // The blocks on a type and on its members come one after another: the type is looked up
    // once for them all.
    let mut last: (String, Option<TypeId>) = (String::new(), None);
    for block in blocks.into_iter().flatten() {
        if block.qualifier.is_some() {
            continue;
        }
        let (head, member) = match block.target.split_once('/') {
            Some((head, _)) => (head, Some(head.len() + 1)),
            None => (block.target.as_str(), None),
        };
        if last.0 != head {
            last.0.clear();
            last.0.push_str(head);
            last.1 = names.find_qualified(head);
        }
        let Some(id) = last.1 else {
            rest.push(block);
            continue;
        };
        let declared = &mut declared[id.0];
        match member {
            None => declared.external.push(block.annotations),
            Some(at) => declared.members.push((block.target, at, block.annotations)),
        }
    }
    rest
}

/// Adds the annotations of `blocks`, in document order, after the members' own. A block on a
/// member the type does not have is dropped.
pub(super) fn to_members(decl: &mut Decl, blocks: Vec<MemberBlock>) {
    for (target, at, annotations) in blocks {
        let member = &target[at..];
        let inline = match decl {
            Decl::Structured(t) => match t.properties.iter_mut().find(|p| p.name == member) {
                Some(p) => Some(&mut p.annotations),
                None => t
                    .navigation
                    .iter_mut()
                    .find(|n| n.name == member)
                    .map(|n| &mut n.annotations),
            },
            Decl::Enum(e) => e
                .members
                .iter_mut()
                .find(|m| m.name == member)
                .map(|m| &mut m.annotations),
            Decl::Definition(_) => None,
        };
        match inline {
            // Members seldom have annotations of their own: the block's list is taken whole.
            Some(inline) if inline.is_empty() => *inline = annotations,
            Some(inline) => inline.extend(annotations),
            None => {}
        }
    }
}

/// Applies the `Annotations Target="…"` blocks that [`attach`] left: those on the container,
/// its members and operations. Targets graphgen does not model (terms, parameters, paths
/// deeper than one navigation step) are skipped.
pub(super) fn external_annotations(
    names: &Names<'_>,
    model: &mut Model,
    blocks: Vec<csdl::Annotations>,
) {
    for block in blocks {
        annotate(names, model, &block.target, block.annotations);
    }
}

fn annotate(
    names: &Names<'_>,
    model: &mut Model,
    target: &str,
    annotations: Vec<csdl::Annotation>,
) {
    let (head, rest) = match target.split_once('/') {
        Some((h, r)) => (h, Some(r)),
        None => (target, None),
    };
    let head = names.unalias(head);
    if let Some(container) = &mut model.container {
        let is_container = head
            .strip_prefix(container.namespace.as_str())
            .and_then(|rest| rest.strip_prefix('.'))
            == Some(container.name.as_str());
        if is_container {
            let Some(path) = rest else { return };
            let (first, deeper) = match path.split_once('/') {
                Some((f, d)) => (f, Some(d)),
                None => (path, None),
            };
            if let Some(entry) = container.members.iter_mut().find(|m| m.name == first) {
                match deeper {
                    None => notes::apply(annotations, &mut entry.notes, &mut entry.capabilities),
                    Some(nav) => {
                        // A restriction on a navigation path below a set or singleton is
                        // recorded as a restricted navigation of that member.
                        let mut caps = Capabilities::default();
                        notes::apply(annotations, &mut Notes::default(), &mut caps);
                        let restrictions = entry
                            .capabilities
                            .navigation
                            .get_or_insert_with(Default::default);
                        restrictions.restricted.push((nav.to_string(), None, caps));
                    }
                }
            }
            return;
        }
    }
    // On an operation overload itself, not on one of its parameters: the annotations go to
    // every overload of the name, found in the operations, which are sorted by namespace and
    // name.
    if let (Some(open), None) = (head.find('('), rest) {
        let Some((namespace, name)) = head[..open].rsplit_once('.') else {
            return;
        };
        let operations = &mut model.operations;
        let first = operations
            .partition_point(|op| (op.namespace.as_str(), op.name.as_str()) < (namespace, name));
        for op in operations[first..]
            .iter_mut()
            .take_while(|op| op.namespace == namespace && op.name == name)
        {
            notes::apply(
                annotations.clone(),
                &mut op.notes,
                &mut Capabilities::default(),
            );
        }
    }
}
