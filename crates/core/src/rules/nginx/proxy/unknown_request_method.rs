use crate::diagnostic::{Diagnostic, Fix, Span, TextEdit};
use crate::nginx::ast::Arg;
use crate::nginx::regex;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;
use crate::suggest::closest;

use super::value_start;

declare_rule! {
    /// Reports a word in an `if ($request_method ...)` test that is not an
    /// HTTP method nginx knows, such as `OPTION` for `OPTIONS`.
    ///
    /// # Why it matters
    /// The test compares against a method no client ever sends, so the
    /// requests you meant to name take the other branch. In a method filter
    /// like the one below, every `OPTIONS` request (the CORS preflight a
    /// browser sends before a cross-origin API call) is rejected, and the
    /// cross-origin calls fail in the browser while `curl` works.
    ///
    /// # Example
    /// ```nginx
    /// if ($request_method !~ ^(GET|HEAD|POST|OPTION)$) {
    ///     return 405;
    /// }
    /// ```
    ///
    /// # Fix
    /// Spell the method as HTTP does, in capitals: `OPTIONS`. The methods
    /// nginx knows are GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE,
    /// PATCH and the WebDAV ones (MKCOL, COPY, MOVE, PROPFIND, PROPPATCH,
    /// LOCK, UNLOCK).
    pub static RULE = {
        id: "nginx/unknown-request-method",
        severity: Warning,
        summary: "A $request_method test that names a method that does not exist",
    }
}

/// The methods nginx parses (`ngx_http_parse_request_line`).
pub const METHODS: &[&str] = &[
    "GET",
    "HEAD",
    "POST",
    "PUT",
    "DELETE",
    "CONNECT",
    "OPTIONS",
    "TRACE",
    "PATCH",
    "MKCOL",
    "COPY",
    "MOVE",
    "PROPFIND",
    "PROPPATCH",
    "LOCK",
    "UNLOCK",
];

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for (_, node) in cx.tree.named("if") {
        if !node.in_http() {
            continue;
        }
        let Some(condition) = Condition::of(&node.directive.args) else {
            continue;
        };
        if !condition.variable.eq_ignore_ascii_case("$request_method") {
            continue;
        }
        let operand = condition.operand;
        let start = value_start(cx.source.text, operand.arg).map(|s| s + operand.offset);
        let (words, anchored) = match condition.operator {
            // A variable on the right is compared at run time.
            "=" | "!=" if operand.text.contains('$') => continue,
            "=" | "!=" => (vec![(0, operand.text)], true),
            "~" | "!~" | "~*" | "!~*" => alternatives(operand.text),
            _ => continue,
        };
        let caseless = condition.operator.ends_with('*');
        for (offset, word) in words.iter().copied() {
            if is_method(word, caseless) {
                continue;
            }
            // An unanchored alternative matches inside a longer name: `POS`
            // still matches POST.
            if !anchored && METHODS.iter().any(|m| contains(m, word, caseless)) {
                continue;
            }
            out.push(diagnostic(cx, operand.arg, start.map(|s| s + offset), word, caseless));
        }
    }
}

fn diagnostic(cx: &Cx, arg: &Arg, start: Option<usize>, word: &str, caseless: bool) -> Diagnostic {
    let span = match start {
        Some(s) => Span::new(s, s + word.len()),
        None => arg.span,
    };
    let mut diagnostic = Diagnostic::at(
        &RULE,
        cx.source,
        span,
        format!("\"{word}\" is not an HTTP method, so no request matches it"),
    );
    let suggestion = closest(word, METHODS.iter().copied()).filter(|s| !(caseless && s.eq_ignore_ascii_case(word)));
    match suggestion {
        Some(method) => {
            diagnostic = diagnostic.with_help(format!(
                "Did you mean \"{method}\"? As written, {method} requests take the other branch of this test."
            ));
            if start.is_some() {
                diagnostic = diagnostic.with_fix(Fix {
                    title: format!("Replace \"{word}\" with \"{method}\""),
                    edits: vec![TextEdit {
                        span,
                        text: method.to_owned(),
                    }],
                    safe: true,
                });
            }
        }
        None => {
            diagnostic = diagnostic.with_help(format!("Use one of the methods nginx knows: {}.", METHODS.join(", ")))
        }
    }
    diagnostic
}

fn is_method(word: &str, caseless: bool) -> bool {
    METHODS.iter().any(|m| {
        if caseless {
            m.eq_ignore_ascii_case(word)
        } else {
            *m == word
        }
    })
}

fn contains(method: &str, word: &str, caseless: bool) -> bool {
    if caseless {
        method.contains(word.to_ascii_uppercase().as_str())
    } else {
        method.contains(word)
    }
}

/// `($request_method !~ ^(A|B)$)` as nginx's `if` reads it: the parentheses
/// are parts of the first and last tokens (or tokens of their own).
struct Condition<'d, 'a> {
    variable: &'d str,
    operator: &'d str,
    operand: Operand<'d, 'a>,
}

struct Operand<'d, 'a> {
    arg: &'d Arg<'a>,
    /// The value without the closing parenthesis.
    text: &'d str,
    /// Where `text` starts inside the argument's value.
    offset: usize,
}

