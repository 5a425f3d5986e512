use super::{is_fargate, task_cpu};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;
use crate::units::vcpu_label;

declare_rule! {
    /// Reports a task-level `cpu` outside the range ECS supports for tasks on
    /// EC2 or external instances: 128 CPU units (0.125 vCPU) to 196608 CPU
    /// units (192 vCPU). Fargate definitions have their own fixed sizes,
    /// checked by `taskdef/fargate-task-size`.
    ///
    /// # Why it matters
    /// ECS refuses the registration with `Invalid 'cpu' setting for task.`,
    /// which does not give the range.
    ///
    /// # Example
    /// ```json
    /// { "requiresCompatibilities": ["EC2"], "cpu": "64", "memory": "512" }
    /// ```
    ///
    /// # Fix
    /// Use at least 128 CPU units, or leave task-level `cpu` out: on EC2 it is
    /// optional, and the containers' own `cpu` values then apply.
    ///
    /// # References
    /// `cpu` in RegisterTaskDefinition (Amazon ECS API Reference): "If you're
    /// using the EC2 launch type or external launch type, this field is
    /// optional. Supported values are between 128 CPU units (0.125 vCPUs) and
    /// 196608 CPU units (192 vCPUs)."
    pub static RULE = {
        id: "taskdef/ec2-task-cpu-range",
        severity: Error,
        summary: "A task-level cpu outside 128–196608 CPU units on EC2",
    }
}

const MIN: u64 = 128;
const MAX: u64 = 196_608;

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    if is_fargate(context.body) {
        return;
    }
    // Zero and unreadable values are the format rule's to report.
    let Some((cpu, node)) = task_cpu(context.body) else {
        return;
    };
    if cpu == 0 || (MIN..=MAX).contains(&cpu) {
        return;
    }
    let side = if cpu < MIN {
        "below the minimum"
    } else {
        "above the maximum"
    };
    out.push(
        context
            .diagnostic(&RULE, node.span, "/cpu", "Invalid 'cpu' setting for task.")
            .with_help(format!(
                "{cpu} CPU units ({} vCPU) is {side}: tasks on EC2 take between {MIN} CPU units ({} vCPU) and {MAX} CPU units ({} vCPU).",
                vcpu_label(cpu),
                vcpu_label(MIN),
                vcpu_label(MAX)
            )),
    );
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/ec2-task-cpu-range";

    fn with_cpu(cpu: &str) -> String {
        edited(
            "\"networkMode\": \"bridge\",",
            &format!("\"networkMode\": \"bridge\",\n  \"cpu\": \"{cpu}\","),
        )
    }

    #[test]
    fn triggers_below_the_minimum() {
        let text = with_cpu("64");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "Invalid 'cpu' setting for task.");
        assert_eq!(found[0].line, line_of(&text, "\"cpu\": \"64\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/cpu"));
        assert!(found[0].help.as_deref().unwrap().contains("below the minimum"));
    }

    #[test]
    fn triggers_above_the_maximum_in_vcpu_notation() {
        let text = with_cpu("256 vCPU");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("262144 CPU units (256 vCPU) is above"));
    }

    #[test]
    fn accepts_the_bounds_and_everything_between() {
        for cpu in ["128", "0.125 vCPU", "1024", "3072", "196608", "192 vcpu"] {
            assert!(hits(&with_cpu(cpu), ID).is_empty(), "{cpu}");
        }
    }

    #[test]
    fn stays_quiet_on_fargate_zero_and_the_seeds() {
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
        assert!(hits(&with_cpu("0"), ID).is_empty());
        let fargate = edited(
            "\"networkMode\": \"bridge\",",
            "\"networkMode\": \"awsvpc\", \"requiresCompatibilities\": [\"EC2\", \"FARGATE\"], \"cpu\": \"64\",",
        );
        assert!(hits(&fargate, ID).is_empty());
    }
}
