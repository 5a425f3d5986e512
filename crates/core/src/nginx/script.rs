//! Variables in nginx's http directives: where nginx reads `$name` in an
//! argument (the arguments it compiles with ngx_http_script_compile or
//! ngx_http_compile_complex_value, `if` conditions and log formats), how it
//! splits the names out, and which directives define variables. Only the
//! stock directives whose arguments are known to be compiled are listed: a
//! `$` anywhere else (a regex, a header name) is not a variable reference.

use std::ops::Range;

use super::ast::Arg;
use super::tree::Node;

/// A variable reference: the name as written, and where it is in the
/// argument's value (the `$` included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference<'v> {
    pub name: &'v str,
    pub range: Range<usize>,
}

/// A variable an nginx script value refers to: `$name`, `${name}` or a
/// numbered regex capture `$1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Var<'v> {
    /// Without the `$` and braces; a digit for a capture.
    pub name: &'v str,
    /// Where the reference, `$` and braces included, sits in the value.
    pub range: Range<usize>,
}

impl Var<'_> {
    /// nginx looks variables up by their lowercased name.
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    pub fn is_capture(&self) -> bool {
        self.name.bytes().all(|b| b.is_ascii_digit())
    }
}

/// Every variable a value names, leniently (no errors, captures included),
/// for the lint rules: as nginx's script compiler reads them: a `$`
/// followed by a digit is a capture, otherwise by a name of letters, digits
/// and `_`, optionally in braces.
pub fn variables(value: &str) -> Vec<Var<'_>> {
    let bytes = value.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'$' {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        if i < bytes.len() && bytes[i].is_ascii_digit() {
            found.push(Var {
                name: &value[i..i + 1],
                range: start..i + 1,
            });
            i += 1;
            continue;
        }
        let braced = bytes.get(i) == Some(&b'{');
        if braced {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
            i += 1;
        }
        let name_end = i;
        if braced {
            if bytes.get(i) != Some(&b'}') {
                continue;
            }
            i += 1;
        }
        if name_end > name_start {
            found.push(Var {
                name: &value[name_start..name_end],
                range: start..i,
            });
        }
    }
    found
}

/// What ngx_http_script_compile rejects, in its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptError {
    pub message: String,
    pub range: Range<usize>,
}

/// The references in a compiled argument, as ngx_http_script_compile reads
/// them: `$name` or `${name}` with names of `[A-Za-z0-9_]`; `$1`..`$9` are
/// regex captures, not variables. nginx compiles only values with a `$` in
/// them, so a value without one never fails.
pub fn references(value: &str) -> Result<Vec<Reference<'_>>, ScriptError> {
    let bytes = value.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'$' {
            i += 1;
            continue;
        }
        let dollar = i;
        i += 1;
        let invalid = || ScriptError {
            message: "invalid variable name".to_owned(),
            range: dollar..value.len(),
        };
        match bytes.get(i) {
            None => return Err(invalid()),
            Some(b'1'..=b'9') => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let bracket = bytes[i] == b'{';
        if bracket {
            i += 1;
            if i == bytes.len() {
                return Err(invalid());
            }
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
            i += 1;
        }
        let name = &value[start..i];
        if bracket {
            if bytes.get(i) != Some(&b'}') {
                return Err(ScriptError {
                    message: format!("the closing bracket in \"{name}\" variable is missing"),
                    range: dollar..i,
                });
            }
            i += 1;
        }
        if name.is_empty() {
            return Err(invalid());
        }
        out.push(Reference { name, range: dollar..i });
    }
    Ok(out)
}

/// The references of a `log_format` string (ngx_http_log_compile_format):
/// the same names, but no captures and no errors of the script compiler.
pub fn log_format_references(value: &str) -> Vec<Reference<'_>> {
    let bytes = value.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'$' {
            i += 1;
            continue;
        }
        let dollar = i;
        i += 1;
        let bracket = bytes.get(i) == Some(&b'{');
        if bracket {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
            i += 1;
        }
        if bracket && bytes.get(i) != Some(&b'}') || start == i {
            // nginx rejects these with a message of its own; not a reference.
            continue;
        }
        let name = &value[start..i];
        if bracket {
            i += 1;
        }
        out.push(Reference { name, range: dollar..i });
    }
    out
}

