//! The resolved model: containment paths, bound operations, typed capabilities, inheritance
//! and the selection closure, on the default metadata and on small cases.

mod cases;

use cases::resolve;
use graphgen::csdl::Facets;
use graphgen::model::{Model, PathSegment, Permission, Target, TypeId, TypeKind};
use graphgen::select;
use std::path::Path;

fn default_metadata(file: &str, overlay: &str) -> Model {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../metadata");
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    let overlay = std::fs::read_to_string(dir.join("overlays").join(overlay)).unwrap();
    resolve(file, &text, &[&overlay])
}

fn id(model: &Model, qualified: &str) -> TypeId {
    model
        .find(qualified)
        .unwrap_or_else(|| panic!("{qualified} is not in the model"))
}

/// The template of every containment path down to `depth`, in order.
fn templates(model: &Model, depth: usize) -> Vec<String> {
    model
        .containment(depth)
        .iter()
        .map(|p| p.template(model))
        .collect()
}

/// A document of one schema `n` of entity types keyed by `id`, each with its name and
/// navigation properties, and a container of `members`.
fn entities_of_n(entities: &[(&str, &[String])], members: &str) -> String {
    let types: String = entities
        .iter()
        .map(|(name, navigation)| {
            format!(
                r#"<EntityType Name="{name}"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" Nullable="false" />{}</EntityType>
"#,
                navigation.concat()
            )
        })
        .collect();
    cases::schemas(&format!(
        r#"<Schema Namespace="n" xmlns="http://docs.oasis-open.org/odata/ns/edm">
{types}<EntityContainer Name="c">{members}</EntityContainer>
</Schema>"#
    ))
}

fn names(model: &Model, ids: impl IntoIterator<Item = TypeId>) -> Vec<String> {
    ids.into_iter()
        .map(|t| model.get(t).name.to_string())
        .collect()
}

#[test]
fn containment_paths_follow_inherited_navigation_from_abstract_bases() {
    let model = default_metadata("beta.xml", "beta-scope-tag.xml");
    let paths = templates(&model, 4);
    for expected in [
        "/deviceManagement",
        "/deviceManagement/deviceEnrollmentConfigurations/{deviceEnrollmentConfigurationId}/assignments/{enrollmentConfigurationAssignmentId}",
        "/deviceManagement/appleUserInitiatedEnrollmentProfiles/{appleUserInitiatedEnrollmentProfileId}/assignments/{appleEnrollmentProfileAssignmentId}",
        // `assignments` is declared on the abstract targetedManagedAppProtection.
        "/deviceAppManagement/iosManagedAppProtections/{iosManagedAppProtectionId}/assignments",
        "/deviceAppManagement/iosLobAppProvisioningConfigurations/{iosLobAppProvisioningConfigurationId}/assignments/{iosLobAppProvisioningConfigurationAssignmentId}",
    ] {
        assert!(paths.iter().any(|p| p == expected), "{expected} missing from {paths:#?}");
    }
    let last = model
        .containment(4)
        .into_iter()
        .find(|p| {
            p.template(&model)
                .ends_with("/iosManagedAppProtections/{iosManagedAppProtectionId}/assignments")
        })
        .unwrap();
    assert!(last.collection);
    assert_eq!(
        model.get(last.ty).name,
        "targetedManagedAppPolicyAssignment"
    );
    // Depth limits the walk: one step below the singletons reaches the policy collections only.
    let shallow = templates(&model, 1);
    assert!(
        shallow.iter().all(|p| !p.contains("/assignments")),
        "{shallow:#?}"
    );
}

