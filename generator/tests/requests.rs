//! Which operations the request emitter offers: the defaults, and what the capabilities
//! annotations switch off.

mod cases;

use std::collections::BTreeSet;

/// The (method, path) rows of the `ENDPOINTS` table of a generated requests file.
fn endpoints(text: &str) -> BTreeSet<(String, String)> {
    let mut rows = BTreeSet::new();
    let mut method = None;
    for line in text.lines().map(str::trim) {
        if let Some(m) = line.strip_prefix("method: \"") {
            method = Some(m.trim_end_matches("\",").to_string());
        } else if let Some(p) = line.strip_prefix("path: \"") {
            rows.insert((
                method.take().unwrap(),
                p.trim_end_matches("\",").to_string(),
            ));
        }
    }
    rows
}

/// The files generated from the small-path case with `select` and `depth`.
fn generate(
    select: &[&str],
    depth: usize,
) -> std::collections::BTreeMap<std::path::PathBuf, String> {
    let mut api = cases::requests_for_a_small_path().api(depth);
    api.select = select.iter().map(|s| s.to_string()).collect();
    graphgen::generate(&[api]).unwrap()
}

#[test]
fn capabilities_switch_operations_and_query_options_off() {
    let case = cases::requests_for_a_small_path();
    let files = generate(&case.select, graphgen::DEFAULT_DEPTH);
    let text = &files[std::path::Path::new("v/requests/mod.rs")];
    let rows = endpoints(text);
    let row = |m: &str, p: &str| (m.to_string(), p.to_string());
    let expected: BTreeSet<_> = [
        row("GET", "/widgets"),
        row("POST", "/widgets"),
        row("GET", "/widgets/{widgetId}"),
        row("PATCH", "/widgets/{widgetId}"),
        row("DELETE", "/widgets/{widgetId}"),
        row("POST", "/widgets/{widgetId}/polish"),
        row("GET", "/widgets/{widgetId}/blueprint()"),
        row(
            "GET",
            "/widgets/{widgetId}/weigh(unit={unit},widgetId={widgetId},on={on},over={over})",
        ),
        // parts: InsertRestrictions and DeleteRestrictions say no create and no delete;
        // internals: NavigationRestrictions say it cannot be navigated at all.
        row("GET", "/widgets/{widgetId}/parts"),
        row("GET", "/widgets/{widgetId}/parts/{partId}"),
        row("PATCH", "/widgets/{widgetId}/parts/{partId}"),
    ]
    .into_iter()
    .collect();
    assert_eq!(rows, expected);
    // TopSupported and SearchRestrictions switch `$top` and `$search` off for parts only.
    let widgets = &files[std::path::Path::new("v/requests/widgets.rs")];
    let parts_list = widgets.split("pub mod parts").nth(1).unwrap();
    let compact: String = parts_list.split_whitespace().collect();
    assert!(
        compact.contains("QueryOptions<true,true,true,true,false,true,true,false,"),
        "{parts_list}"
    );
    assert!(
        widgets.contains("root::operation::ListOptions"),
        "widgets list takes every option"
    );
}

#[test]
fn a_path_pattern_selects_paths_and_their_types() {
    let files = generate(&["/widgets/*/parts/*"], graphgen::DEFAULT_DEPTH);
    let rows = endpoints(&files[std::path::Path::new("v/requests/mod.rs")]);
    let paths: BTreeSet<&str> = rows.iter().map(|(_, p)| p.as_str()).collect();
    assert_eq!(
        paths,
        ["/widgets/{widgetId}/parts/{partId}"].into_iter().collect()
    );
    let models = &files[std::path::Path::new("v/models/mod.rs")];
    assert!(models.contains("pub struct Part {"));
    assert!(
        !models.contains("pub struct Widget {"),
        "widget is not selected"
    );
}

#[test]
fn depth_limits_the_paths() {
    let case = cases::requests_for_a_small_path();
    let files = generate(&case.select, 0);
    let rows = endpoints(&files[std::path::Path::new("v/requests/mod.rs")]);
    assert!(rows.iter().all(|(_, p)| !p.contains("/parts")), "{rows:?}");
    assert!(rows.contains(&("GET".to_string(), "/widgets/{widgetId}".to_string())));
}
