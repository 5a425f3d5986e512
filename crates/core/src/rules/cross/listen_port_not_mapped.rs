use super::{listen_ports, CrossContext};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;

declare_rule! {
    /// Reports an http `listen` port that is not a `containerPort` of the
    /// container the config runs in, when that container declares port
    /// mappings. Loopback-only listeners (`listen 127.0.0.1:8081`) are
    /// meant for the container itself and are not checked, nor are ports
    /// nginx resolves at start-up (host names, port ranges).
    ///
    /// # Why it matters
    /// Only the ports a container maps are published on the instance (or,
    /// in `awsvpc` mode, registered with the load balancer). nginx listening
    /// on 8080 behind a mapping of 80 accepts nothing from outside: the
    /// load balancer's health checks fail and the service never becomes
    /// healthy.
    ///
    /// # Example
    /// ```nginx
    /// listen 8080;   # the nginx container maps containerPort 80
    /// ```
    ///
    /// # Fix
    /// Listen on the mapped port, or change the container's `containerPort`
    /// (and the service's load balancer `containerPort`) to the port nginx
    /// listens on.
    pub static RULE = {
        id: "cross/listen-port-not-mapped",
        severity: Error,
        summary: "nginx listens on a port its container does not map",
    }
}

pub fn check(cx: &CrossContext, out: &mut Vec<Diagnostic>) {
    for nginx in &cx.nginx_configs {
        let Some(task) = cx.task_definition(&nginx.listed.task_definition) else {
            continue;
        };
        let Some(container) = task.model.container(&nginx.listed.container) else {
            continue;
        };
        let mut mapped: Vec<u64> = container
            .port_mappings
            .iter()
            .filter_map(|m| m.container_port)
            .collect();
        mapped.sort_unstable();
        mapped.dedup();
        if mapped.is_empty() {
            continue;
        }
        for (index, port, loopback) in listen_ports(nginx.tree) {
            if loopback || mapped.contains(&u64::from(port)) {
                continue;
            }
            let Some(arg) = nginx.tree.node(index).directive.args.first() else {
                continue;
            };
            let list: Vec<String> = mapped.iter().map(u64::to_string).collect();
            let message = format!(
                "nginx listens on port {port}, but container '{}' of {} maps containerPort {}",
                container.name,
                task.family,
                list.join(", ")
            );
            let help = format!(
                "Requests from outside reach only mapped ports. Listen on {} or add a port mapping for {port} to '{}'.",
                list.join(" or "),
                container.name
            );
            out.push(Diagnostic::at(&RULE, &nginx.source, arg.span, message).with_help(help));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::cross::fixtures::{edited, hits, spanned};

    const ID: &str = "cross/listen-port-not-mapped";

    #[test]
    fn triggers_on_a_port_nginx_container_does_not_map() {
        let workspace = edited("backend-nginx.conf", "listen 80;", "listen 8080;");
        let found = hits(&workspace, ID);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].file, "backend-nginx.conf");
        assert_eq!(spanned(&workspace, &found[0]), "8080");
        assert_eq!(
            found[0].message,
            "nginx listens on port 8080, but container 'nginx' of ecs-backend-task maps containerPort 80"
        );
    }

    #[test]
    fn triggers_when_the_mapping_changes() {
        let workspace = edited(
            "ecs-front-task.describe.json",
            "\"containerPort\": 80,",
            "\"containerPort\": 8000,",
        );
        let found = hits(&workspace, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].file, "frontend-nginx.conf");
    }

    #[test]
    fn stays_quiet_on_mapped_loopback_and_unresolved_listeners() {
        for listen in [
            "listen 80;",
            "listen 0.0.0.0:80 default_server;",
            "listen [::]:80;",
            "listen 80;\nlisten 127.0.0.1:8081;",
            "listen localhost:9000;",
            "listen unix:/run/nginx.sock;",
        ] {
            let workspace = edited("backend-nginx.conf", "listen 80;", listen);
            assert!(hits(&workspace, ID).is_empty(), "{listen}");
        }
    }
}
