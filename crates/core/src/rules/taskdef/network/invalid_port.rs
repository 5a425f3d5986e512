use super::{mappings, Mapping};
use crate::diagnostic::Diagnostic;
use crate::json_tree::NodeKind;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a port mapping ECS cannot use: a `containerPort` outside 1 to
    /// 65535, a `hostPort` outside 0 to 65535, a `containerPortRange` that is
    /// not `"from-to"` with 1 ≤ from < to ≤ 65535, or a mapping with neither
    /// `containerPort` nor `containerPortRange`.
    ///
    /// # Why it matters
    /// ECS refuses the registration with `Invalid 'containerPort' setting for
    /// container 'app'.`, which does not say what is wrong with it. An empty
    /// mapping usually comes from a template whose port variable was unset.
    ///
    /// # Example
    /// ```json
    /// "portMappings": [ { "containerPort": 0 }, { "containerPortRange": "9000:9100" } ]
    /// ```
    ///
    /// # Fix
    /// Use port numbers from 1 to 65535 (a `hostPort` may also be 0, for a
    /// dynamic port), and write ranges as `"9000-9100"`, lowest port first.
    ///
    /// # References
    /// PortMapping (Amazon ECS API Reference): `containerPort`, `hostPort`,
    /// and `containerPortRange` ("The containerPortRange valid values are
    /// between 1 and 65535", "The first port in the range must be less than
    /// last port in the range").
    pub static RULE = {
        id: "taskdef/invalid-port",
        severity: Error,
        summary: "A port or port range outside what ECS accepts",
    }
}

const MAX_PORT: i64 = 65_535;

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    for mapping in mappings(context) {
        let name = mapping.container_name();
        let container_port = mapping.node.value("containerPort");
        let range = mapping.node.value("containerPortRange");
        if container_port.is_none_or(|n| n.is_null()) && range.is_none_or(|n| n.is_null()) {
            out.push(
                context
                    .diagnostic(
                        &RULE,
                        mapping.node.span,
                        &mapping.pointer(""),
                        format!("Invalid 'containerPort' setting for container '{name}'."),
                    )
                    .with_help("This port mapping has neither \"containerPort\" nor \"containerPortRange\"."),
            );
            continue;
        }
        if let Some((port, node)) = mapping.port("containerPort") {
            if !(1..=MAX_PORT).contains(&port) {
                out.push(
                    context
                        .diagnostic(
                            &RULE,
                            node.span,
                            &mapping.pointer("/containerPort"),
                            format!("Invalid 'containerPort' setting for container '{name}'."),
                        )
                        .with_help(format!("containerPort {port} is not a port: use 1 to {MAX_PORT}.")),
                );
            }
        }
        if let Some((port, node)) = mapping.port("hostPort") {
            if !(0..=MAX_PORT).contains(&port) {
                out.push(
                    context
                        .diagnostic(
                            &RULE,
                            node.span,
                            &mapping.pointer("/hostPort"),
                            format!("Invalid 'hostPort' setting for container '{name}'."),
                        )
                        .with_help(format!(
                            "hostPort {port} is not a port: use 1 to {MAX_PORT}, or 0 (or no hostPort) for a dynamic port."
                        )),
                );
            }
        }
        check_range(context, &mapping, &name, out);
    }
}

fn check_range(context: &Context, mapping: &Mapping, name: &str, out: &mut Vec<Diagnostic>) {
    let Some(node) = mapping.node.value("containerPortRange") else {
        return;
    };
    // Other types are the schema rules' to report.
    let NodeKind::String(text) = &node.kind else {
        return;
    };
    let Some(problem) = range_problem(text) else {
        return;
    };
    out.push(
        context
            .diagnostic(
                &RULE,
                node.span,
                &mapping.pointer("/containerPortRange"),
                format!("Invalid 'containerPortRange' setting for container '{name}'."),
            )
            .with_help(format!(
                "\"{text}\" {problem}. Write the range as \"from-to\", for example \"9000-9100\"."
            )),
    );
}

/// What is wrong with a `containerPortRange`, if anything.
fn range_problem(text: &str) -> Option<String> {
    let Some((from, to)) = text.split_once('-') else {
        return Some("is not two ports joined by \"-\"".into());
    };
    let parse = |s: &str| -> Option<i64> {
        let s = s.trim();
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
    };
    let (Some(from), Some(to)) = (parse(from), parse(to)) else {
        return Some("is not two ports joined by \"-\"".into());
    };
    if !(1..=MAX_PORT).contains(&from) || !(1..=MAX_PORT).contains(&to) {
        return Some(format!("goes outside 1 to {MAX_PORT}"));
    }
    if from >= to {
        return Some("does not start with its lower port".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::range_problem;
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/invalid-port";
    const MAPPING: &str = "{ \"containerPort\": 8080, \"hostPort\": 0, \"protocol\": \"tcp\" }";

    #[test]
    fn triggers_on_a_container_port_out_of_range() {
        let text = edited("\"containerPort\": 8080", "\"containerPort\": 0");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "Invalid 'containerPort' setting for container 'app'.");
        assert_eq!(found[0].line, line_of(&text, "\"containerPort\": 0"));
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/portMappings/0/containerPort")
        );
        assert_eq!(&text[found[0].span.start..found[0].span.end], "0");
    }

    #[test]
    fn triggers_on_negative_and_too_large_host_ports() {
        for port in ["-1", "65536"] {
            let text = edited("\"hostPort\": 0", &format!("\"hostPort\": {port}"));
            let found = hits(&text, ID);
            assert_eq!(found.len(), 1, "{port}");
            assert_eq!(found[0].message, "Invalid 'hostPort' setting for container 'app'.");
            assert_eq!(
                found[0].pointer.as_deref(),
                Some("/containerDefinitions/0/portMappings/0/hostPort")
            );
        }
    }

    #[test]
    fn triggers_on_an_empty_mapping() {
        let text = edited(MAPPING, "{ \"protocol\": \"tcp\" }");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/containerDefinitions/0/portMappings/0")
        );
        assert!(found[0].help.as_deref().unwrap().contains("neither"));
    }

    #[test]
    fn triggers_on_a_malformed_range() {
        let text = edited(MAPPING, "{ \"containerPortRange\": \"9100-9000\" }");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Invalid 'containerPortRange' setting for container 'app'."
        );
        assert!(found[0].help.as_deref().unwrap().contains("lower port"));
        assert_eq!(found[0].line, line_of(&text, "containerPortRange"));
    }

    #[test]
    fn explains_each_range_problem() {
        assert_eq!(range_problem("9000-9100"), None);
        assert_eq!(range_problem("1-65535"), None);
        assert!(range_problem("9000:9100").unwrap().contains("joined"));
        assert!(range_problem("9000-").unwrap().contains("joined"));
        assert!(range_problem("-5-10").unwrap().contains("joined"));
        assert!(range_problem("0-10").unwrap().contains("outside"));
        assert!(range_problem("10-70000").unwrap().contains("outside"));
        assert!(range_problem("10-10").unwrap().contains("lower port"));
        assert!(range_problem("١-٢").unwrap().contains("joined"));
    }

    #[test]
    fn stays_quiet_on_valid_ports_and_ranges() {
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(&edited(MAPPING, "{ \"containerPortRange\": \"9000-9100\" }"), ID).is_empty());
        assert!(hits(&edited("\"hostPort\": 0", "\"hostPort\": 65535"), ID).is_empty());
        assert!(hits(&edited("\"containerPort\": 8080", "\"containerPort\": \"8080\""), ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
    }
}