/// The paths in the order the walk finds them, which is the order of the generated modules
/// and endpoints: each path, its key if it is a collection, then the paths below it, one
/// navigation property after another; a key segment after every collection, and nowhere else.
#[test]
fn containment_paths_come_depth_first_with_a_key_after_each_collection() {
    let contains = |name: &str, ty: &str| {
        format!(r#"<NavigationProperty Name="{name}" Type="{ty}" ContainsTarget="true" />"#)
    };
    let text = entities_of_n(
        &[
            (
                "folder",
                &[
                    contains("files", "Collection(n.file)"),
                    contains("settings", "n.settings"),
                ],
            ),
            ("file", &[contains("versions", "Collection(n.version)")]),
            ("version", &[]),
            ("settings", &[]),
            ("person", &[contains("drive", "n.folder")]),
        ],
        r#"<EntitySet Name="folders" EntityType="n.folder" /><Singleton Name="me" Type="n.person" />"#,
    );
    let model = resolve("tree.xml", &text, &[]);
    let paths = templates(&model, 2);
    assert_eq!(
        paths,
        [
            "/folders",
            "/folders/{folderId}",
            "/folders/{folderId}/files",
            "/folders/{folderId}/files/{fileId}",
            "/folders/{folderId}/files/{fileId}/versions",
            "/folders/{folderId}/files/{fileId}/versions/{versionId}",
            "/folders/{folderId}/settings",
            "/me",
            "/me/drive",
            "/me/drive/files",
            "/me/drive/files/{fileId}",
            "/me/drive/settings",
        ]
    );
    // On a real schema: the tree writes each path's template as the spelled-out path does,
    // and a key follows each collection and nothing else.
    let model = default_metadata("beta.xml", "beta-scope-tag.xml");
    let tree = model.containment_tree(4);
    assert!(tree.len() > 20, "{} paths", tree.len());
    for i in 0..tree.len() {
        let node = tree.node(i);
        assert_eq!(tree.template(i, &model), node.template(&model));
        for pair in node.segments.windows(2) {
            let collection = match &pair[0] {
                PathSegment::Root { collection, .. }
                | PathSegment::Navigation { collection, .. } => *collection,
                PathSegment::Key { .. } => false,
            };
            assert_eq!(
                collection,
                matches!(pair[1], PathSegment::Key { .. }),
                "{}",
                node.template(&model)
            );
        }
    }
}

#[test]
fn containment_stops_at_cycles() {
    let children = r#"<NavigationProperty Name="children" Type="Collection(n.folder)" ContainsTarget="true" />"#;
    let text = entities_of_n(
        &[("folder", &[children.to_string()])],
        r#"<EntitySet Name="folders" EntityType="n.folder" />"#,
    );
    let model = resolve("cycle.xml", &text, &[]);
    let paths = templates(&model, 10);
    assert_eq!(paths, ["/folders", "/folders/{folderId}"]);
}

#[test]
fn bound_operations_are_indexed_by_binding_type_and_inherited() {
    let model = default_metadata("beta.xml", "beta-scope-tag.xml");
    let ios = id(&model, "microsoft.graph.iosManagedAppProtection");
    let ops = model.bound_operations(ios, false);
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].name, "assign");
    assert_eq!(ops[0].parameters[1].name, "assignments");
    // Four overloads named `assign`, each found from its own binding type.
    assert_eq!(
        model
            .operations
            .iter()
            .filter(|o| o.name == "assign")
            .count(),
        4
    );
    let configuration = id(&model, "microsoft.graph.deviceConfiguration");
    let assign = &model.bound_operations(configuration, false)[0];
    let (ret, _) = assign.return_type.unwrap();
    assert_eq!(
        ret.target,
        Target::Type(id(&model, "microsoft.graph.deviceConfigurationAssignment"))
    );
    assert!(ret.collection);
}

#[test]
fn inheritance_derived_types_and_the_overlay() {
    let model = default_metadata("beta.xml", "beta-scope-tag.xml");
    let target = id(
        &model,
        "microsoft.graph.deviceAndAppManagementAssignmentTarget",
    );
    assert_eq!(
        names(&model, model.descendants(target)),
        [
            "allDevicesAssignmentTarget",
            "allLicensedUsersAssignmentTarget",
            "configurationManagerCollectionAssignmentTarget",
            "exclusionGroupAssignmentTarget",
            "groupAssignmentTarget",
            "scopeTagGroupAssignmentTarget",
        ]
    );
    let exclusion = id(&model, "microsoft.graph.exclusionGroupAssignmentTarget");
    let inherited: Vec<&str> = model
        .properties(exclusion)
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        inherited,
        [
            "deviceAndAppManagementAssignmentFilterId",
            "deviceAndAppManagementAssignmentFilterType",
            "groupId"
        ]
    );
    let assignment = id(&model, "microsoft.graph.appleEnrollmentProfileAssignment");
    assert_eq!(model.key(assignment), ["id"]);
}

