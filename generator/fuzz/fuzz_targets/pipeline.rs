//! Any bytes through the whole pipeline: read, resolve, select (everything, and a part that
//! leaves references out) and emit. Errors are expected; a panic, a hang or a crash is a bug.

#![no_main]

use graphgen::{Api, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(metadata) = Source::from_bytes("fuzz.xml", data.to_vec()) else {
        return;
    };
    for pattern in ["*", "*e*"] {
        let api = Api {
            module: "v".into(),
            metadata: metadata.clone(),
            overlays: Vec::new(),
            select: vec![pattern.into()],
            depth: 3,
        };
        let _ = graphgen::generate(&[api]);
    }
});
