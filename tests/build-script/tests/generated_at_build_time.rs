//! The crate generated at build time is usable like the checked-in one.

use build_script::graph::beta::models::*;
use build_script::graph::beta::requests::device_management::device_enrollment_configurations::item::assignments;
use build_script::graph::support::Nullable;
use serde_json::json;

#[test]
fn models_and_requests_work_from_the_included_file() {
    let json = json!({
        "@odata.type": "#microsoft.graph.enrollmentConfigurationAssignment",
        "target": {"@odata.type": "microsoft.graph.scopeTagGroupAssignmentTarget", "entraObjectId": "e"},
        "source": "policySets"
    });
    let assignment: EnrollmentConfigurationAssignment =
        serde_json::from_value(json.clone()).unwrap();
    assert_eq!(
        assignment.source,
        Some(DeviceAndAppManagementAssignmentSource::PolicySets)
    );
    assert!(matches!(
        assignment.target,
        Nullable::Value(DeviceAndAppManagementAssignmentTarget::ScopeTagGroupAssignmentTarget(_))
    ));
    assert_eq!(serde_json::to_value(&assignment).unwrap(), json);

    let request = assignments::item::update("c", "a", &assignment)
        .request("https://graph.microsoft.com/beta")
        .unwrap();
    assert_eq!(request.method(), http::Method::PATCH);
    assert_eq!(
        request.uri().path(),
        "/beta/deviceManagement/deviceEnrollmentConfigurations/c/assignments/a"
    );
}