#[test]
fn the_closure_takes_bases_property_types_and_their_derived_types_only() {
    let model = default_metadata("beta.xml", "beta-scope-tag.xml");
    let selection = select::select(
        &model,
        &["appleEnrollmentProfileAssignment".to_string()],
        5,
        "test",
    )
    .unwrap();
    let mut selected = names(&model, selection.types.iter().copied());
    selected.sort();
    assert_eq!(
        selected,
        [
            "allDevicesAssignmentTarget",
            "allLicensedUsersAssignmentTarget",
            "appleEnrollmentProfileAssignment",
            "configurationManagerCollectionAssignmentTarget",
            "deviceAndAppManagementAssignmentFilterType",
            "deviceAndAppManagementAssignmentTarget",
            "entity",
            "exclusionGroupAssignmentTarget",
            "groupAssignmentTarget",
            "scopeTagGroupAssignmentTarget",
            "scopeTagTargetType",
        ]
    );
    let error = select::select(&model, &["noSuchThing*".to_string()], 5, "test").unwrap_err();
    assert_eq!(
        error.to_string(),
        "test: the selection [\"noSuchThing*\"] matches no type or path of the schema"
    );
}

#[test]
fn annotations_become_typed_values_from_inline_and_external_blocks() {
    let text = cases::graph(
        r#"  <EntityType Name="thing">
    <Key><PropertyRef Name="id" /></Key>
    <Property Name="id" Type="Edm.String" Nullable="false">
      <Annotation Term="Org.OData.Core.V1.Permissions"><EnumMember>Org.OData.Core.V1.Permission/Read</EnumMember></Annotation>
    </Property>
    <Property Name="name" Type="Edm.String" />
    <NavigationProperty Name="parts" Type="Collection(graph.thing)" ContainsTarget="true" />
  </EntityType>
  <EntityContainer Name="GraphService"><EntitySet Name="things" EntityType="graph.thing" /></EntityContainer>
  <Annotations Target="microsoft.graph.thing">
    <Annotation Term="Org.OData.Core.V1.Description" String="A thing." />
    <Annotation Term="Org.OData.Core.V1.LongDescription" String="A longer word on things." />
    <Annotation Term="Org.OData.Capabilities.V1.CountRestrictions"><Record><PropertyValue Property="Countable" Bool="false" /></Record></Annotation>
    <Annotation Term="Org.OData.Capabilities.V1.TopSupported" Bool="false" />
  </Annotations>
  <Annotations Target="microsoft.graph.thing/name">
    <Annotation Term="Org.OData.Core.V1.Computed" Bool="true" />
  </Annotations>
  <Annotations Target="microsoft.graph.thing/parts">
    <Annotation Term="Org.OData.Capabilities.V1.InsertRestrictions"><Record><PropertyValue Property="Insertable" Bool="false" /></Record></Annotation>
    <Annotation Term="Org.OData.Capabilities.V1.UpdateRestrictions"><Record>
      <PropertyValue Property="Updatable" Bool="true" />
      <PropertyValue Property="UpdateMethod"><EnumMember>Org.OData.Capabilities.V1.HttpMethod/PUT</EnumMember></PropertyValue>
    </Record></Annotation>
  </Annotations>
  <Annotations Target="microsoft.graph.GraphService/things">
    <Annotation Term="Org.OData.Capabilities.V1.DeleteRestrictions"><Record><PropertyValue Property="Deletable" Bool="false" /></Record></Annotation>
    <Annotation Term="Org.OData.Capabilities.V1.FilterRestrictions"><Record>
      <PropertyValue Property="Filterable" Bool="true" />
      <PropertyValue Property="NonFilterableProperties"><Collection><PropertyPath>name</PropertyPath></Collection></PropertyValue>
    </Record></Annotation>
  </Annotations>
  <Annotations Target="microsoft.graph.GraphService/things/parts">
    <Annotation Term="Org.OData.Capabilities.V1.ReadRestrictions"><Record><PropertyValue Property="Readable" Bool="false" /></Record></Annotation>
  </Annotations>
"#,
    );
    let model = resolve("caps.xml", &text, &[]);
    let thing = model.get(id(&model, "microsoft.graph.thing"));
    assert_eq!(thing.notes.description.as_deref(), Some("A thing."));
    assert_eq!(
        thing.notes.long_description.as_deref(),
        Some("A longer word on things.")
    );
    let s = thing.structured().unwrap();
    assert_eq!(
        s.capabilities.count.as_ref().unwrap().countable,
        Some(false)
    );
    assert_eq!(s.capabilities.top_supported, Some(false));
    assert_eq!(s.properties[0].notes.permissions, Some(Permission::Read));
    assert!(s.properties[1].notes.computed);
    let parts = &s.navigation[0].capabilities;
    assert_eq!(parts.insert.as_ref().unwrap().insertable, Some(false));
    let update = parts.update.as_ref().unwrap();
    assert_eq!(
        (update.updatable, update.update_method.as_deref()),
        (Some(true), Some("PUT"))
    );
    let set = &model.container.as_ref().unwrap().members[0].capabilities;
    assert_eq!(set.delete.as_ref().unwrap().deletable, Some(false));
    assert_eq!(set.filter.as_ref().unwrap().non_filterable, ["name"]);
    let restricted = &set.navigation.as_ref().unwrap().restricted;
    assert_eq!(restricted[0].0, "parts");
    assert_eq!(restricted[0].2.read.as_ref().unwrap().readable, Some(false));
}

