//! graphgen: Microsoft Graph CSDL in, a typed Rust crate out.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`csdl`] reads XML into a syntax tree, [`model`] resolves it (overlays applied),
//! [`select`] takes the closure of a selection, [`docs`] holds the Graph reference pages
//! against it (and gives the emitter their doc lines), [`emit`] builds the Rust files in
//! memory, and [`write`](mod@write) puts them on disk. [`generate`] is the pure core: text
//! in, files out.

mod builder;
pub mod changelog;
pub mod config;
pub mod csdl;
pub mod docs;
pub mod emit;
mod error;
pub mod model;
pub mod select;
mod source;
mod threads;
pub mod write;

pub use builder::Config;
/// The type of the names in the syntax tree and the model: a string that keeps up to 24
/// bytes inline, as nearly every CSDL name is, so that reading and dropping a schema
/// allocates and frees far less.
pub use compact_str::CompactString;
pub use error::{Error, ErrorKind, Errors};
pub use source::{Location, Source};

use std::collections::BTreeMap;
use std::path::PathBuf;

/// One API version to generate: the module it becomes, its metadata, the overlays applied to
/// it, the selection (type names, path patterns or globs of either), how many navigation
/// steps below the entity container the request paths go, and the Graph reference pages
/// whose permissions and examples go into the documented operations' doc comments.
#[derive(Debug, Clone)]
pub struct Api {
    pub module: String,
    pub metadata: Source,
    pub overlays: Vec<Source>,
    pub select: Vec<String>,
    pub depth: usize,
    pub pages: Vec<Source>,
}

/// The default depth of request paths: enough for
/// `/deviceManagement/deviceEnrollmentConfigurations/{id}/assignments/{id}` and three more
/// levels.
pub const DEFAULT_DEPTH: usize = 5;

/// What a generation gives: the crate's files, relative to its `src/` folder (or to the
/// crate's folder with [`emit::Settings::package`]), and what the reference pages of each API
/// version were found to document.
#[derive(Debug, Clone, Default)]
pub struct Output {
    pub files: BTreeMap<PathBuf, String>,
    /// Every page of every API version, held against its version: which operation it
    /// documents (its notes are in that operation's doc comment) and where they disagree.
    pub pages: Vec<docs::Checked>,
}

impl Output {
    /// Where the reference pages and the metadata disagree, leaving out the pages of paths
    /// outside the selection: a folder of the whole reference documents far more than a
    /// selection generates.
    pub fn warnings(&self) -> impl Iterator<Item = &docs::Finding> {
        self.pages
            .iter()
            .filter(|p| !p.outside)
            .flat_map(|p| &p.findings)
    }
}

/// Generates the crate with the default [`emit::Settings`]. Pure: no I/O. All errors of the
/// reading and resolving phases are reported together.
pub fn generate(apis: &[Api]) -> Result<Output, Errors> {
    generate_with(apis, &emit::Settings::default())
}

/// [`generate`] with explicit settings (no client, one file for `include!`, …).
pub fn generate_with(apis: &[Api], settings: &emit::Settings) -> Result<Output, Errors> {
    // The runtime modules depend on no metadata: another thread formats them meanwhile.
    let inputs: Vec<String> = apis.iter().flat_map(inputs).collect();
    std::thread::scope(|scope| {
        let runtime = scope.spawn(|| emit::Runtime::new(&inputs, settings));
        generate_apis(apis, settings, || {
            runtime
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p))
        })
    })
}

/// The file names of an API's inputs: its metadata, then its overlays.
fn inputs(api: &Api) -> Vec<String> {
    std::iter::once(&api.metadata)
        .chain(&api.overlays)
        .map(|s| file_name(&s.name))
        .collect()
}

