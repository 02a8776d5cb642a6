//! The generated requests as a user calls them: built without I/O, sent to a real HTTP server
//! on 127.0.0.1, and read back into typed results or typed Graph errors.

use conformance::{documented, percent_decode, Documented, LoopbackServer, Reply};
use msgraph_assignments::client::{Client, ClientError, RetryPolicy, StaticToken};
use msgraph_assignments::operation::{Error, Operation, Page};
use msgraph_assignments::support::Nullable;
use msgraph_assignments::{beta, v1_0};
use serde_json::json;
use std::time::Duration;

use beta::requests::device_management::device_enrollment_configurations::item::assignments as enrollment_assignments;

const TOKEN: &str = "secret-token-value";

fn client(server: &LoopbackServer, version: &str) -> Client {
    Client::new(
        format!("{}/{version}", server.base_url),
        StaticToken::new(TOKEN),
    )
    .with_retry(RetryPolicy {
        max_retries: 2,
        default_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
    })
}

#[test]
fn path_parameters_are_percent_encoded_as_one_segment() {
    for id in [
        "a/b",
        "a?b=c",
        "a#b",
        "100%",
        "..",
        ".",
        "with space",
        "naïve-ü",
        "a&b=c",
        "'quoted'",
        "x/../y",
    ] {
        let op = enrollment_assignments::item::get("config", id);
        let request = op.request("https://graph.microsoft.com/beta").unwrap();
        let uri = request.uri();
        assert_eq!(uri.query(), None, "{id:?} must not start a query");
        let segments: Vec<&str> = uri.path().split('/').collect();
        assert_eq!(
            segments[..6],
            [
                "",
                "beta",
                "deviceManagement",
                "deviceEnrollmentConfigurations",
                "config",
                "assignments"
            ],
            "{id:?}"
        );
        assert_eq!(segments.len(), 7, "{id:?} is one segment: {}", uri.path());
        assert_eq!(percent_decode(segments[6]), id);
        assert!(
            segments[6] != "." && segments[6] != "..",
            "{id:?} must not be a dot segment"
        );
    }
}

#[test]
fn requests_are_built_without_io_and_responses_parsed_without_a_client() {
    let op = enrollment_assignments::list("config")
        .top(2)
        .filter("source eq 'direct'")
        .count(true);
    let request = op.request("https://graph.microsoft.us/v1.0/").unwrap();
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(
        request.uri().to_string(),
        "https://graph.microsoft.us/v1.0/deviceManagement/deviceEnrollmentConfigurations/config/assignments?$top=2&$filter=source%20eq%20'direct'&$count=true"
    );
    assert_eq!(request.headers()["accept"], "application/json");
    assert!(
        request.headers().get("content-type").is_none(),
        "a GET has no body"
    );
    let response = http::Response::builder()
        .status(200)
        .body(
            json!({"value": [{"id": "a"}], "@odata.count": 7})
                .to_string()
                .into_bytes(),
        )
        .unwrap();
    let page = op.parse(response).unwrap();
    assert_eq!(page.count, Some(7));
    assert_eq!(page.value[0].id.as_deref(), Some("a"));
    assert!(op.next_page(&page).is_none());
}

/// One documented example: the operation must build the documented request (method, path
/// and body) and read the documented response.
async fn documented_exchange<T: std::fmt::Debug>(
    op: Operation<Option<T>>,
    version: &str,
    path: &str,
    page: &Documented,
) -> T {
    assert_eq!(op.method().as_str(), page.method, "{}", page.file);
    assert_eq!(percent_decode(&op.path_and_query()), path);
    let sent: serde_json::Value = serde_json::from_slice(op.body().unwrap()).unwrap();
    assert_eq!(sent, page.request, "the body is the one on {}", page.file);

    let server = LoopbackServer::start(vec![Reply::json(page.status, &page.response)]);
    let result = client(&server, version).send(&op).await.unwrap();
    let received = server.finish();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].method, page.method);
    assert_eq!(
        percent_decode(&received[0].target),
        format!("/{version}{path}")
    );
    assert_eq!(received[0].header("content-type"), Some("application/json"));
    assert_eq!(
        received[0].header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(received[0].json(), page.request);
    result.expect("the documented response has a body")
}

