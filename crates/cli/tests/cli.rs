//! The `ecs-atlas` binary as CI runs it.

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;

fn reference_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../core/reference")
}

fn ecs_atlas() -> Command {
    Command::cargo_bin("ecs-atlas").unwrap()
}

/// A copy of the reference folder, with one edit applied to one file.
fn edited_copy(file: &str, from: &str, to: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(reference_dir()).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let path = dir.path().join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from));
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
    dir
}

/// `check --format json` on a folder that has errors: exit 1 and a parseable report.
fn failing_json_report(dir: &tempfile::TempDir) -> serde_json::Value {
    let out = ecs_atlas()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .assert()
        .code(1);
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

#[test]
fn check_reports_the_seeds_describe_output_problems() {
    let out = ecs_atlas().arg("check").arg(reference_dir()).assert().code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        stdout.contains("ecs-backend-task.describe.json:2:3: error[taskdef/read-only-field]: Unknown parameter in input: \"taskDefinitionArn\""),
        "{stdout}"
    );
    assert!(
        stdout.contains("error[taskdef/empty-tags]: Tags can not be empty."),
        "{stdout}"
    );
    let built_in = ecs_atlas().args(["check", "--reference"]).assert().code(1);
    assert_eq!(built_in.get_output().stdout, out.get_output().stdout);
}

#[test]
fn check_passes_once_every_safe_fix_is_applied() {
    let dir = edited_copy("atlas.json", "\"name\": \"inforum\"", "\"name\": \"inforum\"");
    for file in ["ecs-backend-task.describe.json", "ecs-front-task.describe.json"] {
        let path = dir.path().join(file);
        let text = fs::read_to_string(&path).unwrap();
        let checked = atlas_core::taskdef::check(file, &text);
        let edits: Vec<_> = checked
            .diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .filter(|f| f.safe)
            .flat_map(|f| f.edits.clone())
            .collect();
        // The seeds are redacted ("~~"); a real deployment has real values there.
        let restored = atlas_core::json_edit::apply(&text, &edits)
            .replace("\"~~/", "\"123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/")
            .replace(
                "\"~~ecsTaskExecutionRole\"",
                "\"arn:aws:iam::123456789012:role/ecsTaskExecutionRole\"",
            )
            .replace(
                "\"123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/ecsTaskExecutionRole\"",
                "\"ecsTaskExecutionRole\"",
            );
        fs::write(&path, restored).unwrap();
    }
    let out = ecs_atlas().arg("check").arg(dir.path()).assert().success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("checked 5 files: 0 errors"), "{stdout}");
}

#[test]
fn check_fails_with_file_line_and_rule() {
    let dir = edited_copy(
        "atlas.json",
        "\"forwardTo\": \"tg-backend\"",
        "\"forwardTo\": \"tg-backed\"",
    );
    let out = ecs_atlas()
        .arg("check")
        .arg(dir.path().join("atlas.json"))
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let text = fs::read_to_string(dir.path().join("atlas.json")).unwrap();
    let line = text.lines().position(|l| l.contains("tg-backed")).unwrap() + 1;
    assert!(
        stdout.contains(&format!("atlas.json:{line}:")) && stdout.contains("error[atlas/unknown-reference]"),
        "{stdout}"
    );
    assert!(stdout.contains("Did you mean \"tg-backend\"?"), "{stdout}");
}

#[test]
fn check_reports_a_broken_artifact_and_json_format_is_parseable() {
    let dir = edited_copy(
        "ecs-front-task.describe.json",
        "\"essential\": true,",
        "\"essential\": true,,",
    );
    let report = failing_json_report(&dir);
    let syntax: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "taskdef/json-syntax")
        .collect();
    assert_eq!(syntax.len(), 1, "{report}");
    let first = syntax[0];
    assert_eq!(first["rule"], "taskdef/json-syntax");
    assert_eq!(first["file"], "ecs-front-task.describe.json");
    assert_eq!(first["severity"], "error");
    assert!(first["line"].as_u64().unwrap() > 1);
    assert_eq!(first["docs"], "#/rules/taskdef/json-syntax");
    assert!(first["end_line"].as_u64().unwrap() >= first["line"].as_u64().unwrap());
}

