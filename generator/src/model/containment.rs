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
            match segment {
                PathSegment::Root { name, .. } | PathSegment::Navigation { name, .. } => {
                    push_name(&mut out, name)
                }
                PathSegment::Key { entity } => push_key(&mut out, &model.get(*entity).name),
            }
        }
        out
    }
}

/// The segment of a name: `/name`.
fn push_name(out: &mut String, name: &str) {
    out.push('/');
    out.push_str(name);
}

/// The segment of a key of an entity type: `/{entityId}`.
fn push_key(out: &mut String, entity: &str) {
    out.push_str("/{");
    out.push_str(entity);
    out.push_str("Id}");
}

/// Every path up to a depth, as [`Model::containment_tree`] finds them: each one step from the
/// path it extends, so that a path is only spelled out ([`ContainmentTree::node`]) when it is
/// wanted. Selections keep a few hundred of the thousands of paths a schema has.
#[derive(Debug, Clone)]
pub struct ContainmentTree<'m> {
    steps: Vec<Step<'m>>,
}

#[derive(Debug, Clone)]
struct Step<'m> {
    /// The path this one extends; `None` for a singleton or entity set.
    from: Option<usize>,
    segment: Segment<'m>,
    ty: TypeId,
    collection: bool,
}

/// A [`PathSegment`] whose name borrows from the model.
#[derive(Debug, Clone, Copy)]
enum Segment<'m> {
    Root { name: &'m str, collection: bool },
    Navigation { name: &'m str, collection: bool },
    Key { entity: TypeId },
}

impl ContainmentTree<'_> {
    /// How many paths there are.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// Whether there is no path: the model has no container, or nothing in it.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The type at the end of path `index`.
    pub fn ty(&self, index: usize) -> TypeId {
        self.steps[index].ty
    }

    /// Whether path `index` addresses a collection.
    pub fn collection(&self, index: usize) -> bool {
        self.steps[index].collection
    }

    /// Path `index`, spelled out.
    pub fn node(&self, index: usize) -> PathNode {
        let segments = self
            .segments(index)
            .map(|segment| match segment {
                Segment::Root { name, collection } => PathSegment::Root {
                    name: name.to_string(),
                    collection,
                },
                Segment::Navigation { name, collection } => PathSegment::Navigation {
                    name: name.to_string(),
                    collection,
                },
                Segment::Key { entity } => PathSegment::Key { entity },
            })
            .collect();
        let step = &self.steps[index];
        PathNode {
            segments,
            ty: step.ty,
            collection: step.collection,
        }
    }

    /// Path `index` as [`PathNode::template`] writes it, without spelling out the path.
    pub fn template(&self, index: usize, model: &Model) -> String {
        let mut out = String::new();
        for segment in self.segments(index) {
            match segment {
                Segment::Root { name, .. } | Segment::Navigation { name, .. } => {
                    push_name(&mut out, name)
                }
                Segment::Key { entity } => push_key(&mut out, &model.get(entity).name),
            }
        }
        out
    }

    /// The segments of path `index`, from the first.
    fn segments(&self, index: usize) -> impl Iterator<Item = Segment<'_>> {
        let mut at = Some(index);
        let mut segments = Vec::new();
        while let Some(step) = at.map(|i| &self.steps[i]) {
            segments.push(step.segment);
            at = step.from;
        }
        segments.into_iter().rev()
    }
}

impl Model {
    /// Every path up to `depth` navigation steps below the container, spelled out. A path
    /// never enters the same entity type twice, so cycles stop.
    pub fn containment(&self, depth: usize) -> Vec<PathNode> {
        let tree = self.containment_tree(depth);
        (0..tree.len()).map(|i| tree.node(i)).collect()
    }

    /// The paths of [`Model::containment`], in the same order, each spelled out on demand.
    pub fn containment_tree(&self, depth: usize) -> ContainmentTree<'_> {
        let mut steps = Vec::new();
        if let Some(container) = &self.container {
            for member in &container.members {
                let Some(ty) = member.ty else { continue };
                let collection = member.kind == ContainerMemberKind::EntitySet;
                let step = Step {
                    from: None,
                    segment: Segment::Root {
                        name: &member.name,
                        collection,
                    },
                    ty,
                    collection,
                };
                self.walk(step, depth, &mut vec![ty], &mut steps);
            }
        }
        ContainmentTree { steps }
    }

    /// Adds `step`, its key if it is a collection, and the paths below.
    fn walk<'m>(
        &'m self,
        step: Step<'m>,
        depth: usize,
        visiting: &mut Vec<TypeId>,
        steps: &mut Vec<Step<'m>>,
    ) {
        let (ty, collection) = (step.ty, step.collection);
        steps.push(step);
        let mut from = steps.len() - 1;
        if collection {
            steps.push(Step {
                from: Some(from),
                segment: Segment::Key { entity: ty },
                ty,
                collection: false,
            });
            from += 1;
        }
        if depth == 0 {
            return;
        }
        for nav in self.navigation(ty) {
            let Target::Type(target) = nav.ty.target else {
                continue;
            };
            if !nav.contains_target || visiting.contains(&target) {
                continue;
            }
            visiting.push(target);
            let step = Step {
                from: Some(from),
                segment: Segment::Navigation {
                    name: &nav.name,
                    collection: nav.ty.collection,
                },
                ty: target,
                collection: nav.ty.collection,
            };
            self.walk(step, depth - 1, visiting, steps);
            visiting.pop();
        }
    }
}