#[test]
fn external_blocks_apply_over_inline_annotations_in_document_order() {
    let text = cases::graph(
        r#"  <EntityType Name="thing">
    <Key><PropertyRef Name="id" /></Key>
    <Property Name="id" Type="Edm.String" Nullable="false">
      <Annotation Term="Org.OData.Core.V1.Description" String="inline" />
    </Property>
    <Property Name="size" Type="Edm.Int32" />
    <Annotation Term="Org.OData.Core.V1.Description" String="inline" />
    <Annotation Term="Org.OData.Capabilities.V1.TopSupported" Bool="false" />
    <Annotation Term="Org.OData.Capabilities.V1.SkipSupported" Bool="false" />
  </EntityType>
  <EnumType Name="level"><Member Name="low" /><Member Name="high" /></EnumType>
  <Annotations Target="graph.thing">
    <Annotation Term="Org.OData.Core.V1.Description" String="first block" />
    <Annotation Term="Org.OData.Capabilities.V1.TopSupported" Bool="true" />
    <Annotation Term="Org.OData.Capabilities.V1.SkipSupported" Int="3" />
  </Annotations>
  <Annotations Target="microsoft.graph.thing">
    <Annotation Term="Org.OData.Core.V1.Description" String="second block" />
  </Annotations>
  <Annotations Target="microsoft.graph.thing" Qualifier="other">
    <Annotation Term="Org.OData.Core.V1.Description" String="qualified" />
  </Annotations>
  <Annotations Target="graph.thing/id">
    <Annotation Term="Org.OData.Core.V1.Description" String="outer" />
  </Annotations>
  <Annotations Target="graph.thing/missing">
    <Annotation Term="Org.OData.Core.V1.Description" String="nowhere" />
  </Annotations>
  <Annotations Target="graph.level/high">
    <Annotation Term="Org.OData.Core.V1.Description" String="the most" />
  </Annotations>
"#,
    );
    let model = resolve("order.xml", &text, &[]);
    let thing = model.get(id(&model, "microsoft.graph.thing"));
    // Blocks apply in document order over the inline annotations; a qualified one is not
    // the default and applies nowhere.
    assert_eq!(thing.notes.description.as_deref(), Some("second block"));
    let s = thing.structured().unwrap();
    assert_eq!(s.capabilities.top_supported, Some(true));
    // A block's capability that says nothing usable leaves the one before it.
    assert_eq!(s.capabilities.skip_supported, Some(false));
    assert_eq!(s.properties[0].notes.description.as_deref(), Some("outer"));
    assert_eq!(s.properties[1].notes.description, None);
    let TypeKind::Enum(level) = &model.get(id(&model, "microsoft.graph.level")).kind else {
        panic!("level is an enum");
    };
    let described: Vec<_> = level
        .members
        .iter()
        .map(|m| m.notes.description.as_deref())
        .collect();
    assert_eq!(described, [None, Some("the most")]);
}

