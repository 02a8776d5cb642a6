//! Conformance with the documented examples: the first example of each reference page, read
//! through graphgen's reader from the project's pages (`metadata/docs/`) and, when
//! `GRAPHGEN_SEEDS` is set, from the published page with the same example. Every request and
//! response body deserializes into the generated type of its API version, gives typed access
//! to what the page shows, and serializes back to the same JSON.

use conformance::{documented, pages_dir, published_pages, read_page, Documented};
use msgraph_assignments::support::{Nullable, OpenEnum};
use msgraph_assignments::{beta, v1_0};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Deserializes `json` as `T` and checks that serializing gives the same JSON value.
fn round_trip<T: DeserializeOwned + Serialize>(json: &Value) -> T {
    let typed: T = serde_json::from_value(json.clone()).expect("deserializes");
    let back = serde_json::to_value(&typed).expect("serializes");
    assert_eq!(&back, json, "the round trip changed the JSON");
    typed
}

/// The request (which leaves the key out) and the response (with key `id`) of the first
/// example of the page `name` and of its published counterpart.
fn bodies(name: &str, id: &'static str) -> Vec<(Value, Option<&'static str>)> {
    documented(name)
        .into_iter()
        .flat_map(|page| [(page.request, None), (page.response, Some(id))])
        .collect()
}

const FILTER_ID: &str = "Device And App Management Assignment Filter Id value";

fn beta_scope_tag(
    target: &Nullable<beta::models::DeviceAndAppManagementAssignmentTarget>,
) -> &beta::models::ScopeTagGroupAssignmentTarget {
    match target {
        Nullable::Value(
            beta::models::DeviceAndAppManagementAssignmentTarget::ScopeTagGroupAssignmentTarget(t),
        ) => t,
        other => panic!("expected the scope-tag target, got {other:?}"),
    }
}

fn check_beta_scope_tag_target(
    target: &Nullable<beta::models::DeviceAndAppManagementAssignmentTarget>,
) {
    let t = beta_scope_tag(target);
    assert_eq!(
        t.entra_object_id,
        Nullable::Value("Entra Object Id value".to_string())
    );
    assert_eq!(t.target_type, Some(beta::models::ScopeTagTargetType::User));
    assert_eq!(
        t.device_and_app_management_assignment_filter_id,
        Nullable::Value(FILTER_ID.to_string())
    );
    assert_eq!(
        t.device_and_app_management_assignment_filter_type,
        Some(beta::models::DeviceAndAppManagementAssignmentFilterType::Include)
    );
    assert_eq!(
        t.odata_type.as_deref(),
        Some("microsoft.graph.scopeTagGroupAssignmentTarget")
    );
}

#[test]
fn seed_000_apple_enrollment_profile_assignment_beta() {
    for page in documented("beta/update-apple-enrollment-profile-assignment.md") {
        let typed: beta::models::AppleEnrollmentProfileAssignment = round_trip(&page.request);
        assert_eq!(
            typed.odata_type.as_deref(),
            Some("#microsoft.graph.appleEnrollmentProfileAssignment")
        );
        assert_eq!(typed.id, None, "the request leaves the key out");
        check_beta_scope_tag_target(&typed.target);
        assert!(
            typed.additional_data.is_empty(),
            "every property is typed: {:?}",
            typed.additional_data
        );

        let typed: beta::models::AppleEnrollmentProfileAssignment = round_trip(&page.response);
        assert_eq!(
            typed.id.as_deref(),
            Some("5b603771-3771-5b60-7137-605b7137605b")
        );
        check_beta_scope_tag_target(&typed.target);
    }
}

#[test]
fn seed_001_enrollment_configuration_assignment_beta() {
    for (body, id) in bodies(
        "beta/update-enrollment-configuration-assignment.md",
        "705b021c-021c-705b-1c02-5b701c025b70",
    ) {
        let typed: beta::models::EnrollmentConfigurationAssignment = round_trip(&body);
        assert_eq!(typed.id.as_deref(), id);
        assert_eq!(
            typed.source,
            Some(beta::models::DeviceAndAppManagementAssignmentSource::PolicySets)
        );
        assert_eq!(
            typed.source_id,
            Nullable::Value("Source Id value".to_string())
        );
        check_beta_scope_tag_target(&typed.target);
        assert!(typed.additional_data.is_empty());
    }
}

#[test]
fn seed_002_targeted_managed_app_policy_assignment_v1_sends_the_abstract_base_target() {
    for (body, id) in bodies(
        "v1.0/update-assignments-collection.md",
        "fb00a0b8-a0b8-fb00-b8a0-00fbb8a000fb",
    ) {
        let typed: v1_0::models::TargetedManagedAppPolicyAssignment = round_trip(&body);
        assert_eq!(typed.id.as_deref(), id);
        match &typed.target {
            Nullable::Value(v1_0::models::DeviceAndAppManagementAssignmentTarget::DeviceAndAppManagementAssignmentTarget(base)) => {
                assert_eq!(base.odata_type.as_deref(), Some("microsoft.graph.deviceAndAppManagementAssignmentTarget"));
                assert!(base.additional_data.is_empty());
            }
            other => panic!("expected the base target, got {other:?}"),
        }
    }
}

