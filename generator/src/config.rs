//! `graphgen.toml`: which metadata to read, what to select and where to write.
//!
//! ```toml
//! output = "../generated"              # relative to this file
//!
//! [package]                            # a whole crate: Cargo.toml with features, src/
//! name = "msgraph-assignments"         # (without it, `output` is the folder of the sources)
//! version = "0.1.0"
//!
//! [options]
//! client = true                        # emit the client module (behind feature `client`)
//!
//! [[api]]
//! module = "beta"
//! metadata = "beta.xml"
//! overlays = ["overlays/beta-scope-tag.xml"]
//! select = ["*Assignment", "/deviceManagement/**/assignments/*"]
//! depth = 5
//! docs = ["docs/beta"]                 # reference pages: files, or folders of .md and .txt
//! ```

use crate::source::Source;
use crate::{Api, Error, ErrorKind};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// The folder the generated files go to: the crate's folder with `[package]`, else the
    /// folder of its sources.
    pub output: PathBuf,
    /// Emit a whole crate, with its `Cargo.toml` and a feature per area.
    #[serde(default)]
    pub package: Option<crate::emit::Package>,
    #[serde(default)]
    pub options: Options,
    #[serde(rename = "api")]
    pub apis: Vec<ApiConfig>,
    /// The folder the config was read from; paths in it are relative to this.
    #[serde(skip)]
    pub base: PathBuf,
}

/// What to emit besides models and requests.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Emit the async client module, behind the generated crate's `client` feature.
    #[serde(default = "yes")]
    pub client: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { client: true }
    }
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiConfig {
    pub module: String,
    pub metadata: PathBuf,
    #[serde(default)]
    pub overlays: Vec<PathBuf>,
    pub select: Vec<String>,
    /// How many navigation steps below the entity container request paths go.
    #[serde(default = "default_depth")]
    pub depth: usize,
    /// Graph reference pages, or folders of them, whose permissions and examples go into the
    /// doc comments of the operations they document.
    #[serde(default)]
    pub docs: Vec<PathBuf>,
}

fn default_depth() -> usize {
    crate::DEFAULT_DEPTH
}

impl ConfigFile {
    /// Reads a config file; an unknown key or a wrong type is an error with its line and column.
    pub fn load(path: &Path) -> Result<ConfigFile, Error> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::io(path.display().to_string(), format!("cannot read: {e}")))?;
        let source = Source::new(path.display().to_string(), text);
        let mut config: ConfigFile = toml::from_str(&source.text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            Error::new(
                source.location(offset),
                ErrorKind::Config,
                e.message().to_string(),
            )
        })?;
        config.base = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        Ok(config)
    }

    /// The output folder, with `dir/..` folded away so messages show a tidy path.
    pub fn output_dir(&self) -> PathBuf {
        let mut out = PathBuf::new();
        for component in self.base.join(&self.output).components() {
            match component {
                std::path::Component::ParentDir
                    if matches!(
                        out.components().next_back(),
                        Some(std::path::Component::Normal(_))
                    ) =>
                {
                    out.pop();
                }
                other => out.push(other),
            }
        }
        out
    }

    pub fn settings(&self) -> crate::emit::Settings {
        crate::emit::Settings {
            client: self.options.client,
            single_file: None,
            package: self.package.clone(),
        }
    }

    /// Reads every input the config names.
    pub fn apis(&self) -> Result<Vec<Api>, Error> {
        self.apis
            .iter()
            .map(|api| {
                Ok(Api {
                    module: api.module.clone(),
                    metadata: read_source(&self.base.join(&api.metadata))?,
                    overlays: api
                        .overlays
                        .iter()
                        .map(|o| read_source(&self.base.join(o)))
                        .collect::<Result<_, _>>()?,
                    select: api.select.clone(),
                    depth: api.depth,
                    pages: read_pages(&self.base, &api.docs)?,
                })
            })
            .collect()
    }
}

/// Reads a CSDL file; its name in messages is the path as given.
pub fn read_source(path: &Path) -> Result<Source, Error> {
    let bytes = std::fs::read(path)
        .map_err(|e| Error::io(path.display().to_string(), format!("cannot read: {e}")))?;
    Source::from_bytes(path.display().to_string(), bytes)
}

/// Reads reference pages: each entry is a page, or a folder whose `.md` and `.txt` files, in
/// it and below it, are read in path order. A folder without any is an error.
pub fn read_pages(base: &Path, entries: &[PathBuf]) -> Result<Vec<Source>, Error> {
    let mut pages = Vec::new();
    for entry in entries {
        let path = base.join(entry);
        if !path.is_dir() {
            pages.push(read_source(&path)?);
            continue;
        }
        let mut files = Vec::new();
        page_files(&path, &mut files)?;
        if files.is_empty() {
            return Err(Error::io(
                path.display().to_string(),
                "no reference pages (.md or .txt files) in this folder",
            ));
        }
        files.sort();
        for file in files {
            pages.push(read_source(&file)?);
        }
    }
    Ok(pages)
}

/// The `.md` and `.txt` files in `dir` and its subfolders.
fn page_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), Error> {
    let fail =
        |e: std::io::Error| Error::io(dir.display().to_string(), format!("cannot read: {e}"));
    for item in std::fs::read_dir(dir).map_err(fail)? {
        let path = item.map_err(fail)?.path();
        if path.is_dir() {
            page_files(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "md" || e == "txt") {
            files.push(path);
        }
    }
    Ok(())
}
