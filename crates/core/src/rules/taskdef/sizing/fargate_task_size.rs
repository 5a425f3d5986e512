use super::{is_fargate, task_cpu, task_memory};
use crate::diagnostic::Diagnostic;
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;
use crate::units::vcpu_label;

declare_rule! {
    /// Reports a Fargate task definition (one whose `requiresCompatibilities`
    /// lists `FARGATE`) without task-level `cpu` and `memory`, or with a pair
    /// Fargate does not offer. The valid pairs (memory in MiB) are:
    ///
    /// ```text
    /// cpu 256 (.25 vCPU)   512, 1024 or 2048
    /// cpu 512 (.5 vCPU)    1024 to 4096 in 1 GB steps
    /// cpu 1024 (1 vCPU)    2048 to 8192 in 1 GB steps
    /// cpu 2048 (2 vCPU)    4096 to 16384 in 1 GB steps
    /// cpu 4096 (4 vCPU)    8192 to 30720 in 1 GB steps
    /// cpu 8192 (8 vCPU)    16384 to 61440 in 4 GB steps (Linux only)
    /// cpu 16384 (16 vCPU)  32768 to 122880 in 8 GB steps (Linux only)
    /// ```
    ///
    /// Windows containers on Fargate need 1, 2 or 4 vCPU.
    ///
    /// # Why it matters
    /// ECS refuses the registration with `Fargate requires that 'cpu' be
    /// defined at the task level.` or `No Fargate configuration exists for
    /// given values.`, which does not list the values that would work.
    ///
    /// # Example
    /// ```json
    /// { "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "4096" }
    /// ```
    /// 0.25 vCPU offers at most 2 GB.
    ///
    /// # Fix
    /// Pick a pair from the list: raise `cpu` to match the memory you need, or
    /// lower `memory` to what the CPU size offers.
    ///
    /// # References
    /// `cpu` and `memory` in RegisterTaskDefinition (Amazon ECS API Reference);
    /// "Task CPU and memory" and "Troubleshoot Amazon ECS task definition
    /// invalid CPU or memory errors" (Amazon ECS Developer Guide).
    pub static RULE = {
        id: "taskdef/fargate-task-size",
        severity: Error,
        summary: "A Fargate task without task-level cpu and memory, or with a pair Fargate does not offer",
    }
}

/// Fargate's CPU sizes with their memory range in MiB and its step.
const SIZES: [(u64, u64, u64, u64); 7] = [
    (256, 512, 2048, 512),
    (512, 1024, 4096, 1024),
    (1024, 2048, 8192, 1024),
    (2048, 4096, 16384, 1024),
    (4096, 8192, 30720, 1024),
    (8192, 16384, 61440, 4096),
    (16384, 32768, 122880, 8192),
];

