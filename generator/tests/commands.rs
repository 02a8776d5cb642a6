//! The `diff`, `inspect` and `fetch` commands, diagnostics, and `--help` of every command.

use conformance::{LoopbackServer, Reply};
use std::path::Path;
use std::process::{Command, Output};

fn graphgen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_graphgen"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("graphgen runs")
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn every_command_has_help() {
    for command in [
        &["--help"][..],
        &["generate", "--help"],
        &["diff", "--help"],
        &["inspect", "--help"],
        &["fetch", "--help"],
    ] {
        let run = graphgen(command);
        assert_eq!(run.status.code(), Some(0), "{command:?}");
        assert!(text(&run.stdout).contains("Usage: graphgen"), "{command:?}");
    }
    assert_eq!(graphgen(&["no-such-command"]).status.code(), Some(2));
}

#[test]
fn diff_reports_a_semantic_changelog_of_the_published_beta() {
    let Some(dir) = std::env::var_os("GRAPHGEN_FULL_METADATA") else {
        eprintln!("GRAPHGEN_FULL_METADATA is not set; skipping");
        return;
    };
    let old = Path::new(&dir).join("beta-2021.xml");
    let original = std::fs::read_to_string(&old).unwrap();
    // A property removed, a type added, an enum member added.
    let removed = r#"        <Property Name="sourceId" Type="Edm.String" />
        <Property Name="target" Type="graph.deviceAndAppManagementAssignmentTarget" />
      </EntityType>
      <EntityType Name="deviceManagementScriptAssignment""#;
    assert!(original.contains(removed));
    let changed = original
        .replacen(removed, &removed.replacen("        <Property Name=\"sourceId\" Type=\"Edm.String\" />\n", "", 1), 1)
        .replacen(
            r#"<ComplexType Name="allDevicesAssignmentTarget" BaseType="graph.deviceAndAppManagementAssignmentTarget" />"#,
            r#"<ComplexType Name="allDevicesAssignmentTarget" BaseType="graph.deviceAndAppManagementAssignmentTarget" />
      <ComplexType Name="scopeTagGroupAssignmentTarget" BaseType="graph.deviceAndAppManagementAssignmentTarget">
        <Property Name="entraObjectId" Type="Edm.String" />
      </ComplexType>"#,
            1,
        )
        .replacen(
            "        <Member Name=\"policySets\" Value=\"1\" />\n",
            "        <Member Name=\"policySets\" Value=\"1\" />\n        <Member Name=\"unknownFutureValue\" Value=\"2\" />\n",
            1,
        );
    assert_ne!(changed, original);
    let tmp = tempfile::tempdir().unwrap();
    let new = tmp.path().join("beta-new.xml");
    std::fs::write(&new, changed).unwrap();
    let (old, new) = (old.display().to_string(), new.display().to_string());

    let run = graphgen(&[
        "diff",
        &old,
        &new,
        "--select",
        "enrollmentConfigurationAssignment",
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert_eq!(
        text(&run.stdout),
        format!(
            "# Schema changes: {old} → {new}\n\n3 changes, 1 breaking.\n\n## Breaking\n\n\
             - removed property `microsoft.graph.enrollmentConfigurationAssignment/sourceId`: Edm.String, nullable\n\n\
             ## Not breaking\n\n\
             - added type `microsoft.graph.scopeTagGroupAssignmentTarget`: complex type\n\
             - added enum member `microsoft.graph.deviceAndAppManagementAssignmentSource/unknownFutureValue`: value 2\n"
        )
    );

    let json = graphgen(&[
        "diff",
        &old,
        &new,
        "--select",
        "enrollmentConfigurationAssignment",
        "--format",
        "json",
    ]);
    let changes: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(changes.as_array().unwrap().len(), 3);
    assert_eq!(changes[0]["breaking"], true);
    assert_eq!(changes[0]["element"], "property");
    assert_eq!(changes[0]["change"], "removed");

    // Without a selection every type is compared; the same three changes are all there is.
    let all = graphgen(&["diff", &old, &new, "--format", "json"]);
    let all: serde_json::Value = serde_json::from_slice(&all.stdout).unwrap();
    assert_eq!(all, changes);
}

#[test]
fn diff_of_identical_schemas_is_empty_and_bad_input_exits_2() {
    let beta = repo().join("metadata/beta.xml").display().to_string();
    let run = graphgen(&["diff", &beta, &beta]);
    assert_eq!(run.status.code(), Some(0));
    assert!(text(&run.stdout).contains("0 changes, 0 breaking."));
    let run = graphgen(&["diff", &beta, "no/such/file.xml"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(text(&run.stderr).contains("no/such/file.xml: cannot read"));
}

#[test]
fn inspect_shows_types_paths_operations_and_counts() {
    let run = graphgen(&["inspect"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let out = text(&run.stdout);
    assert!(out.starts_with(
        "beta (metadata/beta.xml): 17 types (7 entity, 7 complex, 3 enum, 0 type definitions), 16 paths, 34 operations\n"
    ), "{out}");
    assert!(out.contains("  complex    microsoft.graph.scopeTagGroupAssignmentTarget : microsoft.graph.deviceAndAppManagementAssignmentTarget\n"));
    assert!(out.contains("  PATCH  /deviceManagement/deviceEnrollmentConfigurations/{deviceEnrollmentConfigurationId}/assignments/{enrollmentConfigurationAssignmentId}  (device_management::device_enrollment_configurations::item::assignments::item::update)\n"));
    assert!(out.contains("\nv1_0 (metadata/v1.0.xml): "));
    let missing = graphgen(&["inspect", "--config", "no/such/graphgen.toml"]);
    assert_eq!(missing.status.code(), Some(2));
    let one = text(&graphgen(&["inspect", "groupAssignmentTarget"]).stdout);
    assert!(one.starts_with("beta (metadata/beta.xml): 4 types (0 entity, 3 complex, 1 enum, 0 type definitions), 0 paths, 0 operations\n"), "{one}");
}

#[test]
fn errors_are_rendered_with_the_source_line_or_as_json() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.xml");
    std::fs::write(
        &bad,
        "<edmx:Edmx xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices>\n<Schema Namespace=\"n\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n  <ComplexType Name=\"a\" BaseType=\"n.missing\" />\n  <ComplexType Name=\"b\"><Property Name=\"p\" Type=\"n.gone\" /></ComplexType>\n</Schema></edmx:DataServices></edmx:Edmx>\n",
    )
    .unwrap();
    let bad = bad.display().to_string();
    let out = tmp.path().join("out").display().to_string();
    let args = [
        "generate",
        "--metadata",
        &bad,
        "--select",
        "*",
        "--out",
        &out,
    ];
    let human = graphgen(&args);
    assert_eq!(human.status.code(), Some(2));
    let stderr = text(&human.stderr);
    assert!(
        stderr.contains("error: unknown type `n.missing`"),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("┌─ {bad}:3:3")), "{stderr}");
    assert!(
        stderr.contains("3 │   <ComplexType Name=\"a\" BaseType=\"n.missing\" />"),
        "{stderr}"
    );
    assert!(stderr.contains("  │   ^^^^^^^^^^^^"), "{stderr}");
    assert!(
        stderr.contains(&format!("┌─ {bad}:4:25")),
        "both errors at once: {stderr}"
    );

    let json = graphgen(&[&["--message-format", "json"][..], &args].concat());
    assert_eq!(json.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = text(&json.stderr)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["line"], 3);
    assert_eq!(lines[0]["column"], 3);
    assert_eq!(lines[0]["kind"], "Unresolved");
    assert_eq!(lines[1]["message"], "unknown type `n.gone`");
}

#[test]
fn unknown_config_keys_are_errors_with_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("graphgen.toml");
    std::fs::write(&config, "output = \"out\"\n\n[[api]]\nmodule = \"beta\"\nmetadata = \"beta.xml\"\nselect = [\"*\"]\nselekt = [\"x\"]\n").unwrap();
    let run = graphgen(&[
        "--message-format",
        "json",
        "generate",
        "--config",
        &config.display().to_string(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    let error: serde_json::Value = serde_json::from_str(text(&run.stderr).trim()).unwrap();
    assert_eq!(
        (error["line"].as_u64(), error["column"].as_u64()),
        (Some(7), Some(1))
    );
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("unknown field `selekt`"),
        "{error}"
    );
}

#[test]
fn fetch_saves_only_metadata_that_reads_as_csdl() {
    let metadata = std::fs::read_to_string(repo().join("metadata/beta.xml")).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("beta.xml");
    std::fs::write(&file, "previous contents").unwrap();
    let target = file.display().to_string();

    // Not CSDL, then a 404: the file stays as it was.
    let server = LoopbackServer::start(vec![
        Reply {
            status: 200,
            headers: vec![],
            body: "<html>sign in</html>".into(),
        },
        Reply::json(
            404,
            &serde_json::json!({"error": {"code": "NotFound", "message": "no"}}),
        ),
        Reply {
            status: 200,
            headers: vec![("Content-Type".into(), "application/xml".into())],
            body: metadata.clone(),
        },
    ]);
    let url = format!("{}/beta/$metadata", server.base_url);
    let not_csdl = graphgen(&["fetch", &url, "-o", &target]);
    assert_eq!(not_csdl.status.code(), Some(2));
    assert!(
        text(&not_csdl.stderr).contains("is not usable CSDL"),
        "{}",
        text(&not_csdl.stderr)
    );
    let not_found = graphgen(&["fetch", &url, "-o", &target]);
    assert_eq!(not_found.status.code(), Some(2));
    assert!(
        text(&not_found.stderr).contains("404"),
        "{}",
        text(&not_found.stderr)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "previous contents");

    let ok = graphgen(&["fetch", &url, "-o", &target]);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stderr));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), metadata);
    let received = server.finish();
    assert_eq!(received.len(), 3);
    assert_eq!(received[0].target, "/beta/$metadata");
}
