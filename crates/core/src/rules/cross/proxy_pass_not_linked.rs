use super::{is_loopback, link_aliases, listing, resolved, CrossContext, Reach};
use crate::diagnostic::{Diagnostic, Fix, Span, TextEdit};
use crate::rules::declare_rule;
use crate::rules::taskdef::network::Mode;
use crate::suggest::closest;

declare_rule! {
    /// Reports a `proxy_pass` (or upstream `server`) whose host the nginx
    /// container cannot reach: in `bridge` mode, a name that is not one of
    /// the containers it `links` (by name, or by alias for `name:alias`); in
    /// `awsvpc` or `host` mode, another container's name where `localhost`
    /// is meant; in `bridge` mode, `localhost` for a port nginx itself does
    /// not listen on, or a linked name whose container the task no longer
    /// has (renamed or removed). Dotted names and IP addresses are left alone: the task
    /// definition cannot say where they lead.
    ///
    /// # Why it matters
    /// On Docker's default bridge network containers find each other only
    /// through links, which write the linked container's alias into nginx's
    /// `/etc/hosts`. Any other name fails to resolve: nginx refuses to start
    /// ("host not found in upstream"), so the task never becomes healthy and
    /// the deployment rolls back. In `awsvpc` mode the containers of a task
    /// share one network interface and reach each other on `localhost`.
    ///
    /// # Example
    /// ```nginx
    /// proxy_pass http://springbot:8080;   # the container is 'springboot'
    /// ```
    ///
    /// # Fix
    /// Use the exact name (or alias) of a container nginx links, or add the
    /// container to nginx's `links`; in `awsvpc` mode use
    /// `http://localhost:PORT`.
    pub static RULE = {
        id: "cross/proxy-pass-not-linked",
        severity: Error,
        summary: "nginx proxies to a host its container cannot reach",
    }
}

