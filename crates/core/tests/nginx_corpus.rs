//! No false errors on nginx's own test suite (../shared/corpus/nginx-tests,
//! 468 configs that nginx's developers run). The checks describe nginx
//! 1.22.1, the suite a newer nginx and NGINX Plus, so some errors remain;
//! each is listed here with the reason it is right, and the test fails on
//! any error not listed and on any listed error that no longer occurs.

use std::collections::BTreeSet;
use std::path::Path;

use atlas_core::{nginx, Severity};

/// Why an error on the suite is a true error for nginx 1.22.1.
// Until every error of the suite is listed, some reasons have no entry yet.
#[allow(dead_code)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Reason {
    /// A directive added to nginx after 1.26.3, the newest version whose
    /// sources the directive tables were generated from.
    AfterNewestTable,
    /// A directive of NGINX Plus, the commercial build, which the open-source
    /// sources do not have.
    NginxPlus,
    /// A value, parameter or variable added to nginx after 1.26.3
    /// (`proxy_http_version 2`, variables in `proxy_limit_rate`, upstream
    /// servers' `resolve`, `$request_port`, `$ssl_sigalg`), which neither
    /// 1.22.1 nor 1.26.3 accepts.
    ValueAfterNewestTable,
}

/// (file, line, message, reason) of every error the checks report on the suite.
const EXPECTED: &[(&str, usize, &str, Reason)] = &[
    (
        "upstream_max_conns_sticky.conf",
        13,
        "invalid parameter \"route=a\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_max_conns_sticky.conf",
        14,
        "invalid parameter \"route=b\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_max_conns_sticky.conf",
        18,
        "invalid parameter \"route=a\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_max_conns_sticky.conf",
        19,
        "invalid parameter \"route=b\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_resolve.conf",
        14,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_resolve_reload.conf",
        14,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_resolve_reload.conf",
        20,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_resolver.conf",
        16,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_resolver.conf",
        21,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_resolver.conf",
        27,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_service.conf",
        14,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_service.conf",
        19,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_service.conf",
        24,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_service_reload.conf",
        14,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_sticky_drain.conf",
        13,
        "invalid parameter \"route=1\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_drain.conf",
        14,
        "invalid parameter \"route=2\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_drain.conf",
        15,
        "invalid parameter \"route=3\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_drain.conf",
        16,
        "invalid parameter \"route=4\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_learn.conf",
        68,
        "invalid parameter \"route=a\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_learn.conf",
        69,
        "invalid parameter \"route=b\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_resolve.conf",
        84,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_sticky_resolve.conf",
        85,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_sticky_resolve.conf",
        86,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_sticky_resolve.conf",
        87,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_sticky_resolve.conf",
        94,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_sticky_resolve.conf",
        95,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_sticky_resolve.conf",
        96,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_sticky_resolve.conf",
        97,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_sticky_resolve.conf",
        104,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_sticky_resolve.conf",
        106,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_sticky_resolve.conf",
        107,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_sticky_resolve.conf",
        108,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_sticky_resolve.conf",
        115,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_sticky_resolve.conf",
        121,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_sticky_resolve.conf",
        122,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_sticky_resolve.conf",
        123,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_sticky_resolve.conf",
        124,
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "upstream_sticky_route.conf",
        63,
        "invalid parameter \"route=0\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        64,
        "invalid parameter \"route=1\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        65,
        "invalid parameter \"route=2\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        66,
        "invalid parameter \"route=3\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        74,
        "invalid parameter \"route=0\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        75,
        "invalid parameter \"route=1\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        77,
        "invalid parameter \"route=3\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        84,
        "invalid parameter \"route=serverA\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        85,
        "invalid parameter \"route=serverBB\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        86,
        "invalid parameter \"route=serverCCC\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        87,
        "invalid parameter \"route=serverDDDD\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        96,
        "invalid parameter \"route=2\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        105,
        "invalid parameter \"route=0\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        106,
        "invalid parameter \"route=1\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        107,
        "invalid parameter \"route=2\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        108,
        "invalid parameter \"route=3\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        120,
        "invalid parameter \"route=0\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        121,
        "invalid parameter \"route=1\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        122,
        "invalid parameter \"route=2\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        123,
        "invalid parameter \"route=3\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        135,
        "invalid parameter \"route=2\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        143,
        "invalid parameter \"route=0\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        144,
        "invalid parameter \"route=1\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        147,
        "invalid parameter \"route=0\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        148,
        "invalid parameter \"route=1\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        156,
        "invalid parameter \"route=0\"",
        Reason::NginxPlus,
    ),
    (
        "upstream_sticky_route.conf",
        159,
        "invalid parameter \"route=0\"",
        Reason::NginxPlus,
    ),
    (
        "http_request_port.conf",
        17,
        "unknown \"is_request_port\" variable",
        Reason::ValueAfterNewestTable,
    ),
    (
        "http_request_port.conf",
        17,
        "unknown \"request_port\" variable",
        Reason::ValueAfterNewestTable,
    ),
    (
        "proxy_h2.conf",
        32,
        "invalid value \"2\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "proxy_h2_body.conf",
        23,
        "invalid value \"2\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "proxy_h2_body_discard.conf",
        16,
        "invalid value \"2\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "proxy_h2_cache.conf",
        32,
        "invalid value \"2\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "proxy_h2_early_hints.conf",
        20,
        "invalid value \"2\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "proxy_h2_headers.conf",
        18,
        "invalid value \"2\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "proxy_h2_headers.conf",
        23,
        "invalid value \"2\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "proxy_h2_headers.conf",
        31,
        "invalid value \"2\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "proxy_h2_keepalive.conf",
        21,
        "invalid value \"2\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "proxy_h2_method.conf",
        17,
        "invalid value \"2\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "proxy_h2_next_upstream.conf",
        38,
        "invalid value \"2\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "proxy_h2_next_upstream.conf",
        44,
        "invalid value \"2\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "proxy_h2_next_upstream.conf",
        50,
        "invalid value \"2\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "proxy_h2_pass_request.conf",
        16,
        "invalid value \"2\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "proxy_h2_request_buffering.conf",
        18,
        "invalid value \"2\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "proxy_h2_set_body.conf",
        17,
        "invalid value \"2\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "proxy_h2_ssl.conf",
        30,
        "invalid value \"2\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "proxy_h2_trailers.conf",
        18,
        "invalid value \"2\"",
        Reason::ValueAfterNewestTable,
    ),
    (
        "proxy_limit_rate2.conf",
        16,
        "\"proxy_limit_rate\" directive invalid value",
        Reason::ValueAfterNewestTable,
    ),
    (
        "ssl_sigalg.conf",
        25,
        "unknown \"ssl_client_sigalg\" variable",
        Reason::ValueAfterNewestTable,
    ),
    (
        "ssl_sigalg.conf",
        25,
        "unknown \"ssl_sigalg\" variable",
        Reason::ValueAfterNewestTable,
    ),
];

