//! `graphgen docs-check`: reference pages held against the configured metadata.

use crate::diagnostics::Reporter;
use crate::generate::configured_apis;
use graphgen::config::read_source;
use graphgen::docs::{self, Checked, Target};
use graphgen::{select, Errors};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// The reference pages: Markdown source or rendered text.
    #[arg(required = true)]
    pages: Vec<PathBuf>,
    /// The configuration whose APIs the pages are held against.
    #[arg(long)]
    config: Option<PathBuf>,
    /// The API version of a page whose example URL names none (`beta`, `v1.0`).
    #[arg(long)]
    version: Option<String>,
    /// Text for people, JSON for tools.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

pub fn run(args: Args, reporter: &Reporter) -> ExitCode {
    let apis = match configured_apis(args.config, reporter) {
        Ok(apis) => apis,
        Err(code) => return code,
    };
    let mut resolved = Vec::new();
    for api in &apis {
        let model = match graphgen::resolve_api(api) {
            Ok(m) => m,
            Err(e) => return reporter.fail(&e),
        };
        let selection = match select::select(&model, &api.select, api.depth, &api.metadata.name) {
            Ok(s) => s,
            Err(e) => return reporter.fail(&e.into()),
        };
        resolved.push((docs::url_version(&api.module), model, selection));
    }
    let mut targets = Vec::new();
    for (version, model, selection) in &resolved {
        match Target::new(version, model, selection) {
            Ok(t) => targets.push(t),
            Err(e) => return reporter.fail(&e.into()),
        }
    }
    let mut checked = Vec::new();
    let mut errors = Vec::new();
    for page in &args.pages {
        let page = read_source(page).and_then(|source| docs::read(&source));
        match page {
            Ok(page) => checked.push(docs::check(&page, &targets, args.version.as_deref())),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return reporter.fail(&Errors(errors));
    }
    let report = match args.format {
        Format::Text => text(&checked),
        Format::Json => format!("{}\n", json(&checked)),
    };
    if let Err(code) = crate::print_report(&report) {
        return code;
    }
    if checked.iter().any(Checked::has_errors) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn text(checked: &[Checked]) -> String {
    let mut out = String::new();
    for page in checked {
        let what = match (&page.method, &page.path, &page.version) {
            (Some(m), Some(p), Some(v)) => format!("{m} {p} ({v})"),
            _ => "(no endpoint)".to_string(),
        };
        let verdict = if page.has_errors() { "fails" } else { "passes" };
        out.push_str(&format!("{}: {verdict}: {what}", page.file));
        if let Some(op) = &page.operation {
            out.push_str(&format!(" is `{op}`"));
        }
        out.push('\n');
        for finding in &page.findings {
            out.push_str(&format!("  {finding}\n"));
        }
    }
    out
}

fn json(checked: &[Checked]) -> serde_json::Value {
    let pages: Vec<serde_json::Value> = checked
        .iter()
        .map(|page| {
            serde_json::json!({
                "file": page.file,
                "passes": !page.has_errors(),
                "version": page.version,
                "method": page.method,
                "path": page.path,
                "operation": page.operation,
                "findings": page.findings.iter().map(|f| serde_json::json!({
                    "severity": f.severity.to_string(),
                    "file": f.file,
                    "line": f.line,
                    "message": f.message,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({ "pages": pages })
}