/// Directives nginx compiles every argument of (codes, flags and `=404`
/// have no `$`, so reading them too changes nothing).
const ALL_ARGUMENTS: &[&str] = &[
    "return",
    "try_files",
    "index",
    "error_page",
    "sub_filter",
    "proxy_no_cache",
    "proxy_cache_bypass",
    "fastcgi_no_cache",
    "fastcgi_cache_bypass",
    "uwsgi_no_cache",
    "uwsgi_cache_bypass",
    "scgi_no_cache",
    "scgi_cache_bypass",
    "proxy_cache_key",
    "fastcgi_cache_key",
    "uwsgi_cache_key",
    "scgi_cache_key",
    "ssl_certificate",
    "ssl_certificate_key",
    "proxy_method",
    "proxy_set_body",
    "limit_rate",
];

/// Directives nginx compiles the first argument of; the others are names,
/// zones or flags.
const FIRST_ARGUMENT: &[&str] = &[
    "proxy_pass",
    "fastcgi_pass",
    "uwsgi_pass",
    "scgi_pass",
    "grpc_pass",
    "root",
    "alias",
    "auth_basic",
    "limit_req_zone",
    "limit_conn_zone",
    "split_clients",
    "map",
    "proxy_cache",
    "fastcgi_cache",
    "uwsgi_cache",
    "scgi_cache",
];

/// Directives nginx compiles the second argument of: a value after a name.
const SECOND_ARGUMENT: &[&str] = &[
    "set",
    "add_header",
    "add_trailer",
    "proxy_set_header",
    "grpc_set_header",
    "fastcgi_param",
    "uwsgi_param",
    "scgi_param",
    "rewrite",
    "auth_request_set",
];

/// The arguments of an accepted http directive that nginx compiles as
/// scripts or complex values. `if` conditions and `log_format` strings have
/// readers of their own ([`if_condition`], [`log_format_arguments`]).
pub fn compiled_arguments<'n, 'a>(node: &'n Node<'n, 'a>) -> Vec<&'n Arg<'a>> {
    let args = &node.directive.args;
    let name = node.name();
    if ALL_ARGUMENTS.contains(&name) {
        return args.iter().collect();
    }
    if FIRST_ARGUMENT.contains(&name) {
        return args.first().into_iter().collect();
    }
    if SECOND_ARGUMENT.contains(&name) || (name == "proxy_redirect" && args.len() == 2) {
        return args.get(1).into_iter().collect();
    }
    if name == "access_log" {
        let path = args
            .first()
            .filter(|p| p.value != "off" && !p.value.starts_with("syslog:"));
        let filters = args.iter().skip(2).filter(|a| a.value.starts_with("if="));
        return path.into_iter().chain(filters).collect();
    }
    Vec::new()
}

/// The format strings of a `log_format` (after the name and `escape=`).
pub fn log_format_arguments<'n, 'a>(node: &'n Node<'n, 'a>) -> impl Iterator<Item = &'n Arg<'a>> {
    let args = &node.directive.args;
    let skip = if args.get(1).is_some_and(|a| a.value.starts_with("escape=")) {
        2
    } else {
        1
    };
    args.iter().skip(skip)
}

