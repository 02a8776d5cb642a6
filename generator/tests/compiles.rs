//! The Rust that graphgen emits compiles: every snapshot case (keywords, collisions,
//! recursion, polymorphism, every primitive, requests) goes into one crate that `cargo check`
//! must accept without a warning, and so does the `*Assignment` selection of every published
//! schema. Ignored by default because they build serde and large crates; CI runs them.

mod cases;

use graphgen::Api;
use std::process::Command;

#[test]
#[ignore = "runs cargo check on a generated crate (about 20 s); CI runs it"]
fn every_case_compiles_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    let mut lib = String::from("#![deny(warnings)]\n");
    for case in cases::all() {
        let files = graphgen::generate(&[case.api(graphgen::DEFAULT_DEPTH)])
            .unwrap_or_else(|e| panic!("{}: {e}", case.name))
            .files;
        let module = src.join(case.name);
        for (path, text) in files {
            // The crate root of each case becomes the module of the case.
            let path = if path == std::path::Path::new("lib.rs") {
                "mod.rs".into()
            } else {
                path
            };
            let target = module.join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, text).unwrap();
        }
        lib.push_str(&format!("pub mod {};\n", case.name));
    }
    std::fs::write(src.join("lib.rs"), lib).unwrap();
    cargo_check(dir.path(), "the generated cases");
}

#[test]
#[ignore = "runs cargo check on the crates generated from the published schemas; CI runs it"]
fn every_published_schema_compiles_for_the_assignment_selection() {
    let Some(dir) = std::env::var_os("GRAPHGEN_FULL_METADATA") else {
        eprintln!("GRAPHGEN_FULL_METADATA is not set; skipping the published schemas");
        return;
    };
    let apis = published(&dir, "*Assignment", graphgen::DEFAULT_DEPTH);
    let files = graphgen::generate(&apis)
        .unwrap_or_else(|e| panic!("{e}"))
        .files;
    let out = tempfile::tempdir().unwrap();
    write_crate(&out.path().join("src"), files);
    cargo_check(out.path(), "the published schemas' assignment crates");
}

/// Every type and every path of each published schema, as a whole crate with all its
/// features. The paths go one navigation step below the container (set
/// `GRAPHGEN_WHOLE_DEPTH` for more): at the default depth of five, all of v1.0 is 71 000 request
/// functions, and checking them takes most of this machine's memory (see BENCHMARKS.md).
#[test]
#[ignore = "generates and checks all of each published schema (minutes); CI runs it"]
fn every_published_schema_compiles_whole() {
    let Some(dir) = std::env::var_os("GRAPHGEN_FULL_METADATA") else {
        eprintln!("GRAPHGEN_FULL_METADATA is not set; skipping the published schemas");
        return;
    };
    let depth = std::env::var("GRAPHGEN_WHOLE_DEPTH").map_or(1, |d| d.parse().unwrap());
    let settings = cases::whole_crate("whole");
    for api in published(&dir, "*", depth) {
        let file = api.metadata.name.clone();
        let files = graphgen::generate_with(&[api], &settings)
            .unwrap_or_else(|e| panic!("{file}: {e}"))
            .files;
        let out = tempfile::tempdir().unwrap();
        write_crate(out.path(), files);
        cargo(out.path(), &[], &format!("all of {file}"));
    }
}

#[test]
#[ignore = "runs cargo check once per feature of three generated crates; CI runs it"]
fn every_feature_compiles_alone() {
    let settings = cases::whole_crate("areas");
    for case in [cases::features_per_area(), cases::many_areas()] {
        let files = graphgen::generate_with(&[case.api(graphgen::DEFAULT_DEPTH)], &settings)
            .unwrap_or_else(|e| panic!("{e}"))
            .files;
        let dir = tempfile::tempdir().unwrap();
        write_crate(dir.path(), files);
        check_each_feature(dir.path(), case.name);
    }

    // The crate the project's own config generates, client left out.
    let config = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../metadata/graphgen.toml");
    let config = graphgen::config::ConfigFile::load(&config).unwrap();
    let mut settings = config.settings();
    settings.client = false;
    let files = graphgen::generate_with(&config.apis().unwrap(), &settings)
        .unwrap_or_else(|e| panic!("{e}"))
        .files;
    let dir = tempfile::tempdir().unwrap();
    write_crate(dir.path(), files);
    check_each_feature(dir.path(), "the assignment crate");
}

/// Each published schema in `dir` as an API version of its own.
fn published(dir: &std::ffi::OsStr, select: &str, depth: usize) -> Vec<Api> {
    [
        ("v1.0.csdl", "v1_0"),
        ("beta-2021.xml", "beta_2021"),
        ("beta-usnat.csdl", "beta_usnat"),
    ]
    .into_iter()
    .map(|(file, module)| Api {
        module: module.into(),
        metadata: graphgen::config::read_source(&std::path::Path::new(dir).join(file)).unwrap(),
        overlays: Vec::new(),
        select: vec![select.into()],
        depth,
        pages: Vec::new(),
    })
    .collect()
}

/// Writes generated files into `dir`; a `Cargo.toml` among them is kept out of any workspace.
fn write_crate(
    dir: &std::path::Path,
    files: std::collections::BTreeMap<std::path::PathBuf, String>,
) {
    for (path, mut text) in files {
        if path == std::path::Path::new("Cargo.toml") {
            text.push_str("\n[workspace]\n");
        }
        let target = dir.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, text).unwrap();
    }
}

/// `cargo check` of a generated crate with no feature, with each feature alone and with the
/// default ones: whatever a feature needs from another area must come along.
fn check_each_feature(dir: &std::path::Path, what: &str) {
    let manifest: toml::Table =
        toml::from_str(&std::fs::read_to_string(dir.join("Cargo.toml")).unwrap()).unwrap();
    let features: Vec<String> = manifest["features"]
        .as_table()
        .unwrap()
        .keys()
        .filter(|f| *f != "default")
        .cloned()
        .collect();
    assert!(features.len() > 2, "{what}: {features:?}");
    cargo(
        dir,
        &["--no-default-features"],
        &format!("{what} without features"),
    );
    for feature in &features {
        cargo(
            dir,
            &["--no-default-features", "--features", feature],
            &format!("{what} with only `{feature}`"),
        );
    }
    cargo(dir, &[], &format!("{what} with the default features"));
}

/// `cargo check` of the crate in `dir` (its `src/` already written), with no warning allowed.
fn cargo_check(dir: &std::path::Path, what: &str) {
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"cases\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\nhttp = \"1\"\n\n[features]\nclient = []\n\n[workspace]\n",
    )
    .unwrap();
    cargo(dir, &[], what);
}

/// `cargo check` in `dir` with `args`, `-D warnings`, offline.
fn cargo(dir: &std::path::Path, args: &[&str], what: &str) {
    let target = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("compiles");
    let output = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--offline"])
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &target)
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "{what} do not compile:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
