//! The variables nginx defines itself, generated from the C sources by
//! `scripts/gen_nginx_variables.py`, and the rules nginx uses to find a
//! variable by name: case-insensitively, exact names first, then prefixes
//! (`$http_x_request_id`, `$cookie_session`, `$arg_page`, ...). Variables of
//! the newer nginx the directive tables also know (`$proxy_protocol_tlv_*`)
//! count as defined: the image may run that nginx.

#[rustfmt::skip]
mod generated;

/// Which module family's variables: http and stream are separate namespaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Http,
    Stream,
}

/// Whether nginx defines `name` (without the `$`) itself in `family`.
pub fn is_builtin(family: Family, name: &str) -> bool {
    use generated::*;
    let tables: [(&[&str], &[&str]); 2] = match family {
        Family::Http => [(HTTP, HTTP_PREFIXES), (HTTP_NEWER, HTTP_NEWER_PREFIXES)],
        Family::Stream => [(STREAM, STREAM_PREFIXES), (STREAM_NEWER, STREAM_NEWER_PREFIXES)],
    };
    let lower = name.to_ascii_lowercase();
    tables.iter().any(|(names, prefixes)| {
        names.binary_search(&lower.as_str()).is_ok() || prefixes.iter().any(|p| lower.starts_with(p))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_prefixes_and_namespaces() {
        for name in [
            "remote_addr",
            "Remote_Addr",
            "request_id",
            "http_x_forwarded_for",
            "http_",
            "sent_http_content_type",
            "cookie_session",
            "arg_page",
            "upstream_http_location",
            "upstream_status",
            "ssl_client_verify",
            "gzip_ratio",
            "secure_link",
            "uid_got",
            "connections_active",
            "realip_remote_addr",
            "proxy_protocol_tlv_alpn",
            "http3",
        ] {
            assert!(is_builtin(Family::Http, name), "{name}");
        }
        for name in [
            "foo",
            "memcached_key",
            "bytes_received",
            "ssl_preread_server_name",
            "",
            "é",
        ] {
            assert!(!is_builtin(Family::Http, name), "{name}");
        }
        assert!(is_builtin(Family::Stream, "ssl_preread_server_name"));
        assert!(is_builtin(Family::Stream, "bytes_received"));
        assert!(!is_builtin(Family::Stream, "request_uri") && !is_builtin(Family::Stream, "http_host"));
        for table in [
            generated::HTTP,
            generated::STREAM,
            generated::HTTP_NEWER,
            generated::STREAM_NEWER,
        ] {
            assert!(table.windows(2).all(|w| w[0] < w[1]));
            assert!(table.iter().all(|n| n.bytes().all(|b| !b.is_ascii_uppercase())));
        }
    }
}
