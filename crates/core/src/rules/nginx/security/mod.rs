//! Security mistakes nginx accepts: header and request splitting, spoofable
//! hosts, path traversal, regexes that do not match what they seem to.

use super::Check;
use crate::diagnostic::Span;
use crate::nginx::ast::Arg;
use crate::nginx::regex::{self, Regex};
use crate::nginx::regex_lint::{self, Capture};
pub(crate) use crate::nginx::script::{variables, Var};
use crate::nginx::tree::Tree;
use crate::rules::RuleMeta;

pub mod add_header_redefinition;
pub mod alias_traversal;
pub mod host_spoofing;
pub mod http_splitting;
pub mod if_in_location;
pub mod multiline_header;
pub mod origin_regex;
pub mod ssrf_proxy_pass;
pub mod unsafe_regex;
pub mod version_disclosure;

pub static RULES: &[&RuleMeta] = &[
    &add_header_redefinition::RULE,
    &multiline_header::RULE,
    &alias_traversal::RULE,
    &host_spoofing::RULE,
    &http_splitting::RULE,
    &ssrf_proxy_pass::RULE,
    &origin_regex::RULE,
    &unsafe_regex::RULE,
    &version_disclosure::RULE,
    &if_in_location::RULE,
];

pub static CHECKS: &[Check] = &[
    add_header_redefinition::check,
    multiline_header::check,
    alias_traversal::check,
    host_spoofing::check,
    http_splitting::check,
    ssrf_proxy_pass::check,
    origin_regex::check,
    unsafe_regex::check,
    version_disclosure::check,
    if_in_location::check,
];

/// One operand of an `if` condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Operand<'v> {
    pub value: &'v str,
    /// The token as written, without the condition's parenthesis.
    pub span: Span,
}

/// The operands of an `if` condition with nginx's parentheses taken off:
/// `if ($a ~ b)` is read as the words `($a`, `~`, `b)`.
pub(crate) fn if_condition<'v>(args: &'v [Arg<'_>]) -> Vec<Operand<'v>> {
    let last = args.len().saturating_sub(1);
    let mut words = Vec::with_capacity(args.len());
    for (i, arg) in args.iter().enumerate() {
        let mut value: &str = &arg.value;
        let mut span = arg.span;
        if i == 0 {
            if let Some(rest) = value.strip_prefix('(') {
                value = rest;
                if arg.quote.is_none() {
                    span.start += 1;
                }
            }
        }
        if i == last {
            if let Some(rest) = value.strip_suffix(')') {
                value = rest;
                if arg.quote.is_none() {
                    span.end = span.end.saturating_sub(1).max(span.start);
                }
            }
        }
        if !value.is_empty() {
            words.push(Operand { value, span });
        }
    }
    words
}

/// Where `value` starts in the file when the token at `span` is it as
/// written, possibly quoted; None when escapes make the offsets differ.
pub(crate) fn written_at(text: &str, span: Span, value: &str) -> Option<usize> {
    let token = text.get(span.start..span.end)?;
    if token == value {
        Some(span.start)
    } else if token.len() == value.len() + 2 && token.get(1..token.len() - 1) == Some(value) {
        Some(span.start + 1)
    } else {
        None
    }
}

/// A regex whose captures a directive can see, with what it was matched
/// against.
pub(crate) struct Matcher<'s> {
    pub pattern: &'s str,
    pub regex: Regex,
    /// The variable matched, without `$`: `uri` for locations and rewrites.
    pub subject: &'s str,
}