#[test]
fn seed_003_enrollment_configuration_assignment_v1_needs_the_overlay() {
    for (body, id) in bodies(
        "v1.0/update-enrollment-configuration-assignment.txt",
        "705b021c-021c-705b-1c02-5b701c025b70",
    ) {
        let typed: v1_0::models::EnrollmentConfigurationAssignment = round_trip(&body);
        assert_eq!(typed.id.as_deref(), id);
        match &typed.target {
            Nullable::Value(
                v1_0::models::DeviceAndAppManagementAssignmentTarget::ScopeTagGroupAssignmentTarget(
                    t,
                ),
            ) => {
                assert_eq!(
                    t.entra_object_id,
                    Nullable::Value("Entra Object Id value".to_string())
                );
                assert_eq!(t.target_type, Some(v1_0::models::ScopeTagTargetType::User));
                assert!(t.additional_data.is_empty());
            }
            other => panic!("expected the scope-tag target, got {other:?}"),
        }
    }
}

#[test]
fn seed_004_ios_lob_app_provisioning_configuration_assignment_read_as_beta() {
    for (body, id) in bodies(
        "beta/update-ios-lob-app-provisioning-configuration-assignment.md",
        "2fb00efd-0efd-2fb0-fd0e-b02ffd0eb02f",
    ) {
        let typed: beta::models::IosLobAppProvisioningConfigurationAssignment = round_trip(&body);
        assert_eq!(typed.id.as_deref(), id);
        assert!(matches!(
            typed.target,
            Nullable::Value(beta::models::DeviceAndAppManagementAssignmentTarget::DeviceAndAppManagementAssignmentTarget(_))
        ));
    }
}

#[test]
fn a_target_built_in_code_serializes_like_the_documented_request() {
    use beta::models::*;
    let assignment = AppleEnrollmentProfileAssignment {
        target: Nullable::Value(
            ScopeTagGroupAssignmentTarget {
                odata_type: Some("microsoft.graph.scopeTagGroupAssignmentTarget".into()),
                device_and_app_management_assignment_filter_id: Nullable::Value(FILTER_ID.into()),
                device_and_app_management_assignment_filter_type: Some(
                    DeviceAndAppManagementAssignmentFilterType::Include,
                ),
                target_type: Some(ScopeTagTargetType::User),
                entra_object_id: Nullable::Value("Entra Object Id value".into()),
                ..Default::default()
            }
            .into(),
        ),
        ..Default::default()
    };
    for page in documented("beta/update-apple-enrollment-profile-assignment.md") {
        assert_eq!(
            serde_json::to_value(&assignment).unwrap(),
            page.request,
            "{}",
            page.file
        );
    }
    // Default names the type, so a derived target built in code says what it is.
    let group = serde_json::to_value(DeviceAndAppManagementAssignmentTarget::from(
        GroupAssignmentTargetBase {
            group_id: Nullable::Value("g".into()),
            ..Default::default()
        },
    ))
    .unwrap();
    assert_eq!(
        group["@odata.type"],
        "#microsoft.graph.groupAssignmentTarget"
    );
    assert_eq!(ScopeTagTargetType::User.as_str(), "user");
}

/// The project's pages carry what the published pages document: when those are at hand
/// (GRAPHGEN_SEEDS), each has a project page with the same example URL, and the two agree on
/// the endpoint, the example bodies, the status and the permissions.
#[test]
fn the_project_pages_say_what_the_published_pages_say() {
    let published = published_pages();
    if published.is_empty() {
        eprintln!(
            "GRAPHGEN_SEEDS is not set; the project pages are not compared with the published ones"
        );
        return;
    }
    let mut ours = Vec::new();
    for version in ["beta", "v1.0"] {
        for entry in std::fs::read_dir(pages_dir().join(version)).unwrap() {
            ours.push(Documented::of(&read_page(&entry.unwrap().path())));
        }
    }
    assert_eq!(published.len(), 5, "five published pages");
    assert_eq!(ours.len(), published.len(), "a project page for each");
    for page in &published {
        let theirs = Documented::of(page);
        let matching: Vec<&Documented> = ours.iter().filter(|d| d.url == theirs.url).collect();
        let [mine] = matching[..] else {
            panic!(
                "{}: {} project pages have its example",
                theirs.file,
                matching.len()
            )
        };
        let facts = |d: &Documented| {
            (
                d.method.clone(),
                d.path.clone(),
                d.request.clone(),
                d.status,
                d.response.clone(),
                d.permissions.clone(),
            )
        };
        assert_eq!(
            facts(mine),
            facts(&theirs),
            "{} and {}",
            mine.file,
            theirs.file
        );
    }
}
