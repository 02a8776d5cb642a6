//! The small CSDL cases of the snapshot and compile tests, one per thing they show.

#![allow(dead_code)]

/// One generation case: a metadata document, overlays and a selection.
pub struct Case {
    pub name: &'static str,
    pub metadata: String,
    pub overlays: Vec<String>,
    pub select: Vec<&'static str>,
}

impl Case {
    /// The case as the one API version `v` of a generation.
    pub fn api(&self, depth: usize) -> graphgen::Api {
        graphgen::Api {
            module: "v".to_string(),
            metadata: graphgen::Source::new("case.xml", self.metadata.as_str()),
            overlays: self
                .overlays
                .iter()
                .enumerate()
                .map(|(i, o)| graphgen::Source::new(format!("overlay{i}.xml"), o.as_str()))
                .collect(),
            select: self.select.iter().map(|s| s.to_string()).collect(),
            depth,
            pages: Vec::new(),
        }
    }
}

/// The model of `text`, read as `name`, with `overlays` applied; any error fails the test.
pub fn resolve(name: &str, text: &str, overlays: &[&str]) -> graphgen::model::Model {
    let read = |name: &str, text: &str| {
        graphgen::csdl::read(&graphgen::Source::new(name, text)).unwrap_or_else(|e| panic!("{e}"))
    };
    let overlays = overlays.iter().map(|o| read("overlay.xml", o)).collect();
    graphgen::model::resolve(read(name, text), overlays).unwrap_or_else(|e| panic!("{e}"))
}

/// Settings for a whole crate named `name`, without the client.
pub fn whole_crate(name: &str) -> graphgen::emit::Settings {
    graphgen::emit::Settings {
        client: false,
        package: Some(graphgen::emit::Package::new(name)),
        ..Default::default()
    }
}

const EDMX_OPEN: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>"#;
const EDMX_CLOSE: &str = "  </edmx:DataServices>\n</edmx:Edmx>\n";

/// A document holding `schemas`, the `Schema` elements as written.
pub fn schemas(schemas: &str) -> String {
    format!("{EDMX_OPEN}\n{schemas}\n{EDMX_CLOSE}")
}

/// A document with one `microsoft.graph` schema (alias `graph`) holding `body`.
pub fn graph(body: &str) -> String {
    schemas(&format!(
        r#"    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
{body}
    </Schema>"#
    ))
}

pub const ENTITY: &str = r#"      <EntityType Name="entity" Abstract="true">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>"#;

/// Every case, in a fixed order.
pub fn all() -> Vec<Case> {
    vec![
        simple_entity_with_every_primitive(),
        derived_complex_type_becomes_an_enum(),
        flags_enum_is_a_set(),
        open_enum_keeps_unknown_members(),
        nullable_and_required_properties(),
        keyword_properties_and_types(),
        names_that_collide_after_casing(),
        alias_in_a_second_schema(),
        overlay_adds_a_derived_type_and_a_property(),
        deprecated_type_and_property(),
        recursive_type_is_boxed(),
        requests_for_a_small_path(),
        empty_enum(),
    ]
}

