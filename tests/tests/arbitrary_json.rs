//! Arbitrary JSON into the polymorphic target and the assignment types: deserializing never
//! panics, and any value that deserializes serializes to JSON that deserializes to the same
//! value.

use msgraph_assignments::{beta, v1_0};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

const KEYS: &[&str] = &[
    "@odata.type",
    "id",
    "target",
    "source",
    "sourceId",
    "groupId",
    "collectionId",
    "targetType",
    "entraObjectId",
    "deviceAndAppManagementAssignmentFilterId",
    "deviceAndAppManagementAssignmentFilterType",
    "extra",
    "target@odata.type",
];

const TYPES: &[&str] = &[
    "#microsoft.graph.groupAssignmentTarget",
    "microsoft.graph.exclusionGroupAssignmentTarget",
    "#MICROSOFT.GRAPH.SCOPETAGGROUPASSIGNMENTTARGET",
    "microsoft.graph.deviceAndAppManagementAssignmentTarget",
    "#microsoft.graph.allDevicesAssignmentTarget",
    "#microsoft.graph.unknownFutureTarget",
    "#",
    "",
];

const STRINGS: &[&str] = &[
    "include",
    "exclude",
    "none",
    "direct",
    "policySets",
    "user",
    "device",
    "x",
    "NaN",
    "",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        proptest::sample::select(STRINGS).prop_map(Value::from),
        proptest::sample::select(TYPES).prop_map(Value::from),
        ".{0,8}".prop_map(Value::from),
    ]
}

fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec((proptest::sample::select(KEYS), inner), 0..7).prop_map(
                |pairs| {
                    Value::Object(
                        pairs
                            .into_iter()
                            .map(|(k, v)| (k.to_string(), v))
                            .collect::<Map<_, _>>(),
                    )
                }
            ),
        ]
    })
}

fn check<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(json: &Value) {
    if let Ok(first) = serde_json::from_value::<T>(json.clone()) {
        let written = serde_json::to_value(&first).expect("a deserialized value serializes");
        let second: T = serde_json::from_value(written.clone())
            .unwrap_or_else(|e| panic!("{written} does not read back: {e}"));
        assert_eq!(first, second, "{json} → {written}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn targets_and_assignments_round_trip_whatever_they_are_given(value in json()) {
        check::<beta::models::DeviceAndAppManagementAssignmentTarget>(&value);
        check::<beta::models::GroupAssignmentTarget>(&value);
        check::<beta::models::EnrollmentConfigurationAssignment>(&value);
        check::<beta::models::AppleEnrollmentProfileAssignment>(&value);
        check::<v1_0::models::DeviceAndAppManagementAssignmentTarget>(&value);
        check::<v1_0::models::TargetedManagedAppPolicyAssignment>(&value);
    }
}

/// The property above means something only if many generated values deserialize.
#[test]
fn the_generated_json_often_deserializes() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = json();
    let (mut targets, mut assignments) = (0, 0);
    for _ in 0..2000 {
        let value = strategy.new_tree(&mut runner).unwrap().current();
        targets += usize::from(
            serde_json::from_value::<beta::models::DeviceAndAppManagementAssignmentTarget>(
                value.clone(),
            )
            .is_ok(),
        );
        assignments += usize::from(
            serde_json::from_value::<beta::models::EnrollmentConfigurationAssignment>(value)
                .is_ok(),
        );
    }
    assert!(
        targets > 200 && assignments > 200,
        "targets {targets}, assignments {assignments} of 2000"
    );
}
