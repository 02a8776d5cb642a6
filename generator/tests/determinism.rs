//! The output depends on the schema, not on the order it is written in, nor on the run.

mod cases;

use graphgen::{Api, Source};
use std::path::Path;

/// Reverses the order of the top-level elements of each schema (types, actions, container,
/// `Annotations` blocks); what is inside each element, such as property order, stays.
fn reverse_schema_children(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let open = lines
        .iter()
        .position(|l| l.trim_start().starts_with("<Schema "))
        .unwrap();
    let close = lines
        .iter()
        .position(|l| l.trim_start().starts_with("</Schema>"))
        .unwrap();
    let indent = lines[open + 1..close]
        .iter()
        .find(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .unwrap();
    let mut groups: Vec<Vec<&str>> = Vec::new();
    for line in &lines[open + 1..close] {
        if line.trim().is_empty() {
            continue;
        }
        let starts_element =
            line.len() - line.trim_start().len() == indent && !line.trim_start().starts_with("</");
        if starts_element {
            groups.push(vec![line]);
        } else {
            groups.last_mut().unwrap().push(line);
        }
    }
    groups.reverse();
    let mut out: Vec<&str> = lines[..=open].to_vec();
    out.extend(groups.into_iter().flatten());
    out.extend(&lines[close..]);
    out.join("\n")
}

fn generate(
    metadata: &str,
    overlay: &str,
) -> std::collections::BTreeMap<std::path::PathBuf, String> {
    graphgen::generate(&[Api {
        module: "beta".into(),
        metadata: Source::new("beta.xml", metadata),
        overlays: vec![Source::new("beta-scope-tag.xml", overlay)],
        select: vec!["*Assignment".into()],
        depth: graphgen::DEFAULT_DEPTH,
        pages: Vec::new(),
    }])
    .unwrap_or_else(|e| panic!("{e}"))
    .files
}

#[test]
fn shuffled_definitions_give_byte_identical_output() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../metadata");
    let metadata = std::fs::read_to_string(dir.join("beta.xml")).unwrap();
    let overlay = std::fs::read_to_string(dir.join("overlays/beta-scope-tag.xml")).unwrap();
    let reversed = reverse_schema_children(&metadata);
    assert_ne!(reversed, metadata);
    let sorted = |text: &str| {
        let mut lines: Vec<String> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(String::from)
            .collect();
        lines.sort();
        lines
    };
    assert_eq!(
        sorted(&reversed),
        sorted(&metadata),
        "the same lines, in another order"
    );
    let first = generate(&metadata, &overlay);
    assert_eq!(
        first,
        generate(
            &reverse_schema_children(&metadata),
            &reverse_schema_children(&overlay)
        )
    );
    assert_eq!(
        first,
        generate(&metadata, &overlay),
        "a second run gives the same bytes"
    );
}

#[test]
fn schemas_in_another_order_give_byte_identical_output() {
    let case = cases::alias_in_a_second_schema();
    let text = &case.metadata;
    let first = text.find("    <Schema ").unwrap();
    let second = text[first + 1..].find("    <Schema ").unwrap() + first + 1;
    let end = text.rfind("    </Schema>").unwrap() + "    </Schema>\n".len();
    let swapped = format!(
        "{}{}{}{}",
        &text[..first],
        &text[second..end],
        &text[first..second],
        &text[end..]
    );
    assert_ne!(&swapped, text);
    let generate = |metadata: &str| {
        graphgen::generate(&[Api {
            module: "v".into(),
            metadata: Source::new("case.xml", metadata),
            overlays: Vec::new(),
            select: case.select.iter().map(|s| s.to_string()).collect(),
            depth: graphgen::DEFAULT_DEPTH,
            pages: Vec::new(),
        }])
        .unwrap_or_else(|e| panic!("{e}"))
        .files
    };
    assert_eq!(generate(text), generate(&swapped));
}