/// Where an `if` condition reads variables: the variable it tests (its whole
/// name, as ngx_http_rewrite_variable takes it, returned as a reference
/// without checks), and the operand nginx compiles for `=`, `!=` and the
/// file tests. Regex operands are patterns, not scripts.
pub fn if_condition<'n, 'a>(node: &'n Node<'n, 'a>) -> (Option<(&'n Arg<'a>, Range<usize>)>, Option<&'n Arg<'a>>) {
    let args = &node.directive.args;
    let (Some(first), Some(last)) = (args.first(), args.last()) else {
        return (None, None);
    };
    if !first.value.starts_with('(') || !last.value.ends_with(')') {
        return (None, None);
    }
    let mut cur = 0;
    let mut cur_offset = 1;
    if first.value.len() == 1 {
        cur = 1;
        cur_offset = 0;
    }
    let mut end = args.len() - 1;
    let mut last_trim = 1;
    if last.value.len() == 1 {
        if end == 0 {
            return (None, None);
        }
        end -= 1;
        last_trim = 0;
    }
    let Some(arg) = args.get(cur) else {
        return (None, None);
    };
    if cur > end {
        return (None, None);
    }
    // The condition's text of this argument, without the parentheses.
    let text_end = |a: &Arg, i: usize| {
        let trim = if i == args.len() - 1 { last_trim } else { 0 };
        a.value.len().saturating_sub(trim)
    };
    let len = text_end(arg, cur).saturating_sub(cur_offset);
    let value = arg.value.get(cur_offset..cur_offset + len).unwrap_or("");
    if value.len() > 1 && value.starts_with('$') {
        let variable = Some((arg, cur_offset..cur_offset + len));
        if cur == end || cur + 2 != end {
            return (variable, None);
        }
        let operand = args[cur + 1].value.as_ref();
        let compiled = matches!(operand, "=" | "!=");
        return (variable, compiled.then(|| &args[end]));
    }
    let file_test = matches!(value, "-f" | "!-f" | "-d" | "!-d" | "-e" | "!-e" | "-x" | "!-x");
    if file_test && cur + 1 == end {
        return (None, Some(&args[end]));
    }
    (None, None)
}

/// The variable a directive defines (without the `$`), for the stock
/// directives that define one.
pub fn defined_variable<'n>(node: &'n Node) -> Option<&'n str> {
    let arg = match node.name() {
        "set" | "auth_request_set" | "perl_set" => node.arg(0),
        "map" | "split_clients" => node.arg(1),
        "geo" => node.directive.args.last().map(|a| a.value.as_ref()),
        _ => None,
    }?;
    arg.strip_prefix('$')
}

/// The names of the regex named captures (`(?<name>`, `(?P<name>`,
/// `(?'name'`) in a text: nginx defines a variable for each capture of
/// every regex it compiles.
pub fn named_captures(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i + 3 < bytes.len() {
            let at = i;
            i += 1;
            if bytes[at] != b'(' || bytes[at + 1] != b'?' {
                continue;
            }
            let (start, close) = match (bytes[at + 2], bytes.get(at + 3)) {
                (b'<', Some(c)) if *c != b'=' && *c != b'!' => (at + 3, b'>'),
                (b'P', Some(b'<')) => (at + 4, b'>'),
                (b'\'', _) => (at + 3, b'\''),
                _ => continue,
            };
            let len = bytes[start.min(bytes.len())..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                .count();
            if len > 0 && bytes.get(start + len) == Some(&close) {
                return Some(&text[start..start + len]);
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(value: &str) -> Vec<&str> {
        references(value).unwrap().into_iter().map(|r| r.name).collect()
    }

    #[test]
    fn references_as_nginx_splits_them() {
        assert_eq!(names("$scheme://$host$request_uri"), ["scheme", "host", "request_uri"]);
        assert_eq!(names("${host}x $1 $9a $0"), ["host", "0"]);
        assert_eq!(names("no variables"), Vec::<&str>::new());
        assert_eq!(names("$a-b.c"), ["a"]);
        let r = &references("x${ab}y").unwrap()[0];
        assert_eq!(r.range, 1..6);
        assert_eq!(references("5$").unwrap_err().message, "invalid variable name");
        assert_eq!(references("$ x").unwrap_err().message, "invalid variable name");
        assert_eq!(references("${}").unwrap_err().message, "invalid variable name");
        assert_eq!(
            references("${x").unwrap_err().message,
            "the closing bracket in \"x\" variable is missing"
        );
        assert_eq!(
            references("${x-y}").unwrap_err().message,
            "the closing bracket in \"x\" variable is missing"
        );
        assert!(references("é$é").is_err());
    }

    #[test]
    fn log_formats_and_captures() {
        let refs: Vec<&str> = log_format_references("$remote_addr [${time_local}] $ $")
            .iter()
            .map(|r| r.name)
            .collect();
        assert_eq!(refs, ["remote_addr", "time_local"]);
        let caps: Vec<&str> = named_captures("^/(?<a>x)(?P<b_1>y)(?'c'z)(?<=w)(?<!v)(?:u)").collect();
        assert_eq!(caps, ["a", "b_1", "c"]);
        assert_eq!(named_captures("(?<").count(), 0);
        assert_eq!(named_captures("é(?<é>)").count(), 0);
    }
}
