//! No false errors on nginx's own test suite (../shared/corpus/nginx-tests,
//! 468 configs that nginx's developers run). The checks describe nginx
//! 1.22.1, the suite a newer nginx and NGINX Plus, so some errors remain;
//! each is listed here with the reason it is right, and the test fails on
//! any error not listed and on any listed error that no longer occurs.

use std::collections::BTreeSet;
use std::path::Path;

use atlas_core::{nginx, Severity};

/// Why an error on the suite is a true error for nginx 1.22.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Reason {
    /// A directive added to nginx after 1.26.3, the newest version whose
    /// sources the directive tables were generated from, or allowed in a
    /// new place after it (`resolver` in `upstream`, `ssl_ocsp` in stream).
    AfterNewestTable,
    /// A directive of NGINX Plus, the commercial build, which the open-source
    /// sources do not have.
    NginxPlus,
    /// A directive that Debian's security updates added to 1.22.1 after the
    /// newest patched source the tables were generated from (1.22.1-9+deb12u9).
    DebianPatchAfterTable,
    /// A value, parameter or variable added to nginx after 1.26.3
    /// (`proxy_http_version 2`, variables in `proxy_limit_rate`, upstream
    /// servers' `resolve`, `$request_port`, `$ssl_sigalg`), which neither
    /// 1.22.1 nor 1.26.3 accepts.
    ValueAfterNewestTable,
}

