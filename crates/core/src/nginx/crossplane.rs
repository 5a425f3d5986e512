//! The parse as crossplane's JSON payload (`crossplane parse --single-file`),
//! the format other nginx tooling already reads.
//!
//! Differences from crossplane, on purpose: include files are not followed
//! (the browser has no file system; `include` stays a directive), and
//! arguments are unescaped the way nginx unescapes them (crossplane keeps the
//! backslashes).

use serde::Serialize;

use super::ast::Directive;
use super::parse::parse;

#[derive(Debug, Serialize)]
pub struct Payload {
    pub status: &'static str,
    pub errors: Vec<PayloadError>,
    pub config: Vec<FilePayload>,
}

#[derive(Debug, Serialize)]
pub struct PayloadError {
    pub file: String,
    pub error: String,
    pub line: usize,
}

#[derive(Debug, Serialize)]
pub struct FilePayload {
    pub file: String,
    pub status: &'static str,
    pub errors: Vec<FileError>,
    pub parsed: Vec<Entry>,
}

#[derive(Debug, Serialize)]
pub struct FileError {
    pub error: String,
    pub line: usize,
}

#[derive(Debug, Serialize)]
pub struct Entry {
    pub directive: String,
    pub line: usize,
    pub args: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<Vec<Entry>>,
}

/// Like crossplane, a file with a syntax error reports the first error and
/// no directives (nginx would not load it either).
pub fn payload(file: &str, text: &str) -> Payload {
    let parsed = parse(text);
    let (status, errors, entries) = match parsed.errors.first() {
        Some(error) => (
            "failed",
            vec![FileError {
                error: format!("{} in {file}:{}", error.message, error.line),
                line: error.line,
            }],
            Vec::new(),
        ),
        None => ("ok", Vec::new(), entries(&parsed.config.directives)),
    };
    Payload {
        status,
        errors: errors
            .iter()
            .map(|e| PayloadError {
                file: file.to_owned(),
                error: e.error.clone(),
                line: e.line,
            })
            .collect(),
        config: vec![FilePayload {
            file: file.to_owned(),
            status,
            errors,
            parsed: entries,
        }],
    }
}

fn entries(directives: &[Directive]) -> Vec<Entry> {
    directives
        .iter()
        .map(|d| {
            let mut args: Vec<String> = d.args.iter().map(|a| a.value.to_string()).collect();
            if d.name == "if" {
                strip_if_parentheses(&mut args);
            }
            let raw = Directive::is_raw_block(&d.name);
            Entry {
                directive: d.name.to_string(),
                line: d.line,
                args,
                block: d.block.as_ref().filter(|_| !raw).map(|b| entries(&b.directives)),
            }
        })
        .collect()
}

/// crossplane reports `if ($a = b)` as `["$a", "=", "b"]`: the condition
/// without its parentheses. (After a quoted last argument, `if ($a = "b")`,
/// nginx's tokenizer has already swallowed the `)`.)
fn strip_if_parentheses(args: &mut Vec<String>) {
    // Only an argument that was nothing but the parenthesis goes; a quoted
    // empty string (`if ($a = "")`) is a real argument.
    if args.first().is_some_and(|a| a.starts_with('(')) {
        args[0] = args[0][1..].trim_start().to_owned();
        if args[0].is_empty() {
            args.remove(0);
        }
    }
    if let Some(last) = args.last_mut() {
        if let Some(stripped) = last.strip_suffix(')') {
            *last = stripped.trim_end().to_owned();
            if last.is_empty() {
                args.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};

    #[test]
    fn the_frontend_seed_as_crossplane_sees_it() {
        let payload = payload("frontend-nginx.conf", FRONTEND_NGINX);
        assert_eq!(payload.status, "ok");
        let http = payload.config[0].parsed.iter().find(|e| e.directive == "http").unwrap();
        let server = http
            .block
            .as_ref()
            .unwrap()
            .iter()
            .find(|e| e.directive == "server")
            .unwrap();
        let location = &server.block.as_ref().unwrap()[2];
        assert_eq!(location.args, ["/"]);
        let if_ = &location.block.as_ref().unwrap()[0];
        assert_eq!(if_.args, ["$request_method", "!~", "^(GET|HEAD|POST|OPTION)$"]);
        assert_eq!(if_.line, 26);
        let log_format = http
            .block
            .as_ref()
            .unwrap()
            .iter()
            .find(|e| e.directive == "log_format")
            .unwrap();
        assert_eq!(
            log_format.args[1],
            "$remote_addr - $remote_user [$time_local] \"$request\" "
        );
    }

    #[test]
    fn a_syntax_error_fails_the_file() {
        let payload = payload("x.conf", "events {\n}\n}\n");
        assert_eq!(payload.status, "failed");
        assert_eq!(payload.errors[0].error, "unexpected \"}\" in x.conf:3");
        assert!(payload.config[0].parsed.is_empty());
        assert_eq!(super::payload("b.conf", BACKEND_NGINX).status, "ok");
    }
}