#[test]
fn json_format_carries_the_pointer_of_a_deployment_problem() {
    let dir = edited_copy(
        "atlas.json",
        "\"aliasTarget\": \"alb-backend\"",
        "\"aliasTarget\": \"alb-api\"",
    );
    let report = failing_json_report(&dir);
    let all = report["diagnostics"].as_array().unwrap();
    // Notes (severity info) on the deployment are not what this is about.
    let diagnostics: Vec<_> = all
        .iter()
        .filter(|d| d["file"] == "atlas.json" && d["severity"] != "info")
        .collect();
    assert_eq!(diagnostics.len(), 1, "{report}");
    assert_eq!(diagnostics[0]["rule"], "atlas/unknown-reference");
    assert_eq!(diagnostics[0]["pointer"], "/dns/1/aliasTarget");
    assert_eq!(
        diagnostics[0]["end_column"].as_u64().unwrap() - diagnostics[0]["column"].as_u64().unwrap(),
        9
    );
}

#[test]
fn check_survives_binary_garbage() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("atlas.json"), [0xff, 0xfe, 0x00, 0x7b, 0x80]).unwrap();
    let out = ecs_atlas().arg("check").arg(dir.path()).assert().code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("atlas/json-syntax"), "{stdout}");
}

#[test]
fn check_without_a_path_is_a_usage_error() {
    ecs_atlas().arg("check").assert().code(2);
    ecs_atlas().args(["check", "/nonexistent/atlas.json"]).assert().code(2);
}

#[test]
fn rules_lists_and_documents_every_rule() {
    let out = ecs_atlas().arg("rules").assert().success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    for id in ["atlas/json-syntax", "atlas/unknown-reference", "taskdef/json-syntax"] {
        assert!(stdout.contains(id), "{stdout}");
    }
    let out = ecs_atlas().args(["rules", "atlas/duplicate-id"]).assert().success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        stdout.contains("WHY IT MATTERS") && stdout.contains("\"id\": \"private-a\""),
        "{stdout}"
    );
    ecs_atlas().args(["rules", "no/such-rule"]).assert().code(2);
}

#[test]
fn check_takes_task_definition_files_and_shows_the_source_line() {
    let path = reference_dir().join("ecs-backend-task.describe.json");
    let out = ecs_atlas().arg("check").arg(&path).assert().code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let expected = format!(
        "{}:69:11: error[taskdef/empty-tags]: Tags can not be empty.\n   |\n69 |   \"tags\": []\n   |           ^^\n",
        path.display()
    );
    assert!(stdout.contains(&expected), "{stdout}");
    assert!(stdout.contains("checked 1 files"), "{stdout}");
}

#[test]
fn check_reads_several_files_and_detects_their_kind() {
    let dir = tempfile::tempdir().unwrap();
    let unnamed = dir.path().join("td");
    fs::write(&unnamed, r#"{"family": "x", "containerDefinitions": []}"#).unwrap();
    let out = ecs_atlas()
        .arg("check")
        .arg(&unnamed)
        .arg(reference_dir().join("atlas.json"))
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("checked 6 files"), "{stdout}");
    let notes = dir.path().join("notes.txt");
    fs::write(&notes, "hello").unwrap();
    ecs_atlas().arg("check").arg(&notes).assert().code(2);
}

