//! Which operations the request emitter offers: the defaults, and what the capabilities
//! annotations switch off.

mod cases;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The (method, path) rows of the `ENDPOINTS` tables of the request modules of version `v`.
fn endpoints(files: &BTreeMap<PathBuf, String>) -> BTreeSet<(String, String)> {
    let mut rows = BTreeSet::new();
    let mut method = None;
    let modules = files
        .iter()
        .filter(|(path, _)| path.starts_with("v/requests"))
        .map(|(_, text)| text);
    for line in modules.flat_map(|text| text.lines()).map(str::trim) {
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

/// One API version `module` of the document `csdl`, named `file`.
fn api(module: &str, file: &str, csdl: &str, select: &str, depth: usize) -> graphgen::Api {
    graphgen::Api {
        module: module.into(),
        metadata: graphgen::Source::new(file, csdl),
        overlays: Vec::new(),
        select: vec![select.into()],
        depth,
        pages: Vec::new(),
    }
}

/// The files generated from the small-path case with `select` and `depth`.
fn generate(select: &[&str], depth: usize) -> BTreeMap<PathBuf, String> {
    let mut api = cases::requests_for_a_small_path().api(depth);
    api.select = select.iter().map(|s| s.to_string()).collect();
    graphgen::generate(&[api]).unwrap().files
}

#[test]
fn capabilities_switch_operations_and_query_options_off() {
    let case = cases::requests_for_a_small_path();
    let files = generate(&case.select, graphgen::DEFAULT_DEPTH);
    let rows = endpoints(&files);
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
    let rows = endpoints(&files);
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
    let rows = endpoints(&files);
    assert!(rows.iter().all(|(_, p)| !p.contains("/parts")), "{rows:?}");
    assert!(rows.contains(&("GET".to_string(), "/widgets/{widgetId}".to_string())));
}

/// Names from the schema that are Rust keywords, Cargo's own feature names or hold a line
/// break still give a crate that Cargo reads: modules get a trailing `_`, features a suffix,
/// and comments stay on their line.
#[test]
fn awkward_names_give_valid_modules_and_a_valid_manifest() {
    let csdl = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
<Schema Namespace="a" xmlns="http://docs.oasis-open.org/odata/ns/edm">
  <EntityType Name="thing"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
  <EntityContainer Name="c"><EntitySet Name="type" EntityType="a.thing"/></EntityContainer>
</Schema>
<Schema Namespace="a.x&#10;[dependencies]&#10;evil = &quot;1&quot;" xmlns="http://docs.oasis-open.org/odata/ns/edm">
  <ComplexType Name="other"><Property Name="n" Type="Edm.Int32"/></ComplexType>
</Schema>
</edmx:DataServices></edmx:Edmx>"#;
    let api = api("default", "awkward.xml", csdl, "*", 1);
    let settings = cases::whole_crate("awkward");
    let files = graphgen::generate_with(&[api], &settings)
        .unwrap_or_else(|e| panic!("{e}"))
        .files;
    let manifest: toml::Table = toml::from_str(&files[std::path::Path::new("Cargo.toml")])
        .unwrap_or_else(|e| panic!("{e}\n{}", files[std::path::Path::new("Cargo.toml")]));
    let features = manifest["features"].as_table().unwrap();
    assert_eq!(features["default"].as_array().unwrap().len(), 1);
    let all = features["default"][0].as_str().unwrap();
    assert_eq!(all, "default_2", "the version's feature steps aside");
    assert!(
        features.contains_key("default_2-requests-type"),
        "{features:?}"
    );
    assert!(
        !manifest["dependencies"]
            .as_table()
            .unwrap()
            .contains_key("evil"),
        "a line break in a name stays inside its comment"
    );
    let requests = &files[std::path::Path::new("src/default/requests/mod.rs")];
    assert!(requests.contains("pub mod type_;"), "{requests}");
    assert!(files.contains_key(std::path::Path::new("src/default/requests/type_.rs")));
}

/// `emit::endpoints`, which lists the endpoints without making the operations (docs-check and
/// the pages given to `generate` use it), lists exactly the rows of the emitted tables.
#[test]
fn the_endpoint_listing_is_the_emitted_endpoints_tables() {
    for case in cases::all() {
        for depth in [1, graphgen::DEFAULT_DEPTH] {
            let api = case.api(depth);
            let files = graphgen::generate(std::slice::from_ref(&api))
                .unwrap_or_else(|e| panic!("{}: {e}", case.name))
                .files;
            let model = graphgen::resolve_api(&api).unwrap();
            let selection = graphgen::select::select(&model, &api.select, depth, "case").unwrap();
            let listed: BTreeSet<(String, String)> = graphgen::emit::endpoints(&model, &selection)
                .unwrap()
                .into_iter()
                .map(|e| (e.method.to_string(), e.path))
                .collect();
            assert_eq!(listed, endpoints(&files), "{} at depth {depth}", case.name);
        }
    }
}

/// More top-level resources than a `#[cfg]` lists: the types they share go with the version's
/// `-common` feature.
#[test]
fn a_version_of_many_areas_has_a_common_feature() {
    let settings = cases::whole_crate("areas");
    let files = graphgen::generate_with(
        &[cases::many_areas().api(graphgen::DEFAULT_DEPTH)],
        &settings,
    )
    .unwrap_or_else(|e| panic!("{e}"))
    .files;
    let manifest = &files[std::path::Path::new("Cargo.toml")];
    assert!(manifest.contains("\nv-common = []"), "{manifest}");
}

/// Cargo takes a feature name only when it starts with a letter, digit or `_`: a version
/// module named in other letters still gives one.
#[test]
fn a_version_module_in_other_letters_gives_valid_feature_names() {
    let mut api = cases::features_per_area().api(graphgen::DEFAULT_DEPTH);
    api.module = "été".into();
    let files = graphgen::generate_with(&[api], &cases::whole_crate("letters"))
        .unwrap_or_else(|e| panic!("{e}"))
        .files;
    let manifest: toml::Table = toml::from_str(&files[std::path::Path::new("Cargo.toml")]).unwrap();
    let features = manifest["features"].as_table().unwrap();
    for name in features.keys() {
        assert!(
            name.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'),
            "{name} in {features:?}"
        );
    }
}

/// A path comes along for the operations on the selection, and offers only those: selecting
/// `*Assignment` gives a document's `assignLabel` (it takes an enum an assignment uses), not
/// its `checkout`, and no operation of the directory objects that an assignment derives from.
/// A path to a named type offers every operation, its bases' included; a path to a type
/// derived from one (`rules`) is not named, and its operations are not on the selection.
#[test]
fn paths_that_come_along_for_an_operation_offer_only_the_operations_on_the_selection() {
    let csdl = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
<Schema Namespace="g" xmlns="http://docs.oasis-open.org/odata/ns/edm">
  <EntityType Name="directoryObject"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
  <EntityType Name="roleAssignment" BaseType="g.directoryObject"><Property Name="label" Type="g.labelAssignment"/></EntityType>
  <ComplexType Name="labelAssignment"><Property Name="method" Type="g.assignmentMethod"/></ComplexType>
  <EnumType Name="assignmentMethod"><Member Name="standard" Value="0"/><Member Name="privileged" Value="1"/></EnumType>
  <EntityType Name="scopedRoleAssignmentRule" BaseType="g.roleAssignment"/>
  <EntityType Name="document"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
  <Action Name="archive" IsBound="true"><Parameter Name="bindingParameter" Type="g.roleAssignment"/></Action>
  <Action Name="getByIds" IsBound="true">
    <Parameter Name="bindingParameter" Type="Collection(g.directoryObject)"/>
    <Parameter Name="ids" Type="Collection(Edm.String)" Nullable="false"/>
    <ReturnType Type="Collection(g.directoryObject)"/>
  </Action>
  <Action Name="restore" IsBound="true">
    <Parameter Name="bindingParameter" Type="g.directoryObject"/>
    <ReturnType Type="g.directoryObject"/>
  </Action>
  <Action Name="assignLabel" IsBound="true">
    <Parameter Name="bindingParameter" Type="g.document"/>
    <Parameter Name="method" Type="g.assignmentMethod"/>
  </Action>
  <Action Name="checkout" IsBound="true"><Parameter Name="bindingParameter" Type="g.document"/></Action>
  <EntityContainer Name="c">
    <EntitySet Name="roleAssignments" EntityType="g.roleAssignment"/>
    <EntitySet Name="directoryObjects" EntityType="g.directoryObject"/>
    <EntitySet Name="rules" EntityType="g.scopedRoleAssignmentRule"/>
    <EntitySet Name="documents" EntityType="g.document"/>
  </EntityContainer>
</Schema>
</edmx:DataServices></edmx:Edmx>"#;
    let api = api(
        "v",
        "offers.xml",
        csdl,
        "*Assignment",
        graphgen::DEFAULT_DEPTH,
    );
    let files = graphgen::generate(&[api])
        .unwrap_or_else(|e| panic!("{e}"))
        .files;
    let rows = endpoints(&files);
    let row = |m: &str, p: &str| (m.to_string(), p.to_string());
    let expected: BTreeSet<_> = [
        row("GET", "/roleAssignments"),
        row("POST", "/roleAssignments"),
        row("POST", "/roleAssignments/getByIds"),
        row("GET", "/roleAssignments/{roleAssignmentId}"),
        row("PATCH", "/roleAssignments/{roleAssignmentId}"),
        row("DELETE", "/roleAssignments/{roleAssignmentId}"),
        row("POST", "/roleAssignments/{roleAssignmentId}/restore"),
        row("POST", "/roleAssignments/{roleAssignmentId}/archive"),
        row("POST", "/documents/{documentId}/assignLabel"),
    ]
    .into_iter()
    .collect();
    assert_eq!(rows, expected);
    // The listing docs-check uses agrees.
    let model = graphgen::model::resolve(
        graphgen::csdl::read(&graphgen::Source::new("offers.xml", csdl)).unwrap(),
        Vec::new(),
    )
    .unwrap();
    let selection = graphgen::select::select(
        &model,
        &["*Assignment".to_string()],
        graphgen::DEFAULT_DEPTH,
        "offers.xml",
    )
    .unwrap();
    let templates: BTreeSet<String> = selection.paths.iter().map(|p| p.template(&model)).collect();
    assert!(
        !templates
            .iter()
            .any(|t| t.starts_with("/directoryObjects") || t.starts_with("/rules")),
        "{templates:?}"
    );
    let name = |id: &graphgen::model::TypeId| model.get(*id).name.as_str();
    let bases: Vec<&str> = selection.bases.iter().map(name).collect();
    assert_eq!(bases, ["directoryObject"]);
    let named: Vec<&str> = selection.named.iter().map(name).collect();
    assert_eq!(named, ["labelAssignment", "roleAssignment"]);
}
