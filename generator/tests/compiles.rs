//! The Rust that graphgen emits compiles: every snapshot case (keywords, collisions,
//! recursion, polymorphism, every primitive) goes into one crate that `cargo check` must
//! accept without a warning. Ignored by default because it builds serde; CI runs it.

mod cases;

use graphgen::{Api, Source};
use std::process::Command;

#[test]
#[ignore = "runs cargo check on a generated crate (about 20 s); CI runs it"]
fn every_case_compiles_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    let mut lib = String::from("#![deny(warnings)]\n");
    for case in cases::all() {
        let api = Api {
            module: "v".into(),
            metadata: Source::new("case.xml", case.metadata.as_str()),
            overlays: case
                .overlays
                .iter()
                .map(|o| Source::new("overlay.xml", o.as_str()))
                .collect(),
            select: case.select.iter().map(|s| s.to_string()).collect(),
            depth: graphgen::DEFAULT_DEPTH,
        };
        let files = graphgen::generate(&[api]).unwrap_or_else(|e| panic!("{}: {e}", case.name));
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
    std::fs::write(
        dir.path().join("Cargo.toml"),
        "[package]\nname = \"cases\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\nhttp = \"1\"\n\n[features]\nclient = []\n\n[workspace]\n",
    )
    .unwrap();
    let target = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("compiles");
    let output = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--offline"])
        .current_dir(dir.path())
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the generated cases do not compile:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
