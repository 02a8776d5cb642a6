//! Stage 3, select: the closure of what the user asked for.
//!
//! A type pattern names types by simple or qualified name, with `*` and `?` wildcards. A path
//! pattern starts with `/` and matches containment paths: `*` is one segment, `**` any number
//! (`/deviceManagement/**/assignments/*`). The closure adds base types, the types of
//! structural properties, and every type derived from a named type or from a type that is
//! used as a property type (so a property can hold any of its derived types). Derived types of a type that is only
//! reached as a base are not added: selecting one entity does not select every entity.
//!
//! The paths of the selection are the containment paths (down to `depth` navigation steps)
//! that a path pattern names or that lead to a type a type pattern names; they offer every
//! operation that can be typed. When the selection has no path pattern, paths that have a
//! bound operation on selected types (its parameters and result are selected types or
//! primitives, and at least one is a selected type) come along too
//! (`…/deviceConfigurations/{id}/assign`), and offer only such operations. A type selected
//! only as the base of another can be typed, but makes no operation one on the selection.

use crate::model::{Model, OperationDef, PathNode, Target, TypeId};
use crate::{Error, ErrorKind};
use std::collections::BTreeSet;

/// The types and paths of the model to generate, sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub types: BTreeSet<TypeId>,
    /// The types a type pattern names and the types of the paths a path pattern names.
    pub named: BTreeSet<TypeId>,
    /// The selected types that the closure reached only as the base of another
    /// (`directoryObject` for `appRoleAssignment`): generated, but not what was asked for.
    pub bases: BTreeSet<TypeId>,
    pub paths: Vec<PathNode>,
}

impl Selection {
    pub fn contains(&self, id: TypeId) -> bool {
        self.types.contains(&id)
    }

    /// Whether every type an operation takes or gives (past its binding parameter) is
    /// generated, so that it can be typed.
    pub fn can_type(&self, operation: &OperationDef) -> bool {
        operation.signature_targets().all(|t| match t {
            Target::Primitive(_) => true,
            Target::Type(id) => self.contains(id),
        })
    }

    /// Whether a parameter or the result of an operation (past its binding parameter) is a
    /// selected structured or enum type, other than one reached only as a base: such an
    /// operation belongs to the selection (`getByIds`, which gives directory objects, is not
    /// an operation on assignments).
    pub fn uses_selected_type(&self, operation: &OperationDef) -> bool {
        operation.signature_targets().any(
            |t| matches!(t, Target::Type(id) if self.contains(id) && !self.bases.contains(&id)),
        )
    }

    /// Whether a path to `ty` offers everything: its create, read, update and delete, and
    /// every bound operation that can be typed. Other paths come along only for the
    /// operations on the selection.
    pub fn offers_all(&self, ty: TypeId) -> bool {
        self.named.contains(&ty)
    }

    /// The bound operations that a path to `ty` (a collection of them, or one) offers, in the
    /// order they are generated: of each name the most derived binding, when it can be typed
    /// and the path offers everything or the operation is one on the selection.
    pub fn operations<'m>(
        &self,
        model: &'m Model,
        ty: TypeId,
        collection: bool,
    ) -> Vec<&'m OperationDef> {
        let mut seen = BTreeSet::new();
        model
            .bound_operations(ty, collection)
            .into_iter()
            .rev()
            .filter(|op| seen.insert(op.name.as_str()) && self.can_type(op) && self.offers(ty, op))
            .collect()
    }

    /// Whether a path to `ty` offers `op`, bound there, as far as the selection goes: the path
    /// offers everything, or the operation is one on the selection.
    pub fn offers(&self, ty: TypeId, op: &OperationDef) -> bool {
        self.offers_all(ty) || self.uses_selected_type(op)
    }
}

/// Selects the closure of `patterns`, with paths down to `depth` navigation steps. A selection
/// that selects nothing is an error, since it is almost always a typo.
pub fn select(
    model: &Model,
    patterns: &[String],
    depth: usize,
    source: &str,
) -> Result<Selection, Error> {
    let (path_patterns, type_patterns): (Vec<&String>, Vec<&String>) =
        patterns.iter().partition(|p| p.starts_with('/'));
    // The paths are walked on another thread while the type patterns are matched.
    let (candidates, mut roots) = crate::threads::join(
        || model.containment_tree(depth),
        || {
            model
                .ids()
                .filter(|&id| {
                    let def = model.get(id);
                    let qualified = std::cell::OnceCell::new();
                    type_patterns.iter().any(|p| {
                        if p.contains('.') {
                            glob(p, qualified.get_or_init(|| def.qualified()))
                        } else {
                            glob(p, &def.name)
                        }
                    })
                })
                .collect::<Vec<TypeId>>()
        },
    );
    // The types the type patterns name: every path to one is generated.
    let named_types: BTreeSet<TypeId> = roots.iter().copied().collect();
    let named: Vec<bool> = (0..candidates.len())
        .map(|i| {
            !path_patterns.is_empty() && {
                let template = candidates.template(i, model);
                path_patterns.iter().any(|p| path_glob(p, &template))
            }
        })
        .collect();
    roots.extend(
        named
            .iter()
            .enumerate()
            .filter(|(_, n)| **n)
            .map(|(i, _)| candidates.ty(i)),
    );
    if roots.is_empty() {
        return Err(Error::io(
            source,
            format!("the selection {patterns:?} matches no type or path of the schema"),
        )
        .with_kind(ErrorKind::Selection));
    }
    let mut selection = closure(model, roots);
    // With path patterns the user named the paths; without, every path to a named type and
    // every path that offers an operation on the selected types.
    let offer_operations = path_patterns.is_empty();
    // Many paths lead to the same type: whether it offers an operation is asked once a type.
    let mut offers: std::collections::HashMap<(TypeId, bool), bool> = Default::default();
    selection.paths = named
        .into_iter()
        .enumerate()
        .filter(|&(i, named)| {
            let (ty, collection) = (candidates.ty(i), candidates.collection(i));
            named
                || named_types.contains(&ty)
                || (offer_operations
                    && *offers
                        .entry((ty, collection))
                        .or_insert_with(|| !selection.operations(model, ty, collection).is_empty()))
        })
        .map(|(i, _)| candidates.node(i))
        .collect();
    Ok(selection)
}

