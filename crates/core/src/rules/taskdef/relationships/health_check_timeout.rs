use super::common::label;
use crate::diagnostic::Diagnostic;
use crate::json_tree::Node;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a container `healthCheck` whose `timeout` is not less than its
    /// `interval` (30 and 5 seconds when absent).
    ///
    /// # Why it matters
    /// ECS accepts it, but a probe allowed to run as long as the whole
    /// interval leaves no gap between checks: a hung check holds the next one
    /// back, and an unhealthy container takes `retries` × `timeout` to be
    /// noticed instead of `retries` × `interval`. It is usually the two
    /// values swapped (an Elastic Load Balancing target group refuses the same
    /// pair outright).
    ///
    /// # Example
    /// ```json
    /// "healthCheck": { "command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], "interval": 5, "timeout": 30 }
    /// ```
    ///
    /// # Fix
    /// Make `timeout` shorter than `interval`: a few seconds for the probe,
    /// and an interval long enough to run it several times over.
    ///
    /// # References
    /// HealthCheck (Amazon ECS API Reference): `interval` is the time between
    /// checks (default 30), `timeout` the time a check may take before it
    /// counts as failed (default 5).
    pub static RULE = {
        id: "taskdef/health-check-timeout",
        severity: Warning,
        summary: "A health check timeout that is not less than its interval",
    }
}

const DEFAULT_INTERVAL: i64 = 30;
const DEFAULT_TIMEOUT: i64 = 5;

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    for (index, container) in context.containers() {
        let Some(health) = container.value("healthCheck").filter(|h| h.is_object()) else {
            continue;
        };
        let interval = health.value("interval");
        let timeout = health.value("timeout");
        // Unreadable values are the schema rules' to report, out-of-range ones invalid-health-check's.
        let read = |node: Option<&Node>, default: i64, range: std::ops::RangeInclusive<i64>| match node {
            None => Some(default),
            Some(n) => n.as_i64().filter(|v| range.contains(v)),
        };
        let (Some(interval_value), Some(timeout_value)) = (
            read(interval, DEFAULT_INTERVAL, 5..=300),
            read(timeout, DEFAULT_TIMEOUT, 2..=60),
        ) else {
            continue;
        };
        if timeout_value < interval_value {
            continue;
        }
        let (anchor, field) = match (timeout, interval) {
            (Some(t), _) => (t, "timeout"),
            (None, Some(i)) => (i, "interval"),
            (None, None) => continue,
        };
        let message = format!(
            "Container {}: health check timeout ({timeout_value} s) is not less than its interval ({interval_value} s)",
            label(container, index)
        );
        out.push(
            context
                .diagnostic(
                    &RULE,
                    anchor.span,
                    &format!("/containerDefinitions/{index}/healthCheck/{field}"),
                    message,
                )
                .with_help(
                    "A check may then run for the whole interval, so a hung check holds back the next one. Make the \
                     timeout shorter than the interval (the defaults are 5 and 30 seconds).",
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/health-check-timeout";

    fn with_timings(timings: &str) -> String {
        edited(
            "\"essential\": true,",
            &format!("\"essential\": true,\n      \"healthCheck\": {{ \"command\": [\"CMD\", \"true\"]{timings} }},"),
        )
    }

    #[test]
    fn triggers_on_swapped_values() {
        let text = with_timings(", \"interval\": 5,\n \"timeout\": 30");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Container 'app': health check timeout (30 s) is not less than its interval (5 s)"
        );
        assert_eq!(found[0].line, line_of(&text, "\"timeout\": 30"));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/healthCheck/timeout")
        );
    }

    #[test]
    fn counts_the_defaults() {
        let text = with_timings(", \"interval\": 5");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/healthCheck/interval")
        );
    }

    #[test]
    fn stays_quiet_on_shorter_timeouts_defaults_and_out_of_range_values() {
        for text in [VALID, BACKEND_TASK, FRONTEND_TASK] {
            assert!(hits(text, ID).is_empty());
        }
        for timings in [
            "",
            ", \"interval\": 10, \"timeout\": 5",
            ", \"timeout\": 29",
            ", \"interval\": 3, \"timeout\": 5",
            ", \"timeout\": \"30\"",
        ] {
            assert!(hits(&with_timings(timings), ID).is_empty(), "{timings}");
        }
    }
}
