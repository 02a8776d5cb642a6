//! The changelog within a selection compares the bound operations the generated crate offers:
//! those bound to a type the patterns name, and those that take or give a selected type
//! wherever they are bound.

mod cases;

use cases::resolve;
use graphgen::changelog::{changelog, ChangeKind, Element};

/// A schema of widgets and their assignments, with `operations` (bound actions) added.
fn schema(operations: &str) -> String {
    cases::graph(&format!(
        r#"{}
      <EntityType Name="widget" BaseType="graph.entity">
        <Property Name="displayName" Type="Edm.String" />
        <NavigationProperty Name="assignments" Type="Collection(graph.widgetAssignment)" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="widgetAssignment" BaseType="graph.entity">
        <Property Name="intent" Type="Edm.String" />
      </EntityType>
{operations}
      <EntityContainer Name="GraphService">
        <EntitySet Name="widgets" EntityType="graph.widget" />
      </EntityContainer>"#,
        cases::ENTITY
    ))
}

fn action(name: &str, binding: &str, parameters: &[(&str, &str)]) -> String {
    let mut text = format!(
        "      <Action Name=\"{name}\" IsBound=\"true\">\n        <Parameter Name=\"bindingParameter\" Type=\"{binding}\" />\n"
    );
    for (name, ty) in parameters {
        text.push_str(&format!(
            "        <Parameter Name=\"{name}\" Type=\"{ty}\" />\n"
        ));
    }
    text + "      </Action>\n"
}

#[test]
fn a_selection_compares_the_operations_the_crate_offers_wherever_they_are_bound() {
    let assignments = ("assignments", "Collection(graph.widgetAssignment)");
    let old = resolve(
        "old.xml",
        &schema(
            &[
                // Bound to a type outside the selection, but it takes a selected type.
                action("assign", "graph.widget", &[assignments]),
                // Bound to a type outside the selection, with nothing selected in it.
                action("archive", "graph.widget", &[]),
                // Bound to the selected type itself.
                action("reprocess", "graph.widgetAssignment", &[]),
                // Takes a selected type here, and no longer in the new version.
                action("detach", "graph.widget", &[assignments]),
            ]
            .concat(),
        ),
        &[],
    );
    let new = resolve(
        "new.xml",
        &schema(
            &[
                action(
                    "assign",
                    "graph.widget",
                    &[assignments, ("notify", "Edm.Boolean")],
                ),
                action("archive", "graph.widget", &[("reason", "Edm.String")]),
                // Added, on a type outside the selection, giving nothing selected.
                action("rename", "graph.widget", &[("name", "Edm.String")]),
                // Added, and it takes a selected type.
                action("unassign", "graph.widget", &[assignments]),
                action("detach", "graph.widget", &[("ids", "Edm.String")]),
            ]
            .concat(),
        ),
        &[],
    );
    let summary = |patterns: &[&str]| -> Vec<(String, ChangeKind, bool)> {
        let patterns: Vec<String> = patterns.iter().map(|p| p.to_string()).collect();
        changelog(&old, &new, &patterns)
            .into_iter()
            .filter(|c| c.element == Element::Operation)
            .map(|c| (c.name, c.change, c.breaking))
            .collect()
    };
    let op = |name: &str, binding: &str, change: ChangeKind, breaking: bool| {
        (
            format!("microsoft.graph.{name}(microsoft.graph.{binding})"),
            change,
            breaking,
        )
    };
    // Offered in either version is enough: `detach` no longer takes a selected type, and it
    // changed rather than went.
    assert_eq!(
        summary(&["widgetAssignment"]),
        [
            op("assign", "widget", ChangeKind::Changed, true),
            op("detach", "widget", ChangeKind::Changed, true),
            op("reprocess", "widgetAssignment", ChangeKind::Removed, true),
            op("unassign", "widget", ChangeKind::Added, false),
        ]
    );
    // Naming the binding type offers all its operations; no selection compares everything.
    let everything = [
        op("archive", "widget", ChangeKind::Changed, true),
        op("assign", "widget", ChangeKind::Changed, true),
        op("detach", "widget", ChangeKind::Changed, true),
        op("reprocess", "widgetAssignment", ChangeKind::Removed, true),
        op("rename", "widget", ChangeKind::Added, false),
        op("unassign", "widget", ChangeKind::Added, false),
    ];
    assert_eq!(summary(&["widget*"]), everything);
    assert_eq!(summary(&[]), everything);
}
