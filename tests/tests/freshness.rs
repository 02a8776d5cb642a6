//! The checked-in generated crate is exactly what graphgen makes from metadata/ today.

use graphgen::config::ConfigFile;
use std::path::Path;

#[test]
fn generated_crate_is_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let config = ConfigFile::load(&root.join("metadata/graphgen.toml")).unwrap();
    let files = graphgen::generate_with(&config.apis().unwrap(), &config.settings())
        .unwrap_or_else(|e| panic!("{e}"))
        .files;
    let changes = graphgen::write::plan(&config.output_dir(), &files).unwrap();
    assert!(
        changes.is_empty(),
        "generated/ is out of date ({} new, {} changed, {} stale); run `cargo run -p graphgen -- generate`\n{}",
        changes.created.len(),
        changes.updated.len(),
        changes.removed.len(),
        changes.diffs.join("\n")
    );
    assert!(changes.unchanged > 0);
}