impl<'d, 'a> Condition<'d, 'a> {
    fn of(args: &'d [Arg<'a>]) -> Option<Self> {
        let mut tokens: Vec<(&'d Arg<'a>, &'d str, usize)> = args.iter().map(|a| (a, a.value.as_ref(), 0)).collect();
        let first = tokens.first_mut()?;
        first.1 = first.1.strip_prefix('(')?;
        first.2 = 1;
        let last = tokens.last_mut()?;
        // After a quoted operand the parser has already swallowed the `)`.
        if last.0.quote.is_none() {
            last.1 = last.1.strip_suffix(')')?;
        }
        tokens.retain(|t| !t.1.is_empty());
        let [(_, variable, _), (_, operator, _), (arg, text, offset)] = tokens[..] else {
            return None;
        };
        Some(Condition {
            variable,
            operator,
            operand: Operand { arg, text, offset },
        })
    }
}

/// The words of a plain alternation, `^(GET|HEAD)$`, `^(?:GET|HEAD)$` or
/// `GET|HEAD`, with their offsets in `pattern`, and whether the pattern is
/// anchored at both ends. Anything else (classes, quantifiers, escapes) yields
/// no words: only a list of names is judged.
fn alternatives(pattern: &str) -> (Vec<(usize, &str)>, bool) {
    let Ok(regex) = regex::parse(pattern) else {
        return (Vec::new(), false);
    };
    let anchored = regex.anchored_start() && regex.anchored_end();
    let Some(found) = regex.literal_alternatives() else {
        return (Vec::new(), anchored);
    };
    let mut words = Vec::new();
    for (word, range) in found {
        // A word spelled with escapes has no exact span to fix.
        match pattern.get(range.clone()) {
            Some(raw) if raw == word && !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_alphabetic()) => {
                words.push((range.start, raw))
            }
            _ => return (Vec::new(), anchored),
        }
    }
    (words, anchored)
}

#[cfg(test)]
mod tests {
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};
    use crate::rules::nginx::fixtures::{hits, wrap};

    const ID: &str = "nginx/unknown-request-method";

    fn server(location_body: &str) -> String {
        wrap(&format!(
            "server {{\nlisten 80;\nlocation / {{\n{location_body}\nproxy_pass http://app:8080;\n}}\n}}"
        ))
    }

    #[test]
    fn flags_the_frontend_seeds_option_with_a_fix() {
        let found = hits(FRONTEND_NGINX, ID);
        assert_eq!(found.len(), 1, "{found:#?}");
        let d = &found[0];
        assert_eq!(d.message, "\"OPTION\" is not an HTTP method, so no request matches it");
        assert_eq!(d.line, 26);
        assert_eq!(&FRONTEND_NGINX[d.span.start..d.span.end], "OPTION");
        assert!(d.help.as_deref().unwrap().starts_with("Did you mean \"OPTIONS\"?"));
        let fix = d.fix.as_ref().unwrap();
        assert!(fix.safe);
        assert_eq!(fix.edits[0].text, "OPTIONS");
        assert_eq!(fix.edits[0].span, d.span);
        assert!(hits(BACKEND_NGINX, ID).is_empty());
    }

    #[test]
    fn flags_equality_tests_and_lower_case_methods() {
        let text = server("if ($request_method = OPTION) { return 204; }");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 7);
        assert_eq!(&text[found[0].span.start..found[0].span.end], "OPTION");

        let text = server("if ($request_method != \"DELEET\") { return 405; }");
        let found = hits(&text, ID);
        assert_eq!(&text[found[0].span.start..found[0].span.end], "DELEET");
        assert_eq!(found[0].fix.as_ref().unwrap().edits[0].text, "DELETE");

        // Methods are case-sensitive unless the regex is (~*).
        let text = server("if ($request_method !~ ^(get|POST)$) { return 405; }");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].fix.as_ref().unwrap().edits[0].text, "GET");
    }

    #[test]
    fn flags_single_anchored_words_and_nested_groups() {
        for (condition, word) in [
            ("if ($request_method ~ ^OPTION$) { return 204; }", "OPTION"),
            ("if ($request_method !~ ^(?:GET|HEAD|PUTT)$) { return 405; }", "PUTT"),
            (
                "if ($request_method !~* \"^(get|head|postt)$\") { return 405; }",
                "postt",
            ),
        ] {
            let text = server(condition);
            let found = hits(&text, ID);
            assert_eq!(found.len(), 1, "{condition}");
            assert_eq!(&text[found[0].span.start..found[0].span.end], word);
        }
    }

    #[test]
    fn points_at_the_whole_argument_when_it_has_escapes() {
        let text = server("if ($request_method = \"DELE\\\"TE\") { return 405; }");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(&text[found[0].span.start..found[0].span.end], "\"DELE\\\"TE\"");
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn stays_quiet_on_real_methods_and_patterns_it_cannot_read() {
        for condition in [
            "if ($request_method !~ ^(GET|HEAD|POST|OPTIONS)$) { return 405; }",
            "if ($request_method !~ ^(?:GET|HEAD|PROPFIND|MKCOL)$) { return 405; }",
            "if ($request_method ~* ^(get|options)$) { return 204; }",
            "if ($request_method = OPTIONS) { return 204; }",
            "if ( $request_method = \"POST\" ) { return 405; }",
            "if ($request_method ~ ^(GE|POS)) { return 405; }",
            "if ($request_method ~ OPTION) { return 204; }",
            "if ($request_method !~ ^(\\x47ET|HEAD)$) { return 405; }",
            "if ($request_method !~ ^(GET|HEAD$) { return 405; }",
            "if ($request_method ~ ^[A-Z]+$) { return 405; }",
            "if ($request_method) { return 405; }",
            "if ($http_x_verb = OPTION) { return 405; }",
            "if ($request_method = $allowed_method) { return 405; }",
        ] {
            assert!(hits(&server(condition), ID).is_empty(), "{condition}");
        }
    }
}
