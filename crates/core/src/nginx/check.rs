//! Checks an nginx config the way nginx's configuration handler does
//! (`ngx_conf_handler`): each directive must exist, be allowed in its block,
//! have a block exactly when it is a block directive, and take an accepted
//! number of arguments.

use super::ast::Directive;
use super::directives::{self, context};
use super::parse::parse;
use crate::diagnostic::{self, Diagnostic};
use crate::rules::nginx::{
    block_mismatch, invalid_argument_count, not_allowed_here, syntax, third_party_directive, unknown_directive,
};
use crate::source::Source;

pub fn check(file: &str, text: &str) -> Vec<Diagnostic> {
    let source = Source::new(file, text);
    let parsed = parse(text);
    let mut out: Vec<Diagnostic> = parsed.errors.iter().map(|e| syntax::diagnostic(&source, e)).collect();
    visit(&source, &parsed.config.directives, Some(context::MAIN), &mut out);
    diagnostic::sort(&mut out);
    out
}

/// `ctx` is the block's context, or None inside a block whose contents nginx
/// hands to a module (map, types, lua, …) or that no stock module defines.
fn visit(source: &Source, list: &[Directive], ctx: Option<u32>, out: &mut Vec<Diagnostic>) {
    for directive in list {
        let known = directives::lookup(&directive.name);
        if let Some(ctx) = ctx {
            judge(source, directive, known, ctx, out);
        }
        if let Some(block) = &directive.block {
            let custom = known.iter().any(|k| k.custom_body);
            let inner = if custom {
                None
            } else {
                ctx.and_then(|c| inner_context(c, &directive.name))
            };
            visit(source, &block.directives, inner, out);
        }
    }
}

fn judge(source: &Source, directive: &Directive, known: &[directives::Directive], ctx: u32, out: &mut Vec<Diagnostic>) {
    if known.is_empty() {
        out.push(match directives::third_party(&directive.name) {
            Some(module) => third_party_directive::diagnostic(source, directive, module),
            None => unknown_directive::diagnostic(source, directive),
        });
        return;
    }
    // nginx tries each module's definition of the name and reports on the
    // first one allowed in this context.
    let Some(definition) = known.iter().find(|k| directives::allowed_in(k, ctx)) else {
        out.push(not_allowed_here::diagnostic(source, directive));
        return;
    };
    let is_block = directives::is_block(definition);
    if !is_block && directive.block.is_some() {
        out.push(block_mismatch::unexpected_block(source, directive));
    } else if is_block && directive.block.is_none() {
        out.push(block_mismatch::missing_block(source, directive));
    } else if !directives::accepts_arg_count(definition, directive.args.len()) {
        out.push(invalid_argument_count::diagnostic(source, directive));
    }
}

/// The context a block directive opens, as nginx's modules set it.
fn inner_context(outer: u32, name: &str) -> Option<u32> {
    use context::*;
    Some(match (outer, name) {
        (MAIN, "events") => EVENTS,
        (MAIN, "http") => HTTP,
        (MAIN, "stream") => STREAM,
        (MAIN, "mail") => MAIL,
        (HTTP, "server") => SERVER,
        (HTTP, "upstream") => UPSTREAM,
        (SERVER | LOCATION, "location") => LOCATION,
        (SERVER, "if") => IF_IN_SERVER,
        (LOCATION, "if") => IF_IN_LOCATION,
        (LOCATION, "limit_except") => LIMIT_EXCEPT,
        (STREAM, "server") => STREAM_SERVER,
        (STREAM, "upstream") => STREAM_UPSTREAM,
        (MAIL, "server") => MAIL_SERVER,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};

    #[test]
    fn the_seeds_pass_nginx_own_checks() {
        for text in [FRONTEND_NGINX, BACKEND_NGINX] {
            let errors: Vec<_> = check("n.conf", text)
                .into_iter()
                .filter(|d| d.rule != "nginx/third-party-directive")
                .collect();
            assert!(errors.is_empty(), "{errors:#?}");
        }
    }

    #[test]
    fn nested_contexts_follow_nginx() {
        assert_eq!(inner_context(context::MAIN, "http"), Some(context::HTTP));
        assert_eq!(inner_context(context::LOCATION, "if"), Some(context::IF_IN_LOCATION));
        assert_eq!(inner_context(context::HTTP, "map"), None);
    }
}
