//! Every published schema in GRAPHGEN_FULL_METADATA reads and resolves, with every entity,
//! complex and enum type of the file in the model.
//!
//! The schemas are not part of the project; without the variable the test says so and passes.

use graphgen::model::{self, TypeKind};
use graphgen::{csdl, Source};
use std::path::PathBuf;

fn full_metadata() -> Option<Vec<PathBuf>> {
    let dir = std::env::var_os("GRAPHGEN_FULL_METADATA")?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("GRAPHGEN_FULL_METADATA is not a readable folder")
        .map(|e| e.expect("folder entry").path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("xml" | "csdl")))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .xml or .csdl files in {dir:?}");
    Some(files)
}

/// The published schemas, read from disk; none without GRAPHGEN_FULL_METADATA.
fn published() -> Vec<Source> {
    let Some(files) = full_metadata() else {
        eprintln!("GRAPHGEN_FULL_METADATA is not set; skipping the published schemas");
        return Vec::new();
    };
    files
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).unwrap();
            Source::from_bytes(path.display().to_string(), bytes).unwrap()
        })
        .collect()
}

/// Counts `<Name ` and `<Name>` start tags, independently of the reader.
fn count_elements(text: &str, name: &str) -> usize {
    text.matches(&format!("<{name} ")).count() + text.matches(&format!("<{name}>")).count()
}

#[test]
fn every_published_schema_reads_and_resolves_with_all_its_types() {
    for source in published() {
        let document = csdl::read(&source).unwrap_or_else(|e| panic!("{e}"));
        let model = model::resolve(document, Vec::new()).unwrap_or_else(|e| panic!("{e}"));
        let count = |f: fn(&TypeKind) -> bool| model.types.iter().filter(|t| f(&t.kind)).count();
        let entities = count(|k| matches!(k, TypeKind::Entity(_)));
        let complexes = count(|k| matches!(k, TypeKind::Complex(_)));
        let enums = count(|k| matches!(k, TypeKind::Enum(_)));
        let name = &source.name;
        assert_eq!(
            entities,
            count_elements(&source.text, "EntityType"),
            "{name}: entity types"
        );
        assert_eq!(
            complexes,
            count_elements(&source.text, "ComplexType"),
            "{name}: complex types"
        );
        assert_eq!(
            enums,
            count_elements(&source.text, "EnumType"),
            "{name}: enum types"
        );
        assert!(model.container.is_some(), "{name}: no entity container");
    }
}

#[test]
fn every_published_schema_reads_the_same_on_two_threads_as_on_one() {
    for source in published() {
        let one = format!("{:?}", csdl::read_with(&source, None).unwrap());
        let two = format!("{:?}", csdl::read_with(&source, Some(0)).unwrap());
        // Compared by length first: a failure should not print megabytes.
        assert_eq!(two.len(), one.len(), "{}", source.name);
        assert!(two == one, "{}: the two readings differ", source.name);
    }
}
