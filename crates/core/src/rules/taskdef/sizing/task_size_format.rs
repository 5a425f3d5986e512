use crate::diagnostic::Diagnostic;
use crate::json_tree::NodeKind;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;
use crate::units;

declare_rule! {
    /// Reports a task-level `cpu` or `memory` that ECS cannot read. `cpu` is
    /// CPU units (`"1024"`) or vCPUs (`"1 vCPU"`, `"0.25 vcpu"`); `memory` is
    /// MiB (`"2048"`) or GB (`"2 GB"`, `"0.5GB"`). Anything else, a zero
    /// included, is rejected with `Invalid 'cpu' setting for task.` or
    /// `Invalid 'memory' setting for task.`
    ///
    /// # Why it matters
    /// The CLI passes any string through, so the mistake only surfaces as a
    /// `ClientException` from ECS, which does not say which notations it accepts.
    ///
    /// # Example
    /// ```json
    /// { "cpu": "1 core", "memory": "2GiB" }
    /// ```
    ///
    /// # Fix
    /// Write CPU units or vCPUs, and MiB or GB: `"cpu": "1024"` or `"1 vCPU"`,
    /// `"memory": "2048"` or `"2 GB"`.
    ///
    /// # References
    /// `cpu` and `memory` in RegisterTaskDefinition (Amazon ECS API Reference);
    /// "Troubleshoot Amazon ECS task definition invalid CPU or memory errors"
    /// (Amazon ECS Developer Guide).
    pub static RULE = {
        id: "taskdef/task-size-format",
        severity: Error,
        summary: "A task-level cpu or memory ECS cannot read",
    }
}

/// A task size field: its key, how ECS reads it, and how to write it.
type Field = (&'static str, fn(&str) -> Option<u64>, &'static str);

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let fields: [Field; 2] = [
        (
            "cpu",
            units::cpu_units,
            "Write CPU units (\"1024\") or vCPUs (\"1 vCPU\", \"0.25 vcpu\"); 1024 CPU units are 1 vCPU.",
        ),
        (
            "memory",
            units::memory_mib,
            "Write MiB (\"2048\") or GB (\"2 GB\", \"0.5GB\"); 1 GB is 1024 MiB.",
        ),
    ];
    for (key, parse, help) in fields {
        let Some(node) = context.body.value(key) else {
            continue;
        };
        // Other types are the wrong-type rule's to report.
        let NodeKind::String(text) = &node.kind else {
            continue;
        };
        if parse(text).is_some_and(|value| value > 0) {
            continue;
        }
        out.push(
            context
                .diagnostic(
                    &RULE,
                    node.span,
                    &format!("/{key}"),
                    format!("Invalid '{key}' setting for task."),
                )
                .with_help(format!("\"{text}\" is not a {key} value ECS reads. {help}")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/task-size-format";

    fn with_size(cpu: &str, memory: &str) -> String {
        edited(
            "\"networkMode\": \"bridge\",",
            &format!("\"networkMode\": \"bridge\",\n  \"cpu\": \"{cpu}\",\n  \"memory\": \"{memory}\","),
        )
    }

    #[test]
    fn triggers_on_unreadable_cpu_at_the_value() {
        let text = with_size("1 core", "2048");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "Invalid 'cpu' setting for task.");
        assert_eq!(found[0].line, line_of(&text, "\"cpu\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/cpu"));
        assert!(found[0].help.as_deref().unwrap().contains("\"1 vCPU\""));
        assert_eq!(&text[found[0].span.start..found[0].span.end], "\"1 core\"");
    }

    #[test]
    fn triggers_on_unreadable_or_zero_memory() {
        for memory in ["2GiB", "two GB", "", "0", "-512"] {
            let text = with_size("1024", memory);
            let found = hits(&text, ID);
            assert_eq!(found.len(), 1, "{memory:?}");
            assert_eq!(found[0].message, "Invalid 'memory' setting for task.");
            assert_eq!(found[0].pointer.as_deref(), Some("/memory"));
            assert_eq!(found[0].line, line_of(&text, "\"memory\": \""));
        }
    }

    #[test]
    fn accepts_every_documented_notation() {
        for (cpu, memory) in [
            ("1024", "2048"),
            ("1 vCPU", "2 GB"),
            ("0.25 vcpu", "0.5GB"),
            ("2 VCPU", "1GB"),
            (" 512 ", "3072"),
        ] {
            assert!(hits(&with_size(cpu, memory), ID).is_empty(), "{cpu} {memory}");
        }
    }

    #[test]
    fn stays_quiet_on_the_fixture_the_seeds_and_other_types() {
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
        let numbers = edited("\"networkMode\": \"bridge\",", "\"cpu\": 1024, \"memory\": true,");
        assert!(hits(&numbers, ID).is_empty());
    }
}
