//! Every Rust identifier graphgen emits comes from here: heck for the case, then the keyword
//! table, then collision handling that is the same on every run.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// Keywords that can be written as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers: they get a trailing underscore.
const RESERVED: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A snake_case name for a module that has a file of its own: a keyword gets a trailing
/// underscore (`type_`) instead of `r#`, which a file name cannot carry.
pub fn module(name: &str) -> String {
    let ident = snake(name);
    match ident.strip_prefix("r#") {
        Some(keyword) => format!("{keyword}_"),
        None => ident,
    }
}

/// A snake_case identifier for a field, module or function: `r#type`, `self_`, `_3d`.
pub fn snake(name: &str) -> String {
    escape(name.to_snake_case())
}

/// An UpperCamelCase identifier for a type or variant: `Self_`, `_3dModel`.
pub fn camel(name: &str) -> String {
    escape(name.to_upper_camel_case())
}

fn escape(mut ident: String) -> String {
    if ident.is_empty() {
        return "_".to_string();
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert(0, '_');
    }
    if RESERVED.contains(&ident.as_str()) {
        ident.push('_');
    } else if RAW_KEYWORDS.contains(&ident.as_str()) {
        ident.insert_str(0, "r#");
    }
    ident
}

/// The identifiers already used in one scope (a module, a struct, an enum). A name that is
/// taken gets the smallest free numeric suffix, so the same input always gives the same names.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    pub fn new() -> Self {
        Scope::default()
    }

    /// Claims `ident`, or `ident2`, `ident3`, … (`ident_2` for snake_case names).
    pub fn claim(&mut self, ident: String) -> String {
        if self.taken.insert(bare(&ident).to_string()) {
            return ident;
        }
        let separator = if ident.chars().any(|c| c.is_ascii_uppercase()) || ident.ends_with('_') {
            ""
        } else {
            "_"
        };
        let stem = bare(&ident).to_string();
        (2..)
            .map(|n| format!("{stem}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or(stem)
    }

    pub fn contains(&self, ident: &str) -> bool {
        self.taken.contains(bare(ident))
    }
}

fn bare(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_names_never_need_r_hash() {
        assert_eq!(module("type"), "type_");
        assert_eq!(module("self"), "self_");
        assert_eq!(module("deviceManagement"), "device_management");
    }

    #[test]
    fn snake_case_names() {
        let cases = [
            (
                "deviceAndAppManagementAssignmentFilterId",
                "device_and_app_management_assignment_filter_id",
            ),
            ("id", "id"),
            ("type", "r#type"),
            ("case", "case"),
            ("set", "set"),
            ("from", "from"),
            ("match", "r#match"),
            ("self", "self_"),
            ("Self", "self_"),
            ("super", "super_"),
            ("crate", "crate_"),
            ("v4_0_3", "v4_0_3"),
            ("3dModel", "_3d_model"),
            ("@odata.type", "odata_type"),
            ("", "_"),
        ];
        for (name, expected) in cases {
            assert_eq!(snake(name), expected, "{name}");
        }
    }

    #[test]
    fn camel_case_names() {
        let cases = [
            (
                "appleEnrollmentProfileAssignment",
                "AppleEnrollmentProfileAssignment",
            ),
            ("none", "None"),
            ("unknownFutureValue", "UnknownFutureValue"),
            ("Self", "Self_"),
            ("self", "Self_"),
            ("type", "Type"),
            ("3dModel", "_3dModel"),
            ("iOSDevice", "IOsDevice"),
        ];
        for (name, expected) in cases {
            assert_eq!(camel(name), expected, "{name}");
        }
    }

    #[test]
    fn collisions_get_numeric_suffixes_in_claim_order() {
        let mut scope = Scope::new();
        assert_eq!(scope.claim(camel("alert")), "Alert");
        assert_eq!(scope.claim(camel("Alert")), "Alert2");
        assert_eq!(scope.claim(camel("ALERT")), "Alert3");
        let mut fields = Scope::new();
        assert_eq!(fields.claim(snake("displayName")), "display_name");
        assert_eq!(fields.claim(snake("display_name")), "display_name_2");
        assert_eq!(fields.claim(snake("type")), "r#type");
        assert_eq!(fields.claim(snake("Type")), "type_2");
        assert_eq!(fields.claim(snake("self")), "self_");
        assert_eq!(fields.claim(snake("Self")), "self_2");
    }
}