#[test]
fn export_prints_register_ready_json() {
    let path = reference_dir().join("ecs-front-task.describe.json");
    // The seed's redacted images and roles still block registering it, and say so.
    let out = ecs_atlas().args(["export", "taskdef"]).arg(&path).assert().code(1);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["family"], "ecs-front-task");
    assert!(json.get("revision").is_none() && json.get("tags").is_none());
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("aws ecs register-task-definition --cli-input-json file://ecs-front-task.json"),
        "{stderr}"
    );
    assert!(stderr.contains("error[taskdef/redacted-value]"), "{stderr}");
    assert!(!stderr.contains("read-only-field"), "{stderr}");
}

#[test]
fn export_fails_on_what_it_cannot_resolve() {
    let dir = edited_copy(
        "ecs-front-task.describe.json",
        "\"essential\": true,",
        "\"essentail\": true,",
    );
    let out = ecs_atlas()
        .args(["export", "taskdef"])
        .arg(dir.path().join("ecs-front-task.describe.json"))
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("error[taskdef/unknown-field]"), "{stderr}");
    ecs_atlas()
        .args(["export", "taskdef", "/nonexistent.json"])
        .assert()
        .code(2);
}

#[test]
fn rules_as_json_list_id_severity_summary_and_docs() {
    let out = ecs_atlas().args(["rules", "--format", "json"]).assert().success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let rules = json["rules"].as_array().unwrap();
    let read_only = rules.iter().find(|r| r["id"] == "taskdef/read-only-field").unwrap();
    assert_eq!(read_only["severity"], "error");
    assert!(read_only["docs"].as_str().unwrap().contains("# Why it matters"));
}

/// A temporary folder holding the given nginx configs.
fn nginx_files(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn fmt_prints_the_formatted_config() {
    let seed = reference_dir().join("frontend-nginx.conf");
    let out = ecs_atlas().arg("fmt").arg(&seed).assert().success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let text = fs::read_to_string(&seed).unwrap();
    assert_eq!(stdout, atlas_core::nginx::format(&text).unwrap());
    assert!(stdout.contains("\n    server {\n        listen 80;\n"), "{stdout}");
    assert!(out.get_output().stderr.is_empty());
}

#[test]
fn fmt_check_lists_what_would_change_with_a_diff() {
    let dir = nginx_files(&[
        ("flat.conf", "events {\nworker_connections 1024;\n}\n"),
        ("done.conf", "user nginx;\n"),
    ]);
    let flat = dir.path().join("flat.conf");
    let done = dir.path().join("done.conf");
    let out = ecs_atlas()
        .args(["fmt", "--check"])
        .arg(&flat)
        .arg(&done)
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert_eq!(
        stdout,
        format!(
            "{}\n@@ -1,3 +1,3 @@\n events {{\n-worker_connections 1024;\n+    worker_connections 1024;\n }}\n",
            flat.display()
        )
    );
    // --check changes nothing; a formatted file passes.
    assert_eq!(
        fs::read_to_string(&flat).unwrap(),
        "events {\nworker_connections 1024;\n}\n"
    );
    ecs_atlas()
        .args(["fmt", "--check"])
        .arg(&done)
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn fmt_write_rewrites_in_place() {
    let dir = nginx_files(&[
        ("a.conf", "http {\nserver {\nlisten 80;   # web\n}\n}"),
        ("b.conf", "user nginx;\n"),
    ]);
    let (a, b) = (dir.path().join("a.conf"), dir.path().join("b.conf"));
    ecs_atlas()
        .args(["fmt", "--write"])
        .arg(&a)
        .arg(&b)
        .assert()
        .success()
        .stdout("");
    assert_eq!(
        fs::read_to_string(&a).unwrap(),
        "http {\n    server {\n        listen 80; # web\n    }\n}\n"
    );
    assert_eq!(fs::read_to_string(&b).unwrap(), "user nginx;\n");
    ecs_atlas().args(["fmt", "--check"]).arg(&a).arg(&b).assert().success();
}

#[test]
fn fmt_refuses_syntax_errors_and_unreadable_files() {
    let broken = "events {\n}\n  }\nhttp {\nlisten 80;\n}\n";
    let dir = nginx_files(&[("broken.conf", broken), ("flat.conf", "events {\nx;\n}\n")]);
    let path = dir.path().join("broken.conf");
    for mode in [None, Some("--check"), Some("--write")] {
        let mut cmd = ecs_atlas();
        cmd.arg("fmt").args(mode).arg(&path);
        let out = cmd.assert().code(2).stdout("");
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(
            stderr.starts_with(&format!("{}:3:3: error: unexpected \"}}\"", path.display())),
            "{stderr}"
        );
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), broken);
    // Every file is still looked at; the worst outcome decides the status.
    let flat = dir.path().join("flat.conf");
    let out = ecs_atlas()
        .args(["fmt", "--check"])
        .arg(&path)
        .arg(&flat)
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stdout).starts_with(&flat.display().to_string()));
    ecs_atlas().args(["fmt", "--check", "no-such.conf"]).assert().code(2);
    let binary = dir.path().join("binary.conf");
    fs::write(&binary, b"user \xff;\n").unwrap();
    ecs_atlas().args(["fmt", "--write"]).arg(&binary).assert().code(2);
    assert_eq!(fs::read(&binary).unwrap(), b"user \xff;\n");
}