/// Matches a path template against a pattern whose `*` is one segment (or part of one) and
/// `**` any number of segments.
pub fn path_glob(pattern: &str, path: &str) -> bool {
    fn go(p: &[&str], s: &[&str]) -> bool {
        match p.split_first() {
            None => s.is_empty(),
            Some((&"**", rest)) => (0..=s.len()).any(|i| go(rest, &s[i..])),
            Some((first, rest)) => s
                .split_first()
                .is_some_and(|(seg, more)| glob(first, seg) && go(rest, more)),
        }
    }
    let p: Vec<&str> = pattern.trim_matches('/').split('/').collect();
    let s: Vec<&str> = path.trim_matches('/').split('/').collect();
    go(&p, &s)
}

/// The closure of `roots`, as described in the module documentation.
pub fn closure(model: &Model, roots: impl IntoIterator<Item = TypeId>) -> Selection {
    #[derive(Clone, Copy, PartialEq)]
    enum Reached {
        /// Named, or the type of a property: its derived types come along.
        Value,
        /// Derived from a value type.
        Derived,
        /// Only the base of another selected type.
        Base,
    }
    let mut selected = BTreeSet::new();
    let named: BTreeSet<TypeId> = roots.into_iter().collect();
    let mut todo: Vec<(TypeId, Reached)> = named.iter().map(|&id| (id, Reached::Value)).collect();
    let mut expanded = BTreeSet::new();
    let mut values = BTreeSet::new();
    while let Some((id, reached)) = todo.pop() {
        let new = selected.insert(id);
        if reached != Reached::Base {
            values.insert(id);
        }
        if reached == Reached::Value && expanded.insert(id) {
            todo.extend(
                model
                    .descendants(id)
                    .into_iter()
                    .map(|d| (d, Reached::Derived)),
            );
        }
        if !new {
            continue;
        }
        let Some(s) = model.get(id).structured() else {
            continue;
        };
        if let Some(base) = s.base {
            todo.push((base, Reached::Base));
        }
        for p in &s.properties {
            if let Target::Type(t) = p.ty.target {
                todo.push((t, Reached::Value));
            }
        }
    }
    Selection {
        named,
        bases: selected.difference(&values).copied().collect(),
        types: selected,
        paths: Vec::new(),
    }
}

/// Matches `text` against a pattern with `*` (any run) and `?` (any one character).
pub fn glob(pattern: &str, text: &str) -> bool {
    // Names are nearly always ASCII: bytes are characters then, and nothing is collected.
    if pattern.is_ascii() && text.is_ascii() {
        glob_in(pattern.as_bytes(), text.as_bytes())
    } else {
        let p: Vec<char> = pattern.chars().collect();
        let t: Vec<char> = text.chars().collect();
        glob_in(&p, &t)
    }
}

/// [`glob`] over bytes or characters.
fn glob_in<T: PartialEq + Copy + From<u8>>(p: &[T], t: &[T]) -> bool {
    let (any_run, any_one) = (T::from(b'*'), T::from(b'?'));
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == any_one || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == any_run {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == any_run)
}

#[cfg(test)]
mod tests {
    use super::{glob, path_glob};

    #[test]
    fn path_globs_match_segments() {
        let path = "/deviceManagement/deviceEnrollmentConfigurations/{deviceEnrollmentConfigurationId}/assignments/{enrollmentConfigurationAssignmentId}";
        let cases = [
            ("/deviceManagement/**/assignments/*", true),
            ("/deviceManagement/**", true),
            ("/**/assignments/*", true),
            ("/deviceManagement/*/assignments/*", false),
            ("/deviceManagement/*/*/assignments/*", true),
            ("/deviceManagement/device*/**", true),
            ("/deviceAppManagement/**", false),
            ("/deviceManagement/**/assignments", false),
        ];
        for (pattern, expected) in cases {
            assert_eq!(path_glob(pattern, path), expected, "{pattern}");
        }
    }

    #[test]
    fn glob_matches_stars_and_question_marks() {
        let cases = [
            ("*Assignment", "deviceConfigurationAssignment", true),
            ("*Assignment", "deviceConfigurationAssignments", false),
            ("device*Assignment", "deviceConfigurationAssignment", true),
            ("device*Assignment", "mobileAppAssignment", false),
            ("?ntity", "entity", true),
            ("*", "", true),
            ("a*b*c", "aXbYc", true),
            ("a*b*c", "aXbY", false),
            ("entity", "Entity", false),
            ("*é*", "caféAssignment", true),
            ("caf?Assignment", "caféAssignment", true),
            ("caf??Assignment", "caféAssignment", false),
        ];
        for (pattern, text, expected) in cases {
            assert_eq!(glob(pattern, text), expected, "{pattern} ~ {text}");
        }
    }
}
