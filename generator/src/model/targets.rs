//! External `Annotations Target="…"` blocks: a target names a type, a property, an enum
//! member, an entity set or singleton (and a navigation path below it), or an operation
//! overload; its annotations are applied there, over the inline ones.

use super::notes::{self, Capabilities, Notes};
use super::resolve::Resolver;
use super::{Model, TypeKind};
use crate::csdl;
use std::borrow::Cow;

impl Resolver<'_, '_> {
    /// Applies `Annotations Target="…"` blocks. Targets graphgen does not model (terms,
    /// parameters, paths deeper than one navigation step) are skipped.
    /// The blocks are those of each schema, taken out of the document.
    pub(super) fn external_annotations(
        &mut self,
        model: &mut Model,
        blocks: Vec<Vec<csdl::Annotations>>,
    ) {
        for block in blocks.into_iter().flatten() {
            if block.qualifier.is_none() {
                self.annotate(model, &block.target, block.annotations);
            }
        }
    }

    fn annotate(&mut self, model: &mut Model, target: &str, annotations: Vec<csdl::Annotation>) {
        let (head, rest) = match target.split_once('/') {
            Some((h, r)) => (h, Some(r)),
            None => (target, None),
        };
        let head = self.unalias(head);
        let id = head
            .rsplit_once('.')
            .and_then(|(namespace, name)| self.names.find(namespace, name));
        if let Some(id) = id {
            let def = &mut model.types[id.0];
            match (rest, &mut def.kind) {
                (None, kind) => {
                    let mut caps = Capabilities::default();
                    notes::apply(annotations, &mut def.notes, &mut caps);
                    if let TypeKind::Entity(s) | TypeKind::Complex(s) = kind {
                        s.capabilities = caps.or(std::mem::take(&mut s.capabilities));
                    }
                }
                (Some(member), TypeKind::Entity(s) | TypeKind::Complex(s)) => {
                    if let Some(p) = s.properties.iter_mut().find(|p| p.name == member) {
                        notes::apply(annotations, &mut p.notes, &mut Capabilities::default());
                    } else if let Some(n) = s.navigation.iter_mut().find(|n| n.name == member) {
                        notes::apply(annotations, &mut n.notes, &mut n.capabilities);
                    }
                }
                (Some(member), TypeKind::Enum(e)) => {
                    if let Some(m) = e.members.iter_mut().find(|m| m.name == member) {
                        notes::apply(annotations, &mut m.notes, &mut Capabilities::default());
                    }
                }
                (Some(_), TypeKind::Definition(_)) => {}
            }
            return;
        }
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
                        None => {
                            notes::apply(annotations, &mut entry.notes, &mut entry.capabilities)
                        }
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
        if let Some(open) = head.find('(') {
            let name = &head[..open];
            for op in model.operations.iter_mut().filter(|op| {
                name.strip_prefix(op.namespace.as_str())
                    .and_then(|rest| rest.strip_prefix('.'))
                    == Some(op.name.as_str())
            }) {
                if rest.is_none() {
                    notes::apply(
                        annotations.clone(),
                        &mut op.notes,
                        &mut Capabilities::default(),
                    );
                }
            }
        }
    }

    fn unalias<'n>(&self, name: &'n str) -> Cow<'n, str> {
        let (qualified, params) = match name.find('(') {
            Some(i) => name.split_at(i),
            None => (name, ""),
        };
        match qualified
            .rsplit_once('.')
            .and_then(|(prefix, simple)| Some((self.names.aliases.get(prefix)?, simple)))
        {
            Some((namespace, simple)) => Cow::Owned(format!("{namespace}.{simple}{params}")),
            None => Cow::Borrowed(name),
        }
    }
}