pub fn check(cx: &CrossContext, out: &mut Vec<Diagnostic>) {
    for (nginx, task, target, reach) in resolved(cx) {
        let Some(container) = task.model.container(&nginx.listed.container) else {
            continue;
        };
        if let Reach::DanglingLink(linked) = reach {
            let names = task.model.containers.iter().map(|c| c.name.as_str());
            let help = match closest(linked, names) {
                Some(s) => format!(
                    "Was '{linked}' renamed to '{s}'? Update the link of '{}' and this host together.",
                    container.name
                ),
                None => format!("Add a container named '{linked}' to the task, or proxy to a container that exists."),
            };
            let message = format!(
                "nginx proxies to \"{}\", which '{}' links to container '{linked}', but the task has no container '{linked}'",
                target.host, container.name
            );
            out.push(Diagnostic::at(&RULE, &nginx.source, target.span, message).with_help(help));
            continue;
        }
        if reach != Reach::Unreachable {
            continue;
        }
        let Some(mode) = task.mode() else {
            continue;
        };
        let host = target.host;
        let name = &container.name;
        let aliases = link_aliases(&container.links);
        let reachable = listing(aliases.iter().map(|(alias, _)| *alias));
        let (message, help, replacement) = match mode {
            Mode::Bridge if is_loopback(host) => (
                format!(
                    "In bridge mode \"{host}\" is the '{name}' container itself, which does not listen on port {}",
                    target.port
                ),
                format!("Containers '{name}' can reach by name: {reachable}."),
                aliases.first().map(|(alias, _)| alias.to_string()),
            ),
            Mode::Bridge => {
                let suggestion = closest(host, aliases.iter().map(|(alias, _)| *alias));
                let in_task = task.model.container(host).is_some();
                let help = match suggestion {
                    Some(s) => format!("Did you mean \"{s}\"?"),
                    None if in_task => format!("Add \"{host}\" to the links of '{name}'."),
                    None => format!("Use one of the linked names, or add the container to the links of '{name}'."),
                };
                let message = match aliases.as_slice() {
                    [] => format!(
                        "nginx cannot resolve \"{host}\": in bridge mode '{name}' reaches other containers only through links, and it links none"
                    ),
                    _ => format!(
                        "nginx cannot resolve \"{host}\": in bridge mode '{name}' reaches only the containers it links ({reachable})"
                    ),
                };
                (message, help, suggestion.map(str::to_owned))
            }
            _ => (
                format!(
                    "In {} mode \"{host}\" is not a host name: the task's containers share one network and reach each other on localhost",
                    mode.name()
                ),
                format!("Use localhost:{}.", target.port),
                Some("localhost".to_owned()),
            ),
        };
        let mut diagnostic = Diagnostic::at(&RULE, &nginx.source, target.span, message).with_help(help);
        if let (Some(start), Some(text)) = (target.host_start, replacement) {
            diagnostic = diagnostic.with_fix(Fix {
                title: format!("Proxy to {text}"),
                edits: vec![TextEdit {
                    span: Span::new(start, start + host.len()),
                    text,
                }],
                safe: false,
            });
        }
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::cross::fixtures::{edit, edited, hits, spanned};

    const ID: &str = "cross/proxy-pass-not-linked";

    #[test]
    fn triggers_on_a_misspelt_host_with_a_suggestion_and_fix() {
        let workspace = edited("backend-nginx.conf", "http://springboot:8080", "http://springbot:8080");
        let found = hits(&workspace, ID);
        assert_eq!(found.len(), 1, "{found:#?}");
        let d = &found[0];
        assert_eq!(d.file, "backend-nginx.conf");
        assert_eq!(spanned(&workspace, d), "http://springbot:8080");
        assert_eq!(
            d.message,
            "nginx cannot resolve \"springbot\": in bridge mode 'nginx' reaches only the containers it links ('springboot')"
        );
        assert_eq!(d.help.as_deref(), Some("Did you mean \"springboot\"?"));
        let edit = &d.fix.as_ref().unwrap().edits[0];
        assert_eq!(
            &workspace.file(&d.file).unwrap().text[edit.span.start..edit.span.end],
            "springbot"
        );
        assert_eq!(edit.text, "springboot");
    }

    #[test]
    fn triggers_when_the_linked_container_is_renamed_but_the_link_is_not() {
        let workspace = edited(
            "ecs-backend-task.describe.json",
            "\"name\": \"springboot\"",
            "\"name\": \"api\"",
        );
        let found = hits(&workspace, ID);
        assert_eq!(found.len(), 1, "{found:#?}");
        let d = &found[0];
        assert_eq!(d.file, "backend-nginx.conf");
        assert_eq!(spanned(&workspace, d), "http://springboot:8080");
        assert_eq!(
            d.message,
            "nginx proxies to \"springboot\", which 'nginx' links to container 'springboot', but the task has no container 'springboot'"
        );
        assert!(
            d.fix.is_none(),
            "the host, the link or the container may be what is wrong"
        );
    }

    #[test]
    fn triggers_when_the_backend_container_is_renamed() {
        let workspace = edited(
            "ecs-backend-task.describe.json",
            "\"name\": \"springboot\"",
            "\"name\": \"api\"",
        );
        let workspace = edit(
            workspace,
            "ecs-backend-task.describe.json",
            "\"springboot\"\n",
            "\"api\"\n",
        );
        let found = hits(&workspace, ID);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].message.contains("links ('api')"), "{}", found[0].message);
        assert_eq!(
            found[0].help.as_deref(),
            Some("Use one of the linked names, or add the container to the links of 'nginx'.")
        );
    }

    #[test]
    fn triggers_on_an_unlinked_container_and_on_localhost_in_bridge_mode() {
        let unlinked = edited(
            "ecs-backend-task.describe.json",
            "\"links\": [\n        \"springboot\"\n      ],",
            "",
        );
        let found = hits(&unlinked, ID);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.ends_with("and it links none"), "{}", found[0].message);
        assert_eq!(
            found[0].help.as_deref(),
            Some("Add \"springboot\" to the links of 'nginx'.")
        );

        let local = edited("backend-nginx.conf", "http://springboot:8080", "http://localhost:8080");
        let found = hits(&local, ID);
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .message
            .starts_with("In bridge mode \"localhost\" is the 'nginx' container itself"));
        assert_eq!(found[0].fix.as_ref().unwrap().edits[0].text, "springboot");
    }

    #[test]
    fn triggers_on_upstream_servers_and_on_container_names_in_awsvpc() {
        let upstream = edited(
            "frontend-nginx.conf",
            "server {\nlisten 80;",
            "upstream app {\nserver nxt:3000;\n}\nserver {\nlisten 80;",
        );
        let upstream = edit(upstream, "frontend-nginx.conf", "http://next:3000", "http://app");
        let found = hits(&upstream, ID);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(spanned(&upstream, &found[0]), "nxt:3000");
        assert_eq!(found[0].help.as_deref(), Some("Did you mean \"next\"?"));

        let awsvpc = edited(
            "ecs-front-task.describe.json",
            "\"networkMode\": \"bridge\"",
            "\"networkMode\": \"awsvpc\"",
        );
        let found = hits(&awsvpc, ID);
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .message
            .starts_with("In awsvpc mode \"next\" is not a host name"));
        assert_eq!(found[0].help.as_deref(), Some("Use localhost:3000."));
    }

    #[test]
    fn stays_quiet_on_aliases_localhost_in_awsvpc_dns_names_and_variables() {
        let alias = edited(
            "ecs-backend-task.describe.json",
            "\"springboot\"\n      ]",
            "\"springboot:api\"\n      ]",
        );
        let alias = edit(alias, "backend-nginx.conf", "http://springboot:8080", "http://api:8080");
        assert!(hits(&alias, ID).is_empty());
        let awsvpc = edited(
            "ecs-front-task.describe.json",
            "\"networkMode\": \"bridge\"",
            "\"networkMode\": \"awsvpc\"",
        );
        let awsvpc = edit(
            awsvpc,
            "frontend-nginx.conf",
            "http://next:3000",
            "http://127.0.0.1:3000",
        );
        assert!(hits(&awsvpc, ID).is_empty());
        for url in [
            "http://api.inforum.me",
            "http://10.0.1.5:8080",
            "http://$backend",
            "http://localhost:80/x",
        ] {
            let workspace = edited("backend-nginx.conf", "http://springboot:8080", url);
            assert!(hits(&workspace, ID).is_empty(), "{url}");
        }
    }
}
