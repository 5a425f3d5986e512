use crate::diagnostic::{Diagnostic, Fix, TextEdit};
use crate::nginx::ast::Arg;
use crate::rules::declare_rule;
use crate::rules::nginx::Cx;

declare_rule! {
    /// Reports a response header whose value contains a line break
    /// (`add_header`, `add_trailer`, or headers-more's `more_set_headers`).
    ///
    /// # Why it matters
    /// nginx sends the value exactly as written, line break included. A
    /// break followed by spaces is the line folding HTTP/1.1 has deprecated:
    /// proxies and clients may reject the response, cut the value at the
    /// break, or read the next line as a header of its own. A long
    /// `Content-Security-Policy` written over several lines for readability
    /// is the usual cause, and the policy then does not apply as written.
    ///
    /// # Example
    /// ```nginx
    /// add_header Content-Security-Policy "default-src 'self';
    ///     script-src 'self' https://cdn.example.com";
    /// ```
    ///
    /// # Fix
    /// Write the value on one line (the quick fix joins the lines with a
    /// space).
    pub static RULE = {
        id: "nginx/multiline-header",
        severity: Warning,
        summary: "A response header value that spans several lines",
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for (_, node) in cx.tree.iter() {
        if node.context.is_none() {
            continue;
        }
        let args = &node.directive.args;
        let values: Vec<(&str, &Arg)> = match node.name() {
            "add_header" | "add_trailer" => match (args.first(), args.get(1)) {
                (Some(name), Some(value)) => vec![(name.value.as_ref(), value)],
                _ => Vec::new(),
            },
            // Each argument that is not an option is `Name: value`.
            "more_set_headers" => args
                .iter()
                .filter(|a| !a.value.starts_with('-'))
                .map(|a| (a.value.split(':').next().unwrap_or_default().trim(), a))
                .collect(),
            _ => continue,
        };
        for (header, arg) in values {
            if !arg.value.contains(['\n', '\r']) {
                continue;
            }
            let mut diagnostic = Diagnostic::at(
                &RULE,
                cx.source,
                arg.span,
                format!("The value of header {header} spans several lines"),
            )
            .with_help("Write the value on one line: nginx sends the line breaks as they are.");
            if let Some(fix) = joined(
                cx.source.text.get(arg.span.start..arg.span.end).unwrap_or_default(),
                arg,
            ) {
                diagnostic = diagnostic.with_fix(fix);
            }
            out.push(diagnostic);
        }
    }
}

/// The token with each line break and the blanks around it turned into one
/// space, when the breaks are written as such (not as `\n` escapes).
fn joined(token: &str, arg: &Arg) -> Option<Fix> {
    if token.contains('\\') || !token.contains(['\n', '\r']) {
        return None;
    }
    let mut text = String::with_capacity(token.len());
    // Folded lines (a break followed by blanks) read as one space to a
    // client that accepts them, so joining them keeps the meaning.
    let mut folded = true;
    let mut lines = token.split('\n').peekable();
    while let Some(line) = lines.next() {
        let line = line.trim_end_matches([' ', '\t', '\r']);
        if text.is_empty() {
            text.push_str(line);
        } else {
            folded &= line.starts_with([' ', '\t']);
            text.push(' ');
            text.push_str(line.trim_start_matches([' ', '\t']));
        }
        if lines.peek().is_none() {
            break;
        }
    }
    Some(Fix {
        title: "Join the lines of the value".into(),
        edits: vec![TextEdit { span: arg.span, text }],
        safe: folded,
    })
}

#[cfg(test)]
mod tests {
    use crate::json_edit::apply;
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};
    use crate::rules::nginx::fixtures::{hits, wrap};

    const RULE: &str = "nginx/multiline-header";

    #[test]
    fn triggers_on_a_value_written_over_two_lines() {
        let text = wrap("    add_header Content-Security-Policy \"default-src 'self';\n        script-src 'self'\";");
        let found = hits(&text, RULE);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "The value of header Content-Security-Policy spans several lines"
        );
        assert_eq!(found[0].line, 4);
        assert!(text[found[0].span.start..].starts_with("\"default-src"));
        let fix = found[0].fix.clone().unwrap();
        assert!(fix.safe);
        let fixed = apply(&text, &fix.edits);
        assert!(fixed.contains("add_header Content-Security-Policy \"default-src 'self'; script-src 'self'\";"));
        assert!(hits(&fixed, RULE).is_empty());
    }

    #[test]
    fn triggers_on_escaped_breaks_and_more_set_headers() {
        let text = wrap(concat!(
            "    add_header X-A \"a\\r\\nSet-Cookie: x=1\";\n",
            "    more_set_headers -s 404 \"X-B: one\n",
            "two\";",
        ));
        let found = hits(&text, RULE);
        let messages: Vec<(&str, usize, bool)> = found
            .iter()
            .map(|d| (d.message.as_str(), d.line, d.fix.as_ref().is_some_and(|f| f.safe)))
            .collect();
        assert_eq!(
            messages,
            [
                ("The value of header X-A spans several lines", 4, false),
                ("The value of header X-B spans several lines", 5, false),
            ]
        );
        // The escaped break has no fix: the text has no line to join.
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn stays_quiet_on_long_one_line_values() {
        let text = wrap(concat!(
            "    add_header Content-Security-Policy \"default-src 'self'; script-src 'self' https://cdn.example.com\" always;\n",
            "    add_header X-Frame-Options\n        SAMEORIGIN;",
        ));
        assert!(hits(&text, RULE).is_empty());
    }

    #[test]
    fn stays_quiet_on_the_seeds() {
        // The seeds' four headers are each on one line.
        assert!(hits(FRONTEND_NGINX, RULE).is_empty());
        assert!(hits(BACKEND_NGINX, RULE).is_empty());
    }
}
