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
        template(self.segments.iter().map(Segment::of), model)
    }
}

/// The template of a path of `segments`, for [`PathNode::template`].
fn template<'m>(segments: impl Iterator<Item = Segment<'m>>, model: &Model) -> String {
    let mut out = String::new();
    for segment in segments {
        out.push('/');
        match segment {
            Segment::Root { name, .. } | Segment::Navigation { name, .. } => out.push_str(name),
            Segment::Key { entity } => {
                out.push('{');
                out.push_str(&model.get(entity).name);
                out.push_str("Id}");
            }
        }
    }
    out
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
}

/// A [`PathSegment`] whose name is borrowed.
#[derive(Debug, Clone, Copy)]
enum Segment<'m> {
    Root { name: &'m str, collection: bool },
    Navigation { name: &'m str, collection: bool },
    Key { entity: TypeId },
}

impl<'m> Segment<'m> {
    fn of(segment: &'m PathSegment) -> Self {
        match segment {
            PathSegment::Root { name, collection } => Segment::Root {
                name,
                collection: *collection,
            },
            PathSegment::Navigation { name, collection } => Segment::Navigation {
                name,
                collection: *collection,
            },
            PathSegment::Key { entity } => Segment::Key { entity: *entity },
        }
    }

    fn owned(self) -> PathSegment {
        match self {
            Segment::Root { name, collection } => PathSegment::Root {
                name: name.to_string(),
                collection,
            },
            Segment::Navigation { name, collection } => PathSegment::Navigation {
                name: name.to_string(),
                collection,
            },
            Segment::Key { entity } => PathSegment::Key { entity },
        }
    }

    /// Whether the path this segment ends addresses a collection (a key never does).
    fn collection(self) -> bool {
        match self {
            Segment::Root { collection, .. } | Segment::Navigation { collection, .. } => collection,
            Segment::Key { .. } => false,
        }
    }
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
        self.steps[index].segment.collection()
    }

    /// Path `index`, spelled out.
    pub fn node(&self, index: usize) -> PathNode {
        PathNode {
            segments: self.segments(index).map(Segment::owned).collect(),
            ty: self.ty(index),
            collection: self.collection(index),
        }
    }

    /// Path `index` as [`PathNode::template`] writes it, without spelling out the path.
    pub fn template(&self, index: usize, model: &Model) -> String {
        template(self.segments(index), model)
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
                let step = Step {
                    from: None,
                    segment: Segment::Root {
                        name: &member.name,
                        collection: member.kind == ContainerMemberKind::EntitySet,
                    },
                    ty,
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
        let (ty, collection) = (step.ty, step.segment.collection());
        steps.push(step);
        let mut from = steps.len() - 1;
        if collection {
            steps.push(Step {
                from: Some(from),
                segment: Segment::Key { entity: ty },
                ty,
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
            };
            self.walk(step, depth - 1, visiting, steps);
            visiting.pop();
        }
    }
}
