use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a task definition with more than 10 container definitions.
    ///
    /// # Why it matters
    /// ECS rejects it with `Too many containers.` The limit is a fixed service
    /// quota, so no quota increase helps. It is usually reached by translating
    /// a whole docker-compose file into one task definition.
    ///
    /// # Example
    /// ```json
    /// "containerDefinitions": [ { "name": "c1", ... }, ..., { "name": "c11", ... } ]
    /// ```
    ///
    /// # Fix
    /// Split the containers over several task definitions (and services);
    /// keep together only what must share a task: localhost networking,
    /// volumes, lifecycle.
    ///
    /// # References
    /// Amazon ECS service quotas (Amazon ECS Developer Guide): "Containers per
    /// task definition", 10, not adjustable.
    pub static RULE = {
        id: "taskdef/too-many-containers",
        severity: Error,
        summary: "More than 10 containers in one task definition",
    }
}

const MAX: usize = 10;

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let Some(prop) = context.body.get("containerDefinitions") else {
        return;
    };
    let count = prop.value.items().len();
    if count <= MAX {
        return;
    }
    out.push(
        context
            .diagnostic(&RULE, prop.key_span, "/containerDefinitions", "Too many containers.")
            .with_help(format!(
                "This task definition has {count} containers; ECS allows at most {MAX} per task definition, and the quota cannot be raised. Move some containers to another task definition."
            )),
    );
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{hits, line_of, VALID};

    const ID: &str = "taskdef/too-many-containers";

    fn with_containers(count: usize) -> String {
        let containers: Vec<String> = (0..count)
            .map(|i| format!("    {{ \"name\": \"c{i}\", \"image\": \"busybox\", \"memory\": 32 }}"))
            .collect();
        format!(
            "{{\n  \"family\": \"many\",\n  \"containerDefinitions\": [\n{}\n  ]\n}}",
            containers.join(",\n")
        )
    }

    #[test]
    fn triggers_above_ten_containers() {
        let text = with_containers(11);
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "Too many containers.");
        assert_eq!(found[0].line, line_of(&text, "\"containerDefinitions\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/containerDefinitions"));
        assert!(found[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("This task definition has 11 containers"));
    }

    #[test]
    fn stays_quiet_up_to_ten() {
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
        assert!(hits(&with_containers(10), ID).is_empty());
        assert!(hits("{\"family\": \"x\", \"containerDefinitions\": {}}", ID).is_empty());
    }
}