/// The `{…}` placeholders of a documented path template, in order: the keys the tests pass.
fn keys(path: &str) -> Vec<&str> {
    path.split('/')
        .filter(|segment| segment.starts_with('{'))
        .collect()
}

#[tokio::test]
async fn seed_000_update_apple_enrollment_profile_assignment() {
    for page in documented("beta/update-apple-enrollment-profile-assignment.md") {
        let body: beta::models::AppleEnrollmentProfileAssignment =
            serde_json::from_value(page.request.clone()).unwrap();
        let [profile, assignment] = keys(&page.path)[..] else {
            panic!("{}: two keys", page.path)
        };
        let op = beta::requests::device_management::apple_user_initiated_enrollment_profiles::item::assignments::item::update(
            profile, assignment, &body,
        );
        let result = documented_exchange(op, "beta", &page.path, &page).await;
        assert_eq!(
            result.id.as_deref(),
            Some("5b603771-3771-5b60-7137-605b7137605b")
        );
        assert!(matches!(
            result.target,
            Nullable::Value(
                beta::models::DeviceAndAppManagementAssignmentTarget::ScopeTagGroupAssignmentTarget(
                    _
                )
            )
        ));
    }
}

#[tokio::test]
async fn seed_001_update_enrollment_configuration_assignment_beta() {
    for page in documented("beta/update-enrollment-configuration-assignment.md") {
        let body: beta::models::EnrollmentConfigurationAssignment =
            serde_json::from_value(page.request.clone()).unwrap();
        let [configuration, assignment] = keys(&page.path)[..] else {
            panic!("{}: two keys", page.path)
        };
        let op = enrollment_assignments::item::update(configuration, assignment, &body);
        let result = documented_exchange(op, "beta", &page.path, &page).await;
        assert_eq!(
            result.source,
            Some(beta::models::DeviceAndAppManagementAssignmentSource::PolicySets)
        );
    }
}

#[tokio::test]
async fn seed_002_the_collection_patch_is_not_in_the_metadata_the_item_patch_is() {
    use msgraph_assignments::operation::Endpoint;
    let has = |method: &str, path: &str| {
        v1_0::requests::endpoints().any(|e: &Endpoint| e.method == method && e.path == path)
    };
    for page in documented("v1.0/update-assignments-collection.md") {
        let collection = page.path.as_str();
        assert_eq!(page.method, "PATCH");
        assert!(
            !has("PATCH", collection),
            "the metadata has no update of the collection itself"
        );
        assert!(has("GET", collection) && has("POST", collection));
        let item = format!("{collection}/{{targetedManagedAppPolicyAssignmentId}}");
        assert!(has("PATCH", &item));
        // What the generator offers instead: the documented body sent to one assignment.
        let body: v1_0::models::TargetedManagedAppPolicyAssignment =
            serde_json::from_value(page.request.clone()).unwrap();
        let [protection] = keys(collection)[..] else {
            panic!("{collection}: one key")
        };
        let op = v1_0::requests::device_app_management::ios_managed_app_protections::item::assignments::item::update(
            protection,
            "{targetedManagedAppPolicyAssignmentId}",
            &body,
        );
        let result = documented_exchange(op, "v1.0", &item, &page).await;
        assert_eq!(
            result.id.as_deref(),
            Some("fb00a0b8-a0b8-fb00-b8a0-00fbb8a000fb")
        );
    }
}

#[tokio::test]
async fn seed_003_update_enrollment_configuration_assignment_v1() {
    for page in documented("v1.0/update-enrollment-configuration-assignment.txt") {
        let body: v1_0::models::EnrollmentConfigurationAssignment =
            serde_json::from_value(page.request.clone()).unwrap();
        let [configuration, assignment] = keys(&page.path)[..] else {
            panic!("{}: two keys", page.path)
        };
        let op = v1_0::requests::device_management::device_enrollment_configurations::item::assignments::item::update(
            configuration, assignment, &body,
        );
        let result = documented_exchange(op, "v1.0", &page.path, &page).await;
        assert!(matches!(
            result.target,
            Nullable::Value(
                v1_0::models::DeviceAndAppManagementAssignmentTarget::ScopeTagGroupAssignmentTarget(
                    _
                )
            )
        ));
    }
}

