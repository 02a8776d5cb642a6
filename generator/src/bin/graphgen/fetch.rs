//! `graphgen fetch URL -o FILE`: downloads a `$metadata` document and replaces FILE only once
//! the document reads and resolves as CSDL.

use crate::diagnostics::Reporter;
use graphgen::{csdl, model, Error, Source};
use std::path::Path;
use std::process::ExitCode;

/// Larger than any Graph schema (the beta one is about 5 MB).
const LIMIT: u64 = 256 * 1024 * 1024;

pub fn run(url: &str, output: &Path, reporter: &Reporter) -> ExitCode {
    let text = match download(url) {
        Ok(text) => text,
        Err(message) => return reporter.fail(&Error::io(url, message).into()),
    };
    let source = Source::new(url, text);
    let checked = csdl::read(&source).and_then(|document| model::resolve(document, Vec::new()));
    if let Err(errors) = checked {
        eprintln!(
            "error: {url} is not usable CSDL; {} left as it was",
            output.display()
        );
        return reporter.fail(&errors);
    }
    match graphgen::write::put(output, &source.text) {
        Ok(changed) => {
            let what = if changed { "saved" } else { "unchanged" };
            eprintln!("{}: {what} ({} bytes)", output.display(), source.text.len());
            ExitCode::SUCCESS
        }
        Err(e) => reporter.fail(&e.into()),
    }
}

fn download(url: &str) -> Result<String, String> {
    let mut response = ureq::get(url)
        .header("Accept", "application/xml")
        .call()
        .map_err(|e| e.to_string())?;
    response
        .body_mut()
        .with_config()
        .limit(LIMIT)
        .read_to_string()
        .map_err(|e| e.to_string())
}
