//! Hostile input: the reader, resolver, selector and emitter never panic, whatever the bytes.
//! A property test in the style of a fuzzer: documents made by mutating real CSDL (the
//! default metadata, the snapshot cases, the malformed cases of `fuzz/seeds/`) with cuts, duplications and
//! inserted markup. It runs a bounded number of cases in every `cargo test`; a failure prints
//! the input that panicked, which then becomes a regression test of its own.

mod cases;

use graphgen::{csdl, emit, model, select, Source};
use proptest::prelude::*;
use std::path::Path;

/// The documents mutations start from.
fn seeds() -> Vec<String> {
    let metadata = Path::new(env!("CARGO_MANIFEST_DIR")).join("../metadata");
    let mut seeds: Vec<String> = ["beta.xml", "v1.0.xml", "overlays/beta-scope-tag.xml"]
        .iter()
        .map(|f| std::fs::read_to_string(metadata.join(f)).unwrap())
        .collect();
    seeds.extend(cases::all().into_iter().map(|c| c.metadata));
    // The malformed classes, shared with the fuzz target's corpus.
    let malformed = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let mut files: Vec<_> = std::fs::read_dir(malformed)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    seeds.extend(files.iter().map(|f| std::fs::read_to_string(f).unwrap()));
    seeds
}

const SNIPPETS: &[&str] = &[
    "<", ">", "/>", "\"", "&", "&amp;", "&#0;", "&#x110000;", "<!ENTITY x \"y\">", "<![CDATA[", "]]>",
    "</Schema>", "<Schema Namespace=\"x\">", "Collection(", ")", "BaseType=\"graph.entity\"",
    "BaseType=\"graph.self\"", "Type=\"self.x\"", "Type=\"Edm.\"", "Name=\"\"", "Name=\"type\"",
    "<Key><PropertyRef Name=\"x\"/></Key>", "IsFlags=\"true\"", "UnderlyingType=\"Edm.Byte\"",
    "Value=\"99999999999999999999\"", "Value=\"-1\"", "ContainsTarget=\"true\"", "IsBound=\"true\"",
    "<Annotation Term=\"Org.OData.Core.V1.Revisions\"><Collection><Record/></Collection></Annotation>",
    "<Parameter Name=\"bindingParameter\" Type=\"graph.entity\"/>", "\u{feff}", "é", "\u{0}",
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, snippet: usize },
    Duplicate { at: usize, len: usize },
    Truncate { at: usize },
    Byte { at: usize, value: u8 },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1..400usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), 0..SNIPPETS.len())
            .prop_map(|(at, snippet)| Mutation::Insert { at, snippet }),
        (any::<usize>(), 1..2000usize).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, value)| Mutation::Byte { at, value }),
    ]
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match *m {
            Mutation::Delete { at, len: n } => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            Mutation::Insert { at, snippet } => {
                let at = (at % len).min(bytes.len());
                bytes.splice(at..at, SNIPPETS[snippet].bytes());
            }
            Mutation::Duplicate { at, len: n } => {
                let at = (at % len).min(bytes.len());
                let end = (at + n).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                bytes.splice(end..end, copy);
            }
            Mutation::Truncate { at } => bytes.truncate(at % len),
            Mutation::Byte { at, value } => {
                if !bytes.is_empty() {
                    let at = at % bytes.len();
                    bytes[at] = value;
                }
            }
        }
    }
    bytes
}

/// Runs every stage that the bytes get through; errors are fine, panics are not.
fn run_pipeline(bytes: Vec<u8>) {
    let Ok(source) = Source::from_bytes("fuzz.xml", bytes) else {
        return;
    };
    let Ok(document) = csdl::read(&source) else {
        return;
    };
    let Ok(model) = model::resolve(document, Vec::new()) else {
        return;
    };
    let _ = model.containment(3);
    // Everything, and a part: a partial selection leaves references out that emit must skip.
    for pattern in ["*", "*e*"] {
        let Ok(selection) = select::select(&model, &[pattern.to_string()], 3, "fuzz") else {
            continue;
        };
        let version = emit::Version {
            module: "v".into(),
            inputs: vec!["fuzz.xml".into()],
            model: &model,
            selection: &selection,
            notes: &Default::default(),
        };
        let _ = emit::emit(&[version], &emit::Settings::default());
    }
}

/// The document, or every error, as read with `two_threads_from` (see `csdl::read_with`):
/// `None` on one thread, `Some(0)` on two threads however small the document.
fn read_as(source: &Source, two_threads_from: Option<usize>) -> String {
    format!(
        "{:?}",
        csdl::read_with(source, two_threads_from).map_err(|e| e.to_string())
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Wherever a mutation lands (before a chunk starts, after it, or in the tags a chunk
    /// start depends on), reading on two threads gives the document and errors that one
    /// reading gives.
    #[test]
    fn reading_on_two_threads_is_reading_on_one(seed in 0..32usize, mutations in proptest::collection::vec(mutation(), 0..4)) {
        let seeds = seeds();
        let bytes = apply(seeds[seed % seeds.len()].clone().into_bytes(), &mutations);
        if let Ok(source) = Source::from_bytes("fuzz.xml", bytes) {
            prop_assert_eq!(read_as(&source, Some(0)), read_as(&source, None));
        }
    }

    #[test]
    fn mutated_csdl_never_panics(seed in 0..32usize, mutations in proptest::collection::vec(mutation(), 1..6)) {
        let seeds = seeds();
        let bytes = apply(seeds[seed % seeds.len()].clone().into_bytes(), &mutations);
        run_pipeline(bytes);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        run_pipeline(bytes);
    }
}

/// Two byte-order marks once put every offset three bytes early, and the tags to start a
/// second thread at were then looked for inside the `é` before `<edmx:DataServices>`.
#[test]
fn two_byte_order_marks_read_the_same_on_two_threads() {
    let types: String = (0..50)
        .map(|i| format!("<EntityType Name=\"T{i}\"/>"))
        .collect();
    let text = format!(
        "\u{feff}\u{feff}<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\" a=\"é\"><edmx:DataServices><Schema xmlns=\"http://docs.oasis-open.org/odata/ns/edm\" Namespace=\"N\">{types}</Schema></edmx:DataServices></edmx:Edmx>"
    );
    let source = Source::new("marks.xml", text);
    assert!(csdl::read_with(&source, None).is_ok());
    assert_eq!(read_as(&source, Some(0)), read_as(&source, None));
}

/// The published schemas, when they are at hand: fewer cases, since each is megabytes.
#[test]
fn mutated_published_schemas_never_panic() {
    let Some(dir) = std::env::var_os("GRAPHGEN_FULL_METADATA") else {
        eprintln!("GRAPHGEN_FULL_METADATA is not set; skipping");
        return;
    };
    let files: Vec<Vec<u8>> = ["v1.0.csdl", "beta-2021.xml", "beta-usnat.csdl"]
        .iter()
        .map(|f| std::fs::read(Path::new(&dir).join(f)).unwrap())
        .collect();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 24,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let strategy = (0..files.len(), proptest::collection::vec(mutation(), 1..4));
    runner
        .run(&strategy, |(file, mutations)| {
            let bytes = apply(files[file].clone(), &mutations);
            if let Ok(source) = Source::from_bytes("published.xml", bytes) {
                assert_eq!(read_as(&source, Some(0)), read_as(&source, None));
                if let Ok(document) = csdl::read(&source) {
                    let _ = model::resolve(document, Vec::new()).map(|m| m.containment(2).len());
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_real_seeds_themselves_go_through() {
    for seed in seeds() {
        run_pipeline(seed.into_bytes());
    }
}