fn generate_apis(
    apis: &[Api],
    settings: &emit::Settings,
    runtime: impl FnOnce() -> emit::Runtime,
) -> Result<Output, Errors> {
    let mut errors = Vec::new();
    let mut resolved = Vec::new();
    for api in apis {
        match resolve_api(api) {
            Ok(model) => resolved.push((api, model)),
            Err(Errors(e)) => errors.extend(e),
        }
    }
    // A page that cannot be read is bad input, like a metadata file.
    let mut pages = Vec::new();
    for api in apis {
        let mut read = Vec::new();
        for source in &api.pages {
            match docs::read(source) {
                Ok(page) => read.push(page),
                Err(e) => errors.push(e),
            }
        }
        pages.push(read);
    }
    Errors::check(errors)?;
    let mut selections = Vec::new();
    for (api, model) in &resolved {
        selections.push(select::select(
            model,
            &api.select,
            api.depth,
            &api.metadata.name,
        )?);
    }
    let mut notes = Vec::new();
    let mut checked = Vec::new();
    for (((api, model), selection), pages) in resolved.iter().zip(&selections).zip(&pages) {
        let (lines, results) = docs::attach(pages, &api.module, model, selection)?;
        notes.push(lines);
        checked.extend(results);
    }
    let versions: Vec<emit::Version<'_>> = resolved
        .iter()
        .zip(&selections)
        .zip(&notes)
        .map(|(((api, model), selection), notes)| emit::Version {
            module: api.module.clone(),
            inputs: inputs(api),
            model,
            selection,
            notes,
        })
        .collect();
    Ok(Output {
        files: emit::emit_with(&versions, settings, runtime())?,
        pages: checked,
    })
}

/// Reads and resolves one API version with its overlays.
pub fn resolve_api(api: &Api) -> Result<model::Model, Errors> {
    let mut errors = Vec::new();
    let base = csdl::read(&api.metadata);
    let overlays: Vec<_> = api.overlays.iter().map(csdl::read).collect();
    let base = match base {
        Ok(d) => Some(d),
        Err(Errors(e)) => {
            errors.extend(e);
            None
        }
    };
    let mut read = Vec::new();
    for o in overlays {
        match o {
            Ok(d) => read.push(d),
            Err(Errors(e)) => errors.extend(e),
        }
    }
    Errors::check(errors)?;
    model::resolve(base.unwrap_or_default(), read)
}

fn file_name(name: &str) -> String {
    std::path::Path::new(name)
        .file_name()
        .map_or_else(|| name.to_string(), |n| n.to_string_lossy().into_owned())
}

#[cfg(all(feature = "cli", not(target_env = "msvc")))]
#[doc(hidden)]
pub use tikv_jemallocator as __jemallocator;

/// Makes the `graphgen` command's allocator the program's: jemalloc, which allocates and frees
/// faster than the system allocator, with one arena for the few threads the command runs,
/// which touches fewer pages than one per core. On Linux its memory is also asked for in huge
/// pages: `*Assignment` of the published v1.0 schema takes a fifth of the page faults so, and
/// a fault costs more than the zeroing of a 4 KiB page; the peak is some megabytes higher
/// (see BENCHMARKS.md). The command uses it, and so does the bench, to cost the stages as the
/// command does. Not on MSVC, and only with the `cli` feature.
#[cfg(all(feature = "cli", not(target_env = "msvc")))]
#[macro_export]
macro_rules! command_allocator {
    () => {
        #[global_allocator]
        static ALLOCATOR: $crate::__jemallocator::Jemalloc = $crate::__jemallocator::Jemalloc;

        /// jemalloc's options, read before `main`. Huge pages are asked for on Linux only:
        /// where jemalloc cannot have them, it says so on every run.
        #[allow(non_upper_case_globals)]
        #[export_name = "_rjem_malloc_conf"]
        static malloc_conf: Option<&'static std::ffi::c_char> = {
            #[cfg(target_os = "linux")]
            let options = c"narenas:1,thp:always";
            #[cfg(not(target_os = "linux"))]
            let options = c"narenas:1";
            // SAFETY: a C string literal lives for the whole program and ends with its NUL.
            Some(unsafe { &*options.as_ptr() })
        };
    };
}
