//! Reference pages: both forms read into the same page, and held against the project's
//! metadata (`metadata/graphgen.toml`) with a finding for each disagreement. The five pages of
//! the Graph reference that were the first endpoints are checked when `GRAPHGEN_SEEDS` names
//! their folder.

use graphgen::config::ConfigFile;
use graphgen::docs::{self, Checked, Page, Severity, Target};
use graphgen::model::Model;
use graphgen::select::{self, Selection};
use graphgen::{ErrorKind, Source};
use std::path::Path;

/// The API versions of a configuration (relative to the generator's folder), as read.
fn apis(config: &str) -> Vec<graphgen::Api> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(config);
    let config = ConfigFile::load(&path).unwrap_or_else(|e| panic!("{e}"));
    config.apis().unwrap_or_else(|e| panic!("{e}"))
}

/// The API versions of a configuration, resolved and selected: (version in URLs, model,
/// selection).
fn resolved(config: &str) -> Vec<(String, Model, Selection)> {
    apis(config)
        .iter()
        .map(|api| {
            let model = graphgen::resolve_api(api).unwrap_or_else(|e| panic!("{e}"));
            let selection = select::select(&model, &api.select, api.depth, "x").unwrap();
            (docs::url_version(&api.module), model, selection)
        })
        .collect()
}

fn check(resolved: &[(String, Model, Selection)], page: &Page, version: Option<&str>) -> Checked {
    let targets: Vec<Target<'_>> = resolved
        .iter()
        .map(|(v, m, s)| Target::new(v, m, s).unwrap())
        .collect();
    docs::check(page, &targets, version)
}

/// A page of `tests/pages`, read; named by its file name.
fn page(name: &str) -> Page {
    docs::read(&page_source(name)).unwrap_or_else(|e| panic!("{e}"))
}

fn findings(checked: &Checked) -> Vec<String> {
    checked.findings.iter().map(|f| f.to_string()).collect()
}