#[test]
fn capabilities_and_revisions_of_the_published_v1_schema() {
    let Some(dir) = std::env::var_os("GRAPHGEN_FULL_METADATA") else {
        eprintln!("GRAPHGEN_FULL_METADATA is not set; skipping");
        return;
    };
    let text = std::fs::read_to_string(Path::new(&dir).join("v1.0.csdl")).unwrap();
    let model = resolve("v1.0.csdl", &text, &[]);
    // Target="microsoft.graph.admin/people": Deletable, Insertable and Updatable are false.
    let admin = model
        .get(id(&model, "microsoft.graph.admin"))
        .structured()
        .unwrap();
    let people = admin
        .navigation
        .iter()
        .find(|n| n.name == "people")
        .unwrap();
    assert_eq!(
        people.capabilities.delete.as_ref().unwrap().deletable,
        Some(false)
    );
    assert_eq!(
        people.capabilities.insert.as_ref().unwrap().insertable,
        Some(false)
    );
    // The legacy security alert is deprecated with a removal date.
    let alert = model.get(id(&model, "microsoft.graph.alert"));
    let deprecation = alert.notes.deprecation().expect("deprecated");
    assert_eq!(deprecation.removal_date.as_deref(), Some("2026-04-10"));
    // Types of microsoft.graph.security refer to their own schema through the alias `self`.
    let security_alert = id(&model, "microsoft.graph.security.alert");
    assert!(model.get(security_alert).structured().unwrap().properties.iter().any(|p| matches!(p.ty.target, Target::Type(t) if model.get(t).namespace == "microsoft.graph.security")));
    // Bound actions of one name on several binding types.
    assert!(
        model
            .operations
            .iter()
            .filter(|o| o.name == "assign")
            .count()
            > 5
    );
    assert!(!model.containment(2).is_empty());
}

#[test]
fn element_namespaces_follow_xml_scoping() {
    // The CSDL namespace under a prefix; an element in a foreign namespace (and everything in
    // it) is skipped; a declaration on an empty element binds nothing after it.
    let text = r#"<?xml version="1.0"?>
<x:Edmx Version="4.0" xmlns:x="http://docs.oasis-open.org/odata/ns/edmx">
  <x:DataServices>
    <e:Schema Namespace="ns" xmlns:e="http://docs.oasis-open.org/odata/ns/edm">
      <e:ComplexType Name="kept"><e:Property Name="p" Type="Edm.String" /></e:ComplexType>
      <e:ComplexType Name="foreign" xmlns:e="http://example.com/not-edm" />
      <e:ComplexType Name="alsoKept" />
      <ComplexType Name="unprefixed" xmlns="http://example.com/not-edm">
        <e:Property Name="q" Type="Edm.String" />
      </ComplexType>
      <other xmlns="http://docs.oasis-open.org/odata/ns/edm" />
      <ComplexType Name="noNamespace" />
    </e:Schema>
  </x:DataServices>
</x:Edmx>"#;
    let model = resolve("ns.xml", text, &[]);
    let mut found: Vec<String> = model.ids().map(|t| model.get(t).qualified()).collect();
    found.sort();
    assert_eq!(found, ["ns.alsoKept", "ns.kept"]);
    let kept = model.get(id(&model, "ns.kept")).structured().unwrap();
    assert_eq!(kept.properties[0].name, "p");
}

#[test]
fn property_facets_are_kept_as_written_only_where_given() {
    let text = cases::graph(
        r#"<ComplexType Name="price">
        <Property Name="amount" Type="Edm.Decimal" Precision="18" Scale="variable" />
        <Property Name="currency" Type="Edm.String" MaxLength="3" DefaultValue="EUR" />
        <Property Name="note" Type="Edm.String" />
      </ComplexType>"#,
    );
    let model = resolve("facets.xml", &text, &[]);
    let TypeKind::Complex(price) = &model.get(id(&model, "microsoft.graph.price")).kind else {
        panic!("price is a complex type");
    };
    let facets: Vec<Option<Facets>> = price
        .properties
        .iter()
        .map(|p| p.facets.as_deref().cloned())
        .collect();
    let text = |s: &str| Some(s.to_string());
    assert_eq!(
        facets,
        [
            Some(Facets {
                precision: text("18"),
                scale: text("variable"),
                ..Facets::default()
            }),
            Some(Facets {
                max_length: text("3"),
                default_value: text("EUR"),
                ..Facets::default()
            }),
            None,
        ]
    );
}

