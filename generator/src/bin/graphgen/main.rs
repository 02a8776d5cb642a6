//! The `graphgen` command: generate, diff, inspect, fetch, docs-check.

mod diagnostics;
mod diff;
mod docs_check;
mod fetch;
mod generate;
mod inspect;

use clap::{Parser, Subcommand};
use diagnostics::{MessageFormat, Reporter};
use std::path::PathBuf;
use std::process::ExitCode;

#[cfg(not(target_env = "msvc"))]
graphgen::command_allocator!();

/// Generates a typed Rust crate from Microsoft Graph CSDL metadata.
///
/// Exit codes: 0 done, 1 a check found differences, 2 bad input.
#[derive(Parser)]
#[command(name = "graphgen", version, about)]
struct Cli {
    /// How errors are printed: for people, or one JSON object a line for tools.
    #[arg(long, value_enum, default_value = "human", global = true)]
    message_format: MessageFormat,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Reads the metadata and writes the generated crate's sources.
    ///
    /// With no options it reads metadata/graphgen.toml (found from the current folder
    /// upwards). Exit codes: 0 done, 1 --check found differences, 2 bad input.
    Generate(generate::Args),
    /// Prints a semantic changelog between two versions of a schema: what was added, removed
    /// or changed, and whether it breaks the generated Rust API.
    ///
    /// Exit codes: 0 printed, 2 bad input.
    Diff {
        /// The older metadata.
        old: PathBuf,
        /// The newer metadata.
        new: PathBuf,
        /// Only the closure of these type names or globs (repeatable); everything by default.
        #[arg(long)]
        select: Vec<String>,
        /// Markdown for people, JSON for tools.
        #[arg(long, value_enum, default_value = "markdown")]
        format: diff::Format,
    },
    /// Shows what a selection resolves to: types with their kind and base, paths with their
    /// operations, and counts.
    ///
    /// Exit codes: 0 printed, 2 bad input.
    Inspect {
        /// The configuration file.
        #[arg(long)]
        config: Option<PathBuf>,
        /// A type name, glob or path pattern to inspect instead of the configured selection.
        pattern: Option<String>,
    },
    /// Reads Graph API reference pages and reports, per page, whether the configured
    /// metadata and selection offer its endpoint and agree with its examples.
    ///
    /// Exit codes: 0 every page passes, 1 a page has an error, 2 bad input.
    DocsCheck(docs_check::Args),
    /// Downloads a `$metadata` document, checks that it reads as CSDL, and only then
    /// replaces FILE.
    ///
    /// Exit codes: 0 saved, 2 the download failed or is not CSDL (FILE is left as it was).
    Fetch {
        /// The URL, e.g. https://graph.microsoft.com/beta/$metadata
        url: String,
        /// Where to save it.
        #[arg(short, long)]
        output: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let reporter = Reporter {
        format: cli.message_format,
    };
    match cli.command {
        Command::Generate(args) => generate::run(args, &reporter),
        Command::Diff {
            old,
            new,
            select,
            format,
        } => diff::run(&old, &new, &select, format, &reporter),
        Command::Inspect { config, pattern } => inspect::run(config, pattern, &reporter),
        Command::Fetch { url, output } => fetch::run(&url, &output, &reporter),
        Command::DocsCheck(args) => docs_check::run(args, &reporter),
    }
}

/// Writes a report to standard output. A reader that stops early (`graphgen inspect | head`)
/// closes the pipe; the rest of the report is dropped, as other command-line tools do,
/// instead of ending in a panic. Any other failure to write is an error: exit code 2.
fn print_report(text: &str) -> Result<(), ExitCode> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write to standard output: {err}");
            Err(ExitCode::from(2))
        }
        _ => Ok(()),
    }
}
