//! The artifact lists of the deployment file: adding a file in the browser
//! adds its entry to `atlas.json`'s `taskDefinitions` or `nginxConfigs`, and
//! removing a file takes its entries out.
//!
//! `atlas.json` is the user's text like any other, so these are minimal text
//! edits: a new entry is written in the style of the entries already there
//! and nothing else in the file moves.

use crate::diagnostic::TextEdit;
use crate::json_edit::{self, quote};
use crate::json_tree::{self, Node};
use crate::taskdef::document::Document;
use crate::workspace::ArtifactKind;

/// What kind of artifact a file is, and the family it declares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sniffed {
    pub kind: ArtifactKind,
    /// The task definition's `"family"`, when it has one.
    pub family: Option<String>,
}

/// What a pasted or uploaded file is: a JSON object with
/// `containerDefinitions` (flat or under `"taskDefinition"`) is a task
/// definition, and so is any file named `.json`; anything else is an nginx
/// config.
pub fn sniff(name: &str, text: &str) -> Sniffed {
    // Only an object can be a task definition; an nginx config is not worth
    // running JSON recovery over.
    let body = if text.trim_start().starts_with('{') {
        Document::parse(text)
    } else {
        Document::default()
    };
    let body = body.body().filter(|b| b.is_object());
    let family = body
        .and_then(|b| b.value("family"))
        .and_then(Node::as_str)
        .map(str::to_owned);
    let task_definition = body.is_some_and(|b| b.value("containerDefinitions").is_some());
    if task_definition || name.to_ascii_lowercase().ends_with(".json") {
        Sniffed {
            kind: ArtifactKind::TaskDefinition,
            family,
        }
    } else {
        Sniffed {
            kind: ArtifactKind::NginxConfig,
            family: None,
        }
    }
}

/// A file name that is safe and not taken: only `[A-Za-z0-9._-]` kept (any
/// other character becomes '-'; nothing or only dots becomes "file"), then
/// `stem-2.ext`, `stem-3.ext`, ... while the name is in `existing`.
pub fn free_name(existing: &[&str], wanted: &str) -> String {
    let mut name: String = wanted
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    if name.chars().all(|c| c == '.') {
        name = "file".into();
    }
    let (stem, extension) = match name.rfind('.') {
        Some(dot) if dot > 0 => name.split_at(dot),
        _ => (name.as_str(), ""),
    };
    first_free(existing, &name, |n| format!("{stem}-{n}{extension}"))
}

/// A free nginx config id or family-like key: `wanted`, or `wanted-2`, ...
/// (`id` when nothing is wanted).
pub fn free_id(existing: &[&str], wanted: &str) -> String {
    let wanted = if wanted.is_empty() { "id" } else { wanted };
    first_free(existing, wanted, |n| format!("{wanted}-{n}"))
}

/// `first` if it is not in `existing`, else the first free `numbered(n)` from 2.
fn first_free(existing: &[&str], first: &str, numbered: impl Fn(usize) -> String) -> String {
    if !existing.contains(&first) {
        return first.to_owned();
    }
    // Among existing.len() + 1 candidates one is free.
    (2..existing.len() + 3)
        .map(numbered)
        .find(|candidate| !existing.contains(&candidate.as_str()))
        .unwrap_or_else(|| first.to_owned())
}

/// Appends `{ "family": .., "file": .. }` to `taskDefinitions` (creating the
/// array if missing), in the style of the entries already there.
pub fn add_task_definition(atlas: &str, family: &str, file: &str) -> Option<TextEdit> {
    let entry = format!("{{\"family\": {}, \"file\": {}}}", quote(family), quote(file));
    json_edit::append_item(atlas, "/taskDefinitions", &entry)
}

/// Appends `{ "id": .., "file": .., "taskDefinition": .., "container": .. }`
/// to `nginxConfigs` (creating the array if missing).
pub fn add_nginx_config(atlas: &str, id: &str, file: &str, task_definition: &str, container: &str) -> Option<TextEdit> {
    let entry = format!(
        "{{\"id\": {}, \"file\": {}, \"taskDefinition\": {}, \"container\": {}}}",
        quote(id),
        quote(file),
        quote(task_definition),
        quote(container)
    );
    json_edit::append_item(atlas, "/nginxConfigs", &entry)
}

/// The lists that name artifact files.
const LISTS: [&str; 2] = ["taskDefinitions", "nginxConfigs"];

