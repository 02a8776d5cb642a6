//! Typed values of the vocabulary annotations graphgen uses: Core (descriptions, revisions,
//! computed, permissions) and every Capabilities restriction.

use crate::csdl::{Annotation, Value};

/// What the Core vocabulary says about a model element.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Notes {
    pub description: Option<String>,
    pub long_description: Option<String>,
    pub revisions: Vec<Revision>,
    pub computed: bool,
    pub permissions: Option<Permission>,
}

impl Notes {
    /// The revision that deprecates the element, if any.
    pub fn deprecation(&self) -> Option<&Revision> {
        self.revisions
            .iter()
            .find(|r| r.kind == RevisionKind::Deprecated)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub kind: RevisionKind,
    pub version: Option<String>,
    pub date: Option<String>,
    pub removal_date: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevisionKind {
    Added,
    Modified,
    Deprecated,
}

/// `Core.Permissions` on a property: what a client may do with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    None,
    Read,
    Write,
    ReadWrite,
}

/// Every `Capabilities.*` annotation on a type, set, singleton or navigation property.
/// `None` means the annotation is absent (the default applies). Each restriction is boxed:
/// every type and navigation property holds these, and few have any (inline, they made a
/// resolved type 600 bytes, mostly empty).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Capabilities {
    pub insert: Option<Box<InsertRestrictions>>,
    pub update: Option<Box<UpdateRestrictions>>,
    pub delete: Option<Box<DeleteRestrictions>>,
    pub read: Option<Box<ReadRestrictions>>,
    pub navigation: Option<Box<NavigationRestrictions>>,
    pub count: Option<Box<CountRestrictions>>,
    pub expand: Option<Box<ExpandRestrictions>>,
    pub filter: Option<Box<FilterRestrictions>>,
    pub search: Option<Box<SearchRestrictions>>,
    pub sort: Option<Box<SortRestrictions>>,
    /// `SelectSupport/Supported` (and `SelectRestrictions/Selectable`).
    pub select_supported: Option<bool>,
    pub top_supported: Option<bool>,
    pub skip_supported: Option<bool>,
    pub skip_token_supported: Option<bool>,
    pub change_tracking: Option<Box<ChangeTracking>>,
}

