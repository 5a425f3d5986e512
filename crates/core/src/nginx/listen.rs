//! The http `listen` directive as nginx reads it: the address
//! (ngx_parse_url with `listen` set, src/core/ngx_inet.c) and the parameters
//! (ngx_http_core_listen), with nginx's error words, for a Linux build (no
//! setfib, no accept filters; deferred, reuseport, fastopen, tunable
//! keepalive, IPv6, unix sockets, ssl and http2 available).

use super::value::{atoi, parse_size, parse_time};

/// Where a listen binds, compared as nginx compares socket addresses.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Address {
    V4([u8; 4], u16),
    V6([u8; 16], u16),
    Unix(String),
}

impl Address {
    /// nginx's text for the address (`ngx_sock_ntop` with the port), as in
    /// "a duplicate default server for 0.0.0.0:80".
    pub fn text(&self) -> String {
        match self {
            Address::V4(ip, port) => format!("{}.{}.{}.{}:{port}", ip[0], ip[1], ip[2], ip[3]),
            Address::V6(ip, port) => format!("[{}]:{port}", inet6_ntop(ip)),
            Address::Unix(path) => format!("unix:{path}"),
        }
    }
}

/// What the address part resolves to without asking the system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bind {
    /// A literal address with one port.
    One(Address),
    /// A port range or a host name: nginx resolves it at start-up, so what it
    /// binds (or whether the name resolves) depends on the machine.
    Other,
}

/// Parses the first `listen` argument; the error is nginx's `u->err`.
pub fn parse_address(url: &str) -> Result<Bind, &'static str> {
    let bytes = url.as_bytes();
    if bytes.len() >= 5 && bytes[..5].eq_ignore_ascii_case(b"unix:") {
        let path = &bytes[5..];
        if path.is_empty() {
            return Err("no path in the unix domain socket");
        }
        // sizeof(sun_path) on Linux, with room for the NUL.
        if path.len() + 1 > 108 {
            return Err("too long path in the unix domain socket");
        }
        return Ok(Bind::One(Address::Unix(String::from_utf8_lossy(path).into_owned())));
    }
    if bytes.first() == Some(&b'[') {
        return parse_inet6(bytes);
    }
    parse_inet(bytes)
}

fn find(bytes: &[u8], c: u8) -> Option<usize> {
    bytes.iter().position(|&b| b == c)
}

/// A `port` or `port-last` as nginx's listen accepts it; `range` tells
/// whether a `-last` was given.
fn parse_port(text: &[u8]) -> Result<(u16, bool), &'static str> {
    let (first, last) = match find(text, b'-') {
        Some(dash) => {
            let last = atoi(&text[dash + 1..]).filter(|n| (1..=65535).contains(n));
            (&text[..dash], Some(last.ok_or("invalid port")?))
        }
        None => (text, None),
    };
    let n = atoi(first).filter(|n| (1..=65535).contains(n)).ok_or("invalid port")?;
    if last.is_some_and(|last| n > last) {
        return Err("invalid port range");
    }
    Ok((n as u16, last.is_some()))
}

fn parse_inet(bytes: &[u8]) -> Result<Bind, &'static str> {
    if find(bytes, b'/').is_some() || find(bytes, b'?').is_some() {
        return Err("invalid host");
    }
    let (host, port, range) = match find(bytes, b':') {
        Some(colon) => {
            let (port, range) = parse_port(&bytes[colon + 1..])?;
            (&bytes[..colon], port, range)
        }
        None => {
            // A value that reads as a port (or port range) is one.
            let dash = find(bytes, b'-');
            let last = dash.map(|d| atoi(&bytes[d + 1..]));
            let head = dash.map_or(bytes, |d| &bytes[..d]);
            match (last, atoi(head)) {
                (Some(None), _) | (_, None) => (bytes, 80, false),
                (last, Some(_)) => {
                    if let Some(Some(l)) = last {
                        if !(1..=65535).contains(&l) {
                            return Err("invalid port");
                        }
                    }
                    let (port, range) = parse_port(bytes)?;
                    if range {
                        return Ok(Bind::Other);
                    }
                    return Ok(Bind::One(Address::V4([0; 4], port)));
                }
            }
        }
    };
    if host.is_empty() {
        return Err("no host");
    }
    if range {
        return Ok(Bind::Other);
    }
    if host == b"*" {
        return Ok(Bind::One(Address::V4([0; 4], port)));
    }
    Ok(match inet_addr(host) {
        Some(ip) => Bind::One(Address::V4(ip, port)),
        None => Bind::Other,
    })
}

