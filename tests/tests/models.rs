//! How the generated models behave for a user: polymorphic dispatch, unknown types and
//! members kept, absent / null / value told apart, and the Edm primitives that JSON cannot
//! carry exactly.

use msgraph_assignments::beta::models::*;
use msgraph_assignments::support::{
    Binary, DateTimeOffset, Decimal, Double, Flags, Guid, Nullable, OpenEnum,
};
use serde_json::{json, Value};

fn target(json: Value) -> DeviceAndAppManagementAssignmentTarget {
    serde_json::from_value(json).expect("deserializes")
}

#[test]
fn odata_type_dispatch_accepts_a_leading_hash_and_any_letter_case() {
    for name in [
        "#microsoft.graph.groupAssignmentTarget",
        "microsoft.graph.groupAssignmentTarget",
        "#Microsoft.Graph.GROUPASSIGNMENTTARGET",
    ] {
        let t = target(json!({"@odata.type": name, "groupId": "g1"}));
        match &t {
            DeviceAndAppManagementAssignmentTarget::GroupAssignmentTarget(g) => {
                assert_eq!(g.group_id, Nullable::Value("g1".to_string()));
                assert_eq!(
                    g.odata_type.as_deref(),
                    Some(name),
                    "the name is kept as written"
                );
            }
            other => panic!("{name}: got {other:?}"),
        }
        assert_eq!(serde_json::to_value(&t).unwrap()["@odata.type"], name);
    }
}

#[test]
fn a_derived_type_of_a_derived_type_dispatches_from_the_root() {
    let t = target(
        json!({"@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", "groupId": "g"}),
    );
    assert!(matches!(
        t,
        DeviceAndAppManagementAssignmentTarget::ExclusionGroupAssignmentTarget(_)
    ));
    // The intermediate hierarchy has its own enum, too.
    let g: GroupAssignmentTarget = serde_json::from_value(
        json!({"@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget"}),
    )
    .unwrap();
    assert!(matches!(
        g,
        GroupAssignmentTarget::ExclusionGroupAssignmentTarget(_)
    ));
}

#[test]
fn an_object_without_odata_type_is_the_declared_type() {
    let t = target(json!({"deviceAndAppManagementAssignmentFilterType": "none"}));
    match t {
        DeviceAndAppManagementAssignmentTarget::DeviceAndAppManagementAssignmentTarget(base) => {
            assert_eq!(base.odata_type, None);
            assert_eq!(
                base.device_and_app_management_assignment_filter_type,
                Some(DeviceAndAppManagementAssignmentFilterType::None)
            );
        }
        other => panic!("got {other:?}"),
    }
}

#[test]
fn an_unknown_type_is_kept_whole_and_written_back_unchanged() {
    let json = json!({
        "@odata.type": "#microsoft.graph.someFutureAssignmentTarget",
        "deviceAndAppManagementAssignmentFilterType": "include",
        "futureProperty": {"nested": [1, 2.5, null]},
    });
    let t = target(json.clone());
    match &t {
        DeviceAndAppManagementAssignmentTarget::Other(object) => {
            assert_eq!(object["futureProperty"], json!({"nested": [1, 2.5, null]}));
        }
        other => panic!("got {other:?}"),
    }
    assert_eq!(serde_json::to_value(&t).unwrap(), json);
}

#[test]
fn unknown_properties_are_kept_as_additional_data() {
    let json = json!({
        "@odata.type": "#microsoft.graph.enrollmentConfigurationAssignment",
        "id": "a",
        "intent": "apply",
        "target@odata.context": "x",
    });
    let a: EnrollmentConfigurationAssignment = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(a.additional_data["intent"], "apply");
    assert_eq!(a.additional_data.len(), 2);
    assert_eq!(serde_json::to_value(&a).unwrap(), json);
}

#[test]
fn a_property_of_the_wrong_kind_is_an_error_that_names_it() {
    let error =
        serde_json::from_str::<EnrollmentConfigurationAssignment>(r#"{"id": "a", "sourceId": 7}"#)
            .unwrap_err()
            .to_string();
    assert!(
        error.starts_with("property `sourceId`: invalid type: integer `7`, expected a string"),
        "{error}"
    );
    let nested = serde_json::from_value::<EnrollmentConfigurationAssignment>(json!({
        "target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": ["g"]}
    }))
    .unwrap_err()
    .to_string();
    assert!(
        nested.contains("property `target`: property `groupId`: invalid type: sequence"),
        "{nested}"
    );
    assert!(
        serde_json::from_str::<EnrollmentConfigurationAssignment>("[]").is_err(),
        "an array is not an object"
    );
}

#[test]
fn nullable_properties_tell_absent_null_and_value_apart() {
    let absent: EnrollmentConfigurationAssignment = serde_json::from_value(json!({})).unwrap();
    let null: EnrollmentConfigurationAssignment =
        serde_json::from_value(json!({"sourceId": null})).unwrap();
    let value: EnrollmentConfigurationAssignment =
        serde_json::from_value(json!({"sourceId": "s"})).unwrap();
    assert_eq!(absent.source_id, Nullable::Absent);
    assert_eq!(null.source_id, Nullable::Null);
    assert_eq!(value.source_id, Nullable::Value("s".to_string()));
    // A PATCH body built in code: clear sourceId, leave everything else alone.
    let patch = EnrollmentConfigurationAssignment {
        odata_type: None,
        source_id: Nullable::Null,
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&patch).unwrap(),
        json!({"sourceId": null})
    );
    for (typed, json) in [
        (absent, json!({})),
        (null, json!({"sourceId": null})),
        (value, json!({"sourceId": "s"})),
    ] {
        assert_eq!(serde_json::to_value(&typed).unwrap(), json);
    }
}

