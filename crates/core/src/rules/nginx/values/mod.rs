//! What nginx's modules reject when they read a directive's arguments (the
//! rest of `nginx -t`): each rule uses nginx's own message. Every check looks
//! only at directives the handler accepted (`Node::accepted`), so a directive
//! that is already wrong in name, place or argument count gets one error.

use super::{Check, Cx};
use crate::nginx::directives::{self, Setter};
use crate::nginx::tree::Node;
use crate::rules::RuleMeta;

pub mod duplicate_directive;
pub mod duplicate_listen;
pub mod duplicate_location;
pub mod invalid_enum_value;
pub mod invalid_error_page;
pub mod invalid_flag_value;
pub mod invalid_if_condition;
pub mod invalid_listen;
pub mod invalid_location;
pub mod invalid_method;
pub mod invalid_proxy_pass;
pub mod invalid_regex;
pub mod invalid_return;
pub mod invalid_size_or_time;
pub mod invalid_upstream_server;
pub mod invalid_variable_name;
pub mod missing_ssl_certificate;
pub mod unknown_log_format;
pub mod unknown_variable;

pub static RULES: &[&RuleMeta] = &[
    &invalid_flag_value::RULE,
    &invalid_enum_value::RULE,
    &invalid_size_or_time::RULE,
    &duplicate_directive::RULE,
    &invalid_location::RULE,
    &duplicate_location::RULE,
    &invalid_listen::RULE,
    &invalid_if_condition::RULE,
    &invalid_regex::RULE,
    &invalid_proxy_pass::RULE,
    &invalid_upstream_server::RULE,
    &invalid_return::RULE,
    &invalid_error_page::RULE,
    &duplicate_listen::RULE,
    &missing_ssl_certificate::RULE,
    &invalid_method::RULE,
    &unknown_log_format::RULE,
    &invalid_variable_name::RULE,
    &unknown_variable::RULE,
];

pub static CHECKS: &[Check] = &[
    invalid_flag_value::check,
    invalid_enum_value::check,
    invalid_size_or_time::check,
    duplicate_directive::check,
    invalid_location::check,
    duplicate_location::check,
    invalid_listen::check,
    invalid_if_condition::check,
    invalid_regex::check,
    invalid_proxy_pass::check,
    invalid_upstream_server::check,
    invalid_return::check,
    invalid_error_page::check,
    duplicate_listen::check,
    missing_ssl_certificate::check,
    invalid_method::check,
    unknown_log_format::check,
    invalid_variable_name::check,
    unknown_variable::check,
];

/// The accepted directives read by one of `setters`, with their definition.
fn read_by<'c, 't, 'a>(
    cx: &'c Cx<'_, 't, 'a>,
    setters: &'c [Setter],
) -> impl Iterator<Item = (usize, &'c Node<'t, 'a>, &'static directives::Directive)> + 'c {
    cx.tree.iter().filter_map(move |(i, node)| {
        let definition = node.accepted()?;
        setters.contains(&definition.setter).then_some((i, node, definition))
    })
}

/// Whether an earlier directive of the same name in the same block makes
/// nginx's setter stop at "is duplicate" before it reads this one's value.
fn is_repeat(cx: &Cx, index: usize) -> bool {
    let node = cx.tree.node(index);
    let Some(definition) = node.accepted() else {
        return false;
    };
    definition.setter.rejects_duplicates()
        && cx
            .tree
            .children_named(node.parent, node.name())
            .take_while(|&i| i < index)
            .any(|i| cx.tree.node(i).accepted().is_some())
}

/// The span of `range` (offsets into `arg`'s value) in the file: exact when
/// the value is the token as written (quotes aside), else the whole token.
fn span_in(cx: &Cx, arg: &crate::nginx::ast::Arg, range: std::ops::Range<usize>) -> crate::diagnostic::Span {
    use crate::diagnostic::Span;
    let token = cx.source.text.get(arg.span.start..arg.span.end).unwrap_or("");
    let inner = if arg.quote.is_some() && token.len() >= 2 {
        token.get(1..token.len() - 1).map(|t| (t, 1))
    } else {
        Some((token, 0))
    };
    match inner {
        Some((text, shift)) if text == arg.value.as_ref() && range.end <= text.len() => {
            Span::new(arg.span.start + shift + range.start, arg.span.start + shift + range.end)
        }
        _ => arg.span,
    }
}

/// Included files that hold only directives that change no check here.
const HARMLESS_INCLUDES: &[&str] = &[
    "mime.types",
    "fastcgi_params",
    "fastcgi.conf",
    "scgi_params",
    "uwsgi_params",
    "proxy_params",
];

/// Whether the config includes files that may hold anything (variables,
/// certificates, servers): checks that need the whole config then stay
/// silent.
fn includes_other_files(cx: &Cx) -> bool {
    cx.tree.named("include").any(|(_, node)| {
        let path = node.arg(0).unwrap_or("");
        let base = path.rsplit('/').next().unwrap_or(path);
        !HARMLESS_INCLUDES.contains(&base)
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::nginx::fixtures::wrap;

    /// Odd values (multi-byte text where nginx expects ASCII, lone
    /// operators, empty strings) get answers, never panics.
    #[test]
    fn odd_values_never_panic() {
        for body in [
            "    server { listen é:ü ssl défault; listen [é]; listen unix:é; listen ''; listen ∞-∞; }",
            "    server { location ~ é(; location ~* '' { } location é { location ü { } } location = { } }",
            "    server { if ($é ~ é() { } if ( { } if () { } if ($ ) { } if (-f ) { } if ($a ~ )) { } }",
            "    map $é $ü { ~é( 1; ~* 2; '' $é; default ${é; }",
            "    log_format é '$é ${é $ ${';\n    access_log /x é;",
            "    server { return é; return 200 '$é'; rewrite é( $é; proxy_redirect ~é( é; set $é ${; }",
            "    server { location / { proxy_pass http://é:é/; proxy_pass HTTP://[é]; proxy_pass ''; } }",
            "    client_max_body_size é; send_timeout 1é; keepalive_timeout é é; proxy_buffers é é;",
            "    sendfile é; proxy_http_version é; limit_except é { }",
            "    ssl_certificate é; server { listen 443 ssl; ssl_certificate_key ''; }",
        ] {
            let text = wrap(body);
            for d in crate::nginx::check("t.conf", &text) {
                assert!(d.span.start <= d.span.end && d.span.end <= text.len(), "{d:?}");
                assert!(
                    text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end),
                    "{d:?}"
                );
            }
        }
    }
}