/// Every error the checks report on the suite: (message, reason, where as
/// `file:line`).
const EXPECTED: &[(&str, Reason, &[&str])] = &[
    (
        "\"resolver\" directive is not allowed here",
        Reason::AfterNewestTable,
        &[
            "stream_upstream_resolver.conf:22",
            "stream_upstream_resolver.conf:28",
            "stream_upstream_service.conf:25",
            "upstream_resolver.conf:22",
            "upstream_resolver.conf:28",
            "upstream_service.conf:25",
        ],
    ),
    (
        "\"resolver_timeout\" directive is not allowed here",
        Reason::AfterNewestTable,
        &["stream_upstream_resolver.conf:29", "upstream_resolver.conf:29"],
    ),
    (
        "\"ssl_ocsp\" directive is not allowed here",
        Reason::AfterNewestTable,
        &[
            "stream_ssl_ocsp.conf:16",
            "stream_ssl_ocsp.conf:46",
            "stream_ssl_ocsp.conf:55",
        ],
    ),
    (
        "\"ssl_ocsp_cache\" directive is not allowed here",
        Reason::AfterNewestTable,
        &["stream_ssl_ocsp.conf:71"],
    ),
    (
        "\"ssl_ocsp_responder\" directive is not allowed here",
        Reason::AfterNewestTable,
        &[
            "stream_ssl_ocsp.conf:38",
            "stream_ssl_ocsp.conf:54",
            "stream_ssl_ocsp.conf:63",
            "stream_ssl_ocsp.conf:79",
        ],
    ),
    (
        "\"ssl_stapling\" directive is not allowed here",
        Reason::AfterNewestTable,
        &["stream_ssl_stapling.conf:12"],
    ),
    (
        "\"ssl_stapling_file\" directive is not allowed here",
        Reason::AfterNewestTable,
        &["stream_ssl_stapling.conf:58", "stream_ssl_stapling.conf:68"],
    ),
    (
        "\"ssl_stapling_responder\" directive is not allowed here",
        Reason::AfterNewestTable,
        &["stream_ssl_stapling.conf:33", "stream_ssl_stapling.conf:75"],
    ),
    (
        "\"ssl_stapling_verify\" directive is not allowed here",
        Reason::AfterNewestTable,
        &["stream_ssl_stapling.conf:40"],
    ),
    (
        "unknown directive \"early_hints\"",
        Reason::AfterNewestTable,
        &[
            "grpc_early_hints.conf:26",
            "proxy_early_hints.conf:21",
            "proxy_early_hints.conf:29",
            "proxy_h2_early_hints.conf:16",
            "proxy_h2_early_hints.conf:24",
        ],
    ),
    (
        "unknown directive \"proxy_pass_trailers\"",
        Reason::AfterNewestTable,
        &["proxy_h2_trailers.conf:19", "proxy_trailers.conf:23"],
    ),
    (
        "unknown directive \"proxy_ssl_alpn\"",
        Reason::AfterNewestTable,
        &[
            "stream_proxy_ssl_alpn.conf:28",
            "stream_proxy_ssl_alpn.conf:36",
            "stream_proxy_ssl_alpn.conf:44",
        ],
    ),
    (
        "unknown directive \"proxy_ssl_certificate_cache\"",
        Reason::AfterNewestTable,
        &[
            "proxy_ssl_certificate_cache.conf:20",
            "proxy_ssl_certificate_cache.conf:33",
            "proxy_ssl_certificate_cache.conf:38",
            "stream_proxy_ssl_certificate_cache.conf:20",
            "stream_proxy_ssl_certificate_cache.conf:30",
            "stream_proxy_ssl_certificate_cache.conf:53",
        ],
    ),
    (
        "unknown directive \"ssl_certificate_cache\"",
        Reason::AfterNewestTable,
        &[
            "ssl_certificate_cache.conf:15",
            "ssl_certificate_cache.conf:26",
            "ssl_certificate_cache.conf:33",
            "stream_ssl_certificate_cache.conf:15",
            "stream_ssl_certificate_cache.conf:26",
            "stream_ssl_certificate_cache.conf:33",
        ],
    ),
    (
        "unknown directive \"ssl_certificate_compression\"",
        Reason::AfterNewestTable,
        &[
            "ssl_certificate_compression.conf:12",
            "ssl_certificate_compression.conf:21",
        ],
    ),
    (
        "unknown directive \"tunnel_connect_timeout\"",
        Reason::AfterNewestTable,
        &["tunnel.conf:20"],
    ),
    (
        "unknown directive \"tunnel_pass\"",
        Reason::AfterNewestTable,
        &[
            "tunnel.conf:28",
            "tunnel.conf:39",
            "tunnel.conf:46",
            "tunnel_auth_basic.conf:18",
        ],
    ),
    (
        "unknown directive \"tunnel_read_timeout\"",
        Reason::AfterNewestTable,
        &["tunnel.conf:19"],
    ),
    (
        "unknown directive \"xml_external_entities\"",
        Reason::DebianPatchAfterTable,
        &["xslt_external_entities.conf:27"],
    ),
    (
        "invalid parameter \"route=0\"",
        Reason::NginxPlus,
        &[
            "upstream_sticky_route.conf:63",
            "upstream_sticky_route.conf:74",
            "upstream_sticky_route.conf:105",
            "upstream_sticky_route.conf:120",
            "upstream_sticky_route.conf:143",
            "upstream_sticky_route.conf:147",
            "upstream_sticky_route.conf:156",
            "upstream_sticky_route.conf:159",
        ],
    ),
    (
        "invalid parameter \"route=1\"",
        Reason::NginxPlus,
        &[
            "upstream_sticky_drain.conf:13",
            "upstream_sticky_route.conf:64",
            "upstream_sticky_route.conf:75",
            "upstream_sticky_route.conf:106",
            "upstream_sticky_route.conf:121",
            "upstream_sticky_route.conf:144",
            "upstream_sticky_route.conf:148",
        ],
    ),
    (
        "invalid parameter \"route=2\"",
        Reason::NginxPlus,
        &[
            "upstream_sticky_drain.conf:14",
            "upstream_sticky_route.conf:65",
            "upstream_sticky_route.conf:96",
            "upstream_sticky_route.conf:107",
            "upstream_sticky_route.conf:122",
            "upstream_sticky_route.conf:135",
        ],
    ),
    (
        "invalid parameter \"route=3\"",
        Reason::NginxPlus,
        &[
            "upstream_sticky_drain.conf:15",
            "upstream_sticky_route.conf:66",
            "upstream_sticky_route.conf:77",
            "upstream_sticky_route.conf:108",
            "upstream_sticky_route.conf:123",
        ],
    ),
    (
        "invalid parameter \"route=4\"",
        Reason::NginxPlus,
        &["upstream_sticky_drain.conf:16"],
    ),
    (
        "invalid parameter \"route=a\"",
        Reason::NginxPlus,
        &[
            "upstream_max_conns_sticky.conf:13",
            "upstream_max_conns_sticky.conf:18",
            "upstream_sticky_learn.conf:68",
        ],
    ),
    (
        "invalid parameter \"route=b\"",
        Reason::NginxPlus,
        &[
            "upstream_max_conns_sticky.conf:14",
            "upstream_max_conns_sticky.conf:19",
            "upstream_sticky_learn.conf:69",
        ],
    ),
    (
        "invalid parameter \"route=serverA\"",
        Reason::NginxPlus,
        &["upstream_sticky_route.conf:84"],
    ),
    (
        "invalid parameter \"route=serverBB\"",
        Reason::NginxPlus,
        &["upstream_sticky_route.conf:85"],
    ),
    (
        "invalid parameter \"route=serverCCC\"",
        Reason::NginxPlus,
        &["upstream_sticky_route.conf:86"],
    ),
    (
        "invalid parameter \"route=serverDDDD\"",
        Reason::NginxPlus,
        &["upstream_sticky_route.conf:87"],
    ),
    (
        "unknown directive \"least_time\"",
        Reason::NginxPlus,
        &[
            "stream_upstream_least_time.conf:15",
            "stream_upstream_least_time.conf:20",
            "stream_upstream_least_time.conf:25",
            "stream_upstream_least_time.conf:30",
            "stream_upstream_least_time.conf:35",
            "stream_upstream_least_time.conf:40",
            "stream_upstream_least_time.conf:45",
            "stream_upstream_least_time.conf:51",
            "stream_upstream_least_time.conf:56",
            "stream_upstream_least_time.conf:61",
            "stream_upstream_least_time.conf:67",
            "upstream_least_time.conf:15",
            "upstream_least_time.conf:20",
            "upstream_least_time.conf:25",
            "upstream_least_time.conf:30",
            "upstream_least_time.conf:35",
            "upstream_least_time.conf:40",
            "upstream_least_time.conf:45",
            "upstream_least_time.conf:51",
            "upstream_least_time.conf:56",
            "upstream_least_time.conf:61",
        ],
    ),
    (
        "unknown directive \"sticky\"",
        Reason::NginxPlus,
        &[
            "upstream_max_conns_sticky.conf:15",
            "upstream_max_conns_sticky.conf:20",
            "upstream_sticky.conf:61",
            "upstream_sticky.conf:66",
            "upstream_sticky.conf:71",
            "upstream_sticky.conf:76",
            "upstream_sticky.conf:81",
            "upstream_sticky.conf:86",
            "upstream_sticky.conf:94",
            "upstream_sticky.conf:102",
            "upstream_sticky.conf:111",
            "upstream_sticky.conf:119",
            "upstream_sticky.conf:129",
            "upstream_sticky.conf:138",
            "upstream_sticky.conf:143",
            "upstream_sticky.conf:149",
            "upstream_sticky.conf:154",
            "upstream_sticky.conf:159",
            "upstream_sticky.conf:164",
            "upstream_sticky.conf:169",
            "upstream_sticky.conf:174",
            "upstream_sticky.conf:179",
            "upstream_sticky.conf:184",
            "upstream_sticky.conf:189",
            "upstream_sticky.conf:194",
            "upstream_sticky.conf:199",
            "upstream_sticky.conf:208",
            "upstream_sticky.conf:218",
            "upstream_sticky.conf:224",
            "upstream_sticky.conf:230",
            "upstream_sticky.conf:236",
            "upstream_sticky_drain.conf:17",
            "upstream_sticky_learn.conf:15",
            "upstream_sticky_learn.conf:22",
            "upstream_sticky_learn.conf:29",
            "upstream_sticky_learn.conf:36",
            "upstream_sticky_learn.conf:43",
            "upstream_sticky_learn.conf:53",
            "upstream_sticky_learn.conf:63",
            "upstream_sticky_learn.conf:70",
            "upstream_sticky_learn_header.conf:15",
            "upstream_sticky_learn_header.conf:22",
            "upstream_sticky_learn_header.conf:29",
            "upstream_sticky_next.conf:14",
            "upstream_sticky_next.conf:20",
            "upstream_sticky_next.conf:27",
            "upstream_sticky_next.conf:34",
            "upstream_sticky_resolve.conf:55",
            "upstream_sticky_resolve.conf:61",
            "upstream_sticky_resolve.conf:67",
            "upstream_sticky_resolve.conf:73",
            "upstream_sticky_resolve.conf:79",
            "upstream_sticky_resolve.conf:88",
            "upstream_sticky_resolve.conf:98",
            "upstream_sticky_resolve.conf:109",
            "upstream_sticky_resolve.conf:116",
            "upstream_sticky_route.conf:68",
            "upstream_sticky_route.conf:79",
            "upstream_sticky_route.conf:89",
            "upstream_sticky_route.conf:99",
            "upstream_sticky_route.conf:110",
            "upstream_sticky_route.conf:125",
            "upstream_sticky_route.conf:137",
            "upstream_sticky_route.conf:150",
            "upstream_sticky_route.conf:161",
        ],
    ),
    (
        "\"proxy_limit_rate\" directive invalid value",
        Reason::ValueAfterNewestTable,
        &["proxy_limit_rate2.conf:16"],
    ),
    (
        "invalid parameter \"resolve\"",
        Reason::ValueAfterNewestTable,
        &[
            "upstream_resolve.conf:14",
            "upstream_resolve_reload.conf:14",
            "upstream_resolve_reload.conf:20",
            "upstream_resolver.conf:16",
            "upstream_resolver.conf:21",
            "upstream_resolver.conf:27",
            "upstream_service.conf:14",
            "upstream_service.conf:19",
            "upstream_service.conf:24",
            "upstream_service_reload.conf:14",
            "upstream_sticky_resolve.conf:84",
            "upstream_sticky_resolve.conf:85",
            "upstream_sticky_resolve.conf:86",
            "upstream_sticky_resolve.conf:87",
            "upstream_sticky_resolve.conf:94",
            "upstream_sticky_resolve.conf:95",
            "upstream_sticky_resolve.conf:96",
            "upstream_sticky_resolve.conf:97",
            "upstream_sticky_resolve.conf:104",
            "upstream_sticky_resolve.conf:106",
            "upstream_sticky_resolve.conf:107",
            "upstream_sticky_resolve.conf:108",
            "upstream_sticky_resolve.conf:115",
            "upstream_sticky_resolve.conf:121",
            "upstream_sticky_resolve.conf:122",
            "upstream_sticky_resolve.conf:123",
            "upstream_sticky_resolve.conf:124",
        ],
    ),
    (
        "invalid value \"2\"",
        Reason::ValueAfterNewestTable,
        &[
            "proxy_h2.conf:32",
            "proxy_h2_body.conf:23",
            "proxy_h2_body_discard.conf:16",
            "proxy_h2_cache.conf:32",
            "proxy_h2_early_hints.conf:20",
            "proxy_h2_headers.conf:18",
            "proxy_h2_headers.conf:23",
            "proxy_h2_headers.conf:31",
            "proxy_h2_keepalive.conf:21",
            "proxy_h2_method.conf:17",
            "proxy_h2_next_upstream.conf:38",
            "proxy_h2_next_upstream.conf:44",
            "proxy_h2_next_upstream.conf:50",
            "proxy_h2_pass_request.conf:16",
            "proxy_h2_request_buffering.conf:18",
            "proxy_h2_set_body.conf:17",
            "proxy_h2_ssl.conf:30",
            "proxy_h2_trailers.conf:18",
        ],
    ),
    (
        "unknown \"is_request_port\" variable",
        Reason::ValueAfterNewestTable,
        &["http_request_port.conf:17"],
    ),
    (
        "unknown \"request_port\" variable",
        Reason::ValueAfterNewestTable,
        &["http_request_port.conf:17"],
    ),
    (
        "unknown \"ssl_client_sigalg\" variable",
        Reason::ValueAfterNewestTable,
        &["ssl_sigalg.conf:25"],
    ),
    (
        "unknown \"ssl_sigalg\" variable",
        Reason::ValueAfterNewestTable,
        &["ssl_sigalg.conf:25"],
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
        .flat_map(|(message, _, places)| {
            places.iter().map(move |place| {
                let (file, line) = place.rsplit_once(':').expect("file:line");
                (
                    file.to_owned(),
                    line.parse::<usize>().expect("a line number"),
                    message.to_string(),
                )
            })
        })
        .collect();
    let unlisted: String = found
        .difference(&expected)
        .map(|(file, line, message)| format!("    {message:?} at \"{file}:{line}\"\n"))
        .collect();
    let gone: Vec<_> = expected.difference(&found).collect();
    assert!(
        unlisted.is_empty() && gone.is_empty(),
        "errors not listed (false errors, or list them with a reason):\n{unlisted}\nlisted but no longer reported: {gone:#?}"
    );
}
