use super::{resolved, CrossContext, Reach};
use crate::diagnostic::{Diagnostic, Fix, TextEdit};
use crate::json_tree::Node;
use crate::rules::declare_rule;

declare_rule! {
    /// Reports a container that nginx proxies to and that is marked
    /// `"essential": false`, found by following the nginx config: through a
    /// link in `bridge` mode, or through `localhost` and the port the
    /// container maps in `awsvpc` and `host` mode.
    ///
    /// When an essential container links to the app,
    /// `taskdef/linked-container-not-essential` already reports it on the
    /// same flag, and this rule stays quiet; it adds the case the task
    /// definition alone cannot show, where nginx reaches the app without a
    /// link.
    ///
    /// # Why it matters
    /// When a non-essential container exits, ECS keeps the task running.
    /// The app can crash and stay down while nginx keeps answering every
    /// request with 502 Bad Gateway, and a load balancer health check that
    /// only reaches nginx keeps the broken task in service.
    ///
    /// # Example
    /// ```json
    /// { "name": "app", "essential": false, "portMappings": [{ "containerPort": 3000 }] }
    /// ```
    /// in an `awsvpc` task whose nginx has `proxy_pass http://localhost:3000;`.
    ///
    /// # Fix
    /// Set `"essential": true` on the app container (the quick fix does), so
    /// ECS replaces the whole task when it stops.
    pub static RULE = {
        id: "cross/proxied-container-not-essential",
        severity: Warning,
        summary: "nginx proxies to a container that is not essential",
    }
}

pub fn check(cx: &CrossContext, out: &mut Vec<Diagnostic>) {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for (nginx, task, _, reach) in resolved(cx) {
        let Reach::Container(name) = reach else {
            continue;
        };
        if seen.contains(&(task.family, name)) {
            continue;
        }
        seen.push((task.family, name));
        let Some((index, container)) = task.container(name) else {
            continue;
        };
        let Some(flag) = container.value("essential").filter(|f| f.as_bool() == Some(false)) else {
            continue;
        };
        if linked_by_essential(task.body, name) {
            continue;
        }
        let proxy = &nginx.listed.container;
        out.push(
            task.diagnostic(
                &RULE,
                &format!("/containerDefinitions/{index}/essential"),
                format!(
                    "nginx in '{proxy}' ({}) proxies to '{name}', which is not essential",
                    nginx.source.name
                ),
            )
            .with_help(format!(
                "If '{name}' stops, the task keeps running and nginx answers with 502s. Mark it essential so ECS replaces the task."
            ))
            .with_fix(Fix {
                title: format!("Make '{name}' essential"),
                edits: vec![TextEdit {
                    span: flag.span,
                    text: "true".into(),
                }],
                safe: false,
            }),
        );
    }
}

/// Whether `taskdef/linked-container-not-essential` reports the container:
/// an essential container (flag true or absent) links to it.
fn linked_by_essential(body: Option<&Node>, name: &str) -> bool {
    let Some(body) = body else {
        return false;
    };
    body.value("containerDefinitions")
        .map_or(&[][..], Node::items)
        .iter()
        .filter(|c| c.value("essential").map_or(Some(true), Node::as_bool) == Some(true))
        .any(|c| {
            c.value("links")
                .map_or(&[][..], Node::items)
                .iter()
                .any(|link| link.as_str().and_then(|l| l.split(':').next()) == Some(name))
        })
}

#[cfg(test)]
mod tests {
    use crate::rules::cross::fixtures::{edit, edited, hits, spanned};
    use crate::workspace::Workspace;

    const ID: &str = "cross/proxied-container-not-essential";
    const TASK: &str = "ecs-front-task.describe.json";

    /// The frontend in awsvpc mode, nginx reaching next on localhost:3000.
    fn awsvpc() -> Workspace {
        let w = edited(TASK, "\"networkMode\": \"bridge\"", "\"networkMode\": \"awsvpc\"");
        let w = edit(w, TASK, "\"links\": [\n        \"next\"\n      ],", "");
        let w = edit(
            w,
            TASK,
            "\"portMappings\": [],",
            "\"portMappings\": [ { \"containerPort\": 3000, \"protocol\": \"tcp\" } ],",
        );
        edit(w, "frontend-nginx.conf", "http://next:3000", "http://localhost:3000")
    }

    #[test]
    fn triggers_on_an_app_reached_over_localhost() {
        let workspace = awsvpc();
        let found = hits(&workspace, ID);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].file, TASK);
        assert_eq!(spanned(&workspace, &found[0]), "false");
        assert_eq!(found[0].pointer.as_deref(), Some("/containerDefinitions/0/essential"));
        assert_eq!(
            found[0].message,
            "nginx in 'nginx' (frontend-nginx.conf) proxies to 'next', which is not essential"
        );
        assert_eq!(found[0].fix.as_ref().unwrap().edits[0].text, "true");
        let linked = hits(&workspace, "taskdef/linked-container-not-essential");
        assert!(linked.iter().all(|d| d.file != TASK), "{linked:#?}");
    }

    #[test]
    fn reports_one_container_once() {
        let workspace = edit(
            awsvpc(),
            "frontend-nginx.conf",
            "location / {",
            "location /api/ {\nproxy_pass http://127.0.0.1:3000;\n}\nlocation / {",
        );
        assert_eq!(hits(&workspace, ID).len(), 1);
    }

    #[test]
    fn leaves_a_linked_app_to_the_task_definition_rule_and_an_essential_app_alone() {
        let reference = crate::reference::workspace();
        assert!(hits(&reference, ID).is_empty());
        assert_eq!(hits(&reference, "taskdef/linked-container-not-essential").len(), 2);
        let essential = edit(awsvpc(), TASK, "\"essential\": false", "\"essential\": true");
        assert!(hits(&essential, ID).is_empty());
    }
}