/// The memory values (MiB) Fargate offers with `cpu` CPU units.
pub fn valid_memory(cpu: u64) -> Vec<u64> {
    let Some(&(_, low, high, step)) = SIZES.iter().find(|s| s.0 == cpu) else {
        return Vec::new();
    };
    let values = (low..=high).step_by(step as usize);
    // 0.25 vCPU is the one size whose list is not a plain range: 512, 1024, 2048.
    if cpu == 256 {
        return values.filter(|m| m.is_power_of_two()).collect();
    }
    values.collect()
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let body = context.body;
    if !is_fargate(body) {
        return;
    }
    let anchor = fargate_item(body).map_or(body.span, |n| n.span);
    let mut missing = false;
    for key in ["cpu", "memory"] {
        if body.value(key).is_none_or(Node::is_null) {
            missing = true;
            out.push(
                context
                    .diagnostic(
                        &RULE,
                        anchor,
                        "/requiresCompatibilities",
                        format!("Fargate requires that '{key}' be defined at the task level."),
                    )
                    .with_help(format!(
                        "Add a task-level \"{key}\": Fargate sizes the task from it, and only certain cpu and memory pairs exist."
                    )),
            );
        }
    }
    if missing {
        return;
    }
    // Unreadable values are the format rule's to report.
    let (Some((cpu, cpu_node)), Some((memory, memory_node))) = (task_cpu(body), task_memory(body)) else {
        return;
    };
    if !SIZES.iter().any(|s| s.0 == cpu) {
        let sizes: Vec<String> = SIZES
            .iter()
            .map(|s| format!("{} ({} vCPU)", s.0, vcpu_label(s.0)))
            .collect();
        out.push(
            context
                .diagnostic(
                    &RULE,
                    cpu_node.span,
                    "/cpu",
                    format!(
                        "No Fargate configuration exists for given values: {cpu} CPU, {memory} memory. Fargate's CPU sizes are {}.",
                        sizes.join(", ")
                    ),
                )
                .with_help("Use one of Fargate's CPU sizes; each allows its own memory values."),
        );
        return;
    }
    let valid = valid_memory(cpu);
    if !valid.contains(&memory) {
        out.push(
            context
                .diagnostic(
                    &RULE,
                    memory_node.span,
                    "/memory",
                    format!(
                        "No Fargate configuration exists for given values: {cpu} CPU, {memory} memory. With {cpu} CPU units ({} vCPU) memory must be {}.",
                        vcpu_label(cpu),
                        memory_list(&valid)
                    ),
                )
                .with_help(help_for(cpu, memory)),
        );
        return;
    }
    if is_windows(body) && cpu < 1024 {
        out.push(
            context
                .diagnostic(
                    &RULE,
                    cpu_node.span,
                    "/cpu",
                    format!(
                        "No Fargate configuration exists for given values: {cpu} CPU, {memory} memory. Windows containers on Fargate need at least 1024 CPU units (1 vCPU)."
                    ),
                )
                .with_help("Fargate runs Windows tasks with 1, 2 or 4 vCPU."),
        );
    } else if is_windows(body) && cpu > 4096 {
        out.push(
            context
                .diagnostic(
                    &RULE,
                    cpu_node.span,
                    "/cpu",
                    format!(
                        "No Fargate configuration exists for given values: {cpu} CPU, {memory} memory. 8 and 16 vCPU are available on Linux only."
                    ),
                )
                .with_help("Fargate runs Windows tasks with 1, 2 or 4 vCPU."),
        );
    }
}

/// The `"FARGATE"` item of `requiresCompatibilities`, where a missing size is reported.
fn fargate_item(body: &Node) -> Option<&Node> {
    body.value("requiresCompatibilities")?
        .items()
        .iter()
        .find(|c| c.as_str() == Some("FARGATE"))
}

fn is_windows(body: &Node) -> bool {
    body.value("runtimePlatform")
        .and_then(|p| p.value("operatingSystemFamily"))
        .and_then(Node::as_str)
        .is_some_and(|os| os.starts_with("WINDOWS"))
}

/// "512, 1024 or 2048 MiB"; a long list as its range and step.
fn memory_list(values: &[u64]) -> String {
    match values {
        [] => String::new(),
        [only] => format!("{only} MiB"),
        [first, .., last] if values.len() > 4 => {
            let step = values[1] - values[0];
            format!("{first} to {last} MiB in steps of {step} ({} GB)", step / 1024)
        }
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(u64::to_string).collect();
            format!("{} or {last} MiB", init.join(", "))
        }
    }
}

