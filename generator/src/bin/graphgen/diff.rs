//! `graphgen diff OLD NEW`: the semantic changelog of a schema within a selection.

use crate::diagnostics::Reporter;
use graphgen::changelog;
use graphgen::config::read_source;
use graphgen::{csdl, model, Errors};
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Json,
}

pub fn run(
    old: &Path,
    new: &Path,
    select: &[String],
    format: Format,
    reporter: &Reporter,
) -> ExitCode {
    let load = |path: &Path| -> Result<model::Model, Errors> {
        let source = read_source(path)?;
        model::resolve(csdl::read(&source)?, Vec::new())
    };
    let (old_model, new_model) = match (load(old), load(new)) {
        (Ok(a), Ok(b)) => (a, b),
        (a, b) => {
            let errors: Vec<_> = a
                .err()
                .into_iter()
                .chain(b.err())
                .flat_map(|e| e.0)
                .collect();
            return reporter.fail(&Errors(errors));
        }
    };
    let changes = changelog::changelog(&old_model, &new_model, select);
    let report = match format {
        Format::Markdown => changelog::markdown(
            &old.display().to_string(),
            &new.display().to_string(),
            &changes,
        ),
        Format::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&changes).unwrap_or_else(|_| "[]".into())
        ),
    };
    match crate::print_report(&report) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}
