//! Any bytes through the whole pipeline: read, resolve, select (everything, and a part that
//! leaves references out) and emit, as sources and as a whole crate with features. Errors are
//! expected; a panic, a hang, a crash or a `Cargo.toml` that is not TOML is a bug, and so is
//! a document read on two threads that differs from the same document read on one.

#![no_main]

use graphgen::emit::{Package, Settings};
use graphgen::{Api, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(metadata) = Source::from_bytes("fuzz.xml", data.to_vec()) else {
        return;
    };
    let read = |from| {
        format!(
            "{:?}",
            graphgen::csdl::read_with(&metadata, from).map_err(|e| e.to_string())
        )
    };
    assert_eq!(read(Some(0)), read(None), "two threads read differently from one");
    let whole = Settings {
        package: Some(Package::new("fuzz")),
        ..Settings::default()
    };
    for (pattern, settings) in [("*", &whole), ("*e*", &Settings::default())] {
        let api = Api {
            module: "v".into(),
            metadata: metadata.clone(),
            overlays: Vec::new(),
            select: vec![pattern.into()],
            depth: 3,
            pages: Vec::new(),
        };
        if let Ok(graphgen::Output { files, .. }) = graphgen::generate_with(&[api], settings) {
            if let Some(manifest) = files.get(std::path::Path::new("Cargo.toml")) {
                if let Err(e) = manifest.parse::<toml::Table>() {
                    panic!("the manifest is not TOML: {e}\n{manifest}");
                }
            }
        }
    }
});