/// The regexes whose captures the directive at `index` may be reading,
/// nearest first: its own (a rewrite's), earlier rewrites in its block, the
/// conditions of the `if`s around it, the regex locations around it.
pub(crate) fn matchers<'s>(tree: &'s Tree, index: usize) -> Vec<Matcher<'s>> {
    let mut found = Vec::new();
    let mut push = |pattern: &'s str, subject: &'s str| {
        if let Ok(regex) = regex::parse(pattern) {
            found.push(Matcher {
                pattern,
                regex,
                subject,
            });
        }
    };
    let node = tree.node(index);
    let rewrite_pattern = |i: usize| {
        let n = tree.node(i);
        (n.name() == "rewrite").then(|| n.directive.args.first()).flatten()
    };
    if let Some(pattern) = rewrite_pattern(index) {
        push(&pattern.value, "uri");
    }
    let earlier: Vec<usize> = tree.children(node.parent).take_while(|&i| i < index).collect();
    for &i in earlier.iter().rev() {
        if let Some(pattern) = rewrite_pattern(i) {
            push(&pattern.value, "uri");
        }
    }
    for ancestor in tree.ancestors(index) {
        let directive = tree.node(ancestor).directive;
        match tree.node(ancestor).name() {
            "if" => {
                if let [subject, op, pattern] = if_condition(&directive.args).as_slice() {
                    if matches!(op.value, "~" | "~*") {
                        if let Some(name) = subject.value.strip_prefix('$') {
                            push(pattern.value, name);
                        }
                    }
                }
            }
            "location" => {
                if let [modifier, pattern] = directive.args.as_slice() {
                    if matches!(modifier.value.as_ref(), "~" | "~*") {
                        push(&pattern.value, "uri");
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// The capture a variable reads, when it is one: `$2` the second group of the
/// nearest regex that has one, `$name` a named group.
pub(crate) fn capture_of<'m>(matchers: &'m [Matcher], var: &Var) -> Option<(&'m Matcher<'m>, Capture<'m>)> {
    matchers.iter().find_map(|m| {
        let found = regex_lint::captures(&m.regex).into_iter().find(|c| {
            if var.is_capture() {
                var.name.parse() == Ok(c.number)
            } else {
                c.name.is_some_and(|n| n == var.name)
            }
        })?;
        Some((m, found))
    })
}

/// Judges whether a variable carries what the client sent, in some sense
/// (line breaks, a host of its choosing).
pub(crate) trait Taint {
    /// A built-in variable, by its lowercased name.
    fn builtin(&self, name: &str) -> bool;
    /// A regex capture of `matcher`, whose subject's taint is `subject`.
    fn capture(&self, matcher: &Matcher, capture: &Capture, subject: bool) -> bool;
}

/// The variables of `value`, read by the directive at `index`, that carry
/// the taint: built-ins, captures, and variables `set` from tainted values.
pub(crate) fn tainted<'v>(
    tree: &Tree,
    index: usize,
    value: &'v str,
    taint: &dyn Taint,
    set: &[String],
) -> Vec<Var<'v>> {
    let vars = variables(value);
    if vars.is_empty() {
        return vars;
    }
    // Most values hold no capture; the regexes around are only read for those that might.
    let mut around: Option<Vec<Matcher>> = None;
    vars.into_iter()
        .filter(|var| {
            let named_capture = !var.is_capture() && !taint.builtin(&var.name.to_ascii_lowercase());
            let matchers: &[Matcher] = if var.is_capture() || named_capture {
                around.get_or_insert_with(|| matchers(tree, index))
            } else {
                &[]
            };
            if let Some((matcher, capture)) = capture_of(matchers, var) {
                let subject = taint.builtin(&matcher.subject.to_ascii_lowercase())
                    || set.iter().any(|s| s.eq_ignore_ascii_case(matcher.subject));
                return taint.capture(matcher, &capture, subject);
            }
            !var.is_capture() && (taint.builtin(&var.name.to_ascii_lowercase()) || set.iter().any(|s| var.is(s)))
        })
        .collect()
}

/// The user variables that `set` gives a tainted value, anywhere in the config.
pub(crate) fn tainted_sets(tree: &Tree, taint: &dyn Taint) -> Vec<String> {
    let sets: Vec<(usize, &str, &str)> = tree
        .named("set")
        .filter_map(|(i, n)| Some((i, n.arg(0)?.strip_prefix('$')?, n.arg(1)?)))
        .collect();
    let mut found: Vec<String> = Vec::new();
    loop {
        let before = found.len();
        for &(index, name, value) in &sets {
            if !found.iter().any(|f| f.eq_ignore_ascii_case(name))
                && !tainted(tree, index, value, taint, &found).is_empty()
            {
                found.push(name.to_owned());
            }
        }
        if found.len() == before {
            return found;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_variables_as_nginx_does() {
        let names: Vec<(&str, std::ops::Range<usize>)> = variables("a$uri/${host}x$1$http_host_x $ ${oops")
            .into_iter()
            .map(|v| (v.name, v.range))
            .collect();
        assert_eq!(
            names,
            [("uri", 1..5), ("host", 6..13), ("1", 14..16), ("http_host_x", 16..28)]
        );
        assert!(variables("$HTTP_HOST")[0].is("http_host"));
        assert!(variables("$7")[0].is_capture());
        assert!(variables("é$é$").is_empty());
    }

    #[test]
    fn strips_the_condition_parentheses() {
        let values = |text: &str| {
            let parsed = crate::nginx::parse(text);
            let args = &parsed.config.directives[0].args;
            if_condition(args)
                .iter()
                .map(|o| o.value.to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(values("if ($a ~ b) { }"), ["$a", "~", "b"]);
        assert_eq!(values("if ( $a ) { }"), ["$a"]);
        assert_eq!(values("if ($a) { }"), ["$a"]);
        let text = "if ($a ~ \"b\") { }";
        let parsed = crate::nginx::parse(text);
        let spans: Vec<&str> = if_condition(&parsed.config.directives[0].args)
            .iter()
            .map(|o| &text[o.span.start..o.span.end])
            .collect();
        assert_eq!(spans, ["$a", "~", "\"b\""]);
    }

    /// One config with a mistake for every rule, cut and mangled: the rules
    /// answer with spans inside the text, and never panic.
    const EVERY_MISTAKE: &str = concat!(
        "events { }\n",
        "http {\n",
        "    add_header X-Frame-Options SAMEORIGIN;\n",
        "    map $http_origin $cors { ~^https://app.example.com \"$http_origin\"; default \"\"; }\n",
        "    server {\n",
        "        listen 80;\n",
        "        server_tokens on;\n",
        "        location /files { alias /data/; add_header X-A \"a\n  b\"; }\n",
        "        location ~ ^/p/((?<h>[^/]*)/(.*)*)$ {\n",
        "            if ($http_origin ~* \"example.com\") { add_header X-B $h; }\n",
        "            set $t $arg_t;\n",
        "            proxy_set_header Host $http_host;\n",
        "            rewrite ^/(é+)$ https://x/$uri$1 redirect;\n",
        "            proxy_pass http://$t$uri;\n",
        "        }\n",
        "        location ~ \\.php { return 302 \"https://$http_host$uri\"; }\n",
        "    }\n",
        "}\n",
    );

    fn assert_well_formed(text: &str) {
        let ours = crate::nginx::check("t.conf", text)
            .into_iter()
            .filter(|d| RULES.iter().any(|r| r.id == d.rule));
        for d in ours {
            assert!(d.span.start <= d.span.end && d.span.end <= text.len(), "{d:?}");
            assert!(
                text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end),
                "{d:?}"
            );
            if let Some(fix) = &d.fix {
                for edit in &fix.edits {
                    assert!(
                        edit.span.end <= text.len() && text.is_char_boundary(edit.span.start),
                        "{d:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_rule_fires_on_the_catalogue_of_mistakes() {
        let diagnostics = crate::nginx::check("t.conf", EVERY_MISTAKE);
        for rule in RULES {
            assert!(diagnostics.iter().any(|d| d.rule == rule.id), "{} is silent", rule.id);
        }
    }

    #[test]
    fn never_panics_on_cut_or_mangled_configs() {
        let text = EVERY_MISTAKE;
        for cut in (0..text.len()).filter(|&c| text.is_char_boundary(c)) {
            assert_well_formed(&text[..cut]);
            for insert in ["", "\"", "}", "$", ")", "é"] {
                let mut end = (cut + 3).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                assert_well_formed(&format!("{}{insert}{}", &text[..cut], &text[end..]));
            }
        }
    }

    #[test]
    fn the_seeds_trigger_no_security_rule() {
        // Both seeds turn server_tokens off, set their headers in http only,
        // proxy to a fixed container without variables, and have one if
        // (frontend: an anchored method check that only returns 444).
        for seed in [crate::reference::FRONTEND_NGINX, crate::reference::BACKEND_NGINX] {
            let fired: Vec<_> = crate::nginx::check("n.conf", seed)
                .into_iter()
                .filter(|d| RULES.iter().any(|r| r.id == d.rule))
                .collect();
            assert!(fired.is_empty(), "{fired:#?}");
        }
    }
}
