//! The build-script API, in the style of prost-build:
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     graphgen::Config::new()
//!         .metadata("metadata/beta.xml")
//!         .overlay("metadata/overlays/beta-scope-tag.xml")
//!         .select("*Assignment")
//!         .generate()?;
//!     Ok(())
//! }
//! ```
//!
//! and in the crate: `include!(concat!(env!("OUT_DIR"), "/graph.rs"));`. The file holds every
//! module inline. It prints `cargo:rerun-if-changed` for every input, rewrites the file only
//! when its content changes, and never touches the network.

use crate::config::{read_pages, read_source};
use crate::emit::Settings;
use crate::{Api, Error, Errors};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What to generate from a build script.
#[derive(Debug, Clone)]
pub struct Config {
    apis: Vec<ApiInputs>,
    select: Vec<String>,
    depth: usize,
    out_dir: Option<PathBuf>,
    file_name: PathBuf,
    client: bool,
}

#[derive(Debug, Clone)]
struct ApiInputs {
    module: String,
    metadata: PathBuf,
    overlays: Vec<PathBuf>,
    docs: Vec<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config::new()
    }
}

impl Config {
    pub fn new() -> Self {
        Config {
            apis: Vec::new(),
            select: Vec::new(),
            depth: crate::DEFAULT_DEPTH,
            out_dir: None,
            file_name: PathBuf::from("graph.rs"),
            client: false,
        }
    }

    /// Adds an API version read from `path`; its module is named after the file
    /// (`v1.0.xml` becomes `v1_0`) unless [`Config::module`] renames it.
    pub fn metadata(mut self, path: impl AsRef<Path>) -> Self {
        let path = path.as_ref().to_path_buf();
        let stem = path
            .file_stem()
            .map_or_else(|| "api".into(), |s| s.to_string_lossy().into_owned());
        self.apis.push(ApiInputs {
            module: crate::emit::names::snake(&stem),
            metadata: path,
            overlays: Vec::new(),
            docs: Vec::new(),
        });
        self
    }

    /// Names the module of the API version added last.
    pub fn module(mut self, name: impl Into<String>) -> Self {
        if let Some(api) = self.apis.last_mut() {
            api.module = name.into();
        }
        self
    }

    /// Adds an overlay to the API version added last.
    pub fn overlay(mut self, path: impl AsRef<Path>) -> Self {
        if let Some(api) = self.apis.last_mut() {
            api.overlays.push(path.as_ref().to_path_buf());
        }
        self
    }

    /// Adds Graph reference pages (a page, or a folder of `.md` and `.txt` pages) to the API
    /// version added last: the permissions and an example of each documented operation go
    /// into its doc comment.
    pub fn docs(mut self, path: impl AsRef<Path>) -> Self {
        if let Some(api) = self.apis.last_mut() {
            api.docs.push(path.as_ref().to_path_buf());
        }
        self
    }

    /// Adds a type name, type glob or path pattern to the selection of every API version.
    pub fn select(mut self, pattern: impl Into<String>) -> Self {
        self.select.push(pattern.into());
        self
    }

    /// How many navigation steps below the entity container request paths go.
    pub fn depth(mut self, depth: usize) -> Self {
        self.depth = depth;
        self
    }

    /// The folder to write to; `OUT_DIR` by default.
    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// The name of the generated file (`graph.rs` by default).
    pub fn file_name(mut self, name: impl AsRef<Path>) -> Self {
        self.file_name = name.as_ref().to_path_buf();
        self
    }

    /// Emits the async client module too (behind the including crate's `client` feature).
    pub fn client(mut self, client: bool) -> Self {
        self.client = client;
        self
    }

    /// Reads the inputs and returns the generated file in memory, without writing anything.
    pub fn files(&self) -> Result<BTreeMap<PathBuf, String>, Errors> {
        self.output().map(|output| output.files)
    }

    fn output(&self) -> Result<crate::Output, Errors> {
        let mut apis = Vec::new();
        let mut errors = Vec::new();
        for api in &self.apis {
            let read = |p: &PathBuf| read_source(p);
            match (
                read(&api.metadata),
                api.overlays.iter().map(read).collect::<Result<Vec<_>, _>>(),
                read_pages(Path::new(""), &api.docs),
            ) {
                (Ok(metadata), Ok(overlays), Ok(pages)) => apis.push(Api {
                    module: api.module.clone(),
                    metadata,
                    overlays,
                    select: self.select.clone(),
                    depth: self.depth,
                    pages,
                }),
                (a, b, c) => errors.extend(a.err().into_iter().chain(b.err()).chain(c.err())),
            }
        }
        if apis.is_empty() && errors.is_empty() {
            errors.push(Error::io(
                "graphgen::Config",
                "no metadata: call .metadata(path)",
            ));
        }
        if self.select.is_empty() {
            errors.push(Error::io(
                "graphgen::Config",
                "nothing selected: call .select(pattern)",
            ));
        }
        Errors::check(errors)?;
        crate::generate_with(
            &apis,
            &Settings {
                client: self.client,
                single_file: Some(self.file_name.clone()),
                package: None,
            },
        )
    }

    /// Generates into the output folder, printing `cargo:rerun-if-changed` for every input.
    pub fn generate(&self) -> Result<(), Errors> {
        for api in &self.apis {
            for path in std::iter::once(&api.metadata)
                .chain(&api.overlays)
                .chain(&api.docs)
            {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
        let output = self.output()?;
        // Where a page and the metadata disagree, the build says so and goes on.
        for f in output.warnings() {
            println!("cargo:warning={}:{}: {}", f.file, f.line, f.message);
        }
        let files = output.files;
        let dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    Error::io(
                        "OUT_DIR",
                        "not set: call .out_dir(dir) outside a build script",
                    )
                })?,
        };
        for (name, text) in files {
            let path = dir.join(name);
            if std::fs::read_to_string(&path).is_ok_and(|old| old == text) {
                continue;
            }
            std::fs::create_dir_all(&dir)
                .map_err(|e| Error::io(dir.display().to_string(), e.to_string()))?;
            let temporary = path.with_extension("rs.graphgen-tmp");
            std::fs::write(&temporary, &text)
                .map_err(|e| Error::io(temporary.display().to_string(), e.to_string()))?;
            std::fs::rename(&temporary, &path)
                .map_err(|e| Error::io(path.display().to_string(), e.to_string()))?;
        }
        Ok(())
    }
}
