//! The `graphgen` command.

use clap::{Parser, Subcommand};
use graphgen::config::{read_source, ConfigFile};
use graphgen::{emit::names, Api, Errors};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Generates a typed Rust crate from Microsoft Graph CSDL metadata.
#[derive(Parser)]
#[command(name = "graphgen", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Reads the metadata and writes the generated crate's sources.
    ///
    /// With no options it reads metadata/graphgen.toml (found from the current folder
    /// upwards). Exit codes: 0 done, 1 --check found differences, 2 bad input.
    Generate {
        /// The configuration file.
        #[arg(long)]
        config: Option<PathBuf>,
        /// A metadata file to generate from instead of the configured ones; one API version
        /// per file, its module named after the file (v1.0.csdl becomes v1_0). Repeatable.
        #[arg(long)]
        metadata: Vec<PathBuf>,
        /// A type name or glob (`*Assignment`, `microsoft.graph.security.*`) to select
        /// instead of the configured selection. Repeatable.
        #[arg(long)]
        select: Vec<String>,
        /// The folder to write to instead of the configured one.
        #[arg(long)]
        out: Option<PathBuf>,
        /// How many navigation steps below the entity container request paths go, instead of
        /// the configured depth.
        #[arg(long)]
        depth: Option<usize>,
        /// Writes nothing; prints a diff and exits with 1 when the output would change.
        #[arg(long)]
        check: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Generate {
            config,
            metadata,
            select,
            out,
            depth,
            check,
        } => generate(config, metadata, select, out, depth, check),
    }
}

fn generate(
    config: Option<PathBuf>,
    metadata: Vec<PathBuf>,
    select: Vec<String>,
    out: Option<PathBuf>,
    depth: Option<usize>,
    check: bool,
) -> ExitCode {
    let config_path = config.or_else(find_config);
    let config = match &config_path {
        Some(path) => match ConfigFile::load(path) {
            Ok(c) => Some(c),
            Err(e) => return fail(e.into()),
        },
        None => None,
    };
    let mut apis = if metadata.is_empty() {
        let Some(config) = &config else {
            eprintln!(
                "error: no metadata/graphgen.toml found here or above; pass --config or --metadata"
            );
            return ExitCode::from(2);
        };
        match config.apis() {
            Ok(apis) => apis,
            Err(e) => return fail(e.into()),
        }
    } else {
        let default_select = config
            .as_ref()
            .and_then(|c| c.apis.first())
            .map(|a| a.select.clone())
            .unwrap_or_default();
        let mut apis = Vec::new();
        for path in &metadata {
            let source = match read_source(path) {
                Ok(s) => s,
                Err(e) => return fail(e.into()),
            };
            apis.push(Api {
                module: module_name(path),
                metadata: source,
                overlays: Vec::new(),
                select: default_select.clone(),
                depth: graphgen::DEFAULT_DEPTH,
            });
        }
        apis
    };
    for api in &mut apis {
        if !select.is_empty() {
            api.select = select.clone();
        }
        if let Some(depth) = depth {
            api.depth = depth;
        }
    }
    if apis.iter().any(|a| a.select.is_empty()) {
        eprintln!("error: nothing selected; pass --select PATTERN");
        return ExitCode::from(2);
    }
    let Some(out) = out.or_else(|| config.as_ref().map(ConfigFile::output_dir)) else {
        eprintln!("error: no output folder; pass --out DIR");
        return ExitCode::from(2);
    };
    let settings = config
        .as_ref()
        .map(ConfigFile::settings)
        .unwrap_or_default();
    let files = match graphgen::generate_with(&apis, &settings) {
        Ok(files) => files,
        Err(errors) => return fail(errors),
    };
    if check {
        return match graphgen::write::plan(&out, &files) {
            Ok(changes) if changes.is_empty() => {
                eprintln!(
                    "{}: up to date ({} files)",
                    out.display(),
                    changes.unchanged
                );
                ExitCode::SUCCESS
            }
            Ok(changes) => {
                for diff in &changes.diffs {
                    print!("{diff}");
                }
                eprintln!(
                    "{}: out of date ({} new, {} changed, {} stale); run `cargo run -p graphgen -- generate`",
                    out.display(),
                    changes.created.len(),
                    changes.updated.len(),
                    changes.removed.len()
                );
                ExitCode::from(1)
            }
            Err(e) => fail(e.into()),
        };
    }
    match graphgen::write::write(&out, &files) {
        Ok(changes) => {
            eprintln!(
                "{}: {} new, {} changed, {} removed, {} unchanged",
                out.display(),
                changes.created.len(),
                changes.updated.len(),
                changes.removed.len(),
                changes.unchanged
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(e.into()),
    }
}

fn fail(errors: Errors) -> ExitCode {
    eprintln!("{errors}");
    ExitCode::from(2)
}

/// `metadata/graphgen.toml` in the current folder or the nearest one above it, as a relative
/// path so that messages name files the way the user sees them.
fn find_config() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    let mut relative = PathBuf::new();
    for _ in cwd.ancestors() {
        let candidate = relative.join("metadata").join("graphgen.toml");
        if candidate.is_file() {
            return Some(candidate);
        }
        relative.push("..");
    }
    None
}

/// `v1.0.csdl` → `v1_0`, `beta-2021.xml` → `beta_2021`.
fn module_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map_or_else(|| "api".to_string(), |s| s.to_string_lossy().into_owned());
    names::snake(&stem)
}