fn parse_inet6(bytes: &[u8]) -> Result<Bind, &'static str> {
    let rest = &bytes[1..];
    let close = find(rest, b']').ok_or("invalid host")?;
    let host = &rest[..close];
    let after = &rest[close + 1..];
    if find(after, b'/').is_some() {
        return Err("invalid host");
    }
    let (port, range) = match after.split_first() {
        None => (80, false),
        Some((b':', port)) => parse_port(port)?,
        Some(_) => return Err("invalid host"),
    };
    if host.is_empty() {
        return Err("no host");
    }
    let ip = inet6_addr(host).ok_or("invalid IPv6 address")?;
    Ok(if range {
        Bind::Other
    } else {
        Bind::One(Address::V6(ip, port))
    })
}

/// `ngx_inet_addr`: exactly four dot-separated decimal octets.
fn inet_addr(text: &[u8]) -> Option<[u8; 4]> {
    let mut out = [0u8; 4];
    let mut parts = 0;
    let mut octet: u32 = 0;
    for &c in text {
        match c {
            b'0'..=b'9' => {
                octet = octet * 10 + u32::from(c - b'0');
                if octet > 255 {
                    return None;
                }
            }
            b'.' => {
                if parts >= 3 {
                    return None;
                }
                out[parts] = octet as u8;
                parts += 1;
                octet = 0;
            }
            _ => return None,
        }
    }
    if parts != 3 {
        return None;
    }
    out[3] = octet as u8;
    Some(out)
}

/// `ngx_inet6_addr`, step for step (it accepts a little more than RFC 4291,
/// e.g. a leading single `:`).
pub(crate) fn inet6_addr(text: &[u8]) -> Option<[u8; 16]> {
    if text.is_empty() {
        return None;
    }
    let mut addr = [0u8; 16];
    let mut at = 0usize;
    let mut zero: Option<usize> = None;
    let mut digit: Option<usize> = None;
    let mut nibbles = 0;
    let mut word: u32 = 0;
    let mut n = 8;
    let mut p = usize::from(text[0] == b':');
    while p < text.len() {
        let c = text[p];
        p += 1;
        if c == b':' {
            if nibbles > 0 {
                digit = Some(p);
                addr[at] = (word >> 8) as u8;
                addr[at + 1] = word as u8;
                at += 2;
                n -= 1;
                if n > 0 {
                    nibbles = 0;
                    word = 0;
                    continue;
                }
            } else if zero.is_none() {
                digit = Some(p);
                zero = Some(at);
                continue;
            }
            return None;
        }
        if c == b'.' && nibbles > 0 {
            let start = digit?;
            if n < 2 {
                return None;
            }
            let v4 = inet_addr(&text[start..])?;
            addr[at..at + 4].copy_from_slice(&v4);
            at += 4;
            n -= 2;
            return finish(addr, at, n, zero);
        }
        nibbles += 1;
        if nibbles > 4 {
            return None;
        }
        let value = match c {
            b'0'..=b'9' => c - b'0',
            _ => match c | 0x20 {
                l @ b'a'..=b'f' => l - b'a' + 10,
                _ => return None,
            },
        };
        word = word * 16 + u32::from(value);
    }
    if nibbles == 0 && zero.is_none() {
        return None;
    }
    addr[at] = (word >> 8) as u8;
    addr[at + 1] = word as u8;
    at += 2;
    n -= 1;
    finish(addr, at, n, zero)
}

/// The end of ngx_inet6_addr: `n` words are missing; a `::` must supply them.
fn finish(mut addr: [u8; 16], at: usize, n: usize, zero: Option<usize>) -> Option<[u8; 16]> {
    match (n, zero) {
        (0, None) => Some(addr),
        (0, Some(_)) => None,
        (_, None) => None,
        (n, Some(z)) => {
            let shift = n * 2;
            addr.copy_within(z..at, z + shift);
            addr[z..z + shift].fill(0);
            Some(addr)
        }
    }
}