#[tokio::test]
async fn seed_004_the_malformed_example_url_is_read_as_beta() {
    for page in documented("beta/update-ios-lob-app-provisioning-configuration-assignment.md") {
        // The example URL is `https://graph.microsoft.com/docs\api/deviceAppManagement/…`;
        // the documented path is a beta endpoint.
        assert!(page.url.contains("/docs\\api/"), "{}", page.url);
        let path = page.path.as_str();
        assert!(beta::requests::endpoints().any(|e| e.method == "PATCH" && e.path == path));
        assert!(
            !v1_0::requests::endpoints().any(|e| e.path == path),
            "v1.0 has no such parent"
        );
        let body: beta::models::IosLobAppProvisioningConfigurationAssignment =
            serde_json::from_value(page.request.clone()).unwrap();
        let [configuration, assignment] = keys(path)[..] else {
            panic!("{path}: two keys")
        };
        let op = beta::requests::device_app_management::ios_lob_app_provisioning_configurations::item::assignments::item::update(
            configuration, assignment, &body,
        );
        let result = documented_exchange(op, "beta", path, &page).await;
        assert_eq!(
            result.id.as_deref(),
            Some("2fb00efd-0efd-2fb0-fd0e-b02ffd0eb02f")
        );
    }
}

#[tokio::test]
async fn lists_follow_next_links_across_three_pages() {
    let server = LoopbackServer::start_with(|base| {
        let next = |n: u32| {
            format!("{base}/beta/deviceManagement/deviceEnrollmentConfigurations/c/assignments?$skiptoken=page{n}")
        };
        vec![
            Reply::json(
                200,
                &json!({"@odata.count": 5, "value": [{"id": "1"}, {"id": "2"}], "@odata.nextLink": next(2)}),
            ),
            Reply::json(
                200,
                &json!({"value": [{"id": "3"}, {"id": "4"}], "@odata.nextLink": next(3)}),
            ),
            Reply::json(200, &json!({"value": [{"id": "5"}]})),
        ]
    });
    let op = enrollment_assignments::list("c").top(2).count(true);
    let items = client(&server, "beta").all(&op).await.unwrap();
    let ids: Vec<_> = items.iter().map(|a| a.id.clone().unwrap()).collect();
    assert_eq!(ids, ["1", "2", "3", "4", "5"]);
    let received = server.finish();
    let targets: Vec<&str> = received.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "/beta/deviceManagement/deviceEnrollmentConfigurations/c/assignments?$top=2&$count=true",
            "/beta/deviceManagement/deviceEnrollmentConfigurations/c/assignments?$skiptoken=page2",
            "/beta/deviceManagement/deviceEnrollmentConfigurations/c/assignments?$skiptoken=page3",
        ]
    );
}

#[tokio::test]
async fn a_page_exposes_its_count_and_delta_link() {
    let server = LoopbackServer::start(vec![Reply::json(
        200,
        &json!({"@odata.count": 1, "@odata.deltaLink": "https://example/delta", "value": [{"id": "1", "source": "direct"}]}),
    )]);
    let page: Page<_> = client(&server, "beta")
        .send(&enrollment_assignments::list("c"))
        .await
        .unwrap();
    assert_eq!(page.count, Some(1));
    assert_eq!(page.delta_link.as_deref(), Some("https://example/delta"));
    assert_eq!(
        page.value[0].source,
        Some(beta::models::DeviceAndAppManagementAssignmentSource::Direct)
    );
    server.finish();
}

#[tokio::test]
async fn graph_errors_are_typed_with_their_status() {
    let not_found = json!({"error": {"code": "ResourceNotFound", "message": "No assignment x.", "innerError": {"request-id": "r1", "date": "2024-08-01T00:00:00"}}});
    let bad = json!({"error": {"code": "BadRequest", "message": "Invalid filter."}});
    let server = LoopbackServer::start(vec![Reply::json(404, &not_found), Reply::json(400, &bad)]);
    let client = client(&server, "beta");
    match client
        .send(&enrollment_assignments::item::get("c", "x"))
        .await
    {
        Err(ClientError::Operation(Error::Graph(e))) => {
            assert_eq!(e.status, http::StatusCode::NOT_FOUND);
            assert_eq!(
                (e.code.as_str(), e.message.as_str()),
                ("ResourceNotFound", "No assignment x.")
            );
            assert_eq!(e.inner_error.unwrap()["request-id"], "r1");
        }
        other => panic!("got {other:?}"),
    }
    let err = client
        .send(&enrollment_assignments::list("c").filter("nonsense"))
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Graph error 400 BadRequest: Invalid filter."
    );
    server.finish();
}