#[test]
fn a_markdown_page_is_read_whole() {
    let page = page("update-enrollment-assignment.md");
    assert_eq!(
        page.title.as_deref(),
        Some("Update an enrollment configuration assignment")
    );
    let endpoint = page.endpoint.as_ref().unwrap();
    assert_eq!(endpoint.method, "PATCH");
    assert_eq!(endpoint.path, "/deviceManagement/deviceEnrollmentConfigurations/{deviceEnrollmentConfigurationId}/assignments/{enrollmentConfigurationAssignmentId}");
    assert_eq!(endpoint.line, 28);
    let permissions: Vec<(&str, Vec<&str>)> = page
        .permissions
        .iter()
        .map(|p| {
            (
                p.kind.as_str(),
                p.names.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        permissions,
        [
            (
                "Delegated (work or school account)",
                vec![
                    "DeviceManagementServiceConfig.ReadWrite.All",
                    "DeviceManagementConfiguration.ReadWrite.All"
                ]
            ),
            ("Delegated (personal Microsoft account)", vec![]),
            (
                "Application",
                vec!["DeviceManagementServiceConfig.ReadWrite.All"]
            ),
        ]
    );
    let headers: Vec<(&str, &str)> = page
        .headers
        .iter()
        .map(|h| (h.name.as_str(), h.value.as_str()))
        .collect();
    assert_eq!(
        headers,
        [
            ("Authorization", "Bearer {token}. Required."),
            ("Accept", "application/json")
        ]
    );
    let rows: Vec<(&str, &str, usize)> = page
        .properties
        .iter()
        .map(|r| (r.name.as_str(), r.ty.as_str(), r.line))
        .collect();
    assert_eq!(
        rows,
        [
            ("id", "String", 40),
            ("source", "deviceAndAppManagementAssignmentSource", 41),
            ("target", "deviceAndAppManagementAssignmentTarget", 42)
        ]
    );
    assert_eq!(page.examples.len(), 1);
    let request = page.examples[0].request.as_ref().unwrap();
    assert_eq!((request.method.as_str(), request.line), ("PATCH", 56));
    assert_eq!(request.version_and_path().0, Some("beta"));
    let header_names: Vec<&str> = request.headers.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(header_names, ["Content-type", "Content-length"]);
    let body = request.body.as_ref().unwrap();
    assert_eq!(body.line, 60);
    assert_eq!(body.json.as_ref().unwrap()["target"]["groupId"], "g-1");
    let response = page.examples[0].response.as_ref().unwrap();
    assert_eq!((response.status, response.line), (200, 77));
    assert_eq!(
        response.body.as_ref().unwrap().json.as_ref().unwrap()["id"],
        "0001"
    );
}

#[test]
fn the_rendered_text_form_reads_like_the_markdown() {
    let markdown = page("update-enrollment-assignment.md");
    let text = page("update-enrollment-assignment.txt");
    assert_eq!(text.title, None);
    assert_eq!(
        text.endpoint.as_ref().map(|e| (&e.method, &e.path)),
        markdown.endpoint.as_ref().map(|e| (&e.method, &e.path))
    );
    assert_eq!(text.permissions.len(), 2);
    assert_eq!(text.properties[0].name, "target");
    let request = text.examples[0].request.as_ref().unwrap();
    assert_eq!(request.version_and_path().0, Some("v1.0"));
    assert_eq!(
        request.body.as_ref().unwrap().json.as_ref().unwrap()["target"],
        markdown.examples[0]
            .request
            .as_ref()
            .unwrap()
            .body
            .as_ref()
            .unwrap()
            .json
            .as_ref()
            .unwrap()["target"]
    );
    assert_eq!(text.examples[0].response.as_ref().unwrap().status, 200);
}

#[test]
fn pages_that_agree_with_the_metadata_pass() {
    let resolved = resolved("../metadata/graphgen.toml");
    for (name, version) in [
        ("update-enrollment-assignment.md", "beta"),
        ("update-enrollment-assignment.txt", "v1.0"),
    ] {
        let checked = check(&resolved, &page(name), None);
        assert_eq!(findings(&checked), Vec::<String>::new(), "{name}");
        assert_eq!(checked.version.as_deref(), Some(version));
        assert_eq!(
            checked.operation.as_deref(),
            Some("device_management::device_enrollment_configurations::item::assignments::item::update")
        );
    }
}

#[test]
fn every_disagreement_is_a_finding_at_its_line() {
    let resolved = resolved("../metadata/graphgen.toml");
    let checked = check(&resolved, &page("disagreements.md"), None);
    assert!(checked.has_errors());
    assert_eq!(
        findings(&checked),
        [
            "disagreements.md:11: warning: the property table says `target` is String, the metadata says microsoft.graph.deviceAndAppManagementAssignmentTarget",
            "disagreements.md:12: error: the property table names `priority`, which `microsoft.graph.enrollmentConfigurationAssignment` does not have",
            "disagreements.md:22: error: `source`: `everyone` is not a member of `microsoft.graph.deviceAndAppManagementAssignmentSource`",
            "disagreements.md:23: error: `sourceId`: Edm.String does not take a number",
            "disagreements.md:24: error: `colour`: `microsoft.graph.enrollmentConfigurationAssignment` has no property `colour`",
            "disagreements.md:25: error: `target`: `microsoft.graph.enrollmentConfigurationAssignment` is not `microsoft.graph.deviceAndAppManagementAssignmentTarget` or a type derived from it",
            "disagreements.md:33: error: the documented status is 200, but `device_management::device_enrollment_configurations::item::assignments::create` answers 201",
        ]
    );
}

#[test]
fn an_endpoint_the_metadata_lacks_is_an_error_that_says_what_is_there() {
    let resolved = resolved("../metadata/graphgen.toml");
    let text = "# x\n\n## HTTP Request\n\n    DELETE /deviceManagement/deviceEnrollmentConfigurations/{id}/assignments\n\n## Example\n\n### Request\nDELETE https://graph.microsoft.com/beta/deviceManagement/deviceEnrollmentConfigurations/{id}/assignments\n";
    let page = docs::read(&Source::new("lacks.md", text)).unwrap();
    let checked = check(&resolved, &page, None);
    assert_eq!(
        findings(&checked),
        ["lacks.md:5: error: DELETE /deviceManagement/deviceEnrollmentConfigurations/{id}/assignments: the beta metadata has no DELETE here, only GET, POST"]
    );
    let elsewhere = text.replace("deviceEnrollmentConfigurations", "nowhere");
    let page = docs::read(&Source::new("lacks.md", elsewhere)).unwrap();
    let checked = check(&resolved, &page, None);
    assert_eq!(
        findings(&checked),
        ["lacks.md:5: error: DELETE /deviceManagement/nowhere/{id}/assignments: the beta metadata and selection have no such path"]
    );
}

#[test]
fn a_page_that_cannot_be_read_is_an_error_at_its_line() {
    let error = docs::read(&page_source("never-closed.md")).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Page);
    assert_eq!(
        error.to_string(),
        "never-closed.md:4:1: this HTML comment is never closed"
    );
    let error =
        docs::read(&Source::new("empty.md", "# Nothing here\n\nJust prose.\n")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "empty.md:1:1: the page has no HTTP request: neither an `HTTP Request` section with `METHOD /path` nor an example request"
    );
    let open =
        "## Example\n### Request\nPOST https://graph.microsoft.com/beta/x\n\n{\n  \"a\": 1,\n";
    let error = docs::read(&Source::new("open.md", open)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "open.md:5:1: the JSON body that starts here never ends"
    );
}

#[test]
fn a_body_that_is_not_json_is_reported_not_fatal() {
    let resolved = resolved("../metadata/graphgen.toml");
    let text = "## Example\n### Request\n```http\nPATCH https://graph.microsoft.com/beta/deviceManagement/deviceEnrollmentConfigurations/{a}/assignments/{b}\n\n{\n  \"id\": \"1\",\n  ...\n}\n```\n";
    let page = docs::read(&Source::new("short.md", text)).unwrap();
    let checked = check(&resolved, &page, None);
    assert!(!checked.has_errors());
    assert_eq!(checked.findings.len(), 1);
    assert_eq!(checked.findings[0].severity, Severity::Warning);
    assert_eq!(checked.findings[0].line, 8);
    assert!(checked.findings[0]
        .message
        .starts_with("the example body is not JSON"));
}

/// What the reference pages of the first endpoints say against the project's metadata:
/// 000 and 001 pass against beta; 002 documents a PATCH of a collection, which the metadata
/// does not have; 003 (the rendered form) passes with the scope-tag overlay and not without
/// it; 004's example URL is malformed, and the page passes once it is read as beta.
#[test]
fn the_seed_pages_say_what_the_metadata_supports() {
    let Some(dir) = std::env::var_os("GRAPHGEN_SEEDS") else {
        eprintln!("GRAPHGEN_SEEDS is not set; the reference pages are not checked");
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 5);
    let pages: Vec<Page> = files
        .iter()
        .map(|f| {
            let source = graphgen::config::read_source(f).unwrap();
            docs::read(&source).unwrap_or_else(|e| panic!("{e}"))
        })
        .collect();
    let project = resolved("../metadata/graphgen.toml");
    let checked: Vec<Checked> = pages.iter().map(|p| check(&project, p, None)).collect();
    assert!(!checked[0].has_errors(), "{:?}", checked[0].findings);
    assert!(!checked[1].has_errors(), "{:?}", checked[1].findings);
    assert_eq!(checked[0].version.as_deref(), Some("beta"));
    assert_eq!(checked[1].version.as_deref(), Some("beta"));
    assert_eq!(checked[2].findings.len(), 1);
    assert!(checked[2].findings[0]
        .message
        .ends_with("assignments: the v1.0 metadata has no PATCH here, only GET, POST"));
    assert!(!checked[3].has_errors(), "{:?}", checked[3].findings);
    assert!(checked[4].has_errors());
    assert!(checked[4].findings[0]
        .message
        .contains("neither `/beta/` nor `/v1.0/`"));
    let as_beta = check(&project, &pages[4], Some("beta"));
    assert!(!as_beta.has_errors(), "{:?}", as_beta.findings);
    assert!(as_beta.operation.is_some());

    let without_overlay = resolved("tests/pages/no-overlay.toml");
    let checked = check(&without_overlay, &pages[3], None);
    assert!(checked.has_errors());
    assert!(checked.findings.iter().all(|f| f.message.contains(
        "`microsoft.graph.scopeTagGroupAssignmentTarget` is not a type of the metadata"
    )));
}

mod hostile {
    use super::*;
    use proptest::prelude::*;

    const SNIPPETS: &[&str] = &[
        "\n",
        "|",
        "```",
        "<!--",
        "-->",
        "#",
        "## Example\n",
        "### Request\n",
        "### Response\n",
        "HTTP/1.1 ",
        "PATCH ",
        "{",
        "}",
        "[",
        "\"",
        ":",
        "@odata.type",
        "é",
        "\u{0}",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]
        /// Reading and checking a page never panics, whatever it became.
        #[test]
        fn reading_and_checking_never_panic(
            cuts in proptest::collection::vec((any::<usize>(), 0..40usize, 0..SNIPPETS.len()), 1..8)
        ) {
            let mut text = page_source("update-enrollment-assignment.md").text;
            for (at, len, snippet) in cuts {
                let mut at = at % (text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = (at + len).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.replace_range(at..end, SNIPPETS[snippet]);
            }
            if let Ok(page) = docs::read(&Source::new("mutated.md", text)) {
                let resolved = RESOLVED.with(|r| r.clone());
                let _ = check(&resolved, &page, Some("beta"));
            }
        }
    }

    thread_local! {
        static RESOLVED: Vec<(String, Model, Selection)> = resolved("../metadata/graphgen.toml");
    }
}

#[test]
fn permission_tables_are_read_least_privileged_first_without_placeholders() {
    let text = "## Permissions\n|Permission type|Permissions (from most to least privileged)|\n|:---|:---|\n|Delegated (work or school account)|A.ReadWrite.All, A.Read.All|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|**TODO: Determine AppOnly scopes **|\n## HTTP request\nGET /x\n";
    let page = docs::read(&Source::new("p.md", text)).unwrap();
    let permissions: Vec<(&str, Vec<&str>, usize)> = page
        .permissions
        .iter()
        .map(|p| {
            (
                p.kind.as_str(),
                p.names.iter().map(String::as_str).collect(),
                p.line,
            )
        })
        .collect();
    assert_eq!(
        permissions,
        [
            (
                "Delegated (work or school account)",
                vec!["A.Read.All", "A.ReadWrite.All"],
                4
            ),
            ("Delegated (personal Microsoft account)", vec![], 5),
        ]
    );
    // The current layout: least privileged in one column, the higher ones in the next.
    let text = "## Permissions\n|Permission type|Least privileged permissions|Higher privileged permissions|\n|:---|:---|:---|\n|Delegated (work or school account)|B.Read.All|B.ReadWrite.All, C.ReadWrite.All|\n|Application|Not supported.|Not supported.|\n## HTTP request\nGET /x\n";
    let page = docs::read(&Source::new("p.md", text)).unwrap();
    let names: Vec<Vec<&str>> = page
        .permissions
        .iter()
        .map(|p| p.names.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        names,
        [
            vec!["B.Read.All", "B.ReadWrite.All", "C.ReadWrite.All"],
            vec![]
        ]
    );
}

/// The project's APIs with `pages` as the beta version's reference pages, and nothing else.
fn beta_with_pages(pages: Vec<Source>) -> Vec<graphgen::Api> {
    let mut apis = apis("../metadata/graphgen.toml");
    apis.truncate(1);
    apis[0].pages = pages;
    apis
}

/// A page of `tests/pages`, named by its file name.
fn page_source(name: &str) -> Source {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/pages")
        .join(name);
    Source::new(name, std::fs::read_to_string(path).unwrap())
}

/// The doc comment of the `pub fn NAME(` that follows the line `anchor` in `text`.
fn doc_comment_of(text: &str, anchor: &str, name: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim() == anchor)
        .unwrap_or_else(|| panic!("no line {anchor}"));
    let start = lines[..at]
        .iter()
        .rposition(|l| !l.trim().starts_with("///"))
        .map_or(0, |i| i + 1);
    let end = lines[at..]
        .iter()
        .position(|l| !l.trim().starts_with("///"))
        .map(|i| at + i)
        .unwrap();
    assert!(
        lines[end].trim().starts_with(&format!("pub fn {name}(")),
        "{}",
        lines[end]
    );
    lines[start..end]
        .iter()
        .map(|l| l.trim().trim_start_matches("///").to_string())
        .collect()
}

