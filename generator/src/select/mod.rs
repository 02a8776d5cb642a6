//! Stage 3, select: the closure of what the user asked for. A pattern names types by simple or
//! qualified name, with `*` and `?` wildcards. The closure adds base types, the types of
//! structural properties, and every type derived from a type that is used as a property type
//! (so a property can hold any of its derived types). Derived types of a type that is only
//! reached as a base are not added: selecting one entity does not select every entity.

use crate::model::{Model, Target, TypeId};
use crate::{Error, ErrorKind};
use std::collections::BTreeSet;

/// The types of the model to generate, sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub types: BTreeSet<TypeId>,
}

impl Selection {
    pub fn contains(&self, id: TypeId) -> bool {
        self.types.contains(&id)
    }
}

/// Selects the closure of `patterns`. A selection that selects nothing is an error, since it is
/// almost always a typo.
pub fn select(model: &Model, patterns: &[String], source: &str) -> Result<Selection, Error> {
    let mut roots = Vec::new();
    for id in model.ids() {
        let def = model.get(id);
        let qualified = def.qualified();
        if patterns.iter().any(|p| {
            if p.contains('.') {
                glob(p, &qualified)
            } else {
                glob(p, &def.name)
            }
        }) {
            roots.push(id);
        }
    }
    if roots.is_empty() {
        return Err(Error::io(
            source,
            format!("the selection {patterns:?} matches no type of the schema"),
        )
        .with_kind(ErrorKind::Selection));
    }
    Ok(closure(model, roots))
}

/// The closure of `roots`, as described in the module documentation.
pub fn closure(model: &Model, roots: impl IntoIterator<Item = TypeId>) -> Selection {
    let mut selected = BTreeSet::new();
    // (type, whether its derived types come along)
    let mut todo: Vec<(TypeId, bool)> = roots.into_iter().map(|id| (id, true)).collect();
    let mut expanded = BTreeSet::new();
    while let Some((id, with_derived)) = todo.pop() {
        let new = selected.insert(id);
        if with_derived && expanded.insert(id) {
            todo.extend(model.descendants(id).into_iter().map(|d| (d, false)));
        }
        if !new {
            continue;
        }
        let Some(s) = model.get(id).structured() else {
            continue;
        };
        if let Some(base) = s.base {
            todo.push((base, false));
        }
        for p in &s.properties {
            if let Target::Type(t) = p.ty.target {
                todo.push((t, true));
            }
        }
    }
    Selection { types: selected }
}

/// Matches `text` against a pattern with `*` (any run) and `?` (any one character).
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
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
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::glob;

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
        ];
        for (pattern, text, expected) in cases {
            assert_eq!(glob(pattern, text), expected, "{pattern} ~ {text}");
        }
    }
}