/// More top-level resources than a `#[cfg]` lists: the types they all need go with the
/// version's `-common` feature.
pub fn many_areas() -> Case {
    let sets: String = (0..10)
        .map(|i| format!(r#"        <EntitySet Name="widgets{i}" EntityType="graph.widget" />\n"#))
        .collect();
    let csdl = graph(&format!(
        r#"{ENTITY}
      <EntityType Name="widget" BaseType="graph.entity">
        <Property Name="size" Type="graph.dimensions" />
      </EntityType>
      <ComplexType Name="dimensions">
        <Property Name="width" Type="Edm.Double" />
      </ComplexType>
      <EntityType Name="loner" BaseType="graph.entity" />
      <EntityContainer Name="GraphService">
{sets}        <EntitySet Name="loners" EntityType="graph.loner" />
      </EntityContainer>"#
    ));
    Case {
        name: "many_areas",
        metadata: csdl,
        overlays: vec![],
        select: vec!["*"],
    }
}

/// Two namespaces that use each other's types and two top-level resources: with a package,
/// each becomes a feature.
pub fn features_per_area() -> Case {
    let csdl = format!(
        r#"{EDMX_OPEN}
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
{ENTITY}
      <EntityType Name="widget" BaseType="graph.entity">
        <Property Name="size" Type="graph.dimensions" />
        <NavigationProperty Name="parts" Type="Collection(graph.part)" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="part" BaseType="graph.entity">
        <Property Name="weight" Type="Edm.Double" />
      </EntityType>
      <ComplexType Name="dimensions">
        <Property Name="width" Type="Edm.Double" />
      </ComplexType>
      <EntityType Name="security" BaseType="graph.entity">
        <NavigationProperty Name="alerts" Type="Collection(microsoft.graph.security.alert)" ContainsTarget="true" />
      </EntityType>
      <EntityContainer Name="GraphService">
        <EntitySet Name="widgets" EntityType="graph.widget" />
        <Singleton Name="security" Type="graph.security" />
      </EntityContainer>
    </Schema>
    <Schema Namespace="microsoft.graph.security" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="alert" BaseType="graph.entity">
        <Property Name="severity" Type="microsoft.graph.security.alertSeverity" Nullable="false" />
        <Property Name="evidence" Type="Collection(microsoft.graph.security.evidence)" />
      </EntityType>
      <ComplexType Name="evidence">
        <Property Name="createdDateTime" Type="Edm.DateTimeOffset" />
      </ComplexType>
      <EnumType Name="alertSeverity">
        <Member Name="low" Value="1" />
        <Member Name="high" Value="3" />
      </EnumType>
    </Schema>
{EDMX_CLOSE}"#
    );
    Case {
        name: "features_per_area",
        metadata: csdl,
        overlays: vec![],
        select: vec!["*"],
    }
}

pub fn simple_entity_with_every_primitive() -> Case {
    let csdl = graph(&format!(
        r#"{ENTITY}
      <EntityType Name="widget" BaseType="graph.entity">
        <Property Name="displayName" Type="Edm.String" />
        <Property Name="enabled" Type="Edm.Boolean" Nullable="false" />
        <Property Name="size" Type="Edm.Int64" />
        <Property Name="count" Type="Edm.Int32" Nullable="false" />
        <Property Name="small" Type="Edm.Int16" />
        <Property Name="tiny" Type="Edm.Byte" />
        <Property Name="signed" Type="Edm.SByte" />
        <Property Name="ratio" Type="Edm.Double" />
        <Property Name="weight" Type="Edm.Single" />
        <Property Name="price" Type="Edm.Decimal" Scale="variable" />
        <Property Name="createdDateTime" Type="Edm.DateTimeOffset" Nullable="false" />
        <Property Name="day" Type="Edm.Date" />
        <Property Name="startTime" Type="Edm.TimeOfDay" />
        <Property Name="period" Type="Edm.Duration" />
        <Property Name="externalId" Type="Edm.Guid" />
        <Property Name="thumbprint" Type="Edm.Binary" />
        <Property Name="content" Type="Edm.Stream" />
        <Property Name="settings" Type="Edm.Untyped" />
        <Property Name="location" Type="Edm.GeographyPoint" />
        <Property Name="tags" Type="Collection(Edm.String)" />
      </EntityType>"#
    ));
    Case {
        name: "simple_entity_with_every_primitive",
        metadata: csdl,
        overlays: vec![],
        select: vec!["widget"],
    }
}

pub fn derived_complex_type_becomes_an_enum() -> Case {
    let csdl = graph(
        r#"      <ComplexType Name="shape" Abstract="true">
        <Property Name="label" Type="Edm.String" />
      </ComplexType>
      <ComplexType Name="circle" BaseType="graph.shape">
        <Property Name="radius" Type="Edm.Double" Nullable="false" />
      </ComplexType>
      <ComplexType Name="square" BaseType="graph.shape">
        <Property Name="side" Type="Edm.Double" Nullable="false" />
      </ComplexType>
      <ComplexType Name="drawing">
        <Property Name="shape" Type="graph.shape" />
        <Property Name="shapes" Type="Collection(graph.shape)" />
      </ComplexType>"#,
    );
    Case {
        name: "derived_complex_type_becomes_an_enum",
        metadata: csdl,
        overlays: vec![],
        select: vec!["drawing"],
    }
}

pub fn flags_enum_is_a_set() -> Case {
    let csdl = graph(
        r#"      <EnumType Name="dayOfWeek" IsFlags="true">
        <Member Name="monday" Value="1" />
        <Member Name="tuesday" Value="2" />
        <Member Name="wednesday" Value="4" />
      </EnumType>
      <ComplexType Name="schedule">
        <Property Name="days" Type="graph.dayOfWeek" Nullable="false" />
      </ComplexType>"#,
    );
    Case {
        name: "flags_enum_is_a_set",
        metadata: csdl,
        overlays: vec![],
        select: vec!["schedule"],
    }
}

pub fn open_enum_keeps_unknown_members() -> Case {
    let csdl = graph(
        r#"      <EnumType Name="riskLevel" UnderlyingType="Edm.Byte">
        <Member Name="low" Value="0" />
        <Member Name="medium" Value="1" />
        <Member Name="high" Value="2" />
        <Member Name="unknownFutureValue" Value="99" />
      </EnumType>
      <Annotations Target="microsoft.graph.riskLevel">
        <Annotation Term="Org.OData.Core.V1.Description" String="How risky something is." />
      </Annotations>
      <Annotations Target="microsoft.graph.riskLevel/high">
        <Annotation Term="Org.OData.Core.V1.Description" String="Act now." />
      </Annotations>"#,
    );
    Case {
        name: "open_enum_keeps_unknown_members",
        metadata: csdl,
        overlays: vec![],
        select: vec!["riskLevel"],
    }
}

pub fn nullable_and_required_properties() -> Case {
    let csdl = graph(
        r#"      <ComplexType Name="contact">
        <Property Name="nickname" Type="Edm.String" />
        <Property Name="name" Type="Edm.String" Nullable="false" />
        <Property Name="emails" Type="Collection(Edm.String)" />
        <Property Name="phones" Type="Collection(Edm.String)" Nullable="false" />
      </ComplexType>"#,
    );
    Case {
        name: "nullable_and_required_properties",
        metadata: csdl,
        overlays: vec![],
        select: vec!["contact"],
    }
}

pub fn keyword_properties_and_types() -> Case {
    let csdl = graph(
        r#"      <ComplexType Name="self">
        <Property Name="type" Type="Edm.String" />
        <Property Name="case" Type="Edm.String" />
        <Property Name="set" Type="Edm.String" />
        <Property Name="from" Type="Edm.String" />
        <Property Name="self" Type="Edm.String" />
        <Property Name="Self" Type="Edm.String" />
        <Property Name="match" Type="Edm.String" />
        <Property Name="3dModel" Type="Edm.String" />
      </ComplexType>
      <EnumType Name="case">
        <Member Name="self" Value="0" />
        <Member Name="other" Value="1" />
      </EnumType>"#,
    );
    Case {
        name: "keyword_properties_and_types",
        metadata: csdl,
        overlays: vec![],
        select: vec!["self", "case"],
    }
}

pub fn names_that_collide_after_casing() -> Case {
    let csdl = graph(
        r#"      <ComplexType Name="alert">
        <Property Name="displayName" Type="Edm.String" />
        <Property Name="DisplayName" Type="Edm.String" />
        <Property Name="odataType" Type="Edm.String" />
      </ComplexType>
      <ComplexType Name="Alert">
        <Property Name="id" Type="Edm.String" />
      </ComplexType>"#,
    );
    Case {
        name: "names_that_collide_after_casing",
        metadata: csdl,
        overlays: vec![],
        select: vec!["alert", "Alert"],
    }
}

pub fn alias_in_a_second_schema() -> Case {
    let csdl = format!(
        r#"{EDMX_OPEN}
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
{ENTITY}
    </Schema>
    <Schema Namespace="microsoft.graph.security" Alias="self" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="alertSeverity">
        <Member Name="low" Value="1" />
        <Member Name="high" Value="3" />
      </EnumType>
      <EntityType Name="alert" BaseType="graph.entity">
        <Property Name="severity" Type="self.alertSeverity" Nullable="false" />
        <Property Name="evidence" Type="Collection(microsoft.graph.security.evidence)" />
      </EntityType>
      <ComplexType Name="evidence">
        <Property Name="createdDateTime" Type="Edm.DateTimeOffset" />
      </ComplexType>
    </Schema>
{EDMX_CLOSE}"#
    );
    Case {
        name: "alias_in_a_second_schema",
        metadata: csdl,
        overlays: vec![],
        select: vec!["microsoft.graph.security.alert"],
    }
}

pub fn overlay_adds_a_derived_type_and_a_property() -> Case {
    let csdl = graph(
        r#"      <ComplexType Name="target" Abstract="true" />
      <ComplexType Name="groupTarget" BaseType="graph.target">
        <Property Name="groupId" Type="Edm.String" />
      </ComplexType>
      <ComplexType Name="assignment">
        <Property Name="target" Type="graph.target" />
      </ComplexType>"#,
    );
    let overlay = graph(
        r#"      <ComplexType Name="scopeTagTarget" BaseType="graph.target">
        <Property Name="entraObjectId" Type="Edm.String" />
      </ComplexType>
      <ComplexType Name="assignment">
        <Property Name="intent" Type="Edm.String" />
      </ComplexType>"#,
    );
    Case {
        name: "overlay_adds_a_derived_type_and_a_property",
        metadata: csdl,
        overlays: vec![overlay],
        select: vec!["assignment"],
    }
}

pub fn deprecated_type_and_property() -> Case {
    let csdl = graph(
        r#"      <ComplexType Name="legacyReport">
        <Property Name="oldField" Type="Edm.String" />
        <Property Name="newField" Type="Edm.String" />
      </ComplexType>
      <Annotations Target="microsoft.graph.legacyReport">
        <Annotation Term="Org.OData.Core.V1.Revisions">
          <Collection>
            <Record>
              <PropertyValue Property="Date" Date="2024-04-10" />
              <PropertyValue Property="Description" String="Use the new report instead." />
              <PropertyValue Property="Kind">
                <EnumMember>Org.OData.Core.V1.RevisionKind/Deprecated</EnumMember>
              </PropertyValue>
              <PropertyValue Property="RemovalDate" Date="2026-04-10" />
              <PropertyValue Property="Version" String="2024-04/Reports" />
            </Record>
          </Collection>
        </Annotation>
      </Annotations>
      <Annotations Target="microsoft.graph.legacyReport/oldField">
        <Annotation Term="Org.OData.Core.V1.Revisions">
          <Collection>
            <Record>
              <PropertyValue Property="Kind">
                <EnumMember>Org.OData.Core.V1.RevisionKind/Deprecated</EnumMember>
              </PropertyValue>
              <PropertyValue Property="Description" String="Read newField." />
            </Record>
          </Collection>
        </Annotation>
      </Annotations>"#,
    );
    Case {
        name: "deprecated_type_and_property",
        metadata: csdl,
        overlays: vec![],
        select: vec!["legacyReport"],
    }
}

pub fn recursive_type_is_boxed() -> Case {
    let csdl = graph(
        r#"      <ComplexType Name="folder">
        <Property Name="name" Type="Edm.String" />
        <Property Name="parent" Type="graph.folder" />
        <Property Name="children" Type="Collection(graph.folder)" />
      </ComplexType>"#,
    );
    Case {
        name: "recursive_type_is_boxed",
        metadata: csdl,
        overlays: vec![],
        select: vec!["folder"],
    }
}

pub fn requests_for_a_small_path() -> Case {
    let csdl = graph(&format!(
        r#"{ENTITY}
      <EntityType Name="widget" BaseType="graph.entity">
        <Property Name="name" Type="Edm.String" />
        <NavigationProperty Name="parts" Type="Collection(graph.part)" ContainsTarget="true" />
        <NavigationProperty Name="internals" Type="Collection(graph.part)" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="part" BaseType="graph.entity">
        <Property Name="weight" Type="Edm.Double" />
      </EntityType>
      <EnumType Name="finish">
        <Member Name="matte" Value="0" />
        <Member Name="gloss" Value="1" />
      </EnumType>
      <Action Name="polish" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.widget" />
        <Parameter Name="level" Type="Edm.Int32" Nullable="false" />
        <Parameter Name="finish" Type="graph.finish" Nullable="false" />
        <Parameter Name="note" Type="Edm.String" />
        <ReturnType Type="graph.part" />
      </Action>
      <Function Name="weigh" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.widget" />
        <Parameter Name="unit" Type="Edm.String" />
        <Parameter Name="widgetId" Type="Edm.String" />
        <Parameter Name="on" Type="Edm.Date" Nullable="false" />
        <Parameter Name="over" Type="Edm.Duration" Nullable="false" />
        <ReturnType Type="Edm.Double" />
      </Function>
      <Function Name="blueprint" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.widget" />
        <ReturnType Type="Edm.Stream" />
      </Function>
      <EntityContainer Name="GraphService">
        <EntitySet Name="widgets" EntityType="graph.widget" />
      </EntityContainer>
      <Annotations Target="microsoft.graph.widget/parts">
        <Annotation Term="Org.OData.Core.V1.Description" String="The parts of the widget." />
        <Annotation Term="Org.OData.Capabilities.V1.InsertRestrictions">
          <Record><PropertyValue Property="Insertable" Bool="false" /></Record>
        </Annotation>
        <Annotation Term="Org.OData.Capabilities.V1.DeleteRestrictions">
          <Record><PropertyValue Property="Deletable" Bool="false" /></Record>
        </Annotation>
        <Annotation Term="Org.OData.Capabilities.V1.TopSupported" Bool="false" />
        <Annotation Term="Org.OData.Capabilities.V1.SearchRestrictions">
          <Record><PropertyValue Property="Searchable" Bool="false" /></Record>
        </Annotation>
      </Annotations>
      <Annotations Target="microsoft.graph.widget/internals">
        <Annotation Term="Org.OData.Capabilities.V1.NavigationRestrictions">
          <Record>
            <PropertyValue Property="Navigability">
              <EnumMember>Org.OData.Capabilities.V1.NavigationType/None</EnumMember>
            </PropertyValue>
          </Record>
        </Annotation>
      </Annotations>"#
    ));
    Case {
        name: "requests_for_a_small_path",
        metadata: csdl,
        overlays: vec![],
        select: vec!["widget", "part", "finish"],
    }
}

pub fn empty_enum() -> Case {
    let csdl = graph(
        r#"      <EnumType Name="nothing" />
      <ComplexType Name="holder">
        <Property Name="n" Type="graph.nothing" Nullable="false" />
      </ComplexType>"#,
    );
    Case {
        name: "empty_enum",
        metadata: csdl,
        overlays: vec![],
        select: vec!["holder"],
    }
}