/// The lines a page added to the doc comment of `pub fn NAME(` after `anchor`: from its
/// permissions section on.
fn added_by_pages(text: &str, anchor: &str, name: &str) -> Vec<String> {
    doc_comment_of(text, anchor, name)
        .into_iter()
        .skip_while(|l| l != " # Permissions")
        .collect()
}

#[test]
fn a_page_given_to_generate_documents_its_operation() {
    let apis = beta_with_pages(vec![page_source("update-enrollment-assignment.md")]);
    let output = graphgen::generate_with(&apis, &graphgen::emit::Settings::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let file = &output.files[Path::new("beta/requests/device_management.rs")];
    let anchor = "/// `PATCH /deviceManagement/deviceEnrollmentConfigurations/{deviceEnrollmentConfigurationId}/assignments/{enrollmentConfigurationAssignmentId}`";
    let added = added_by_pages(file, anchor, "update");
    assert_eq!(
        added,
        [
            " # Permissions",
            "",
            " As the reference page (“Update an enrollment configuration assignment”) lists them, least privileged first:",
            "",
            " - Delegated (work or school account): `DeviceManagementServiceConfig.ReadWrite.All`, `DeviceManagementConfiguration.ReadWrite.All`",
            " - Delegated (personal Microsoft account): not supported",
            " - Application: `DeviceManagementServiceConfig.ReadWrite.All`",
            "",
            " # Example",
            "",
            " ```http",
            " PATCH https://graph.microsoft.com/beta/deviceManagement/deviceEnrollmentConfigurations/{deviceEnrollmentConfigurationId}/assignments/{enrollmentConfigurationAssignmentId}",
            "",
            " {",
            "   \"@odata.type\": \"#microsoft.graph.enrollmentConfigurationAssignment\",",
            "   \"source\": \"policySets\",",
            "   \"target\": {",
            "     \"@odata.type\": \"microsoft.graph.groupAssignmentTarget\",",
            "     \"groupId\": \"g-1\"",
            "   }",
            " }",
            " ```",
        ]
    );
    // Only the documented operation: the GET of the same path is as it was.
    let get_anchor = anchor.replace("PATCH", "GET");
    let get = doc_comment_of(file, &get_anchor, "get");
    assert!(!get.iter().any(|l| l.contains("# Permissions")), "{get:?}");
    let report = &output.pages[0];
    assert_eq!(
        report.operation.as_deref(),
        Some(
            "device_management::device_enrollment_configurations::item::assignments::item::update"
        )
    );
    assert!(report.findings.is_empty(), "{:?}", report.findings);
}

#[test]
fn generate_reports_what_pages_cannot_document_and_fails_on_an_unreadable_one() {
    let agreeing = page_source("update-enrollment-assignment.md");
    let again = Source::new("again.md", agreeing.text.clone());
    let outside = Source::new(
        "outside.md",
        "# List users\n## HTTP request\n```http\nGET /users\n```\n",
    );
    let apis = beta_with_pages(vec![agreeing.clone(), again, outside]);
    let output = graphgen::generate_with(&apis, &graphgen::emit::Settings::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let [first, second, third] = &output.pages[..] else {
        panic!("three pages: {:?}", output.pages)
    };
    assert!(first.attached && first.findings.is_empty());
    assert!(second.operation.is_some() && !second.attached);
    assert_eq!(
        findings(second),
        ["again.md:28: warning: `PATCH /deviceManagement/deviceEnrollmentConfigurations/{deviceEnrollmentConfigurationId}/assignments/{enrollmentConfigurationAssignmentId}` is documented by an earlier page (“Update an enrollment configuration assignment”); this page adds nothing to its doc comment"]
    );
    assert!(third.outside && third.operation.is_none() && !third.attached);
    // Only the pages inside the selection are warned about.
    let warned: Vec<&str> = output.warnings().map(|f| f.file.as_str()).collect();
    assert_eq!(warned, ["again.md"]);
    // The notes are the first page's, once.
    let file = &output.files[Path::new("beta/requests/device_management.rs")];
    assert_eq!(file.matches(" # Permissions").count(), 1);

    let apis = beta_with_pages(vec![agreeing, page_source("never-closed.md")]);
    let errors = graphgen::generate_with(&apis, &graphgen::emit::Settings::default()).unwrap_err();
    assert_eq!(
        errors.to_string(),
        "error: never-closed.md:4:1: this HTML comment is never closed"
    );
}

#[test]
fn the_configured_docs_are_the_pages_of_each_folder_in_name_order() {
    let apis = apis("../metadata/graphgen.toml");
    let names = |i: usize| -> Vec<String> {
        apis[i]
            .pages
            .iter()
            .map(|p| {
                Path::new(&p.name)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    };
    assert_eq!(
        names(0),
        [
            "update-apple-enrollment-profile-assignment.md",
            "update-enrollment-configuration-assignment.md",
            "update-ios-lob-app-provisioning-configuration-assignment.md"
        ]
    );
    assert_eq!(
        names(1),
        [
            "update-assignments-collection.md",
            "update-enrollment-configuration-assignment.txt"
        ]
    );
}

#[test]
fn a_bound_action_body_is_held_against_the_action_parameters() {
    let resolved = resolved("../metadata/graphgen.toml");
    let page = |body: &str| {
        let text = format!(
            "# Assign\n## HTTP request\n```http\nPOST /deviceManagement/deviceEnrollmentConfigurations/{{deviceEnrollmentConfigurationId}}/assign\n```\n## Example\n### Request\n```http\nPOST https://graph.microsoft.com/beta/deviceManagement/deviceEnrollmentConfigurations/{{deviceEnrollmentConfigurationId}}/assign\n\n{body}\n```\n### Response\n```http\nHTTP/1.1 204 No Content\n```\n"
        );
        docs::read(&Source::new("assign.md", text)).unwrap()
    };
    let good = page("{\n  \"enrollmentConfigurationAssignments\": [\n    {\n      \"@odata.type\": \"#microsoft.graph.enrollmentConfigurationAssignment\",\n      \"source\": \"direct\"\n    }\n  ]\n}");
    let checked = check(&resolved, &good, None);
    assert_eq!(
        checked.operation.as_deref(),
        Some("device_management::device_enrollment_configurations::item::assign")
    );
    assert!(checked.findings.is_empty(), "{:?}", findings(&checked));

    let bad = page("{\n  \"assignments\": [],\n  \"enrollmentConfigurationAssignments\": [\n    {\n      \"source\": \"sideways\"\n    }\n  ]\n}");
    assert_eq!(
        findings(&check(&resolved, &bad, None)),
        [
            "assign.md:12: error: `assignments` is not a parameter of the action `microsoft.graph.assign` (it takes `enrollmentConfigurationAssignments`)",
            "assign.md:15: error: `enrollmentConfigurationAssignments[0].source`: `sideways` is not a member of `microsoft.graph.deviceAndAppManagementAssignmentSource`",
        ]
    );
}

#[test]
fn a_page_of_a_bound_action_documents_the_action() {
    let text = "# Assign a configuration\n## Permissions\n|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n|Application|DeviceManagementServiceConfig.ReadWrite.All|\n## HTTP request\n```http\nPOST /deviceManagement/deviceEnrollmentConfigurations/{id}/assign\n```\n## Example\n### Request\n```http\nPOST https://graph.microsoft.com/beta/deviceManagement/deviceEnrollmentConfigurations/{id}/assign\n\n{\n  \"enrollmentConfigurationAssignments\": []\n}\n```\n### Response\n```http\nHTTP/1.1 204 No Content\n```\n";
    let apis = beta_with_pages(vec![Source::new("assign.md", text)]);
    let output = graphgen::generate_with(&apis, &graphgen::emit::Settings::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(output.pages[0].attached, "{:?}", output.pages[0]);
    let file = &output.files[Path::new("beta/requests/device_management.rs")];
    let added = added_by_pages(
        file,
        "/// `POST /deviceManagement/deviceEnrollmentConfigurations/{deviceEnrollmentConfigurationId}/assign`",
        "assign",
    );
    assert_eq!(
        added,
        [
            " # Permissions",
            "",
            " As the reference page (“Assign a configuration”) lists them, least privileged first:",
            "",
            " - Application: `DeviceManagementServiceConfig.ReadWrite.All`",
            "",
            " # Example",
            "",
            " ```http",
            " POST https://graph.microsoft.com/beta/deviceManagement/deviceEnrollmentConfigurations/{id}/assign",
            "",
            " {",
            "   \"enrollmentConfigurationAssignments\": []",
            " }",
            " ```",
        ]
    );
}

#[test]
fn a_folder_of_pages_is_read_with_its_subfolders_and_an_empty_one_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("v1.0/more")).unwrap();
    for name in ["b.md", "a.txt", "notes.json", "v1.0/c.md", "v1.0/more/d.md"] {
        std::fs::write(dir.path().join(name), "GET /x\n").unwrap();
    }
    let pages = graphgen::config::read_pages(dir.path(), &[".".into()]).unwrap();
    let names: Vec<String> = pages
        .iter()
        .map(|p| {
            Path::new(&p.name)
                .strip_prefix(dir.path().join("."))
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(names, ["a.txt", "b.md", "v1.0/c.md", "v1.0/more/d.md"]);
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let error = graphgen::config::read_pages(dir.path(), &["empty".into()]).unwrap_err();
    assert!(
        error
            .to_string()
            .ends_with("empty: no reference pages (.md or .txt files) in this folder"),
        "{error}"
    );
}

#[test]
fn a_module_not_named_after_a_version_takes_the_version_of_its_pages() {
    let mut apis = beta_with_pages(vec![page_source("update-enrollment-assignment.md")]);
    apis[0].module = "graph".into();
    let output = graphgen::generate_with(&apis, &graphgen::emit::Settings::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let page = &output.pages[0];
    assert_eq!(page.version.as_deref(), Some("beta"));
    assert!(page.attached && page.findings.is_empty(), "{page:?}");
}

#[test]
fn a_page_with_an_error_lends_its_permissions_but_not_its_example() {
    let good = page_source("update-enrollment-assignment.md");
    let text = good.text.replace("\"groupId\": \"g-1\"", "\"groupId\": 7");
    assert_ne!(text, good.text);
    let apis = beta_with_pages(vec![Source::new("wrong.md", text)]);
    let output = graphgen::generate_with(&apis, &graphgen::emit::Settings::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(output.pages[0].has_errors() && output.pages[0].attached);
    let file = &output.files[Path::new("beta/requests/device_management.rs")];
    let doc = doc_comment_of(
        file,
        "/// `PATCH /deviceManagement/deviceEnrollmentConfigurations/{deviceEnrollmentConfigurationId}/assignments/{enrollmentConfigurationAssignmentId}`",
        "update",
    );
    assert!(doc.iter().any(|l| l == " # Permissions"), "{doc:?}");
    assert!(!doc.iter().any(|l| l == " # Example"), "{doc:?}");
}
