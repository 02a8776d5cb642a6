//! The `Cargo.toml` of a generated crate: its package, its dependencies (those of the runtime
//! modules) and its features, one per area of each API version (see `features`).

use super::features::Features;
use serde::Deserialize;

/// The oldest Rust the runtime modules are written for.
const RUST_VERSION: &str = "1.85";

/// The package of a crate emitted whole (`[package]` in `graphgen.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Package {
    pub name: String,
    #[serde(default = "first_version")]
    pub version: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub license: Option<String>,
}

fn first_version() -> String {
    "0.1.0".to_string()
}

impl Package {
    pub fn new(name: impl Into<String>) -> Package {
        Package {
            name: name.into(),
            version: first_version(),
            description: None,
            license: None,
        }
    }

    /// The manifest, with the `@generated` header naming the inputs.
    pub(super) fn manifest(
        &self,
        inputs: &[String],
        versions: &[Features],
        client: bool,
    ) -> String {
        let mut out = super::header(inputs).replacen("//", "#", 1);
        out.push_str("[package]\n");
        out.push_str(&format!("name = {}\n", quoted(&self.name)));
        out.push_str(&format!("version = {}\n", quoted(&self.version)));
        out.push_str("edition = \"2021\"\n");
        out.push_str(&format!("rust-version = \"{RUST_VERSION}\"\n"));
        if let Some(description) = &self.description {
            out.push_str(&format!("description = {}\n", quoted(description)));
        }
        if let Some(license) = &self.license {
            out.push_str(&format!("license = {}\n", quoted(license)));
        }

        out.push_str("\n[features]\n");
        let all: Vec<String> = versions.iter().map(|v| quoted(&v.name)).collect();
        out.push_str("# Every API version, all of it.\n");
        out.push_str(&format!("default = [{}]\n", all.join(", ")));
        if client {
            out.push_str("# An async client over reqwest (rustls) that sends the operations.\n");
            out.push_str("client = [\"dep:reqwest\", \"dep:tokio\"]\n");
        }
        for version in versions {
            let areas: Vec<String> = version.list.iter().map(|f| quoted(&f.name)).collect();
            out.push_str(&format!("\n# All of `{}`.\n", comment(&version.module)));
            out.push_str(&format!("{} = [{}]\n", version.name, areas.join(", ")));
            let common = &version.common;
            let enables = common.as_deref().map(quoted).unwrap_or_default();
            for feature in &version.list {
                out.push_str(&format!("# {}\n", comment(&feature.doc)));
                out.push_str(&format!("{} = [{enables}]\n", feature.name));
            }
            if let Some(common) = common {
                out.push_str(&format!(
                    "# The types more than {} areas of `{}` need; each feature of it turns this on.\n",
                    super::features::MAX_LISTED,
                    comment(&version.module)
                ));
                out.push_str(&format!("{common} = []\n"));
            }
        }

        out.push_str("\n[dependencies]\n");
        out.push_str("http = \"1\"\n");
        out.push_str("serde = { version = \"1\", features = [\"derive\"] }\n");
        out.push_str("serde_json = \"1\"\n");
        if client {
            out.push_str("reqwest = { version = \"0.12\", default-features = false, features = [\"rustls-tls\"], optional = true }\n");
            out.push_str("tokio = { version = \"1\", features = [\"time\"], optional = true }\n");
        }
        out
    }
}

/// The names the manifest uses besides the crate's features: `default`, `client` and the
/// dependencies, which a feature may not take.
pub(super) const RESERVED: &[&str] = &[
    "default",
    "client",
    "http",
    "serde",
    "serde_json",
    "reqwest",
    "tokio",
];

/// Text for a `#` comment: schema names may hold line breaks, which would end the comment.
fn comment(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