/// Which way to move: the nearest valid memory, or the CPU size the memory needs.
fn help_for(cpu: u64, memory: u64) -> String {
    let fitting: Vec<u64> = SIZES
        .iter()
        .map(|s| s.0)
        .filter(|&c| valid_memory(c).contains(&memory))
        .collect();
    match fitting.first() {
        Some(&other) => format!(
            "Fargate offers {memory} MiB with {other} CPU units ({} vCPU): set cpu to that, or keep {cpu} and pick one of the memory values listed.",
            vcpu_label(other)
        ),
        None => "Fargate offers this memory with no CPU size; pick a listed value.".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::valid_memory;
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/fargate-task-size";

    fn fargate(size: &str) -> String {
        edited(
            "\"networkMode\": \"bridge\",",
            &format!("\"networkMode\": \"awsvpc\",\n  \"requiresCompatibilities\": [\"FARGATE\"],{size}"),
        )
    }

    #[test]
    fn knows_the_documented_table() {
        assert_eq!(valid_memory(256), [512, 1024, 2048]);
        assert_eq!(valid_memory(512), [1024, 2048, 3072, 4096]);
        assert_eq!(valid_memory(1024).len(), 7);
        assert_eq!(valid_memory(2048).len(), 13);
        assert_eq!(valid_memory(4096).len(), 23);
        assert_eq!(valid_memory(8192).len(), 12);
        assert_eq!(valid_memory(8192).last(), Some(&61440));
        assert_eq!(valid_memory(16384).len(), 12);
        assert_eq!(valid_memory(16384).first(), Some(&32768));
        assert!(valid_memory(32768).is_empty());
    }

    #[test]
    fn triggers_on_missing_cpu_and_memory_at_fargate() {
        let text = fargate("");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].message,
            "Fargate requires that 'cpu' be defined at the task level."
        );
        assert_eq!(
            found[1].message,
            "Fargate requires that 'memory' be defined at the task level."
        );
        assert_eq!(found[0].line, line_of(&text, "\"FARGATE\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/requiresCompatibilities"));
    }

    #[test]
    fn triggers_on_a_memory_the_cpu_size_does_not_offer() {
        let text = fargate("\n  \"cpu\": \"256\",\n  \"memory\": \"4096\",");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "No Fargate configuration exists for given values: 256 CPU, 4096 memory. With 256 CPU units (0.25 vCPU) memory must be 512, 1024 or 2048 MiB."
        );
        assert_eq!(found[0].line, line_of(&text, "\"memory\": \"4096\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/memory"));
        assert!(found[0].help.as_deref().unwrap().contains("512 CPU units"));
    }

    #[test]
    fn lists_long_ranges_by_step() {
        let text = fargate("\n  \"cpu\": \"8 vCPU\",\n  \"memory\": \"18 GB\",");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .message
            .ends_with("With 8192 CPU units (8 vCPU) memory must be 16384 to 61440 MiB in steps of 4096 (4 GB)."));
    }

    #[test]
    fn triggers_on_a_cpu_fargate_does_not_offer() {
        let text = fargate("\n  \"cpu\": \"3072\",\n  \"memory\": \"8192\",");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .message
            .starts_with("No Fargate configuration exists for given values: 3072 CPU, 8192 memory."));
        assert!(found[0].message.contains("2048 (2 vCPU)"));
        assert_eq!(found[0].pointer.as_deref(), Some("/cpu"));
        assert_eq!(found[0].line, line_of(&text, "\"cpu\": \"3072\""));
    }

    #[test]
    fn triggers_on_windows_below_one_vcpu() {
        let text = fargate(
            "\n  \"cpu\": \"512\",\n  \"memory\": \"1024\",\n  \"runtimePlatform\": {\"operatingSystemFamily\": \"WINDOWS_SERVER_2022_CORE\"},",
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .message
            .contains("Windows containers on Fargate need at least 1024"));
    }

    #[test]
    fn accepts_valid_pairs_in_any_notation() {
        for size in [
            "\n  \"cpu\": \"256\",\n  \"memory\": \"512\",",
            "\n  \"cpu\": \".25 vCPU\",\n  \"memory\": \"2 GB\",",
            "\n  \"cpu\": \"1 vCPU\",\n  \"memory\": \"8GB\",",
            "\n  \"cpu\": \"4096\",\n  \"memory\": \"30720\",",
            "\n  \"cpu\": \"16384\",\n  \"memory\": \"120 GB\",",
        ] {
            assert!(hits(&fargate(size), ID).is_empty(), "{size}");
        }
    }

    #[test]
    fn stays_quiet_off_fargate_and_on_unreadable_values() {
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
        let ec2 = edited(
            "\"networkMode\": \"bridge\",",
            "\"cpu\": \"3072\", \"memory\": \"100\",",
        );
        assert!(hits(&ec2, ID).is_empty());
        let unreadable = fargate("\n  \"cpu\": \"a lot\",\n  \"memory\": \"512\",");
        assert!(hits(&unreadable, ID).is_empty());
    }
}