impl Capabilities {
    /// These capabilities, with `fallback`'s wherever these say nothing.
    pub fn or(self, fallback: Capabilities) -> Capabilities {
        Capabilities {
            insert: self.insert.or(fallback.insert),
            update: self.update.or(fallback.update),
            delete: self.delete.or(fallback.delete),
            read: self.read.or(fallback.read),
            navigation: self.navigation.or(fallback.navigation),
            count: self.count.or(fallback.count),
            expand: self.expand.or(fallback.expand),
            filter: self.filter.or(fallback.filter),
            search: self.search.or(fallback.search),
            sort: self.sort.or(fallback.sort),
            select_supported: self.select_supported.or(fallback.select_supported),
            top_supported: self.top_supported.or(fallback.top_supported),
            skip_supported: self.skip_supported.or(fallback.skip_supported),
            skip_token_supported: self.skip_token_supported.or(fallback.skip_token_supported),
            change_tracking: self.change_tracking.or(fallback.change_tracking),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct InsertRestrictions {
    pub insertable: Option<bool>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct UpdateRestrictions {
    pub updatable: Option<bool>,
    pub upsertable: Option<bool>,
    /// `UpdateMethod`: `PATCH` or `PUT`.
    pub update_method: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeleteRestrictions {
    pub deletable: Option<bool>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadRestrictions {
    pub readable: Option<bool>,
    pub readable_by_key: Option<bool>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NavigationRestrictions {
    /// `Navigability`: `Recursive`, `Single` or `None`.
    pub navigability: Option<String>,
    pub referenceable: Option<bool>,
    /// Restrictions on named navigation properties: (path, navigability, the nested
    /// restrictions as capabilities).
    pub restricted: Vec<(String, Option<String>, Capabilities)>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct CountRestrictions {
    pub countable: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExpandRestrictions {
    pub expandable: Option<bool>,
    pub non_expandable: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FilterRestrictions {
    pub filterable: Option<bool>,
    pub required: Option<bool>,
    pub non_filterable: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchRestrictions {
    pub searchable: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SortRestrictions {
    pub sortable: Option<bool>,
    pub non_sortable: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChangeTracking {
    pub supported: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vocabulary {
    Core,
    Capabilities,
}

/// Splits `Org.OData.Core.V1.Description` (or `Core.Description`) into vocabulary and term.
fn vocabulary(term: &str) -> Option<(Vocabulary, &str)> {
    let (prefix, name) = term.rsplit_once('.')?;
    match prefix {
        "Org.OData.Core.V1" | "Core" => Some((Vocabulary::Core, name)),
        "Org.OData.Capabilities.V1" | "Capabilities" => Some((Vocabulary::Capabilities, name)),
        _ => None,
    }
}

/// The notes of an element that has no capabilities (a property, a parameter, an enum member,
/// an operation): [`apply`] with the capabilities dropped.
pub fn of(annotations: Vec<Annotation>) -> Notes {
    let mut notes = Notes::default();
    apply(annotations, &mut notes, &mut Capabilities::default());
    notes
}

/// Folds annotations into notes and capabilities; later annotations win, unknown ones are
/// skipped. The texts the notes keep are moved out of the annotations.
pub fn apply(annotations: Vec<Annotation>, notes: &mut Notes, caps: &mut Capabilities) {
    for annotation in annotations.into_iter().filter(|a| a.qualifier.is_none()) {
        let Some((vocab, term)) = vocabulary(&annotation.term) else {
            continue;
        };
        let v = annotation.value;
        match (vocab, term) {
            (Vocabulary::Core, "Description") => notes.description = string(v),
            (Vocabulary::Core, "LongDescription") => notes.long_description = string(v),
            (Vocabulary::Core, "Computed") => notes.computed = v.as_bool().unwrap_or(false),
            (Vocabulary::Core, "Permissions") => notes.permissions = permission(&v),
            (Vocabulary::Core, "Revisions") => {
                notes.revisions = v.items().iter().filter_map(revision).collect()
            }
            (Vocabulary::Capabilities, term) => capability(term, &v, caps),
            _ => {}
        }
    }
}

fn capability(term: &str, v: &Value, caps: &mut Capabilities) {
    match term {
        "InsertRestrictions" => {
            caps.insert = Some(Box::new(InsertRestrictions {
                insertable: flag(v, "Insertable"),
                description: field_string(v, "Description"),
            }))
        }
        "UpdateRestrictions" => {
            caps.update = Some(Box::new(UpdateRestrictions {
                updatable: flag(v, "Updatable"),
                upsertable: flag(v, "Upsertable"),
                update_method: v
                    .field("UpdateMethod")
                    .and_then(enum_member)
                    .map(str::to_string),
                description: field_string(v, "Description"),
            }))
        }
        "DeleteRestrictions" => {
            caps.delete = Some(Box::new(DeleteRestrictions {
                deletable: flag(v, "Deletable"),
                description: field_string(v, "Description"),
            }))
        }
        "ReadRestrictions" => {
            caps.read = Some(Box::new(ReadRestrictions {
                readable: flag(v, "Readable"),
                readable_by_key: v
                    .field("ReadByKeyRestrictions")
                    .and_then(|r| flag(r, "Readable")),
                description: field_string(v, "Description"),
            }))
        }
        "NavigationRestrictions" => {
            let restricted = v
                .field("RestrictedProperties")
                .map(Value::items)
                .unwrap_or_default()
                .iter()
                .filter_map(|r| {
                    let path = r.field("NavigationProperty")?.as_str()?.to_string();
                    let navigability = r
                        .field("Navigability")
                        .and_then(enum_member)
                        .map(str::to_string);
                    let mut nested = Capabilities::default();
                    if let Value::Record(fields) = r {
                        for (name, value) in fields {
                            capability(name, value, &mut nested);
                        }
                    }
                    Some((path, navigability, nested))
                })
                .collect();
            caps.navigation = Some(Box::new(NavigationRestrictions {
                navigability: v
                    .field("Navigability")
                    .and_then(enum_member)
                    .map(str::to_string),
                referenceable: flag(v, "Referenceable"),
                restricted,
            }))
        }
        "CountRestrictions" => {
            caps.count = Some(Box::new(CountRestrictions {
                countable: flag(v, "Countable"),
            }))
        }
        "ExpandRestrictions" => {
            caps.expand = Some(Box::new(ExpandRestrictions {
                expandable: flag(v, "Expandable"),
                non_expandable: paths(v, "NonExpandableProperties"),
            }))
        }
        "FilterRestrictions" => {
            caps.filter = Some(Box::new(FilterRestrictions {
                filterable: flag(v, "Filterable"),
                required: flag(v, "RequiresFilter").or(flag(v, "Required")),
                non_filterable: paths(v, "NonFilterableProperties"),
            }))
        }
        "SearchRestrictions" => {
            caps.search = Some(Box::new(SearchRestrictions {
                searchable: flag(v, "Searchable"),
            }))
        }
        "SortRestrictions" => {
            caps.sort = Some(Box::new(SortRestrictions {
                sortable: flag(v, "Sortable"),
                non_sortable: paths(v, "NonSortableProperties"),
            }))
        }
        "SelectSupport" => caps.select_supported = flag(v, "Supported"),
        "SelectRestrictions" => caps.select_supported = flag(v, "Selectable"),
        "TopSupported" => caps.top_supported = v.as_bool(),
        "SkipSupported" => caps.skip_supported = v.as_bool(),
        "SkipTokenSupported" => caps.skip_token_supported = v.as_bool(),
        "ChangeTracking" => {
            caps.change_tracking = Some(Box::new(ChangeTracking {
                supported: flag(v, "Supported"),
            }))
        }
        _ => {}
    }
}

fn string(v: Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s),
        _ => None,
    }
}

fn flag(record: &Value, name: &str) -> Option<bool> {
    record.field(name).and_then(Value::as_bool)
}

fn field_string(record: &Value, name: &str) -> Option<String> {
    match record.field(name)? {
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

fn paths(record: &Value, name: &str) -> Vec<String> {
    record
        .field(name)
        .map(Value::items)
        .unwrap_or_default()
        .iter()
        .filter_map(|p| p.as_str().map(str::to_string))
        .collect()
}

/// The member name of a single `EnumMember` value: `…/Deprecated` gives `Deprecated`.
fn enum_member(v: &Value) -> Option<&str> {
    match v {
        Value::EnumMember(members) => members
            .first()
            .map(|m| m.rsplit_once('/').map_or(m.as_str(), |(_, n)| n)),
        Value::String(s) => Some(s),
        _ => None,
    }
}

fn permission(v: &Value) -> Option<Permission> {
    Some(match enum_member(v)? {
        "None" => Permission::None,
        "Read" => Permission::Read,
        "Write" => Permission::Write,
        "ReadWrite" => Permission::ReadWrite,
        _ => return None,
    })
}

fn revision(record: &Value) -> Option<Revision> {
    let kind = match record.field("Kind").and_then(enum_member)? {
        "Added" => RevisionKind::Added,
        "Modified" => RevisionKind::Modified,
        "Deprecated" => RevisionKind::Deprecated,
        _ => return None,
    };
    let text = |name| {
        record
            .field(name)
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    Some(Revision {
        kind,
        version: text("Version"),
        date: text("Date"),
        removal_date: text("RemovalDate"),
        description: text("Description"),
    })
}