#[test]
fn fmt_prints_only_one_file() {
    let dir = nginx_files(&[("a.conf", "a;\n"), ("b.conf", "b;\n")]);
    ecs_atlas()
        .arg("fmt")
        .arg(dir.path().join("a.conf"))
        .arg(dir.path().join("b.conf"))
        .assert()
        .code(2);
    ecs_atlas()
        .args(["fmt", "--check", "--write", "a.conf"])
        .assert()
        .code(2);
    ecs_atlas().arg("fmt").assert().code(2);
}

#[test]
fn schema_is_the_committed_one_and_covers_the_reference_deployment() {
    let out = ecs_atlas().arg("schema").assert().success();
    let printed = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let committed = fs::read_to_string(reference_dir().join("atlas.schema.json")).unwrap();
    assert_eq!(
        printed, committed,
        "atlas.schema.json is stale: ecs-atlas schema > crates/core/reference/atlas.schema.json"
    );

    let schema: serde_json::Value = serde_json::from_str(&printed).unwrap();
    let reference: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(reference_dir().join("atlas.json")).unwrap()).unwrap();
    assert_eq!(reference["$schema"], "./atlas.schema.json");
    // Every field the reference deployment uses is described, and the schema
    // refuses others, as the loader does.
    for key in reference.as_object().unwrap().keys() {
        assert!(schema["properties"].get(key).is_some(), "{key} missing from the schema");
    }
    assert_eq!(schema["additionalProperties"], false);
    assert_eq!(
        schema["$defs"]["LaunchType"]["enum"],
        serde_json::json!(["EC2", "FARGATE"])
    );
}

#[test]
fn sample_prints_a_generated_workspace_that_checks_as_a_deployment() {
    let out = ecs_atlas()
        .args(["sample", "--services", "3", "--tasks", "4"])
        .assert()
        .success();
    let sample: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(sample["deployment"]["name"], "atlas.json");
    let artifacts = sample["artifacts"].as_array().unwrap();
    assert_eq!(artifacts.len(), 6, "a task definition and an nginx config per service");
    // Written out, the files are a deployment the checker reads whole.
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("atlas.json"),
        sample["deployment"]["text"].as_str().unwrap(),
    )
    .unwrap();
    for file in artifacts {
        fs::write(
            dir.path().join(file["name"].as_str().unwrap()),
            file["text"].as_str().unwrap(),
        )
        .unwrap();
    }
    let out = ecs_atlas().args(["check", "--format", "json"]).arg(dir.path()).assert();
    let report: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let rules: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["rule"].as_str())
        .collect();
    assert!(!rules.contains(&"atlas/missing-artifact"), "{rules:?}");
    assert!(!rules.iter().any(|r| r.starts_with("atlas/")), "{rules:?}");
}
