//! Upstream addresses as nginx reads them (ngx_parse_url, src/core/ngx_inet.c)
//! for `proxy_pass` (which may carry a URI) and upstream `server` lines
//! (which may not): the same address grammar as `listen`. Names are not
//! looked up.

use super::listen::inet6_addr;
use super::value::atoi;

/// What matters of a parsed URL to the checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Url {
    /// Whether a URI part (`/...` or `?...`) follows the address.
    pub has_uri: bool,
}

/// Parses `url` (for proxy_pass the part after `http://`); `uri_part` says
/// whether a URI may follow the address. The error is nginx's `u->err`.
pub fn parse_upstream(url: &str, uri_part: bool) -> Result<Url, &'static str> {
    let bytes = url.as_bytes();
    let find = |from: &[u8], c: u8| from.iter().position(|&b| b == c);
    if bytes.len() >= 5 && bytes[..5].eq_ignore_ascii_case(b"unix:") {
        let rest = &bytes[5..];
        let (path, has_uri) = match find(rest, b':').filter(|_| uri_part) {
            Some(colon) => (&rest[..colon], colon + 1 < rest.len()),
            None => (rest, false),
        };
        if path.is_empty() {
            return Err("no path in the unix domain socket");
        }
        if path.len() + 1 > 108 {
            return Err("too long path in the unix domain socket");
        }
        return Ok(Url { has_uri });
    }
    if bytes.first() == Some(&b'[') {
        let rest = &bytes[1..];
        let close = find(rest, b']').ok_or("invalid host")?;
        let host = &rest[..close];
        let mut after = &rest[close + 1..];
        let has_uri = match find(after, b'/') {
            Some(_) if !uri_part => return Err("invalid host"),
            Some(slash) => {
                after = &after[..slash];
                true
            }
            None => false,
        };
        if let Some((&first, port)) = after.split_first() {
            if first != b':' {
                return Err("invalid host");
            }
            atoi(port).filter(|n| (1..=65535).contains(n)).ok_or("invalid port")?;
        }
        if host.is_empty() {
            return Err("no host");
        }
        inet6_addr(host).ok_or("invalid IPv6 address")?;
        return Ok(Url { has_uri });
    }
    let slash = find(bytes, b'/');
    let uri = match (slash, find(bytes, b'?')) {
        (Some(s), Some(q)) => Some(s.min(q)),
        (s, q) => s.or(q),
    };
    if uri.is_some() && !uri_part {
        return Err("invalid host");
    }
    let last = uri.unwrap_or(bytes.len());
    let port = find(bytes, b':').filter(|&colon| colon < last);
    let host_end = match port {
        Some(colon) => {
            atoi(&bytes[colon + 1..last])
                .filter(|n| (1..=65535).contains(n))
                .ok_or("invalid port")?;
            colon
        }
        None => last,
    };
    if host_end == 0 {
        return Err("no host");
    }
    Ok(Url { has_uri: uri.is_some() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upstream_urls() {
        for (url, uri) in [
            ("app", false),
            ("app:3000", false),
            ("app:3000/", true),
            ("127.0.0.1:8080/api/", true),
            ("app?x=1", true),
            ("[::1]:80", false),
            ("[::1]/x", true),
            ("unix:/run/app.sock", false),
            ("unix:/run/app.sock:/api/", true),
            ("unix:/run/app.sock:", false),
            ("a/b:c", true),
        ] {
            assert_eq!(parse_upstream(url, true), Ok(Url { has_uri: uri }), "{url}");
        }
        for (url, err) in [
            ("", "no host"),
            (":80", "no host"),
            ("/x", "no host"),
            ("app:80a", "invalid port"),
            ("app:0", "invalid port"),
            ("app:", "invalid port"),
            ("[::1", "invalid host"),
            ("[::1]x", "invalid host"),
            ("[zz]", "invalid IPv6 address"),
            ("unix:", "no path in the unix domain socket"),
        ] {
            assert_eq!(parse_upstream(url, true), Err(err), "{url}");
        }
        // An upstream server is an address only.
        for (url, result) in [
            ("app:3000", Ok(Url { has_uri: false })),
            ("unix:/run/a.sock:x", Ok(Url { has_uri: false })),
            ("http://app:3000", Err("invalid host")),
            ("app:3000/", Err("invalid host")),
            ("app?x", Err("invalid host")),
            ("[::1]/", Err("invalid host")),
            ("app:http", Err("invalid port")),
        ] {
            assert_eq!(parse_upstream(url, false), result, "{url}");
        }
    }
}
