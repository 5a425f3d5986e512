//! Everything the checkers say about the reference task definitions and
//! nginx configs, as reviewable snapshots, plus the findings a reviewer must
//! see in them.

use atlas_core::reference::{BACKEND_NGINX, BACKEND_TASK, FRONTEND_NGINX, FRONTEND_TASK};
use atlas_core::{nginx, taskdef, Diagnostic};

fn report(file: &str, text: &str) -> String {
    lines(&taskdef::check(file, text).diagnostics)
}

fn lines(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}:{} {}[{}] {}",
                d.line,
                d.column,
                d.severity.as_str(),
                d.rule,
                d.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn rules_at(text: &str, file: &str) -> Vec<(String, Option<String>)> {
    taskdef::check(file, text)
        .diagnostics
        .into_iter()
        .map(|d| (d.rule.to_owned(), d.pointer))
        .collect()
}

#[test]
fn backend_seed_report() {
    insta::assert_snapshot!(report("ecs-backend-task.describe.json", BACKEND_TASK));
}

#[test]
fn frontend_seed_report() {
    insta::assert_snapshot!(report("ecs-front-task.describe.json", FRONTEND_TASK));
}

#[test]
fn backend_nginx_seed_report() {
    insta::assert_snapshot!(lines(&nginx::check("backend-nginx.conf", BACKEND_NGINX)));
}

#[test]
fn frontend_nginx_seed_report() {
    insta::assert_snapshot!(lines(&nginx::check("frontend-nginx.conf", FRONTEND_NGINX)));
}

#[test]
fn the_frontend_nginx_method_filter_is_flagged() {
    let found = nginx::check("frontend-nginx.conf", FRONTEND_NGINX);
    let filter = found
        .iter()
        .find(|d| d.rule == "nginx/unknown-request-method")
        .expect("the OPTION typo blocks CORS preflights");
    assert_eq!((filter.line, filter.message.contains("\"OPTION\"")), (26, true));
    let fix = filter.fix.as_ref().expect("a fix");
    assert_eq!(fix.edits[0].text, "OPTIONS");
    assert_eq!(&FRONTEND_NGINX[filter.span.start..filter.span.end], "OPTION");
    assert!(!nginx::check("backend-nginx.conf", BACKEND_NGINX)
        .iter()
        .any(|d| d.rule == "nginx/unknown-request-method"));
}

#[test]
fn the_seeds_report_what_a_reviewer_must_see() {
    for (file, text) in [("b.json", BACKEND_TASK), ("f.json", FRONTEND_TASK)] {
        let found = rules_at(text, file);
        let has = |rule: &str, pointer: &str| found.iter().any(|(r, p)| r == rule && p.as_deref() == Some(pointer));
        for field in [
            "taskDefinitionArn",
            "revision",
            "status",
            "requiresAttributes",
            "compatibilities",
            "registeredAt",
        ] {
            assert!(has("taskdef/read-only-field", &format!("/{field}")), "{file}: {field}");
        }
        assert!(has("taskdef/empty-tags", "/tags"), "{file}");
        assert!(
            has("taskdef/redacted-value", "/executionRoleArn"),
            "{file}: the role is not an ARN"
        );
        assert!(has("taskdef/redacted-value", "/taskRoleArn"), "{file}");
        assert!(
            has("taskdef/task-role-is-execution-role", "/taskRoleArn"),
            "{file}: one role for both"
        );
        assert!(
            has("taskdef/unpinned-image", "/containerDefinitions/0/image"),
            "{file}: :latest"
        );
        assert!(
            has("taskdef/missing-log-configuration", "/containerDefinitions/1"),
            "{file}: no logging"
        );
    }
}