/// `ngx_inet6_ntop`: the longest run of two or more zero words becomes `::`;
/// IPv4-compatible and -mapped addresses end in dotted decimal.
fn inet6_ntop(p: &[u8; 16]) -> String {
    let mut zero = usize::MAX;
    let mut last = usize::MAX;
    let mut max = 1;
    let mut n = 0;
    for i in (0..16).step_by(2) {
        if p[i] != 0 || p[i + 1] != 0 {
            if max < n {
                zero = last;
                max = n;
            }
            n = 0;
            continue;
        }
        if n == 0 {
            last = i;
        }
        n += 1;
    }
    if max < n {
        zero = last;
        max = n;
    }
    let mut out = String::new();
    let mut end = 16;
    if zero == 0 {
        if (max == 5 && p[10] == 0xff && p[11] == 0xff) || max == 6 || (max == 7 && p[14] != 0 && p[15] != 1) {
            end = 12;
        }
        out.push(':');
    }
    let mut i = 0;
    while i < end {
        if i == zero {
            out.push(':');
            i += max * 2;
            continue;
        }
        out.push_str(&format!("{:x}", u16::from(p[i]) * 256 + u16::from(p[i + 1])));
        if i < 14 {
            out.push(':');
        }
        i += 2;
    }
    if end == 12 {
        out.push_str(&format!("{}.{}.{}.{}", p[12], p[13], p[14], p[15]));
    }
    out
}

/// The parameters after the address, as ngx_http_core_listen reads them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    pub default_server: bool,
    pub ssl: bool,
    /// A socket option (bind, backlog, ...) that only one listen per address may set.
    pub set: bool,
}

/// The parameters, or the index of the first bad one with nginx's message.
pub fn parse_options<'v>(params: impl Iterator<Item = &'v str>) -> Result<Options, (usize, String)> {
    let mut options = Options::default();
    for (i, value) in params.enumerate() {
        let error = |words: &str| Err((i, words.to_owned()));
        let number = |prefix: &str| value.strip_prefix(prefix).map(|rest| atoi(rest.as_bytes()));
        match value {
            "default_server" | "default" => options.default_server = true,
            "bind" | "deferred" | "reuseport" => options.set = true,
            "ssl" => options.ssl = true,
            "http2" | "proxy_protocol" => {}
            // HTTP/3 arrived in nginx 1.25: an error for 1.22.1, but the
            // image may run a newer nginx, as newer-directive warns.
            "quic" => {}
            // Linux has no accept filters: nginx logs that it ignores the parameter.
            _ if value.starts_with("accept_filter=") => {}
            _ if value.starts_with("fastopen=") => {
                if number("fastopen=").flatten().is_none() {
                    return error(&format!("invalid fastopen \"{value}\""));
                }
                options.set = true;
            }
            _ if value.starts_with("backlog=") => {
                if !matches!(number("backlog=").flatten(), Some(n) if n != 0) {
                    return error(&format!("invalid backlog \"{value}\""));
                }
                options.set = true;
            }
            _ if value.starts_with("rcvbuf=") || value.starts_with("sndbuf=") => {
                if parse_size(&value[7..]).is_none() {
                    return error(&format!("invalid {} \"{value}\"", &value[..6]));
                }
                options.set = true;
            }
            _ if value.starts_with("ipv6only=o") => {
                if !matches!(&value[10..], "n" | "ff") {
                    return error(&format!("invalid ipv6only flags \"{}\"", &value[9..]));
                }
                options.set = true;
            }
            _ if value.starts_with("so_keepalive=") => {
                let rest = &value[13..];
                if rest != "on" && rest != "off" && !keepalive_tunable(rest) {
                    return error(&format!("invalid so_keepalive value: \"{rest}\""));
                }
                options.set = true;
            }
            _ => return error(&format!("invalid parameter \"{value}\"")),
        }
    }
    Ok(options)
}

