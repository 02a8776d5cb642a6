//! One small CSDL case per snapshot, each named after what it shows (the cases are in
//! `cases/`). Review changes with `cargo insta review`.

mod cases;

use cases::Case;

/// Generates a case and returns every models and requests file, in order.
fn models(case: &Case) -> String {
    let files = graphgen::generate(&[case.api(graphgen::DEFAULT_DEPTH)])
        .unwrap_or_else(|e| panic!("{e}"))
        .files;
    files
        .iter()
        .filter(|(path, _)| path.starts_with("v/models") || path.starts_with("v/requests"))
        .map(|(path, text)| format!("==> {}\n{text}", path.display()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn snapshot(case: Case) {
    insta::assert_snapshot!(case.name, models(&case));
}

#[test]
fn simple_entity_with_every_primitive() {
    snapshot(cases::simple_entity_with_every_primitive());
}

#[test]
fn derived_complex_type_becomes_an_enum() {
    snapshot(cases::derived_complex_type_becomes_an_enum());
}

#[test]
fn flags_enum_is_a_set() {
    snapshot(cases::flags_enum_is_a_set());
}

#[test]
fn open_enum_keeps_unknown_members() {
    snapshot(cases::open_enum_keeps_unknown_members());
}

#[test]
fn nullable_and_required_properties() {
    snapshot(cases::nullable_and_required_properties());
}

#[test]
fn keyword_properties_and_types() {
    snapshot(cases::keyword_properties_and_types());
}

#[test]
fn names_that_collide_after_casing() {
    snapshot(cases::names_that_collide_after_casing());
}

#[test]
fn alias_in_a_second_schema() {
    snapshot(cases::alias_in_a_second_schema());
}

#[test]
fn overlay_adds_a_derived_type_and_a_property() {
    snapshot(cases::overlay_adds_a_derived_type_and_a_property());
}

#[test]
fn deprecated_type_and_property() {
    snapshot(cases::deprecated_type_and_property());
}

#[test]
fn recursive_type_is_boxed() {
    snapshot(cases::recursive_type_is_boxed());
}

#[test]
fn requests_for_a_small_path() {
    snapshot(cases::requests_for_a_small_path());
}

#[test]
fn empty_enum() {
    snapshot(cases::empty_enum());
}

/// A whole crate: its `Cargo.toml` with a feature per namespace and per top-level resource,
/// and the `#[cfg]`s that bring along what each feature needs.
#[test]
fn features_per_area() {
    let case = cases::features_per_area();
    let settings = cases::whole_crate("areas");
    let files = graphgen::generate_with(&[case.api(graphgen::DEFAULT_DEPTH)], &settings)
        .unwrap_or_else(|e| panic!("{e}"))
        .files;
    let text = files
        .iter()
        .filter(|(path, _)| path.starts_with("Cargo.toml") || path.starts_with("src/v/"))
        .map(|(path, text)| format!("==> {}\n{text}", path.display()))
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!(case.name, text);
}
