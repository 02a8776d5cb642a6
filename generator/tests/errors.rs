//! Malformed metadata: each case gives exactly this error, at this file:line:column, and
//! every error of a phase is reported at once.

use graphgen::{Api, ErrorKind, Errors, Source};

const OPEN: &str = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
<edmx:DataServices>
<Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
"#;
const CLOSE: &str = "</Schema>\n</edmx:DataServices>\n</edmx:Edmx>\n";

/// A document whose schema holds `body`; the body starts on line 4.
fn doc(body: &str) -> String {
    format!("{OPEN}{body}\n{CLOSE}")
}

/// One API version `v` read from `text` as `name`, with `overlays`, selecting `select`.
fn api(name: &str, text: String, overlays: &[&str], select: &str) -> Api {
    Api {
        module: "v".into(),
        metadata: Source::new(name, text),
        overlays: overlays
            .iter()
            .map(|o| Source::new("overlay.xml", *o))
            .collect(),
        select: vec![select.into()],
        depth: graphgen::DEFAULT_DEPTH,
        pages: Vec::new(),
    }
}

/// The files generated from one document `text`, read as `name`, selecting `select`.
fn generate(
    name: &str,
    text: String,
    select: &str,
) -> std::collections::BTreeMap<std::path::PathBuf, String> {
    graphgen::generate(&[api(name, text, &[], select)])
        .unwrap_or_else(|e| panic!("{e}"))
        .files
}

fn errors_of(metadata: impl Into<String>, overlays: &[&str]) -> Errors {
    match graphgen::generate(&[api("bad.xml", metadata.into(), overlays, "*")]) {
        Ok(_) => panic!("expected an error"),
        Err(errors) => errors,
    }
}

/// The rendered errors, one per line.
fn rendered(errors: &Errors) -> Vec<String> {
    errors.0.iter().map(|e| e.to_string()).collect()
}

fn single(metadata: impl Into<String>) -> (ErrorKind, String) {
    let errors = errors_of(metadata, &[]);
    assert_eq!(errors.0.len(), 1, "{errors}");
    (errors.0[0].kind, errors.0[0].to_string())
}

