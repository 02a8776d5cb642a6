//! The containment tree: the paths an API exposes, from the entity container's singletons and
//! entity sets down through containment navigation properties (inherited ones included).

use super::{Model, Target, TypeId};
use crate::csdl::ContainerMemberKind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// A singleton or entity set of the container.
    Root { name: String, collection: bool },
    /// A containment navigation property.
    Navigation { name: String, collection: bool },
    /// The key segment after a collection.
    Key { entity: TypeId },
}

/// One addressable resource: the segments that lead to it and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathNode {
    pub segments: Vec<PathSegment>,
    pub ty: TypeId,
    pub collection: bool,
}

impl PathNode {
    /// The path as Graph documents it: `/deviceManagement/deviceEnrollmentConfigurations/{deviceEnrollmentConfigurationId}`.
    pub fn template(&self, model: &Model) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            out.push('/');
            match segment {
                PathSegment::Root { name, .. } | PathSegment::Navigation { name, .. } => {
                    out.push_str(name)
                }
                PathSegment::Key { entity } => {
                    out.push('{');
                    out.push_str(&model.get(*entity).name);
                    out.push_str("Id}");
                }
            }
        }
        out
    }
}

impl Model {
    /// Every path up to `depth` navigation steps below the container. A path never enters the
    /// same entity type twice, so cycles stop.
    pub fn containment(&self, depth: usize) -> Vec<PathNode> {
        let mut out = Vec::new();
        let Some(container) = &self.container else {
            return out;
        };
        for member in &container.members {
            let Some(ty) = member.ty else { continue };
            let collection = member.kind == ContainerMemberKind::EntitySet;
            let node = PathNode {
                segments: vec![PathSegment::Root {
                    name: member.name.clone(),
                    collection,
                }],
                ty,
                collection,
            };
            self.walk(node, depth, &mut vec![ty], &mut out);
        }
        out
    }

    fn walk(
        &self,
        node: PathNode,
        depth: usize,
        visiting: &mut Vec<TypeId>,
        out: &mut Vec<PathNode>,
    ) {
        let mut item = node.clone();
        out.push(node);
        if item.collection {
            item.segments.push(PathSegment::Key { entity: item.ty });
            item.collection = false;
            out.push(item.clone());
        }
        if depth == 0 {
            return;
        }
        for nav in self.navigation(item.ty) {
            let Target::Type(target) = nav.ty.target else {
                continue;
            };
            if !nav.contains_target || visiting.contains(&target) {
                continue;
            }
            let mut segments = item.segments.clone();
            segments.push(PathSegment::Navigation {
                name: nav.name.clone(),
                collection: nav.ty.collection,
            });
            visiting.push(target);
            self.walk(
                PathNode {
                    segments,
                    ty: target,
                    collection: nav.ty.collection,
                },
                depth - 1,
                visiting,
                out,
            );
            visiting.pop();
        }
    }
}