#[test]
fn open_enums_keep_unknown_members_and_write_them_back() {
    let a: EnrollmentConfigurationAssignment =
        serde_json::from_value(json!({"source": "somethingNew"})).unwrap();
    assert_eq!(
        a.source,
        Some(DeviceAndAppManagementAssignmentSource::Other(
            "somethingNew".into()
        ))
    );
    assert_eq!(
        serde_json::to_value(&a).unwrap(),
        json!({"source": "somethingNew"})
    );
    assert_eq!(
        DeviceAndAppManagementAssignmentSource::PolicySets.value(),
        Some(1)
    );
    assert_eq!(
        DeviceAndAppManagementAssignmentSource::from_name("direct"),
        DeviceAndAppManagementAssignmentSource::Direct
    );
    assert_eq!(ScopeTagTargetType::UnknownFutureValue.value(), Some(4));
}

#[test]
fn flag_sets_are_written_comma_separated_and_keep_unknown_members() {
    let flags: Flags<DeviceAndAppManagementAssignmentFilterType> =
        serde_json::from_value(json!("include,exclude,brandNew")).unwrap();
    assert!(flags.contains(&DeviceAndAppManagementAssignmentFilterType::Include));
    assert!(
        flags.contains(&DeviceAndAppManagementAssignmentFilterType::Other(
            "brandNew".into()
        ))
    );
    assert!(!flags.contains(&DeviceAndAppManagementAssignmentFilterType::None));
    assert_eq!(
        serde_json::to_value(&flags).unwrap(),
        json!("include,exclude,brandNew")
    );
    let empty: Flags<DeviceAndAppManagementAssignmentFilterType> =
        serde_json::from_value(json!("")).unwrap();
    assert!(empty.is_empty());
    let mut built = Flags::new();
    assert!(built.insert(DeviceAndAppManagementAssignmentFilterType::Exclude));
    assert!(!built.insert(DeviceAndAppManagementAssignmentFilterType::Exclude));
    assert_eq!(serde_json::to_value(&built).unwrap(), json!("exclude"));
}

#[test]
fn doubles_round_trip_numbers_exactly_and_the_special_values_as_strings() {
    for json in [
        json!(1),
        json!(1.5),
        json!(-0.25),
        json!(12345678901234u64),
        json!("NaN"),
        json!("INF"),
        json!("-INF"),
    ] {
        let d: Double = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&d).unwrap(), json);
    }
    let nan: Double = serde_json::from_value(json!("NaN")).unwrap();
    assert!(nan.to_f64().is_nan());
    assert_eq!(
        serde_json::to_value(Double::from(f64::INFINITY)).unwrap(),
        json!("INF")
    );
    assert!(serde_json::from_value::<Double>(json!("twelve")).is_err());
}

#[test]
fn decimals_keep_their_text_as_number_or_string() {
    let quoted: Decimal = serde_json::from_value(json!("12345678901234567890.123456789")).unwrap();
    assert_eq!(quoted.as_str(), "12345678901234567890.123456789");
    assert_eq!(
        serde_json::to_value(&quoted).unwrap(),
        json!("12345678901234567890.123456789")
    );
    let number: Decimal = serde_json::from_value(json!(12.5)).unwrap();
    assert_eq!(serde_json::to_value(&number).unwrap(), json!(12.5));
    assert!(Decimal::new("1.50").is_some());
    assert!(Decimal::new("1.5e3x").is_none());
}

#[test]
fn text_primitives_keep_precision_and_letter_case() {
    let t: DateTimeOffset = serde_json::from_value(json!("2024-08-01T10:30:00.1234567Z")).unwrap();
    assert_eq!(t.as_str(), "2024-08-01T10:30:00.1234567Z");
    assert_eq!(
        serde_json::to_value(&t).unwrap(),
        json!("2024-08-01T10:30:00.1234567Z")
    );
    let g: Guid = serde_json::from_value(json!("5B603771-3771-5b60-7137-605b7137605b")).unwrap();
    assert_eq!(
        serde_json::to_value(&g).unwrap(),
        json!("5B603771-3771-5b60-7137-605b7137605b")
    );
}

#[test]
fn binary_is_base64_in_either_alphabet_written_back_as_read() {
    let cases = [
        ("aGVsbG8=", b"hello".as_slice()),
        ("aGVsbG8", b"hello"),
        ("-_8=", &[0xfb, 0xff]),
        ("+/8=", &[0xfb, 0xff]),
        ("", b""),
    ];
    for (text, bytes) in cases {
        let b: Binary = serde_json::from_value(json!(text)).unwrap();
        assert_eq!(b.bytes, bytes, "{text}");
        assert_eq!(serde_json::to_value(&b).unwrap(), json!(text));
    }
    assert_eq!(
        Binary::new(b"hello world".to_vec()).to_base64(),
        "aGVsbG8gd29ybGQ="
    );
    assert!(serde_json::from_value::<Binary>(json!("a$b=")).is_err());
}
