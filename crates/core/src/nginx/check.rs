//! Checks an nginx config: first what nginx's configuration handler
//! (`ngx_conf_handler`) rejects — each directive must exist, be allowed in
//! its block, have a block exactly when it is a block directive, and take an
//! accepted number of arguments — then the value checks nginx's modules make
//! (the rest of what `nginx -t` reports) and the lint rules, each of which
//! lives in its own file under `rules/nginx/`.

use rustc_hash::FxHashMap as HashMap;

use super::ast::Directive;
use super::directives::Verdict;
use super::parse::{parse, Parsed};
use super::tree::Tree;
use crate::diagnostic::{self, Diagnostic};
use crate::rules::nginx::{
    self as rules, block_mismatch, invalid_argument_count, newer_directive, not_allowed_here, syntax,
    third_party_directive, unknown_directive, Cx,
};
use crate::source::Source;

pub fn check(file: &str, text: &str) -> Vec<Diagnostic> {
    let parsed = parse(text);
    let tree = Tree::new(&parsed.config);
    check_parsed(file, text, &parsed, &tree)
}

/// [`check`] of a config already parsed, for callers that keep the tree
/// (the workspace hands it on to the cross-file rules).
pub fn check_parsed(file: &str, text: &str, parsed: &Parsed, tree: &Tree) -> Vec<Diagnostic> {
    let source = Source::new(file, text);
    let mut out: Vec<Diagnostic> = parsed.errors.iter().map(|e| syntax::diagnostic(&source, e)).collect();
    let mut suggestions = HashMap::default();
    for (_, node) in tree.iter() {
        if let Some(verdict) = node.verdict {
            judge(&source, node.directive, verdict, &mut suggestions, &mut out);
        }
    }
    let cx = Cx {
        source: &source,
        tree,
        config: &parsed.config,
    };
    for check in rules::checks() {
        check(&cx, &mut out);
    }
    diagnostic::sort(&mut out);
    out
}

/// The diagnostic for what the handler rejected. `suggestions` remembers
/// the did-you-mean of each unknown name: a generated config can repeat one
/// unknown directive thousands of times.
fn judge<'t>(
    source: &Source,
    directive: &'t Directive,
    verdict: Verdict,
    suggestions: &mut HashMap<&'t str, Option<&'static str>>,
    out: &mut Vec<Diagnostic>,
) {
    out.push(match verdict {
        Verdict::Accepted(_) => return,
        Verdict::Newer(newer) => newer_directive::diagnostic(source, directive, newer),
        Verdict::NotStock(Some(module)) => third_party_directive::diagnostic(source, directive, module),
        Verdict::NotStock(None) => {
            let suggestion = *suggestions
                .entry(directive.name.as_ref())
                .or_insert_with(|| unknown_directive::suggestion(&directive.name));
            unknown_directive::diagnostic(source, directive, suggestion)
        }
        Verdict::NotAllowedHere => not_allowed_here::diagnostic(source, directive),
        Verdict::UnexpectedBlock => block_mismatch::unexpected_block(source, directive),
        Verdict::MissingBlock => block_mismatch::missing_block(source, directive),
        Verdict::ArgumentCount => invalid_argument_count::diagnostic(source, directive),
    });
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