/// `idle:interval:count`, each part optional, not all of them zero or empty.
fn keepalive_tunable(text: &str) -> bool {
    let mut parts = text.splitn(3, ':');
    let idle = parts.next().unwrap_or("");
    let interval = parts.next().unwrap_or("");
    let count = parts.next().unwrap_or("");
    let time = |t: &str| if t.is_empty() { Some(0) } else { parse_time(t, true) };
    let (Some(idle), Some(interval)) = (time(idle), time(interval)) else {
        return false;
    };
    let count = if count.is_empty() {
        Some(0)
    } else {
        atoi(count.as_bytes())
    };
    matches!(count, Some(c) if idle != 0 || interval != 0 || c != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(url: &str) -> Address {
        match parse_address(url) {
            Ok(Bind::One(a)) => a,
            other => panic!("{url}: {other:?}"),
        }
    }

    #[test]
    fn addresses() {
        assert_eq!(one("80").text(), "0.0.0.0:80");
        assert_eq!(one("*:8080").text(), "0.0.0.0:8080");
        assert_eq!(one("127.0.0.1").text(), "127.0.0.1:80");
        assert_eq!(one("010.0.0.1:81").text(), "10.0.0.1:81");
        assert_eq!(one("[::]:80").text(), "[::]:80");
        assert_eq!(one("[::1]").text(), "[::1]:80");
        assert_eq!(one("[2001:db8:0:0:1:0:0:1]:443").text(), "[2001:db8::1:0:0:1]:443");
        assert_eq!(one("[::ffff:1.2.3.4]:80").text(), "[::ffff:1.2.3.4]:80");
        assert_eq!(one("unix:/run/a.sock").text(), "unix:/run/a.sock");
        assert_eq!(parse_address("localhost:80"), Ok(Bind::Other));
        assert_eq!(parse_address("8080-8081"), Ok(Bind::Other));
        assert_eq!(parse_address("80a"), Ok(Bind::Other));
        assert_eq!(parse_address("300.1.1.1:80"), Ok(Bind::Other));
    }

    #[test]
    fn address_errors() {
        for (url, err) in [
            ("127.0.0.1:80a", "invalid port"),
            ("127.0.0.1:0", "invalid port"),
            ("65536", "invalid port"),
            ("80-70000", "invalid port"),
            ("81-80", "invalid port range"),
            (":80", "no host"),
            ("unix:", "no path in the unix domain socket"),
            ("127.0.0.1/x", "invalid host"),
            ("[::1", "invalid host"),
            ("[::1]x", "invalid host"),
            ("[]:80", "no host"),
            ("[zz]:80", "invalid IPv6 address"),
            ("[1:2:3:4:5:6:7:8:9]", "invalid IPv6 address"),
            ("[1::2::3]", "invalid IPv6 address"),
        ] {
            assert_eq!(parse_address(url), Err(err), "{url}");
        }
        let long = format!("unix:/{}", "a".repeat(107));
        assert_eq!(parse_address(&long), Err("too long path in the unix domain socket"));
        assert!(parse_address("é:\u{1F600}").is_err() || parse_address("é:\u{1F600}").is_ok());
    }

    #[test]
    fn options() {
        let ok = |p: &[&str]| parse_options(p.iter().copied());
        assert_eq!(
            ok(&["default_server", "ssl", "http2"]),
            Ok(Options {
                default_server: true,
                ssl: true,
                set: false
            })
        );
        assert!(ok(&["backlog=511", "so_keepalive=30m::10", "ipv6only=on"]).unwrap().set);
        assert_eq!(ok(&["ssl", "foo"]), Err((1, "invalid parameter \"foo\"".to_owned())));
        assert!(ok(&["quic", "reuseport"]).is_ok());
        assert_eq!(ok(&["setfib=1"]), Err((0, "invalid parameter \"setfib=1\"".to_owned())));
        assert_eq!(ok(&["backlog=0"]), Err((0, "invalid backlog \"backlog=0\"".to_owned())));
        assert_eq!(ok(&["rcvbuf=1x"]), Err((0, "invalid rcvbuf \"rcvbuf=1x\"".to_owned())));
        assert_eq!(
            ok(&["ipv6only=ox"]),
            Err((0, "invalid ipv6only flags \"ox\"".to_owned()))
        );
        assert_eq!(
            ok(&["ipv6only=x"]),
            Err((0, "invalid parameter \"ipv6only=x\"".to_owned()))
        );
        assert_eq!(
            ok(&["so_keepalive=x"]),
            Err((0, "invalid so_keepalive value: \"x\"".to_owned()))
        );
        assert_eq!(
            ok(&["so_keepalive=::"]),
            Err((0, "invalid so_keepalive value: \"::\"".to_owned()))
        );
        assert_eq!(
            ok(&["Default_server"]),
            Err((0, "invalid parameter \"Default_server\"".to_owned()))
        );
    }
}