#[tokio::test]
async fn a_429_is_retried_after_retry_after_and_retries_are_bounded() {
    let ok = json!({"id": "a"});
    let server = LoopbackServer::start(vec![
        Reply::json(
            429,
            &json!({"error": {"code": "TooManyRequests", "message": "slow down"}}),
        )
        .with_header("Retry-After", "0"),
        Reply::json(200, &ok),
    ]);
    let result = client(&server, "beta")
        .send(&enrollment_assignments::item::get("c", "a"))
        .await
        .unwrap();
    assert_eq!(result.id.as_deref(), Some("a"));
    assert_eq!(server.finish().len(), 2);

    let busy = || {
        Reply::json(
            503,
            &json!({"error": {"code": "ServiceUnavailable", "message": "busy"}}),
        )
    };
    let server = LoopbackServer::start(vec![busy(), busy(), busy()]);
    let err = client(&server, "beta")
        .send(&enrollment_assignments::item::get("c", "a"))
        .await
        .unwrap_err();
    assert_eq!(server.finish().len(), 3, "one attempt and two retries");
    match err {
        ClientError::Operation(e) => {
            assert_eq!(e.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE))
        }
        other => panic!("got {other:?}"),
    }
}

#[test]
fn retry_delays_honour_retry_after_within_bounds() {
    let policy = RetryPolicy {
        max_retries: 3,
        default_delay: Duration::from_secs(1),
        max_delay: Duration::from_secs(30),
    };
    assert_eq!(policy.delay(0, Some("7")), Duration::from_secs(7));
    assert_eq!(policy.delay(0, Some("3600")), Duration::from_secs(30));
    assert_eq!(policy.delay(2, None), Duration::from_secs(4));
    assert_eq!(
        policy.delay(1, Some("Wed, 21 Oct 2015 07:28:00 GMT")),
        Duration::from_secs(2)
    );
}

#[tokio::test]
async fn a_204_is_unit_for_delete_and_none_for_update() {
    let server = LoopbackServer::start(vec![Reply::empty(204), Reply::empty(204)]);
    let client = client(&server, "beta");
    client
        .send(&enrollment_assignments::item::delete("c", "a"))
        .await
        .unwrap();
    let body = beta::models::EnrollmentConfigurationAssignment::default();
    let updated = client
        .send(&enrollment_assignments::item::update("c", "a", &body))
        .await
        .unwrap();
    assert_eq!(updated, None);
    let received = server.finish();
    assert_eq!(
        (received[0].method.as_str(), received[1].method.as_str()),
        ("DELETE", "PATCH")
    );
}

#[tokio::test]
async fn bound_actions_post_their_parameters_as_a_typed_body() {
    use beta::requests::device_management::device_configurations::item as configuration;
    let server = LoopbackServer::start(vec![Reply::json(200, &json!({"value": [{"id": "new"}]}))]);
    let body = configuration::AssignParameters {
        assignments: vec![beta::models::DeviceConfigurationAssignment {
            id: Some("new".into()),
            ..Default::default()
        }],
    };
    let result = client(&server, "beta")
        .send(&configuration::assign("cfg", &body))
        .await
        .unwrap();
    assert_eq!(result[0].id.as_deref(), Some("new"));
    let received = server.finish();
    assert_eq!(
        received[0].target,
        "/beta/deviceManagement/deviceConfigurations/cfg/assign"
    );
    assert_eq!(
        received[0].json(),
        json!({"assignments": [{"@odata.type": "#microsoft.graph.deviceConfigurationAssignment", "id": "new"}]})
    );
    // Bound to the abstract targetedManagedAppProtection, offered on its derived iOS policies.
    let ios = beta::requests::device_app_management::ios_managed_app_protections::item::assign(
        "p",
        &beta::requests::device_app_management::ios_managed_app_protections::item::AssignParameters::default(),
    );
    assert_eq!(
        ios.path_and_query(),
        "/deviceAppManagement/iosManagedAppProtections/p/assign"
    );
}

