//! `graphgen inspect`: what a selection resolves to.

use crate::diagnostics::Reporter;
use crate::generate::configured_apis;
use graphgen::model::TypeKind;
use graphgen::{emit, select, Errors};
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(config: Option<PathBuf>, pattern: Option<String>, reporter: &Reporter) -> ExitCode {
    let apis = match configured_apis(config, reporter) {
        Ok(apis) => apis,
        Err(code) => return code,
    };
    let mut out = String::new();
    for mut api in apis {
        if let Some(p) = &pattern {
            api.select = vec![p.clone()];
        }
        let model = match graphgen::resolve_api(&api) {
            Ok(m) => m,
            Err(e) => return reporter.fail(&e),
        };
        let selection = match select::select(&model, &api.select, api.depth, &api.metadata.name) {
            Ok(s) => s,
            Err(e) => return reporter.fail(&e.into()),
        };
        let endpoints = match emit::endpoints(&model, &selection) {
            Ok(e) => e,
            Err(e) => return reporter.fail(&Errors::from(e)),
        };
        let mut kinds = [0usize; 4];
        let mut types = String::new();
        for &id in &selection.types {
            let def = model.get(id);
            let (kind, index) = match &def.kind {
                TypeKind::Entity(_) => ("entity", 0),
                TypeKind::Complex(_) => ("complex", 1),
                TypeKind::Enum(_) => ("enum", 2),
                TypeKind::Definition(_) => ("definition", 3),
            };
            kinds[index] += 1;
            let base = model
                .base(id)
                .map(|b| format!(" : {}", model.get(b).qualified()))
                .unwrap_or_default();
            let flags = match def.structured() {
                Some(s) if s.is_abstract => " (abstract)",
                _ => "",
            };
            types.push_str(&format!("  {kind:<10} {}{base}{flags}\n", def.qualified()));
        }
        out.push_str(&format!(
            "{} ({}): {} types ({} entity, {} complex, {} enum, {} type definitions), {} paths, {} operations\n\nTypes\n{types}\nPaths\n",
            api.module,
            api.metadata.name,
            selection.types.len(),
            kinds[0],
            kinds[1],
            kinds[2],
            kinds[3],
            selection.paths.len(),
            endpoints.len(),
        ));
        for emit::Endpoint {
            method,
            path,
            operation,
            ..
        } in &endpoints
        {
            out.push_str(&format!("  {method:<6} {path}  ({operation})\n"));
        }
        out.push('\n');
    }
    match crate::print_report(&out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}
