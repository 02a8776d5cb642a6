//! The stages on the published v1.0 schema (GRAPHGEN_FULL_METADATA), next to the floor: a
//! bare quick-xml event walk over the same bytes. Run with `cargo bench -p graphgen`.

use criterion::{criterion_group, criterion_main, Criterion};
use graphgen::{csdl, emit, model, select, Source};
use std::hint::black_box;

// The allocator of the `graphgen` command, so that the stages cost what they cost there.
#[cfg(not(target_env = "msvc"))]
graphgen::command_allocator!();

fn v1_source() -> Option<Source> {
    let dir = std::env::var_os("GRAPHGEN_FULL_METADATA")?;
    let path = std::path::Path::new(&dir).join("v1.0.csdl");
    Some(graphgen::config::read_source(&path).expect("v1.0.csdl reads"))
}

// The floor, shared with `examples/stage.rs`.
#[path = "support/floor.rs"]
mod floor;
use floor::bare_walk;

fn stages(c: &mut Criterion) {
    let Some(source) = v1_source() else {
        eprintln!("GRAPHGEN_FULL_METADATA is not set; nothing to measure");
        return;
    };
    let mut group = c.benchmark_group("v1.0.csdl");
    group.sample_size(20);
    group.bench_function("quick-xml walk (floor)", |b| {
        b.iter(|| bare_walk(black_box(&source.text)))
    });
    // What two cores give: the floor's walk on both at once (twice the work of one walk).
    // Reading on two threads and resolving in parts cannot beat this ratio.
    group.bench_function("quick-xml walk, twice at once", |b| {
        b.iter(|| {
            std::thread::scope(|scope| {
                let other = scope.spawn(|| bare_walk(black_box(&source.text)));
                bare_walk(black_box(&source.text)) + other.join().unwrap()
            })
        })
    });
    group.bench_function("read (one thread)", |b| {
        b.iter(|| csdl::read_with(black_box(&source), None).unwrap())
    });
    group.bench_function("read", |b| {
        b.iter(|| csdl::read(black_box(&source)).unwrap())
    });
    group.bench_function("read + resolve", |b| {
        b.iter(|| model::resolve(csdl::read(black_box(&source)).unwrap(), Vec::new()).unwrap())
    });
    // The same with the model dropped outside the timing: what is left is reading and
    // resolving alone, and the difference is what freeing the model costs.
    group.bench_function("read + resolve, model dropped untimed", |b| {
        b.iter_with_large_drop(|| {
            model::resolve(csdl::read(black_box(&source)).unwrap(), Vec::new()).unwrap()
        })
    });
    let resolved = model::resolve(csdl::read(&source).unwrap(), Vec::new()).unwrap();
    let patterns = vec!["*Assignment".to_string()];
    group.bench_function("select *Assignment", |b| {
        b.iter(|| {
            select::select(
                black_box(&resolved),
                &patterns,
                graphgen::DEFAULT_DEPTH,
                "v1.0",
            )
            .unwrap()
        })
    });
    let selection = select::select(&resolved, &patterns, graphgen::DEFAULT_DEPTH, "v1.0").unwrap();
    group.bench_function("emit *Assignment", |b| {
        b.iter(|| {
            let version = emit::Version {
                module: "v1_0".into(),
                inputs: vec!["v1.0.csdl".into()],
                model: &resolved,
                selection: &selection,
                notes: &Default::default(),
            };
            emit::emit(&[version], &emit::Settings::default()).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
