//! `graphgen generate`: metadata in, the generated crate's sources out.

use crate::diagnostics::Reporter;
use graphgen::config::{read_source, ConfigFile};
use graphgen::write::{Interrupt, WriteOptions};
use graphgen::{emit::names, Api};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The options of `generate`.
#[derive(clap::Args)]
pub struct Args {
    /// The configuration file.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// A metadata file to generate from instead of the configured ones; one API version per
    /// file, its module named after the file (v1.0.csdl becomes v1_0). Repeatable.
    #[arg(long)]
    pub metadata: Vec<PathBuf>,
    /// A type name, glob (`*Assignment`, `microsoft.graph.security.*`) or path pattern
    /// (`/deviceManagement/**/assignments/*`) instead of the configured selection. Repeatable.
    #[arg(long)]
    pub select: Vec<String>,
    /// The folder to write to instead of the configured one.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// How many navigation steps below the entity container request paths go.
    #[arg(long)]
    pub depth: Option<usize>,
    /// Writes a whole crate of this name into the output folder (`Cargo.toml` with a feature
    /// per namespace and per top-level resource, the sources under `src/`) instead of only its
    /// sources.
    #[arg(long, value_name = "NAME")]
    pub package: Option<String>,
    /// Writes nothing; prints a unified diff and exits with 1 when the output would change.
    #[arg(long)]
    pub check: bool,
}

pub fn run(args: Args, reporter: &Reporter) -> ExitCode {
    let Args {
        config,
        metadata,
        select,
        out,
        depth,
        package,
        check,
    } = args;
    let config_path = config.or_else(find_config);
    let config = match &config_path {
        Some(path) => match ConfigFile::load(path) {
            Ok(c) => Some(c),
            Err(e) => return reporter.fail(&e.into()),
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
            Err(e) => return reporter.fail(&e.into()),
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
                Err(e) => return reporter.fail(&e.into()),
            };
            apis.push(Api {
                module: module_name(path),
                metadata: source,
                overlays: Vec::new(),
                select: default_select.clone(),
                depth: graphgen::DEFAULT_DEPTH,
                pages: Vec::new(),
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
    let mut settings = config
        .as_ref()
        .map(ConfigFile::settings)
        .unwrap_or_default();
    if let Some(name) = package {
        settings.package = Some(match settings.package {
            Some(configured) => graphgen::emit::Package { name, ..configured },
            None => graphgen::emit::Package::new(name),
        });
    }
    let output = match graphgen::generate_with(&apis, &settings) {
        Ok(output) => output,
        Err(errors) => return reporter.fail(&errors),
    };
    report_pages(&output);
    let files = output.files;
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
                    if let Err(code) = crate::print_report(diff) {
                        return code;
                    }
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
            Err(e) => reporter.fail(&e.into()),
        };
    }
    match graphgen::write::write_with(&out, &files, &interruption()) {
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
        Err(e) => reporter.fail(&e.into()),
    }
}

/// Where the configured reference pages and the metadata disagree, as warnings (generation
/// goes on), and how many pages went into doc comments; a page of a path outside the
/// selection is only counted.
fn report_pages(output: &graphgen::Output) {
    let pages = &output.pages;
    if pages.is_empty() {
        return;
    }
    for f in output.warnings() {
        eprintln!("{}:{}: warning: {}", f.file, f.line, f.message);
    }
    let attached = pages.iter().filter(|p| p.attached).count();
    let outside = pages.iter().filter(|p| p.outside).count();
    let mut summary = format!(
        "reference pages: {attached} of {} in the doc comments of their operations",
        pages.len()
    );
    if outside > 0 {
        summary.push_str(&format!("; {outside} of paths outside the selection"));
    }
    if attached + outside < pages.len() {
        summary.push_str("; the warnings above say why the others are not");
    }
    eprintln!("{summary}");
}

/// The APIs of the configuration at `config`, or of the one `find_config` finds; the exit
/// code of bad input, with the errors printed, when there is none or it cannot be read.
pub fn configured_apis(config: Option<PathBuf>, reporter: &Reporter) -> Result<Vec<Api>, ExitCode> {
    let Some(path) = config.or_else(find_config) else {
        eprintln!("error: no metadata/graphgen.toml found here or above; pass --config");
        return Err(ExitCode::from(2));
    };
    ConfigFile::load(&path)
        .and_then(|config| config.apis())
        .map_err(|e| reporter.fail(&e.into()))
}

/// `metadata/graphgen.toml` in the current folder or the nearest one above it, as a relative
/// path so that messages name files the way the user sees them.
pub fn find_config() -> Option<PathBuf> {
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

/// `GRAPHGEN_INTERRUPT_AFTER=N:error|panic|abort` interrupts the write after N files, so tests
/// can show that a failed or killed run leaves the output as it was.
fn interruption() -> WriteOptions {
    let interrupt_after = std::env::var("GRAPHGEN_INTERRUPT_AFTER")
        .ok()
        .and_then(|v| {
            let (count, how) = v.split_once(':')?;
            let how = match how {
                "error" => Interrupt::Error,
                "panic" => Interrupt::Panic,
                "abort" => Interrupt::Abort,
                _ => return None,
            };
            Some((count.parse().ok()?, how))
        });
    WriteOptions { interrupt_after }
}