#[test]
fn truncated_xml() {
    let text =
        doc(r#"<ComplexType Name="a"><Property Name="x" Type="Edm.String" /></ComplexType>"#);
    let cut = &text[..text.find("</Schema>").unwrap()];
    assert_eq!(
        single(cut),
        (
            ErrorKind::Xml,
            "bad.xml:5:1: the document ends inside <Schema> opened at bad.xml:3:1".into()
        )
    );
}

#[test]
fn mismatched_closing_tag() {
    let (kind, message) = single(doc(r#"<ComplexType Name="a"></EntityType>"#));
    assert_eq!(kind, ErrorKind::Xml);
    assert!(message.starts_with("bad.xml:4:23: "), "{message}");
    assert!(message.contains("EntityType"), "{message}");
}

/// Markup that is not closed, or not XML, is an error where it starts; so is an `&` that
/// starts no reference, and an end tag with nothing open to close.
#[test]
fn broken_markup_is_an_xml_error_where_it_starts() {
    let cases = [
        (
            doc("<!-- a comment that never ends"),
            "bad.xml:4:1: the document ends inside a comment",
        ),
        (
            doc(r#"<ComplexType Name="a"><![CDATA[ never ends </ComplexType>"#),
            "bad.xml:4:23: the document ends inside a CDATA section",
        ),
        (
            doc("<?pi never ends"),
            "bad.xml:4:1: the document ends inside a processing instruction",
        ),
        (
            doc("<? pi?>"),
            "bad.xml:4:1: a processing instruction has no target name after `<?`",
        ),
        (
            doc("<!ELEMENT a ANY>"),
            "bad.xml:4:1: `<!` starts no comment, CDATA section or document type declaration",
        ),
        (
            doc(r#"<ComplexType Name="a">fish & chips</ComplexType>"#),
            "bad.xml:4:28: an `&` in text starts no entity reference such as `&amp;`",
        ),
        (
            doc(r#"<ComplexType Name="a">&nbsp;</ComplexType>"#),
            "bad.xml:4:23: unknown entity reference `&nbsp;`",
        ),
        (
            doc(r#"<Complex"Type Name="a"/>"#),
            "bad.xml:4:1: a `\"` is not allowed in a tag's name",
        ),
        (
            doc(r#"<ComplexType Na'me="a"/>"#),
            "bad.xml:4:1: a `'` is not allowed in an attribute's name",
        ),
        (
            doc(r#"<ComplexType Name="a"/ >"#),
            "bad.xml:4:1: a `/` in a tag is not followed by `>`",
        ),
        (
            format!("{OPEN}{CLOSE}</edmx:Edmx>"),
            "bad.xml:7:1: </edmx:Edmx> closes no element",
        ),
        (
            format!("{OPEN}</Schema>\n</edmx:DataServices>\n<edmx:Edmx"),
            "bad.xml:6:1: the document ends inside this tag",
        ),
        (
            format!("{OPEN}{CLOSE}<!-- fine --> but not this"),
            "bad.xml:7:14: text outside the root element",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(single(text), (ErrorKind::Xml, expected.to_string()));
    }
}

#[test]
fn a_malformed_attribute_is_an_xml_error_at_its_tag() {
    let cases = [
        (
            r#"<ComplexType Name="a"><Property Name="p" Type=Edm.String/></ComplexType>"#,
            "bad.xml:4:23: the value of the attribute `Type` is not in quotes",
        ),
        (
            r#"<ComplexType Name="a"><Property Name="p" Nullable/></ComplexType>"#,
            "bad.xml:4:23: the attribute `Nullable` has no `=` and value",
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(single(doc(body)), (ErrorKind::Xml, expected.to_string()));
    }
    let (kind, message) = single(doc(
        r#"<ComplexType Name="a"><Property Name="p &nope;" Type="Edm.String"/></ComplexType>"#,
    ));
    assert_eq!(kind, ErrorKind::Xml);
    assert!(
        message.starts_with("bad.xml:4:23: the value of the attribute `Name`: "),
        "{message}"
    );
}

#[test]
fn an_attribute_given_twice() {
    let attrs = (0..20).map(|i| format!(" a{i}=\"x\"")).collect::<String>();
    let cases = [
        (
            r#"<ComplexType Name="a"><Property Name="p" Type="Edm.String" Name="q"/></ComplexType>"#
                .to_string(),
            "bad.xml:4:23: the attribute `Name` is given twice",
        ),
        // Among many.
        (
            format!(r#"<ComplexType Name="a"{attrs} a17="y"/>"#),
            "bad.xml:4:1: the attribute `a17` is given twice",
        ),
        // A namespace declaration too.
        (
            r#"<ComplexType Name="a" xmlns:x="urn:x" xmlns:x="urn:y"/>"#.to_string(),
            "bad.xml:4:1: the attribute `xmlns:x` is given twice",
        ),
        (
            r#"<ComplexType Name="a" xmlns="urn:x" xmlns:x="urn:y" xmlns="urn:z"/>"#.to_string(),
            "bad.xml:4:1: the attribute `xmlns` is given twice",
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(single(doc(&body)), (ErrorKind::Xml, expected.to_string()));
    }
    // Names that differ only in their prefix are different names.
    let body = r#"<ComplexType Name="a" xmlns:x="urn:x" x:Name="b"/>"#;
    assert!(graphgen::generate(&[api("good.xml", doc(body), &[], "*")]).is_ok());
}

/// The reader skips what it does not ask about, an element of a foreign namespace included,
/// and still finds broken XML inside it.
#[test]
fn broken_xml_inside_a_skipped_element() {
    let (kind, message) = single(doc(r#"<Foo xmlns="urn:x"><a></b></Foo>"#));
    assert_eq!(kind, ErrorKind::Xml);
    assert!(message.starts_with("bad.xml:4:"), "{message}");
}

#[test]
fn missing_edm_namespace() {
    let text = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
<edmx:DataServices>
<Schema Namespace="microsoft.graph"><ComplexType Name="a" /></Schema>
</edmx:DataServices>
</edmx:Edmx>"#;
    assert_eq!(
        single(text),
        (
            ErrorKind::Csdl,
            "bad.xml:3:1: <Schema> must be in the CSDL namespace `http://docs.oasis-open.org/odata/ns/edm` (xmlns=\"http://docs.oasis-open.org/odata/ns/edm\")".into()
        )
    );
}

#[test]
fn wrong_edmx_namespace() {
    let text =
        r#"<edmx:Edmx xmlns:edmx="http://example.com/not-edmx"><edmx:DataServices /></edmx:Edmx>"#;
    assert_eq!(
        single(text),
        (
            ErrorKind::Csdl,
            "bad.xml:1:1: <Edmx> is not in the EDMX namespace `http://docs.oasis-open.org/odata/ns/edmx`; is this a CSDL document?".into()
        )
    );
}

#[test]
fn unknown_type_reference() {
    let text = doc(r#"<ComplexType Name="a">
  <Property Name="x" Type="graph.missing" />
</ComplexType>"#);
    assert_eq!(
        single(text),
        (
            ErrorKind::Unresolved,
            "bad.xml:5:3: unknown type `graph.missing`".into()
        )
    );
}

#[test]
fn unknown_alias() {
    let text = doc(r#"<ComplexType Name="a">
  <Property Name="x" Type="nope.thing" />
</ComplexType>"#);
    assert_eq!(
        single(text),
        (
            ErrorKind::Unresolved,
            "bad.xml:5:3: unknown namespace or alias `nope` in type name `nope.thing`".into()
        )
    );
}

#[test]
fn unknown_edm_primitive() {
    let text = doc(r#"<ComplexType Name="a"><Property Name="x" Type="Edm.Text" /></ComplexType>"#);
    assert_eq!(
        single(text),
        (
            ErrorKind::Unresolved,
            "bad.xml:4:23: `Edm.Text` is not an Edm primitive type".into()
        )
    );
}

#[test]
fn base_type_cycle() {
    let text = doc(r#"<ComplexType Name="a" BaseType="graph.c" />
<ComplexType Name="b" BaseType="graph.a" />
<ComplexType Name="c" BaseType="graph.b" />"#);
    assert_eq!(
        single(text),
        (
            ErrorKind::Cycle,
            "bad.xml:4:1: base types form a cycle: microsoft.graph.a -> microsoft.graph.c -> microsoft.graph.b -> microsoft.graph.a".into()
        )
    );
}

/// Chains that lead into a cycle, or into another chain already walked, report nothing more:
/// each cycle is reported once, against the first of its types, and cut there.
#[test]
fn each_cycle_is_reported_once_however_many_chains_lead_into_it() {
    let text = doc(r#"<ComplexType Name="e" BaseType="graph.d" />
<ComplexType Name="d" BaseType="graph.b" />
<ComplexType Name="a" BaseType="graph.c" />
<ComplexType Name="b" BaseType="graph.a" />
<ComplexType Name="c" BaseType="graph.b" />
<ComplexType Name="f" />
<ComplexType Name="g" BaseType="graph.f" />
<ComplexType Name="h" BaseType="graph.g" />
<ComplexType Name="y" BaseType="graph.x" />
<ComplexType Name="x" BaseType="graph.y" />"#);
    assert_eq!(
        rendered(&errors_of(text, &[])),
        [
            "bad.xml:6:1: base types form a cycle: microsoft.graph.a -> microsoft.graph.c -> microsoft.graph.b -> microsoft.graph.a",
            "bad.xml:13:1: base types form a cycle: microsoft.graph.x -> microsoft.graph.y -> microsoft.graph.x",
        ]
    );
}

#[test]
fn duplicate_type() {
    let text = doc(r#"<ComplexType Name="a" />
<EnumType Name="a"><Member Name="x" /></EnumType>"#);
    assert_eq!(
        single(text),
        (
            ErrorKind::Duplicate,
            "bad.xml:5:1: type `microsoft.graph.a` is declared twice; first at bad.xml:4:1".into()
        )
    );
}

#[test]
fn every_later_declaration_of_a_name_is_reported_against_the_first() {
    let text = doc(r#"<ComplexType Name="b" />
<ComplexType Name="a" />
<EnumType Name="b"><Member Name="x" /></EnumType>
<TypeDefinition Name="a" UnderlyingType="Edm.String" />
<ComplexType Name="b" />"#);
    assert_eq!(
        rendered(&errors_of(text, &[])),
        [
            "bad.xml:6:1: type `microsoft.graph.b` is declared twice; first at bad.xml:4:1",
            "bad.xml:7:1: type `microsoft.graph.a` is declared twice; first at bad.xml:5:1",
            "bad.xml:8:1: type `microsoft.graph.b` is declared twice; first at bad.xml:4:1",
        ]
    );
}

/// A large document's declarations are sorted in two halves on two threads: a name declared
/// in both halves, and twice in the later one, is still kept from its first declaration.
#[test]
fn a_name_declared_in_both_halves_of_a_large_document_keeps_its_first_declaration() {
    let others: String = (0..600)
        .map(|i| format!("<ComplexType Name=\"t{i:03}\" />\n"))
        .collect();
    // `z` on line 4, in the first half; again on lines 605 and 606, in the second.
    let text = doc(&format!(
        r#"<ComplexType Name="z" />
{others}<EnumType Name="z"><Member Name="x" /></EnumType>
<ComplexType Name="z" />
<ComplexType Name="t000" />"#
    ));
    assert_eq!(
        rendered(&errors_of(text, &[])),
        [
            "bad.xml:605:1: type `microsoft.graph.z` is declared twice; first at bad.xml:4:1",
            "bad.xml:606:1: type `microsoft.graph.z` is declared twice; first at bad.xml:4:1",
            "bad.xml:607:1: type `microsoft.graph.t000` is declared twice; first at bad.xml:5:1",
        ]
    );
}

#[test]
fn a_member_declared_twice() {
    let cases = [
        (
            r#"<ComplexType Name="a">
  <Property Name="x" Type="Edm.String" />
  <Property Name="x" Type="graph.nowhere" />
</ComplexType>"#,
            "bad.xml:6:3: `microsoft.graph.a` declares `x` twice",
        ),
        (
            r#"<EnumType Name="a">
  <Member Name="x" Value="1" />
  <Member Name="y" Value="2" />
  <Member Name="x" Value="three" />
</EnumType>"#,
            "bad.xml:7:3: `microsoft.graph.a` declares `x` twice",
        ),
        (
            r#"<EntityType Name="a">
  <Key><PropertyRef Name="id" /></Key>
  <Property Name="id" Type="Edm.String" Nullable="false" />
  <NavigationProperty Name="id" Type="graph.nowhere" />
</EntityType>"#,
            "bad.xml:7:3: `microsoft.graph.a` declares `id` twice",
        ),
    ];
    // Many members are checked another way than a few.
    let many: String = (0..20)
        .map(|i| format!("  <Member Name=\"m{i}\" />\n"))
        .collect();
    let many =
        format!("<EnumType Name=\"a\">\n{many}  <Member Name=\"m3\" Value=\"x\" />\n</EnumType>");
    let cases = cases
        .into_iter()
        .map(|(body, expected)| (body.to_string(), expected))
        .chain([(
            many,
            "bad.xml:25:3: `microsoft.graph.a` declares `m3` twice",
        )]);
    // The first declaration is kept and the later one left out whole: what is wrong in the
    // later one itself (an unknown type, a value that is not an integer) is not reported.
    for (body, expected) in cases {
        assert_eq!(
            single(doc(&body)),
            (ErrorKind::Duplicate, expected.to_string())
        );
    }
    // A second declaration is reported even when the first is wrong in itself: both are
    // fixed in one pass.
    let errors = errors_of(
        doc(r#"<EnumType Name="a">
  <Member Name="x" Value="one" />
  <Member Name="x" Value="1" />
</EnumType>"#),
        &[],
    );
    assert_eq!(
        rendered(&errors),
        [
            "bad.xml:5:3: enum member `microsoft.graph.a/x` has the value `one`, which is not an integer",
            "bad.xml:6:3: `microsoft.graph.a` declares `x` twice",
        ]
    );
}

#[test]
fn property_redeclared_from_a_base_type() {
    let text = doc(
        r#"<ComplexType Name="a"><Property Name="x" Type="Edm.String" /></ComplexType>
<ComplexType Name="b" BaseType="graph.a">
  <Property Name="x" Type="Edm.String" />
</ComplexType>"#,
    );
    assert_eq!(
        single(text),
        (
            ErrorKind::Duplicate,
            "bad.xml:6:3: `microsoft.graph.b` redeclares `x`, which it inherits".into()
        )
    );
}

/// Names inherited from further up, through a base that several types share, and names
/// with the length of an inherited one modulo 64 (which the check first tells apart by
/// length): `ll` and `zz` are not inherited, though 66 letters are.
#[test]
fn names_redeclared_from_any_base_type_up_the_line() {
    let long = "l".repeat(66);
    let text = doc(&format!(
        r#"<ComplexType Name="a"><Property Name="x" Type="Edm.String" /><Property Name="{long}" Type="Edm.String" /></ComplexType>
<ComplexType Name="b" BaseType="graph.a"><Property Name="y" Type="Edm.String" /></ComplexType>
<ComplexType Name="c" BaseType="graph.b"><Property Name="x" Type="Edm.String" /><Property Name="zz" Type="Edm.String" /></ComplexType>
<ComplexType Name="d" BaseType="graph.b"><Property Name="ll" Type="Edm.String" /><Property Name="y" Type="Edm.String" /><Property Name="{long}" Type="Edm.String" /></ComplexType>"#
    ));
    assert_eq!(
        rendered(&errors_of(text, &[])),
        [
            "bad.xml:6:42: `microsoft.graph.c` redeclares `x`, which it inherits".to_string(),
            "bad.xml:7:82: `microsoft.graph.d` redeclares `y`, which it inherits".to_string(),
            format!("bad.xml:7:121: `microsoft.graph.d` redeclares `{long}`, which it inherits"),
        ]
    );
}

#[test]
fn bad_collection_syntax() {
    let text = doc(r#"<ComplexType Name="a">
  <Property Name="x" Type="Collection(Edm.String" />
</ComplexType>"#);
    assert_eq!(
        single(text),
        (
            ErrorKind::Csdl,
            "bad.xml:5:3: `Collection(Edm.String` is not a type name or Collection(type name)"
                .into()
        )
    );
}

#[test]
fn key_on_a_complex_type() {
    let text = doc(r#"<ComplexType Name="a">
  <Key><PropertyRef Name="id" /></Key>
  <Property Name="id" Type="Edm.String" />
</ComplexType>"#);
    assert_eq!(
        single(text),
        (
            ErrorKind::Csdl,
            "bad.xml:5:3: complex type `a` has a Key; only entity types have keys".into()
        )
    );
}

#[test]
fn enum_value_out_of_range_for_its_underlying_type() {
    let text = doc(r#"<EnumType Name="level" UnderlyingType="Edm.Byte">
  <Member Name="low" Value="0" />
  <Member Name="huge" Value="256" />
</EnumType>"#);
    assert_eq!(
        single(text),
        (
            ErrorKind::Csdl,
            "bad.xml:6:3: enum member `microsoft.graph.level/huge` has the value 256, out of range for Byte (0 to 255)".into()
        )
    );
}

#[test]
fn invalid_utf8() {
    let mut bytes = format!("{OPEN}<ComplexType Name=\"caf").into_bytes();
    bytes.push(0xe9);
    bytes.extend_from_slice(format!("\" />\n{CLOSE}").as_bytes());
    let error = Source::from_bytes("bad.xml", bytes).unwrap_err();
    assert_eq!(error.kind, ErrorKind::InvalidUtf8);
    assert_eq!(
        error.to_string(),
        "bad.xml:4:23: the document is not valid UTF-8"
    );
}

#[test]
fn entity_declarations_are_refused_not_expanded() {
    let text = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY boom \"boom\">]>\n{}",
        doc(r#"<ComplexType Name="&boom;" />"#)
    );
    assert_eq!(
        single(text),
        (
            ErrorKind::Xml,
            "bad.xml:2:1: document type declarations are not allowed in CSDL (entities are never expanded)".into()
        )
    );
}

#[test]
fn unknown_entity_reference() {
    let (kind, message) = single(doc(r#"<ComplexType Name="a&boom;" />"#));
    assert_eq!(kind, ErrorKind::Xml);
    assert!(message.starts_with("bad.xml:4:1: "), "{message}");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let text = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
    assert_eq!(
        single(text),
        (
            ErrorKind::Xml,
            "bad.xml:1:385: elements are nested more than 128 deep".into()
        )
    );
}

#[test]
fn missing_required_attribute_and_bad_boolean() {
    let text = doc(r#"<ComplexType Name="a" Abstract="yes">
  <Property Type="Edm.String" />
</ComplexType>"#);
    assert_eq!(
        rendered(&errors_of(text, &[])),
        [
            "bad.xml:4:1: `Abstract` must be true or false, not `yes`",
            "bad.xml:5:3: <Property> needs a `Name` attribute",
        ]
    );
}

#[test]
fn overlay_that_redeclares_a_property_collides() {
    let base =
        doc(r#"<ComplexType Name="a"><Property Name="x" Type="Edm.String" /></ComplexType>"#);
    let overlay = doc(
        r#"<ComplexType Name="a"><Property Name="x" Type="Edm.Int32" /></ComplexType>
<EnumType Name="a" />"#,
    );
    let errors = errors_of(base, &[&overlay]);
    assert!(errors.0.iter().all(|e| e.kind == ErrorKind::Overlay));
    assert_eq!(
        rendered(&errors),
        [
            "overlay.xml:4:23: overlay collides with the schema at `microsoft.graph.a/x`: the overlay redeclares an existing property",
            "overlay.xml:5:1: overlay collides with the schema at `microsoft.graph.a`: the overlay declares an enum type whose name the schema uses for a structured type",
        ]
    );
}

#[test]
fn every_error_of_a_phase_is_reported_together_in_order() {
    let text = doc(r#"<ComplexType Name="a">
  <Property Name="x" Type="graph.nope" />
  <Property Name="y" Type="other.thing" />
</ComplexType>
<EntityType Name="e" BaseType="graph.missing" />"#);
    let errors = errors_of(text, &[]);
    assert_eq!(
        rendered(&errors),
        [
            "bad.xml:5:3: unknown type `graph.nope`",
            "bad.xml:6:3: unknown namespace or alias `other` in type name `other.thing`",
            "bad.xml:8:1: unknown type `graph.missing`",
        ]
    );
    assert_eq!(errors.0[0].name.as_deref(), Some("graph.nope"));
}

/// Operations are resolved in order of name, in chunks on two threads: their errors are
/// reported in document order all the same.
#[test]
fn the_errors_of_operations_are_reported_in_document_order() {
    let bad = |name: &str, ty: &str| {
        format!(
            r#"<Function Name="{name}"><Parameter Name="p" Type="{ty}" /><ReturnType Type="Edm.String" /></Function>"#
        )
    };
    let fine: String = (0..150)
        .map(|i| format!("\n{}", bad(&format!("m{i:03}"), "Edm.String")))
        .collect();
    let text = doc(&format!(
        "{}{fine}\n{}\n{}{fine}\n{}",
        bad("zeta", "graph.z"),
        bad("alpha", "graph.a"),
        r#"<Action Name="beta" IsBound="true" />"#,
        bad("alpha", "graph.b"),
    ));
    let errors = errors_of(text, &[]);
    assert_eq!(
        rendered(&errors),
        [
            "bad.xml:4:23: unknown type `graph.z`",
            "bad.xml:155:24: unknown type `graph.a`",
            "bad.xml:156:1: bound operation `microsoft.graph.beta` has no binding parameter",
            "bad.xml:307:24: unknown type `graph.b`",
        ]
    );
}

#[test]
fn a_50_mb_attribute_is_refused_as_a_name_and_kept_as_a_description() {
    let huge = "x".repeat(50 * 1024 * 1024);
    let text = doc(&format!(r#"<ComplexType Name="{huge}" />"#));
    assert_eq!(
        single(text),
        (
            ErrorKind::Csdl,
            format!("bad.xml:4:1: <ComplexType> has a Name of {} characters; CSDL names have at most 128", huge.len())
        )
    );
    // As an annotation value it is just long text.
    let text = doc(&format!(
        r#"<ComplexType Name="a" />
<Annotations Target="microsoft.graph.a"><Annotation Term="Org.OData.Core.V1.Description" String="{huge}" /></Annotations>"#
    ));
    let document = graphgen::csdl::read(&Source::new("big.xml", text)).unwrap();
    let model = graphgen::model::resolve(document, Vec::new()).unwrap();
    let a = model.find("microsoft.graph.a").unwrap();
    assert_eq!(
        model.get(a).notes.description.as_ref().map(String::len),
        Some(huge.len())
    );
}

#[test]
fn a_byte_order_mark_before_the_declaration_is_read() {
    let text = format!(
        "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{}",
        doc(r#"<ComplexType Name="a" />"#)
    );
    let files = generate("bom.xml", text, "a");
    assert!(files[std::path::Path::new("v/models/mod.rs")].contains("pub struct A {"));
}

/// Every mark before the text is skipped, and counted: the locations are those of the text.
#[test]
fn locations_after_several_byte_order_marks_are_those_of_the_text() {
    for marks in 1..=3 {
        let text = format!(
            "{}{}",
            "\u{feff}".repeat(marks),
            doc(
                r#"<ComplexType Name="a"><Property Name="p" Type="graph.nowhere" /></ComplexType>"#
            )
        );
        assert_eq!(
            single(text),
            (
                ErrorKind::Unresolved,
                "bad.xml:4:23: unknown type `graph.nowhere`".to_string()
            ),
            "{marks} marks"
        );
    }
}

#[test]
fn an_empty_enum_and_a_schema_without_entity_types_generate() {
    let text = doc(r#"<EnumType Name="nothing" />
<ComplexType Name="holder"><Property Name="n" Type="graph.nothing" Nullable="false" /></ComplexType>"#);
    let files = generate("empty.xml", text, "holder");
    let models = &files[std::path::Path::new("v/models/mod.rs")];
    assert!(models.contains("pub enum Nothing {"));
    assert!(models.contains("pub n: ::std::option::Option<Nothing>,"));
    assert!(
        !files.keys().any(|p| p.starts_with("v/requests")),
        "no container, no requests"
    );
}

#[test]
fn a_large_schema_resolved_in_parts_reports_the_errors_of_every_part() {
    // Enough types that they are resolved on several threads; every tenth names a type that
    // does not exist.
    let body: String = (0..3000)
        .map(|i| {
            let ty = if i % 10 == 0 {
                format!("graph.missing{i:04}")
            } else {
                "Edm.String".to_string()
            };
            format!("<ComplexType Name=\"t{i:04}\"><Property Name=\"p\" Type=\"{ty}\"/></ComplexType>\n")
        })
        .collect();
    let errors = errors_of(doc(&body), &[]);
    let expected: Vec<String> = (0..3000)
        .step_by(10)
        .map(|i| format!("bad.xml:{}:27: unknown type `graph.missing{i:04}`", 4 + i))
        .collect();
    assert_eq!(rendered(&errors), expected);
}