/// Removes every `taskDefinitions` and `nginxConfigs` entry whose `"file"` is
/// `file`: one edit each, to apply together with [`json_edit::apply`], which
/// joins neighbouring removals (emptying a list leaves `[]`).
pub fn remove_file(atlas: &str, file: &str) -> Vec<TextEdit> {
    let parsed = json_tree::parse(atlas);
    let Some(root) = parsed.root.as_ref().filter(|r| r.is_object()) else {
        return Vec::new();
    };
    LISTS
        .iter()
        .flat_map(|list| {
            let items = root.value(list).map_or(&[][..], Node::items);
            items
                .iter()
                .enumerate()
                .filter(|(_, entry)| entry.value("file").and_then(Node::as_str) == Some(file))
                .map(move |(i, _)| format!("/{list}/{i}"))
        })
        .filter_map(|pointer| json_edit::remove_at(atlas, &pointer))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json_edit::apply;
    use crate::reference::{self, ATLAS, BACKEND_NGINX, BACKEND_TASK};
    use crate::workspace::File;

    /// `ATLAS` with `from` (which must occur once) replaced by `to`.
    fn atlas_with(from: &str, to: &str) -> String {
        assert_eq!(ATLAS.matches(from).count(), 1, "{from:?}");
        ATLAS.replacen(from, to, 1)
    }

    fn applied(text: &str, edits: &[TextEdit]) -> String {
        let out = apply(text, edits);
        assert!(json_tree::parse(&out).error.is_none(), "{out}");
        out
    }

    #[test]
    fn sniffs_task_definitions_and_nginx_configs() {
        let task = |family: Option<&str>| Sniffed {
            kind: ArtifactKind::TaskDefinition,
            family: family.map(str::to_owned),
        };
        assert_eq!(sniff("whatever.txt", BACKEND_TASK), task(Some("ecs-backend-task")));
        let wrapped = format!("{{\"taskDefinition\": {BACKEND_TASK}}}");
        assert_eq!(sniff("pasted", &wrapped), task(Some("ecs-backend-task")));
        assert_eq!(sniff("new.JSON", "{\"family\": \"x\"}"), task(Some("x")));
        assert_eq!(sniff("broken.json", "{\"family\": "), task(None));
        assert_eq!(sniff("empty.json", ""), task(None));
        let nginx = Sniffed {
            kind: ArtifactKind::NginxConfig,
            family: None,
        };
        assert_eq!(sniff("backend-nginx.conf", BACKEND_NGINX), nginx);
        assert_eq!(sniff("site", "server { listen 80; }"), nginx);
        assert_eq!(sniff("odd.conf", "{\"family\": \"x\"}"), nginx);
    }

    #[test]
    fn free_names_are_sanitised_and_numbered() {
        let existing = ["task.json", "task-2.json", "nginx.conf", "file"];
        assert_eq!(free_name(&existing, "new.json"), "new.json");
        assert_eq!(free_name(&existing, "task.json"), "task-3.json");
        assert_eq!(free_name(&existing, "nginx.conf"), "nginx-2.conf");
        assert_eq!(free_name(&existing, "my task (copy).json"), "my-task--copy-.json");
        assert_eq!(free_name(&existing, "../etc/passwd"), "..-etc-passwd");
        assert_eq!(free_name(&existing, "tâche.json"), "t-che.json");
        assert_eq!(free_name(&existing, ""), "file-2");
        assert_eq!(free_name(&existing, ".."), "file-2");
        assert_eq!(free_name(&[".env"], ".env"), ".env-2");
        assert_eq!(free_id(&["backend", "backend-2"], "backend"), "backend-3");
        assert_eq!(free_id(&["backend"], "frontend"), "frontend");
        assert_eq!(free_id(&[], ""), "id");
    }

    #[test]
    fn adds_a_task_definition_like_the_entries_before_it() {
        let edit = add_task_definition(ATLAS, "ecs-worker-task", "worker.json").unwrap();
        let out = applied(ATLAS, &[edit]);
        assert_eq!(
            out,
            atlas_with(
                "    { \"family\": \"ecs-backend-task\", \"file\": \"ecs-backend-task.describe.json\" }\n",
                concat!(
                    "    { \"family\": \"ecs-backend-task\", \"file\": \"ecs-backend-task.describe.json\" },\n",
                    "    { \"family\": \"ecs-worker-task\", \"file\": \"worker.json\" }\n",
                )
            )
        );
    }

    #[test]
    fn adds_an_nginx_config_like_the_entries_before_it() {
        let edit = add_nginx_config(ATLAS, "worker", "worker-nginx.conf", "ecs-worker-task", "nginx").unwrap();
        let out = applied(ATLAS, &[edit]);
        assert_eq!(
            out,
            atlas_with(
                "\"taskDefinition\": \"ecs-backend-task\", \"container\": \"nginx\" }\n",
                concat!(
                    "\"taskDefinition\": \"ecs-backend-task\", \"container\": \"nginx\" },\n",
                    "    { \"id\": \"worker\", \"file\": \"worker-nginx.conf\", \"taskDefinition\": \"ecs-worker-task\", \"container\": \"nginx\" }\n",
                )
            )
        );
    }

    #[test]
    fn creates_a_missing_list() {
        let atlas = "{\n  \"name\": \"x\"\n}\n";
        let out = applied(atlas, &[add_task_definition(atlas, "web", "web.json").unwrap()]);
        assert_eq!(
            out,
            "{\n  \"name\": \"x\",\n  \"taskDefinitions\": [\n    {\n      \"family\": \"web\",\n      \"file\": \"web.json\"\n    }\n  ]\n}\n"
        );
        assert_eq!(add_task_definition("[]", "web", "web.json"), None);
        assert_eq!(add_nginx_config("{\"nginxConfigs\": 3}", "a", "b", "c", "d"), None);
    }

    #[test]
    fn removing_a_file_takes_its_entries_out() {
        let out = applied(ATLAS, &remove_file(ATLAS, "ecs-front-task.describe.json"));
        assert_eq!(
            out,
            atlas_with(
                "    { \"family\": \"ecs-front-task\", \"file\": \"ecs-front-task.describe.json\" },\n",
                ""
            )
        );
        let out = applied(ATLAS, &remove_file(ATLAS, "backend-nginx.conf"));
        assert_eq!(
            out,
            atlas_with(
                ",\n    { \"id\": \"backend\", \"file\": \"backend-nginx.conf\", \"taskDefinition\": \"ecs-backend-task\", \"container\": \"nginx\" }",
                ""
            )
        );
        assert!(remove_file(ATLAS, "unlisted.conf").is_empty());
        assert!(remove_file("not json", "x").is_empty());
    }

    #[test]
    fn removing_every_entry_of_a_list_leaves_it_empty() {
        let mut atlas = ATLAS.to_owned();
        for file in ["ecs-front-task.describe.json", "ecs-backend-task.describe.json"] {
            let again = add_task_definition(&atlas, "again", file).unwrap();
            atlas = apply(&atlas, &[again]);
        }
        // Both entries of nginxConfigs at once, and two of four task definitions.
        let mut edits = remove_file(&atlas, "frontend-nginx.conf");
        edits.extend(remove_file(&atlas, "backend-nginx.conf"));
        edits.extend(remove_file(&atlas, "ecs-front-task.describe.json"));
        assert_eq!(edits.len(), 4);
        let out = applied(&atlas, &edits);
        let start = out.find("  \"taskDefinitions\"").unwrap();
        let end = out.find("  \"pipeline\"").unwrap();
        assert_eq!(
            &out[start..end],
            concat!(
                "  \"taskDefinitions\": [\n",
                "    { \"family\": \"ecs-backend-task\", \"file\": \"ecs-backend-task.describe.json\" },\n",
                "    { \"family\": \"again\", \"file\": \"ecs-backend-task.describe.json\" }\n",
                "  ],\n",
                "  \"nginxConfigs\": [],\n",
            )
        );
        assert_eq!(out[..start], atlas[..start]);
        assert_eq!(
            out[out.find("  \"pipeline\"").unwrap()..],
            atlas[atlas.find("  \"pipeline\"").unwrap()..]
        );
    }

    #[test]
    fn a_file_added_and_listed_joins_the_analysis() {
        let mut workspace = reference::workspace();
        let atlas = &workspace.deployment.text;
        let task = add_task_definition(atlas, "ecs-worker-task", "worker.json").unwrap();
        let nginx = add_nginx_config(atlas, "worker", "worker-nginx.conf", "ecs-worker-task", "nginx").unwrap();
        workspace.deployment.text = applied(atlas, &[task, nginx]);
        let worker_task = BACKEND_TASK.replace("ecs-backend-task", "ecs-worker-task");
        assert_eq!(
            sniff("worker.json", &worker_task).family.as_deref(),
            Some("ecs-worker-task")
        );
        workspace.artifacts.push(File::new("worker.json", worker_task));
        workspace.artifacts.push(File::new("worker-nginx.conf", BACKEND_NGINX));
        let analysis = workspace.analyze();
        let tasks = analysis.entries(ArtifactKind::TaskDefinition);
        let last = tasks.last().unwrap();
        assert_eq!(
            (last.key.as_str(), last.file.as_str()),
            ("ecs-worker-task", "worker.json")
        );
        let configs = analysis.entries(ArtifactKind::NginxConfig);
        assert_eq!(configs.last().unwrap().context, "ecs-worker-task › nginx");
        assert_eq!(analysis.task_definition("ecs-worker-task").unwrap().containers.len(), 2);
        let missing = |analysis: &crate::workspace::Analysis| {
            analysis
                .diagnostics_in("atlas.json")
                .filter(|d| d.rule == "atlas/missing-artifact")
                .count()
        };
        assert_eq!(missing(&analysis), 0);
        // Listed but not added, the files are reported missing.
        let mut listed_only = workspace.clone();
        listed_only.artifacts.truncate(4);
        assert_eq!(missing(&listed_only.analyze()), 2);

        // Removing the file again restores the reference deployment file.
        workspace.deployment.text = applied(
            &workspace.deployment.text,
            &remove_file(&workspace.deployment.text, "worker.json"),
        );
        let edits = remove_file(&workspace.deployment.text, "worker-nginx.conf");
        assert_eq!(applied(&workspace.deployment.text, &edits), ATLAS);
    }
}
