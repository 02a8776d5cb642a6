//! Runs one stage of the pipeline on one document, for a profiler or an instruction counter
//! (`benches/instructions.sh`): `cargo run --release --example stage -- FILE STAGE [TIMES]`.
//!
//! STAGE is `load` (reading the file, which every other stage does first), `floor` (the bare
//! quick-xml walk of `cargo bench`), `read-one-thread`, `read` or `read-resolve`. It runs once,
//! or TIMES times in a row on the file loaded once, so that a sampling profiler such as
//! `perf record` gets enough samples.

use std::hint::black_box;

#[path = "../benches/support/floor.rs"]
mod floor;

// The allocator of the `graphgen` command, so that the stages cost what they cost there.
#[cfg(not(target_env = "msvc"))]
graphgen::command_allocator!();

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || -> ! {
        eprintln!("usage: stage FILE load|floor|read-one-thread|read|read-resolve [TIMES]");
        std::process::exit(2);
    };
    let (file, stage, times) = match args.as_slice() {
        [file, stage] => (file, stage, 1),
        [file, stage, times] => match times.parse::<usize>() {
            Ok(times) if times > 0 => (file, stage, times),
            _ => usage(),
        },
        _ => usage(),
    };
    const STAGES: [&str; 5] = ["load", "floor", "read-one-thread", "read", "read-resolve"];
    if !STAGES.contains(&stage.as_str()) {
        eprintln!("unknown stage `{stage}`");
        std::process::exit(2);
    }
    let source = graphgen::config::read_source(file.as_ref()).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1);
    });
    let read = |two_threads: bool| {
        let document = if two_threads {
            graphgen::csdl::read(&source)
        } else {
            graphgen::csdl::read_with(&source, None)
        };
        document.unwrap_or_else(|e| panic!("{e}"))
    };
    for _ in 0..times {
        match stage.as_str() {
            "load" => {}
            "floor" => {
                black_box(floor::bare_walk(&source.text));
            }
            "read-one-thread" => drop(black_box(read(false))),
            "read" => drop(black_box(read(true))),
            "read-resolve" => {
                let model = graphgen::model::resolve(read(true), Vec::new());
                drop(black_box(model.unwrap_or_else(|e| panic!("{e}"))));
            }
            _ => unreachable!("the stage was checked"),
        }
    }
}
