use super::{resolved, CrossContext, Reach};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;

declare_rule! {
    /// Reports a `proxy_pass` (or upstream `server`) whose port is not one
    /// of the `containerPort`s of the container it reaches, when that
    /// container declares port mappings. A container without port mappings
    /// is not checked: it may listen on any port its linked callers use.
    ///
    /// # Why it matters
    /// A link resolves the name, not the port: nginx connects to whatever
    /// port the URL says. If the app listens on 8080 and nginx calls 8081,
    /// every request fails with 502 Bad Gateway ("connection refused") while
    /// both containers look healthy.
    ///
    /// # Example
    /// ```nginx
    /// proxy_pass http://springboot:8081;   # springboot maps containerPort 8080
    /// ```
    ///
    /// # Fix
    /// Use the port the app listens on, as its `containerPort` says, or
    /// correct the port mapping if the app listens elsewhere.
    pub static RULE = {
        id: "cross/proxy-pass-port",
        severity: Warning,
        summary: "nginx proxies to a port the target container does not declare",
    }
}

pub fn check(cx: &CrossContext, out: &mut Vec<Diagnostic>) {
    for (nginx, task, target, reach) in resolved(cx) {
        let Reach::Container(name) = reach else {
            continue;
        };
        let Some(container) = task.model.container(name) else {
            continue;
        };
        let mut ports: Vec<u64> = container
            .port_mappings
            .iter()
            .filter_map(|m| m.container_port)
            .collect();
        ports.sort_unstable();
        ports.dedup();
        if ports.is_empty() || ports.contains(&u64::from(target.port)) {
            continue;
        }
        let declared: Vec<String> = ports.iter().map(u64::to_string).collect();
        let message = format!(
            "{} sends to port {}, but '{name}' declares containerPort {}",
            target.directive,
            target.port,
            declared.join(", ")
        );
        let help = match ports.as_slice() {
            [one] => format!("Did you mean {}:{one}?", target.host),
            _ => "Use one of the ports the container declares.".to_owned(),
        };
        out.push(Diagnostic::at(&RULE, &nginx.source, target.span, message).with_help(help));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::cross::fixtures::{edit, edited, hits, spanned};
    use crate::workspace::Workspace;

    const ID: &str = "cross/proxy-pass-port";
    const TASK: &str = "ecs-backend-task.describe.json";

    /// The reference backend with springboot mapping containerPort 8080.
    fn mapped() -> Workspace {
        edited(
            TASK,
            "\"portMappings\": [],",
            "\"portMappings\": [ { \"containerPort\": 8080, \"hostPort\": 0, \"protocol\": \"tcp\" } ],",
        )
    }

    #[test]
    fn triggers_on_a_port_the_app_does_not_map() {
        let workspace = edit(mapped(), "backend-nginx.conf", "springboot:8080", "springboot:8081");
        let found = hits(&workspace, ID);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].file, "backend-nginx.conf");
        assert_eq!(spanned(&workspace, &found[0]), "http://springboot:8081");
        assert_eq!(
            found[0].message,
            "proxy_pass sends to port 8081, but 'springboot' declares containerPort 8080"
        );
        assert_eq!(found[0].help.as_deref(), Some("Did you mean springboot:8080?"));
        assert_eq!(found[0].severity, crate::Severity::Warning);
    }

    #[test]
    fn triggers_on_the_default_port() {
        let workspace = edit(mapped(), "backend-nginx.conf", "springboot:8080", "springboot");
        let found = hits(&workspace, ID);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.starts_with("proxy_pass sends to port 80,"));
    }

    #[test]
    fn stays_quiet_on_the_mapped_port_and_on_containers_without_mappings() {
        assert!(hits(&mapped(), ID).is_empty());
        let unmapped = edited("backend-nginx.conf", "springboot:8080", "springboot:9000");
        assert!(hits(&unmapped, ID).is_empty());
    }
}