#[tokio::test]
async fn the_token_never_appears_in_debug_output_or_errors() {
    let server = LoopbackServer::start(vec![Reply::json(
        401,
        &json!({"error": {"code": "InvalidAuthenticationToken", "message": "Access token is empty."}}),
    )]);
    let client = client(&server, "beta");
    assert!(!format!("{client:?}").contains(TOKEN));
    assert!(!format!("{:?}", StaticToken::new(TOKEN)).contains(TOKEN));
    let err = client
        .send(&enrollment_assignments::item::get("c", "a"))
        .await
        .unwrap_err();
    assert!(!err.to_string().contains(TOKEN) && !format!("{err:?}").contains(TOKEN));
    assert_eq!(
        server.finish()[0].header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
}

#[tokio::test]
async fn a_next_link_to_another_host_never_gets_the_token() {
    let server = LoopbackServer::start(vec![Reply::json(
        200,
        &json!({"value": [{"id": "1"}], "@odata.nextLink": "http://elsewhere.invalid/beta/x?$skiptoken=2"}),
    )]);
    let err = client(&server, "beta")
        .all(&enrollment_assignments::list("c"))
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "transport error: refusing to send the token to http://elsewhere.invalid, which is not the client's base URL"
    );
    assert_eq!(
        server.finish().len(),
        1,
        "only the first page was requested"
    );
}

#[test]
fn search_and_filter_values_with_quotes_and_brackets_build() {
    let op = enrollment_assignments::list("c")
        .search("\"displayName:a<b>\"")
        .filter("sourceId eq '{x|y}'");
    let request = op.request("https://graph.microsoft.com/beta").unwrap();
    let query = request.uri().query().unwrap();
    assert_eq!(
        query,
        "$search=%22displayName:a%3Cb%3E%22&$filter=sourceId%20eq%20'%7Bx%7Cy%7D'"
    );
    assert_eq!(
        percent_decode(query),
        "$search=\"displayName:a<b>\"&$filter=sourceId eq '{x|y}'"
    );
}

#[test]
fn an_empty_key_is_refused_instead_of_addressing_another_resource() {
    for (config, id) in [("", "a"), ("c", "")] {
        let err = enrollment_assignments::item::delete(config, id)
            .request("https://graph.microsoft.com/beta")
            .unwrap_err();
        assert!(
            err.to_string().contains("a path parameter is empty"),
            "{err}"
        );
    }
}

#[tokio::test]
async fn a_post_is_not_sent_again_after_a_503() {
    let server = LoopbackServer::start(vec![Reply::json(
        503,
        &json!({"error": {"code": "ServiceUnavailable", "message": "busy"}}),
    )]);
    let body = beta::models::EnrollmentConfigurationAssignment::default();
    let err = client(&server, "beta")
        .send(&enrollment_assignments::create("c", &body))
        .await
        .unwrap_err();
    assert!(err.to_string().starts_with("Graph error 503"), "{err}");
    assert_eq!(
        server.finish().len(),
        1,
        "a create that may have happened is not repeated"
    );
}

#[test]
fn function_parameters_are_written_as_odata_literals_of_their_type() {
    use msgraph_assignments::operation::{
        function_literal, function_literal_bare, function_literal_typed,
    };
    use msgraph_assignments::support::{Date, Duration, Guid};
    assert_eq!(function_literal("it's"), "%27it%27%27s%27");
    assert_eq!(function_literal(&7), "7");
    assert_eq!(function_literal(&Option::<String>::None), "null");
    assert_eq!(
        function_literal_bare(&Date::new("2024-08-01")),
        "2024-08-01"
    );
    assert_eq!(
        function_literal_bare(&Guid::new("5b603771-3771-5b60-7137-605b7137605b")),
        "5b603771-3771-5b60-7137-605b7137605b"
    );
    assert_eq!(
        function_literal_typed("duration", &Duration::new("P1D")),
        "duration%27P1D%27"
    );
}

#[test]
fn a_stream_result_is_the_body_as_it_came() {
    let body = b"Report Refresh Date,User\n2024-08-01,a\n".to_vec();
    let bytes = msgraph_assignments::operation::parse_bytes(http::StatusCode::OK, &body).unwrap();
    assert_eq!(bytes, body);
}