#[test]
fn a_type_name_means_the_same_with_its_namespace_or_an_alias() {
    // A schema's own alias comes first, then the aliases of the others; an alias wins over a
    // namespace of the same name.
    let schema = |namespace: &str, alias: &str, body: &str| {
        format!(
            r#"<Schema Namespace="{namespace}" {alias} xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="T" />
      <ComplexType Name="uses">{body}</ComplexType>
    </Schema>"#
        )
    };
    let property = |name: &str, ty: &str| format!(r#"<Property Name="{name}" Type="{ty}" />"#);
    let text = cases::schemas(
        &[
            schema(
                "one",
                r#"Alias="a""#,
                &[
                    property("own", "a.T"),
                    property("full", "one.T"),
                    property("other", "b.T"),
                ]
                .concat(),
            ),
            schema("two", r#"Alias="a""#, &property("own", "a.T")),
            schema("b", "", &property("alias", "b.T")),
            schema("alpha", r#"Alias="b""#, &property("alias", "b.T")),
        ]
        .concat(),
    );
    let model = resolve("aliases.xml", &text, &[]);
    let targets = |qualified: &str| -> Vec<(String, String)> {
        let uses = model.get(id(&model, qualified)).structured().unwrap();
        uses.properties
            .iter()
            .map(|p| (p.name.to_string(), model.type_name(&p.ty)))
            .collect()
    };
    let pairs = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    assert_eq!(
        targets("one.uses"),
        pairs(&[("own", "one.T"), ("full", "one.T"), ("other", "alpha.T")])
    );
    assert_eq!(targets("two.uses"), pairs(&[("own", "two.T")]));
    assert_eq!(targets("b.uses"), pairs(&[("alias", "alpha.T")]));
    assert_eq!(targets("alpha.uses"), pairs(&[("alias", "alpha.T")]));
}

#[test]
fn an_external_block_on_an_operation_applies_to_each_overload_of_its_name() {
    let key = r#"<Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" Nullable="false" />"#;
    let description = |text: &str| {
        format!(r#"<Annotation Term="Org.OData.Core.V1.Description" String="{text}" />"#)
    };
    let text = cases::graph(&format!(
        r#"  <EntityType Name="thing">{key}</EntityType>
  <EntityType Name="user">{key}</EntityType>
  <Function Name="count" IsBound="true"><Parameter Name="on" Type="graph.thing" /><ReturnType Type="Edm.Int32" /></Function>
  <Function Name="count" IsBound="true"><Parameter Name="on" Type="graph.user" /><ReturnType Type="Edm.Int32" /></Function>
  <Action Name="reset" IsBound="true"><Parameter Name="on" Type="graph.thing" /></Action>
  <Action Name="resetAll" IsBound="true"><Parameter Name="on" Type="Collection(graph.thing)" /></Action>
  <Annotations Target="microsoft.graph.count(microsoft.graph.thing)">{}</Annotations>
  <Annotations Target="graph.reset(graph.thing)">{}</Annotations>
  <Annotations Target="microsoft.graph.resetAll(Collection(microsoft.graph.thing))/on">{}</Annotations>
  <Annotations Target="microsoft.graph.missing()">{}</Annotations>
"#,
        description("counts"),
        description("resets"),
        description("a parameter"),
        description("nowhere"),
    ));
    let model = resolve("operations.xml", &text, &[]);
    let described: Vec<(&str, Option<&str>)> = model
        .operations
        .iter()
        .map(|op| (op.name.as_str(), op.notes.description.as_deref()))
        .collect();
    assert_eq!(
        described,
        [
            ("count", Some("counts")),
            ("count", Some("counts")),
            ("reset", Some("resets")),
            ("resetAll", None),
        ]
    );
}

#[test]
fn a_dotted_name_is_split_at_its_last_dot() {
    // Names are not checked to be identifiers: `A.x.T` is the type `T` of the namespace (or
    // alias) `A.x`, even where the schema aliased `A` declares a type named `x.T`; and a
    // target is cut at its first `(`, the start of an operation's parameters.
    let text = cases::schemas(
        r#"    <Schema Namespace="N" Alias="A" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="x.T" />
      <ComplexType Name="uses"><Property Name="p" Type="A.x.T" /></ComplexType>
    </Schema>
    <Schema Namespace="A.x" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="T" />
    </Schema>
    <Schema Namespace="X" Alias="P(" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="T" />
      <Annotations Target="P(.T">
        <Annotation Term="Org.OData.Core.V1.Description" String="nowhere" />
      </Annotations>
    </Schema>"#,
    );
    let model = resolve("dots.xml", &text, &[]);
    let uses = model.get(id(&model, "N.uses")).structured().unwrap();
    assert_eq!(model.type_name(&uses.properties[0].ty), "A.x.T");
    assert_eq!(model.get(id(&model, "X.T")).notes.description, None);
}

/// Operations are ordered by namespace and name, whatever their order in the document, and
/// the overloads of a name by the lists of their parameters' CSDL type names. There are more
/// operations than one thread resolves at a time, so that both threads take some.
#[test]
fn operations_are_ordered_by_name_then_overloads_by_parameter_types() {
    let entity = |name: &str| {
        format!(
            r#"<EntityType Name="{name}"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" Nullable="false" /></EntityType>"#
        )
    };
    let function = |name: &str, parameters: &[&str]| {
        let parameters: String = parameters
            .iter()
            .enumerate()
            .map(|(i, ty)| format!(r#"<Parameter Name="p{i}" Type="{ty}" />"#))
            .collect();
        format!(
            r#"<Function Name="{name}" IsBound="true">{parameters}<ReturnType Type="Edm.String" /></Function>"#
        )
    };
    // Overloads of `f` whose order as joined texts would differ from their order as lists
    // with a separator that sorts after a letter, and a collection beside a single value.
    let mut functions: Vec<String> = vec![
        function("f", &["n.ab"]),
        function("f", &["n.a", "n.b"]),
        function("f", &["Collection(n.a)"]),
        function("f", &["n.a"]),
        function("f", &["n.a", "Edm.String"]),
    ];
    // Enough others, in falling order of name, to fill several chunks.
    functions.extend(
        (0..200)
            .rev()
            .map(|i| function(&format!("g{i:03}"), &["n.b"])),
    );
    let n = format!(
        r#"<Schema Namespace="n" xmlns="http://docs.oasis-open.org/odata/ns/edm">{}{}{}{}</Schema>"#,
        entity("a"),
        entity("ab"),
        entity("b"),
        functions.join("")
    );
    // A namespace that the first one starts: all of `n` comes first, though `n.a.z` sorts
    // before `n.f` as one text.
    let nested = format!(
        r#"<Schema Namespace="n.a" xmlns="http://docs.oasis-open.org/odata/ns/edm">{}</Schema>"#,
        function("z", &["n.a"])
    );
    let model = resolve("ops.xml", &cases::schemas(&format!("{nested}{n}")), &[]);
    let listed: Vec<(String, Vec<String>)> = model
        .operations
        .iter()
        .map(|op| {
            (
                format!("{}.{}", op.namespace, op.name),
                op.parameters
                    .iter()
                    .map(|p| model.type_name(&p.ty))
                    .collect(),
            )
        })
        .collect();
    let overloads: Vec<Vec<&str>> = listed
        .iter()
        .filter(|(name, _)| name == "n.f")
        .map(|(_, types)| types.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        overloads,
        [
            vec!["Collection(n.a)"],
            vec!["n.a"],
            vec!["n.a", "Edm.String"],
            vec!["n.a", "n.b"],
            vec!["n.ab"],
        ]
    );
    let names: Vec<&str> = listed.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names.len(), 206);
    assert_eq!(
        names[..6],
        ["n.f"; 5]
            .iter()
            .copied()
            .chain(["n.g000"])
            .collect::<Vec<_>>()
    );
    assert_eq!(names[204..], ["n.g199", "n.a.z"]);
    assert!(names[5..205].is_sorted());
}
