//! The RegisterTaskDefinition input contract, generated from botocore's ECS
//! API model (`scripts/gen_ecs_schema.py`): every field's type, enum values,
//! bounds and whether it is required.

#[rustfmt::skip]
mod generated;
pub mod walk;

pub use generated::{API_VERSION, BOTOCORE_VERSION};

#[derive(Debug)]
pub struct Shape {
    pub name: &'static str,
    pub kind: Kind,
}

#[derive(Debug)]
pub enum Kind {
    Structure {
        members: &'static [Member],
    },
    List {
        member: usize,
        min: Option<i64>,
        max: Option<i64>,
    },
    Map {
        key: usize,
        value: usize,
    },
    String {
        enum_values: &'static [&'static str],
        min: Option<i64>,
        max: Option<i64>,
    },
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    Boolean,
    Number,
}

#[derive(Debug)]
pub struct Member {
    pub name: &'static str,
    pub shape: usize,
    pub required: bool,
}

pub fn shape(index: usize) -> &'static Shape {
    &generated::SHAPES[index]
}

/// RegisterTaskDefinitionRequest.
pub fn root() -> &'static Shape {
    shape(generated::ROOT)
}

impl Shape {
    pub fn members(&self) -> &'static [Member] {
        match self.kind {
            Kind::Structure { members } => members,
            _ => &[],
        }
    }

    pub fn member(&self, name: &str) -> Option<&'static Member> {
        self.members().iter().find(|m| m.name == name)
    }

    /// The member names, comma-separated, as the AWS CLI lists them.
    pub fn member_list(&self) -> String {
        let names: Vec<&str> = self.members().iter().map(|m| m.name).collect();
        names.join(", ")
    }

    /// The Python types botocore accepts for this shape, as its messages print them.
    pub fn python_types(&self) -> &'static str {
        match self.kind {
            Kind::Structure { .. } | Kind::Map { .. } => "<class 'dict'>",
            Kind::List { .. } => "<class 'list'>, <class 'tuple'>",
            Kind::String { .. } => "<class 'str'>",
            Kind::Integer { .. } => "<class 'int'>",
            Kind::Boolean => "<class 'bool'>",
            Kind::Number => "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>",
        }
    }
}

/// The container definition shape, which many rules look members up in.
pub fn container_definition() -> &'static Shape {
    let list = root().member("containerDefinitions").map(|m| shape(m.shape));
    match list.map(|l| &l.kind) {
        Some(Kind::List { member, .. }) => shape(*member),
        _ => unreachable!("the generated model has containerDefinitions"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_register_task_definition() {
        assert_eq!(root().name, "RegisterTaskDefinitionRequest");
        let required: Vec<_> = root().members().iter().filter(|m| m.required).map(|m| m.name).collect();
        assert_eq!(required, ["family", "containerDefinitions"]);
        assert!(root()
            .member_list()
            .starts_with("family, taskRoleArn, executionRoleArn, networkMode, containerDefinitions"));
    }

    #[test]
    fn every_reference_is_in_bounds() {
        for index in 0..generated::SHAPES.len() {
            match shape(index).kind {
                Kind::Structure { members } => members.iter().for_each(|m| assert!(m.shape < generated::SHAPES.len())),
                Kind::List { member, .. } => assert!(member < generated::SHAPES.len()),
                Kind::Map { key, value } => assert!(key.max(value) < generated::SHAPES.len()),
                _ => {}
            }
        }
    }

    #[test]
    fn enums_come_from_the_model() {
        let mode = shape(root().member("networkMode").unwrap().shape);
        assert!(
            matches!(mode.kind, Kind::String { enum_values, .. } if enum_values == ["bridge", "host", "awsvpc", "none"])
        );
        assert_eq!(container_definition().name, "ContainerDefinition");
    }
}
