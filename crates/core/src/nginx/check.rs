//! Checks an nginx config: first what nginx's configuration handler
//! (`ngx_conf_handler`) rejects — each directive must exist, be allowed in
//! its block, have a block exactly when it is a block directive, and take an
//! accepted number of arguments — then the value checks nginx's modules make
//! (the rest of what `nginx -t` reports) and the lint rules, each of which
//! lives in its own file under `rules/nginx/`.

use super::ast::Directive;
use super::directives;
use super::parse::parse;
use super::tree::Tree;
use crate::diagnostic::{self, Diagnostic};
use crate::rules::nginx::{
    self as rules, block_mismatch, invalid_argument_count, newer_directive, not_allowed_here, syntax,
    third_party_directive, unknown_directive, Cx,
};
use crate::source::Source;

pub fn check(file: &str, text: &str) -> Vec<Diagnostic> {
    let source = Source::new(file, text);
    let parsed = parse(text);
    let mut out: Vec<Diagnostic> = parsed.errors.iter().map(|e| syntax::diagnostic(&source, e)).collect();
    let tree = Tree::new(&parsed.config);
    for (_, node) in tree.iter() {
        if let Some(ctx) = node.context {
            judge(&source, node.directive, ctx, &mut out);
        }
    }
    let cx = Cx {
        source: &source,
        tree: &tree,
        config: &parsed.config,
    };
    for check in rules::checks() {
        check(&cx, &mut out);
    }
    diagnostic::sort(&mut out);
    out
}

fn judge(source: &Source, directive: &Directive, ctx: u32, out: &mut Vec<Diagnostic>) {
    let known = directives::lookup(&directive.name);
    if let Some(newer) = directives::newer(&directive.name, ctx) {
        if !known.iter().any(|k| directives::allowed_in(k, ctx)) {
            out.push(newer_directive::diagnostic(source, directive, newer));
            return;
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::{BACKEND_NGINX, FRONTEND_NGINX};

    #[test]
    fn the_seeds_pass_nginx_own_checks() {
        for text in [FRONTEND_NGINX, BACKEND_NGINX] {
            let errors: Vec<_> = check("n.conf", text)
                .into_iter()
                .filter(|d| d.severity == crate::diagnostic::Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{errors:#?}");
        }
    }
}
