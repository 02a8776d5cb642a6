//! Conformance with the documented examples: every request and response body of the seed
//! reference pages deserializes into the generated type of its API version, gives typed
//! access to what the page shows, and serializes back to the same JSON.

use conformance::{page_bodies, seed};
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
    let request = seed("000-update-apple-enrollment-profile-assignment.request.json");
    let typed: beta::models::AppleEnrollmentProfileAssignment = round_trip(&request);
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

    let response = seed("000-update-apple-enrollment-profile-assignment.response.json");
    let typed: beta::models::AppleEnrollmentProfileAssignment = round_trip(&response);
    assert_eq!(
        typed.id.as_deref(),
        Some("5b603771-3771-5b60-7137-605b7137605b")
    );
    check_beta_scope_tag_target(&typed.target);
}

#[test]
fn seed_001_enrollment_configuration_assignment_beta() {
    for (file, id) in [
        (
            "001-update-enrollment-configuration-assignment.request.json",
            None,
        ),
        (
            "001-update-enrollment-configuration-assignment.response.json",
            Some("705b021c-021c-705b-1c02-5b701c025b70"),
        ),
    ] {
        let typed: beta::models::EnrollmentConfigurationAssignment = round_trip(&seed(file));
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
    for (file, id) in [
        ("002-update-assignments-collection.request.json", None),
        (
            "002-update-assignments-collection.response.json",
            Some("fb00a0b8-a0b8-fb00-b8a0-00fbb8a000fb"),
        ),
    ] {
        let typed: v1_0::models::TargetedManagedAppPolicyAssignment = round_trip(&seed(file));
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
    for (file, id) in [
        (
            "003-update-enrollment-configuration-assignment-v1.request.json",
            None,
        ),
        (
            "003-update-enrollment-configuration-assignment-v1.response.json",
            Some("705b021c-021c-705b-1c02-5b701c025b70"),
        ),
    ] {
        let typed: v1_0::models::EnrollmentConfigurationAssignment = round_trip(&seed(file));
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
    for (file, id) in [
        (
            "004-update-ios-lob-app-provisioning-configuration-assignment.request.json",
            None,
        ),
        (
            "004-update-ios-lob-app-provisioning-configuration-assignment.response.json",
            Some("2fb00efd-0efd-2fb0-fd0e-b02ffd0eb02f"),
        ),
    ] {
        let typed: beta::models::IosLobAppProvisioningConfigurationAssignment =
            round_trip(&seed(file));
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
    assert_eq!(
        serde_json::to_value(&assignment).unwrap(),
        seed("000-update-apple-enrollment-profile-assignment.request.json")
    );
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

/// The fixtures are the pages' own examples: when the reference pages are at hand
/// (GRAPHGEN_SEEDS), every fixture equals the body on its page.
#[test]
fn fixtures_match_the_reference_pages() {
    let Some(dir) = std::env::var_os("GRAPHGEN_SEEDS") else {
        eprintln!("GRAPHGEN_SEEDS is not set; the fixtures are not compared with the pages");
        return;
    };
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .expect("GRAPHGEN_SEEDS is a folder")
        .map(|e| e.unwrap().path())
        .collect();
    pages.sort();
    assert_eq!(pages.len(), 5, "five seed pages");
    let fixtures = [
        "000-update-apple-enrollment-profile-assignment",
        "001-update-enrollment-configuration-assignment",
        "002-update-assignments-collection",
        "003-update-enrollment-configuration-assignment-v1",
        "004-update-ios-lob-app-provisioning-configuration-assignment",
    ];
    for (page, fixture) in pages.iter().zip(fixtures) {
        let text = std::fs::read_to_string(page).unwrap();
        let bodies = page_bodies(&text);
        assert_eq!(
            bodies.len(),
            2,
            "{}: a request and a response body",
            page.display()
        );
        assert_eq!(
            bodies[0],
            seed(&format!("{fixture}.request.json")),
            "{}",
            page.display()
        );
        assert_eq!(
            bodies[1],
            seed(&format!("{fixture}.response.json")),
            "{}",
            page.display()
        );
    }
}
