use crate::diagnostic::Diagnostic;
use crate::nginx::tree::Node;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports an `if` condition nginx cannot read: `unexpected "==" in
    /// condition`, `invalid condition "$a"`.
    ///
    /// A condition is `($variable)`, `($variable = value)` (or `!=`),
    /// `($variable ~ regex)` (or `~*`, `!~`, `!~*`), or a file test
    /// `(-f path)` (`-d`, `-e`, `-x`, and `!-f`...). There is no `==`, no
    /// `&&` or `||`, and a value with spaces must be quoted.
    ///
    /// # Why it matters
    /// nginx refuses to start.
    ///
    /// # Example
    /// ```nginx
    /// if ($request_method == POST) {
    ///     return 405;
    /// }
    /// ```
    ///
    /// # Fix
    /// Write `=` for equality; combine conditions with `map` or nested
    /// `set` flags.
    pub static RULE = {
        id: "nginx/invalid-if-condition",
        severity: Error,
        summary: "An if condition nginx cannot read",
    }
}

/// What ngx_http_rewrite_if_condition says, as (argument index, message).
/// nginx strips the parentheses from the first and last words in place, and
/// its messages show the stripped words.
fn judge(args: &[&str]) -> Option<(usize, String)> {
    let invalid = |i: usize, word: &str| Some((i, format!("invalid condition \"{word}\"")));
    // nginx's value[]: index 0 is the directive name.
    let mut v: Vec<&str> = std::iter::once("if").chain(args.iter().copied()).collect();
    let mut last = v.len() - 1;
    if last == 0 {
        return None;
    }
    if !v[1].starts_with('(') {
        return invalid(0, v[1]);
    }
    let cur = if v[1].len() == 1 {
        2
    } else {
        v[1] = &v[1][1..];
        1
    };
    if !v[last].ends_with(')') {
        return invalid(last - 1, v[last]);
    }
    if v[last].len() == 1 {
        last -= 1;
    } else {
        v[last] = &v[last][..v[last].len() - 1];
    }
    let p = *v.get(cur)?;
    if p.len() > 1 && p.starts_with('$') {
        if cur != last && cur + 2 != last {
            return invalid(cur - 1, p);
        }
        if cur == last {
            return None;
        }
        let op = v[cur + 1];
        if matches!(op, "=" | "!=" | "~" | "~*" | "!~" | "!~*") {
            return None;
        }
        return Some((cur, format!("unexpected \"{op}\" in condition")));
    }
    let test = p.strip_prefix('!').unwrap_or(p);
    if test.len() == 2 && test.starts_with('-') {
        if cur + 1 != last || !matches!(test, "-f" | "-d" | "-e" | "-x") {
            return invalid(cur - 1, p);
        }
        return None;
    }
    invalid(cur - 1, p)
}

/// Whether nginx reads the `if`'s condition: the other checks only look
/// inside conditions nginx gets past.
pub(super) fn readable(node: &Node) -> bool {
    let args: Vec<&str> = node.args().collect();
    judge(&args).is_none()
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for (_, node) in cx.tree.named("if") {
        if node.accepted().is_none_or(|d| d.module != "ngx_http_rewrite_module") {
            continue;
        }
        let args: Vec<&str> = node.args().collect();
        if let Some((i, message)) = judge(&args) {
            let span = node.directive.args.get(i).map_or(node.directive.name_span, |a| a.span);
            out.push(Diagnostic::at(&RULE, cx.source, span, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/invalid-if-condition";

    fn found(condition: &str) -> Vec<String> {
        let text = wrap(&format!(
            "    server {{\n        if {condition} {{\n            return 404;\n        }}\n    }}"
        ));
        hits(&text, RULE)
            .into_iter()
            .map(|d| {
                assert_eq!(d.line, 5);
                d.message
            })
            .collect()
    }

    #[test]
    fn triggers_on_conditions_nginx_cannot_read() {
        assert_eq!(found("($request_method == POST)"), ["unexpected \"==\" in condition"]);
        assert_eq!(found("($a = b c)"), ["invalid condition \"$a\""]);
        assert_eq!(found("$a"), ["invalid condition \"$a\""]);
        assert_eq!(found("($a"), ["invalid condition \"$a\""]);
        assert_eq!(found("(-z $a)"), ["invalid condition \"-z\""]);
        assert_eq!(found("(a = b)"), ["invalid condition \"a\""]);
        assert_eq!(found("( )"), ["invalid condition \")\""]);
        let text = wrap("    server {\n        if ($a && $b) { }\n    }");
        let hit = &hits(&text, RULE)[0];
        // One mistake, one error: the variable checks stay out of it.
        let all = crate::nginx::check("t.conf", &wrap("    server {\n        if ($nope == x) { }\n    }"));
        let errors: Vec<&str> = all
            .iter()
            .filter(|d| d.severity == crate::diagnostic::Severity::Error)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(errors, ["unexpected \"==\" in condition"]);
        assert_eq!(hit.message, "unexpected \"&&\" in condition");
        assert_eq!(&text[hit.span.start..hit.span.end], "&&");
    }

    #[test]
    fn near_misses_stay_clean() {
        for condition in [
            "($a)",
            "( $a )",
            "($request_method = POST)",
            "($http_x != \"a b\")",
            "($request_method !~ ^(GET|HEAD)$)",
            "($uri ~* \"\\.php$\")",
            "(!-f $request_filename)",
            "(-d $document_root)",
            "($a = \"b\")",
        ] {
            assert!(found(condition).is_empty(), "{condition}: {:?}", found(condition));
        }
        for seed in [crate::reference::FRONTEND_NGINX, crate::reference::BACKEND_NGINX] {
            assert!(hits(seed, RULE).is_empty());
        }
    }
}