#[test]
fn every_error_on_nginx_own_test_configs_is_listed_and_justified() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/nginx-tests");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the corpus must sit beside the repository ({}): {e}", dir.display()))
        .map(|entry| entry.expect("readable").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "conf"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 468, "the suite's config count changed");

    let mut found = BTreeSet::new();
    for path in &files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("utf-8 name")
            .to_owned();
        let text = std::fs::read_to_string(path).expect("utf-8 config");
        for d in nginx::check(&name, &text) {
            if d.severity == Severity::Error {
                found.insert((name.clone(), d.line, d.message));
            }
        }
    }
    let expected: BTreeSet<_> = EXPECTED
        .iter()
        .map(|(file, line, message, _)| (file.to_string(), *line, message.to_string()))
        .collect();
    // Printed in EXPECTED's own form, so a true error can be listed as is.
    let unlisted: String = found
        .difference(&expected)
        .map(|(file, line, message)| format!("    ({file:?}, {line}, {message:?}, Reason::?),\n"))
        .collect();
    let gone: Vec<_> = expected.difference(&found).collect();
    assert!(
        unlisted.is_empty() && gone.is_empty(),
        "errors not listed (false errors, or list them with a reason):\n{unlisted}\nlisted but no longer reported: {gone:#?}"
    );
}
