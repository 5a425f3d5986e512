use super::{mode, Mode};
use crate::diagnostic::Diagnostic;
use crate::json_edit::removal_fix;
use crate::rules::declare_rule;
use crate::rules::taskdef::sizing::is_fargate;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports `links` in a task whose network mode is not `bridge`. Links are
    /// Docker's legacy way for containers on the default bridge network to
    /// find each other by name. On Fargate, `taskdef/fargate-unsupported-parameter`
    /// reports them instead.
    ///
    /// # Why it matters
    /// ECS refuses the registration with `Links are not supported when
    /// networkMode=awsvpc`. In `awsvpc` and `host` modes the containers of a
    /// task share one network and reach each other on `localhost`; in `none`
    /// mode there is no network to link over.
    ///
    /// # Example
    /// ```json
    /// { "networkMode": "awsvpc", "containerDefinitions": [
    ///   { "name": "nginx", "links": ["app"] }, { "name": "app" } ] }
    /// ```
    ///
    /// # Fix
    /// Remove `links` and point the container at `localhost:<port>` instead of
    /// the linked name, or use the `bridge` network mode.
    ///
    /// # References
    /// `links` in ContainerDefinition (Amazon ECS API Reference): "This
    /// parameter is only supported if the network mode of a task definition is
    /// bridge."
    pub static RULE = {
        id: "taskdef/links-network-mode",
        severity: Error,
        summary: "Container links in a task whose network mode is not bridge",
    }
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let Some(mode @ (Mode::Awsvpc | Mode::Host | Mode::None)) = mode(context.body) else {
        return;
    };
    if is_fargate(context.body) {
        return;
    }
    for (index, container) in context.containers() {
        let Some(position) = container.props().iter().rposition(|p| p.key == "links") else {
            continue;
        };
        let prop = &container.props()[position];
        if prop.value.items().is_empty() {
            continue;
        }
        let help = if mode == Mode::None {
            "A task in none mode has no network to link over; links need the bridge network mode."
        } else {
            "The containers of this task share one network: reach the linked container on localhost:<port> instead of by its name."
        };
        let mut diagnostic = context
            .diagnostic(
                &RULE,
                prop.key_span,
                &format!("/containerDefinitions/{index}/links"),
                format!("Links are not supported when networkMode={}", mode.name()),
            )
            .with_help(help);
        if let Some(fix) = removal_fix(container, position, false) {
            diagnostic = diagnostic.with_fix(fix);
        }
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::json_edit::apply;
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{hits, line_of, VALID};

    const ID: &str = "taskdef/links-network-mode";

    fn task(mode: &str) -> String {
        format!(
            r#"{{
  "family": "web",
  "networkMode": "{mode}",
  "containerDefinitions": [
    {{ "name": "nginx", "image": "nginx", "memory": 128,
      "links": ["app"] }},
    {{ "name": "app", "image": "app", "memory": 256 }}
  ]
}}"#
        )
    }

    #[test]
    fn triggers_in_awsvpc_mode_at_the_key() {
        let text = task("awsvpc");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "Links are not supported when networkMode=awsvpc");
        assert_eq!(found[0].line, line_of(&text, "\"links\""));
        assert_eq!(found[0].pointer.as_deref(), Some("/containerDefinitions/0/links"));
        let fixed = apply(&text, &found[0].fix.clone().unwrap().edits);
        assert!(!fixed.contains("links"));
        assert!(crate::json_tree::parse(&fixed).error.is_none());
    }

    #[test]
    fn triggers_in_host_and_none_modes() {
        assert_eq!(hits(&task("host"), ID).len(), 1);
        let none = hits(&task("none"), ID);
        assert_eq!(none.len(), 1);
        assert!(none[0].help.as_deref().unwrap().contains("no network"));
    }

    #[test]
    fn stays_quiet_in_bridge_mode_the_default_and_the_seeds() {
        assert!(hits(&task("bridge"), ID).is_empty());
        assert!(hits(&task("bridge").replace("\"networkMode\": \"bridge\",", ""), ID).is_empty());
        let fargate = task("awsvpc").replace(
            "\"family\": \"web\",",
            "\"family\": \"web\", \"requiresCompatibilities\": [\"FARGATE\"],",
        );
        assert!(hits(&fargate, ID).is_empty());
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
    }
}
