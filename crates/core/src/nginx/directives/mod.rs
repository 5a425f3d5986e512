//! What nginx knows about each directive: the module that declares it, the contexts it
//! may appear in and how many arguments it takes, exactly as nginx 1.22.1 (Debian 12)
//! declares them in its `ngx_command_t` arrays.
//!
//! The table is generated from the C sources by `scripts/gen_nginx_directives.py`
//! (its docstring says how to get them). Stock directives and the third-party modules
//! Debian ships (headers-more, lua, njs, ...) are kept apart: a config that uses
//! `more_set_headers` is fine on `nginx-extras` and broken on `nginx-light`.

#[rustfmt::skip]
mod generated;
#[rustfmt::skip]
mod newer;

pub use generated::{MODULES, NGINX_VERSION, SOURCE_TARBALL, THIRD_PARTY_MODULES};
pub use newer::NEWER_VERSION;

/// Which of nginx's generic setters (`ngx_conf_set_*_slot` in src/core/ngx_conf_file.c
/// and ngx_file.c) reads a directive's arguments. The value checks follow from it: each
/// setter has its own parser and its own error words, and all but the array and
/// bitmask ones refuse a second occurrence in the same block ("is duplicate").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Setter {
    /// A handler of the module's own.
    Other,
    Flag,
    Str,
    StrArray,
    Keyval,
    Num,
    Size,
    Off,
    Msec,
    Sec,
    Bufs,
    Enum,
    Bitmask,
    Path,
    Access,
}

impl Setter {
    /// Whether the setter returns "is duplicate" when its field is already set, i.e.
    /// the directive appears twice in one block.
    pub fn rejects_duplicates(self) -> bool {
        !matches!(
            self,
            Setter::Other | Setter::StrArray | Setter::Keyval | Setter::Bitmask
        )
    }
}

/// One `ngx_command_t` entry. A name may have several (http and stream both declare
/// `server`, `listen`, `map`, ...); the context tells them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Directive {
    pub name: &'static str,
    /// The `ngx_module_t` that lists the command, e.g. `ngx_http_proxy_module`.
    pub module: &'static str,
    /// Bits of [`context`].
    pub contexts: u32,
    /// nginx's `NGX_CONF_*` argument bits, see [`args`].
    pub args: u32,
    /// A block whose body nginx hands to the module line by line instead of reading it
    /// as directives: `types`, `map`, `geo`, `split_clients`, `charset_map`, `geoip2`,
    /// and lua's `*_by_lua_block` (whose body is Lua, not even nginx tokens).
    pub custom_body: bool,
    /// The generic setter nginx reads the arguments with, if any.
    pub setter: Setter,
}

/// Where a directive may appear. nginx reuses the same bits for every module family
/// and tells them apart by module type; here each context has a bit of its own.
pub mod context {
    /// The top level of nginx.conf (`NGX_MAIN_CONF`).
    pub const MAIN: u32 = 1 << 0;
    /// Inside `events { }` (`NGX_EVENT_CONF`).
    pub const EVENTS: u32 = 1 << 1;
    /// Inside `http { }` (`NGX_HTTP_MAIN_CONF`).
    pub const HTTP: u32 = 1 << 2;
    /// Inside `http { server { } }` (`NGX_HTTP_SRV_CONF`).
    pub const SERVER: u32 = 1 << 3;
    /// Inside `location { }`, at any depth (`NGX_HTTP_LOC_CONF`).
    pub const LOCATION: u32 = 1 << 4;
    /// Inside `http { upstream { } }` (`NGX_HTTP_UPS_CONF`).
    pub const UPSTREAM: u32 = 1 << 5;
    /// Inside an `if { }` directly in an http server (`NGX_HTTP_SIF_CONF`).
    pub const IF_IN_SERVER: u32 = 1 << 6;
    /// Inside an `if { }` in a location (`NGX_HTTP_LIF_CONF`).
    pub const IF_IN_LOCATION: u32 = 1 << 7;
    /// Inside `limit_except { }` (`NGX_HTTP_LMT_CONF`).
    pub const LIMIT_EXCEPT: u32 = 1 << 8;
    /// Inside `stream { }` (`NGX_STREAM_MAIN_CONF`).
    pub const STREAM: u32 = 1 << 9;
    /// Inside `stream { server { } }` (`NGX_STREAM_SRV_CONF`).
    pub const STREAM_SERVER: u32 = 1 << 10;
    /// Inside `stream { upstream { } }` (`NGX_STREAM_UPS_CONF`).
    pub const STREAM_UPSTREAM: u32 = 1 << 11;
    /// Inside `mail { }` (`NGX_MAIL_MAIN_CONF`).
    pub const MAIL: u32 = 1 << 12;
    /// Inside `mail { server { } }` (`NGX_MAIL_SRV_CONF`).
    pub const MAIL_SERVER: u32 = 1 << 13;
    /// Inside `rtmp { }` of the third-party rtmp module (`NGX_RTMP_MAIN_CONF`).
    pub const RTMP: u32 = 1 << 14;
    /// Inside `rtmp { server { } }` (`NGX_RTMP_SRV_CONF`).
    pub const RTMP_SERVER: u32 = 1 << 15;
    /// Inside `rtmp { server { application { } } }` (`NGX_RTMP_APP_CONF`).
    pub const RTMP_APPLICATION: u32 = 1 << 16;
    /// Inside an rtmp `recorder { }` (`NGX_RTMP_REC_CONF`).
    pub const RTMP_RECORDER: u32 = 1 << 17;
    /// Anywhere (`NGX_ANY_CONF`: only `include`).
    pub const ANY: u32 = (1 << 18) - 1;

    /// Every context with the name an nginx user would call it, in nesting order.
    pub const NAMES: &[(u32, &str)] = &[
        (MAIN, "main"),
        (EVENTS, "events"),
        (HTTP, "http"),
        (SERVER, "server"),
        (LOCATION, "location"),
        (UPSTREAM, "upstream"),
        (IF_IN_SERVER, "if in server"),
        (IF_IN_LOCATION, "if in location"),
        (LIMIT_EXCEPT, "limit_except"),
        (STREAM, "stream"),
        (STREAM_SERVER, "stream server"),
        (STREAM_UPSTREAM, "stream upstream"),
        (MAIL, "mail"),
        (MAIL_SERVER, "mail server"),
        (RTMP, "rtmp"),
        (RTMP_SERVER, "rtmp server"),
        (RTMP_APPLICATION, "rtmp application"),
        (RTMP_RECORDER, "rtmp recorder"),
    ];

    /// The names of the contexts in `mask`, for messages like "allowed in: http, server".
    pub fn names(mask: u32) -> impl Iterator<Item = &'static str> {
        NAMES
            .iter()
            .filter(move |(bit, _)| mask & bit != 0)
            .map(|(_, name)| *name)
    }
}

/// nginx's argument bits, with the values of `src/core/ngx_conf_file.h` (the generator
/// checks them), so they can be compared with nginx's own code one to one.
pub mod args {
    pub const NOARGS: u32 = 0x0000_0001;
    pub const TAKE1: u32 = 0x0000_0002;
    pub const TAKE2: u32 = 0x0000_0004;
    pub const TAKE3: u32 = 0x0000_0008;
    pub const TAKE4: u32 = 0x0000_0010;
    pub const TAKE5: u32 = 0x0000_0020;
    pub const TAKE6: u32 = 0x0000_0040;
    pub const TAKE7: u32 = 0x0000_0080;
    /// `NGX_CONF_MAX_ARGS`: the most words a directive line may have, its name included.
    pub const MAX_ARGS: usize = 8;
    pub const TAKE12: u32 = TAKE1 | TAKE2;
    pub const TAKE13: u32 = TAKE1 | TAKE3;
    pub const TAKE23: u32 = TAKE2 | TAKE3;
    pub const TAKE123: u32 = TAKE1 | TAKE2 | TAKE3;
    pub const TAKE1234: u32 = TAKE1 | TAKE2 | TAKE3 | TAKE4;
    pub const ARGS_NUMBER: u32 = 0x0000_00ff;
    pub const BLOCK: u32 = 0x0000_0100;
    /// Exactly one argument, `on` or `off`.
    pub const FLAG: u32 = 0x0000_0200;
    /// Any number of arguments, none included.
    pub const ANY: u32 = 0x0000_0400;
    /// `NGX_CONF_1MORE`.
    pub const ONE_OR_MORE: u32 = 0x0000_0800;
    /// `NGX_CONF_2MORE`.
    pub const TWO_OR_MORE: u32 = 0x0000_1000;
    /// `NGX_DIRECT_CONF`: not an argument rule but nginx keeps it in the same word; the
    /// directive (`user`, `pid`, `worker_processes`, ...) writes straight into the core
    /// configuration, which only matters to nginx itself.
    pub const DIRECT_CONF: u32 = 0x0001_0000;

    /// `argument_number[]` of ngx_conf_file.c: the bit for "takes exactly n arguments".
    pub(super) const ARGUMENT_NUMBER: [u32; 8] = [NOARGS, TAKE1, TAKE2, TAKE3, TAKE4, TAKE5, TAKE6, TAKE7];
}

fn equal_range(table: &'static [Directive], name: &str) -> &'static [Directive] {
    let start = table.partition_point(|d| d.name < name);
    let len = table[start..].partition_point(|d| d.name == name);
    &table[start..start + len]
}

/// Every stock nginx directive of that name (one per declaring module), or none.
pub fn lookup(name: &str) -> &'static [Directive] {
    equal_range(generated::DIRECTIVES, name)
}

/// Every third-party directive of that name (njs and geoip2 declare theirs in both http
/// and stream), or none. The rtmp module reuses stock names (`server`, `listen`,
/// `access_log`, ...) for its own `rtmp { }` contexts, so check the context too.
pub fn lookup_third_party(name: &str) -> &'static [Directive] {
    equal_range(generated::THIRD_PARTY, name)
}

/// The first third-party directive of that name, if a module Debian ships declares it.
pub fn third_party(name: &str) -> Option<&'static Directive> {
    lookup_third_party(name).first()
}

/// The words an enum or bitmask directive accepts (in nginx's order), or none.
pub fn values(d: &Directive) -> &'static [&'static str] {
    let table = generated::VALUES;
    let start = table.partition_point(|(name, module, _)| (*name, *module) < (d.name, d.module));
    match table.get(start) {
        Some((name, module, words)) if *name == d.name && *module == d.module => words,
        _ => &[],
    }
}

/// All stock directives, sorted by name then module.
pub fn all() -> &'static [Directive] {
    generated::DIRECTIVES
}

/// All third-party directives, sorted by name then module.
pub fn all_third_party() -> &'static [Directive] {
    generated::THIRD_PARTY
}

/// Whether nginx's ngx_conf_handler() accepts `n` arguments (the directive name not
/// counted) for `d`. The order of the tests is nginx's: ANY wins, then FLAG, 1MORE,
/// 2MORE, and only then the exact counts.
pub fn accepts_arg_count(d: &Directive, n: usize) -> bool {
    if d.args & args::ANY != 0 {
        return true;
    }
    if d.args & args::FLAG != 0 {
        return n == 1;
    }
    if d.args & args::ONE_OR_MORE != 0 {
        return n >= 1;
    }
    if d.args & args::TWO_OR_MORE != 0 {
        return n >= 2;
    }
    match args::ARGUMENT_NUMBER.get(n) {
        Some(bit) => d.args & bit != 0,
        None => false,
    }
}

/// Whether the directive opens a `{ }` block (nginx rejects it without one, and rejects
/// a block on any other directive).
pub fn is_block(d: &Directive) -> bool {
    d.args & args::BLOCK != 0
}

/// Whether the directive takes a single `on` / `off`.
pub fn is_flag(d: &Directive) -> bool {
    d.args & args::FLAG != 0
}

/// Whether the directive may appear in `ctx` (one or more [`context`] bits).
pub fn allowed_in(d: &Directive, ctx: u32) -> bool {
    d.contexts & ctx != 0
}

/// What nginx's configuration handler (`ngx_conf_handler`) decides about a
/// directive in a context, in the order nginx tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Accepted(&'static Directive),
    /// Only a newer nginx than the pinned one has it here.
    Newer(&'static Newer),
    /// No stock module has it: a third-party module's, or unknown (None).
    NotStock(Option<&'static Directive>),
    NotAllowedHere,
    UnexpectedBlock,
    MissingBlock,
    ArgumentCount,
}

/// The verdict on `name` with `args` arguments, a block or not, in `ctx`.
pub fn verdict(name: &str, ctx: u32, has_block: bool, args: usize) -> Verdict {
    let known = lookup(name);
    // nginx tries each module's definition of the name and judges the first
    // one allowed in this context.
    let Some(definition) = known.iter().find(|k| allowed_in(k, ctx)) else {
        return match newer(name, ctx) {
            Some(newer) => Verdict::Newer(newer),
            None if known.is_empty() => Verdict::NotStock(third_party(name)),
            None => Verdict::NotAllowedHere,
        };
    };
    match (is_block(definition), has_block) {
        (false, true) => Verdict::UnexpectedBlock,
        (true, false) => Verdict::MissingBlock,
        _ if !accepts_arg_count(definition, args) => Verdict::ArgumentCount,
        _ => Verdict::Accepted(definition),
    }
}

/// A directive (or a context for one) that a newer stock nginx has and the pinned
/// version does not: `http2`, stream `server_name`. Generated by
/// `scripts/gen_nginx_newer_directives.py`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Newer {
    pub name: &'static str,
    pub module: &'static str,
    /// The contexts the newer version adds, bits of [`context`].
    pub contexts: u32,
}

/// The newer nginx's definition of `name` in `ctx`, when only a newer nginx
/// accepts it there.
pub fn newer(name: &str, ctx: u32) -> Option<&'static Newer> {
    let table = newer::NEWER;
    let start = table.partition_point(|d| d.name < name);
    table[start..]
        .iter()
        .take_while(|d| d.name == name)
        .find(|d| d.contexts & ctx != 0)
}

#[cfg(test)]
mod tests {
    use super::context::*;
    use super::*;

    fn only(name: &str) -> &'static Directive {
        let found = lookup(name);
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        &found[0]
    }

    fn in_module(name: &str, module: &str) -> &'static Directive {
        lookup(name)
            .iter()
            .find(|d| d.module == module)
            .unwrap_or_else(|| panic!("{name} not in {module}: {:?}", lookup(name)))
    }

    #[test]
    fn tables_are_sorted_for_binary_search() {
        for table in [all(), all_third_party()] {
            for pair in table.windows(2) {
                assert!(
                    (pair[0].name, pair[0].module) <= (pair[1].name, pair[1].module),
                    "{:?} before {:?}",
                    pair[0],
                    pair[1]
                );
            }
        }
    }

    #[test]
    fn seed_config_directives_are_all_stock() {
        let seed = "user worker_processes error_log pid events worker_connections http server_tokens \
                    add_header client_body_timeout client_header_timeout keepalive_timeout send_timeout \
                    ssl_prefer_server_ciphers include default_type server listen server_name location \
                    proxy_pass proxy_http_version log_format access_log sendfile if return";
        for name in seed.split_whitespace() {
            assert!(!lookup(name).is_empty(), "{name} missing");
            // Only rtmp reuses stock names (server, listen, access_log, ...), inside rtmp { }.
            let rtmp = RTMP | RTMP_SERVER | RTMP_APPLICATION | RTMP_RECORDER;
            assert!(
                lookup_third_party(name).iter().all(|d| d.contexts & !rtmp == 0),
                "{name}"
            );
        }
    }

    #[test]
    fn contexts_match_nginx() {
        let add_header = only("add_header");
        assert_eq!(add_header.module, "ngx_http_headers_filter_module");
        assert_eq!(add_header.contexts, HTTP | SERVER | LOCATION | IF_IN_LOCATION);

        assert_eq!(only("worker_connections").contexts, EVENTS);
        assert_eq!(only("events").contexts, MAIN);
        assert_eq!(only("http").contexts, MAIN);
        assert_eq!(only("user").contexts, MAIN);
        assert_eq!(only("include").contexts, ANY);
        assert_eq!(only("location").contexts, SERVER | LOCATION);
        assert_eq!(only("if").contexts, SERVER | LOCATION);
        assert_eq!(only("proxy_http_version").contexts, HTTP | SERVER | LOCATION);

        let listen: Vec<u32> = lookup("listen").iter().map(|d| d.contexts).collect();
        assert!(listen.contains(&SERVER) && listen.contains(&STREAM_SERVER) && listen.contains(&MAIL_SERVER));
        assert!(!lookup("listen").iter().any(|d| allowed_in(d, HTTP | LOCATION)));

        let servers: Vec<(&str, u32)> = lookup("server").iter().map(|d| (d.module, d.contexts)).collect();
        assert!(servers.contains(&("ngx_http_core_module", HTTP)));
        assert!(servers.contains(&("ngx_http_upstream_module", UPSTREAM)));
        assert!(servers.contains(&("ngx_stream_core_module", STREAM)));
        assert!(servers.contains(&("ngx_stream_upstream_module", STREAM_UPSTREAM)));

        let ret = in_module("return", "ngx_http_rewrite_module");
        assert_eq!(ret.contexts, SERVER | LOCATION | IF_IN_SERVER | IF_IN_LOCATION);
        assert_eq!(in_module("return", "ngx_stream_return_module").contexts, STREAM_SERVER);

        assert!(allowed_in(in_module("allow", "ngx_http_access_module"), LIMIT_EXCEPT));
        assert_eq!(in_module("error_log", "ngx_errlog_module").contexts, MAIN);
        assert_eq!(
            names(HTTP | IF_IN_LOCATION).collect::<Vec<_>>(),
            ["http", "if in location"]
        );
    }

    #[test]
    fn argument_rules_match_nginx() {
        let version = only("proxy_http_version");
        assert_eq!(version.args, args::TAKE1);
        assert!(accepts_arg_count(version, 1));
        assert!(!accepts_arg_count(version, 0) && !accepts_arg_count(version, 2));

        let sendfile = only("sendfile");
        assert!(is_flag(sendfile) && !is_block(sendfile));
        assert!(accepts_arg_count(sendfile, 1) && !accepts_arg_count(sendfile, 2));

        let log_format = in_module("log_format", "ngx_http_log_module");
        assert_eq!(log_format.args, args::TWO_OR_MORE);
        assert!(!accepts_arg_count(log_format, 1));
        assert!(accepts_arg_count(log_format, 2) && accepts_arg_count(log_format, 40));

        let ret = in_module("return", "ngx_http_rewrite_module");
        assert_eq!(ret.args, args::TAKE12);
        assert!(!accepts_arg_count(ret, 0) && accepts_arg_count(ret, 1));
        assert!(accepts_arg_count(ret, 2) && !accepts_arg_count(ret, 3));

        assert_eq!(only("add_header").args, args::TAKE23);
        assert_eq!(only("user").args, args::TAKE12 | args::DIRECT_CONF);
        assert!(accepts_arg_count(only("user"), 2));

        let events = only("events");
        assert!(is_block(events) && accepts_arg_count(events, 0) && !accepts_arg_count(events, 1));
        assert!(is_block(only("location")) && accepts_arg_count(only("location"), 2));
        assert!(is_block(only("if")));

        // More words than NGX_CONF_MAX_ARGS allows fail even for a many-TAKE directive.
        let all_takes = Directive {
            args: args::ARGS_NUMBER,
            ..*version
        };
        assert!(accepts_arg_count(&all_takes, args::MAX_ARGS - 1));
        assert!(!accepts_arg_count(&all_takes, args::MAX_ARGS));
        assert!(!accepts_arg_count(&all_takes, usize::MAX));
        let any = Directive {
            args: args::ANY,
            ..*version
        };
        assert!(accepts_arg_count(&any, 0) && accepts_arg_count(&any, 1000));
    }

    #[test]
    fn setters_match_nginx() {
        assert_eq!(only("sendfile").setter, Setter::Flag);
        assert_eq!(only("client_max_body_size").setter, Setter::Off);
        assert_eq!(only("client_body_buffer_size").setter, Setter::Size);
        assert_eq!(only("send_timeout").setter, Setter::Msec);
        assert_eq!(only("default_type").setter, Setter::Str);
        assert_eq!(only("proxy_http_version").setter, Setter::Enum);
        assert_eq!(
            in_module("proxy_next_upstream", "ngx_http_proxy_module").setter,
            Setter::Bitmask
        );
        assert_eq!(only("proxy_buffers").setter, Setter::Bufs);
        assert_eq!(only("proxy_pass_header").setter, Setter::StrArray);
        assert_eq!(only("client_body_temp_path").setter, Setter::Path);
        assert_eq!(only("proxy_store_access").setter, Setter::Access);
        assert!(lookup("listen").iter().all(|d| d.setter == Setter::Other));
        assert_eq!(
            in_module("keepalive_timeout", "ngx_http_core_module").setter,
            Setter::Other
        );
        assert_eq!(
            in_module("keepalive_requests", "ngx_http_core_module").setter,
            Setter::Num
        );
        assert!(Setter::Flag.rejects_duplicates() && Setter::Path.rejects_duplicates());
        assert!(!Setter::Other.rejects_duplicates() && !Setter::StrArray.rejects_duplicates());
        assert!(!Setter::Bitmask.rejects_duplicates());
        assert_eq!(std::mem::size_of::<Setter>(), 1);
        // nginx declares a flag's argument rule and its setter apart, and they disagree
        // twice: ssl_ocsp is an enum, uwsgi_cache_background_update a TAKE1 read by
        // the flag setter. ssl's handlers call the flag setter first, so count as it.
        let odd: Vec<&str> = all()
            .iter()
            .filter(|d| is_flag(d) != (d.setter == Setter::Flag))
            .map(|d| d.name)
            .collect();
        assert_eq!(odd, ["ssl_ocsp", "uwsgi_cache_background_update"]);
        assert!(lookup("ssl").iter().all(|d| d.setter == Setter::Flag));
    }

    #[test]
    fn enum_and_bitmask_values_match_nginx() {
        assert_eq!(values(only("proxy_http_version")), ["1.0", "1.1"]);
        assert_eq!(values(only("server_tokens")), ["off", "on", "build"]);
        assert!(values(in_module("ssl_protocols", "ngx_http_ssl_module")).contains(&"TLSv1.3"));
        assert!(values(only("sendfile")).is_empty());
        for d in all().iter().chain(all_third_party()) {
            let enumerated = matches!(d.setter, Setter::Enum | Setter::Bitmask);
            assert_eq!(enumerated, !values(d).is_empty(), "{d:?}");
        }
        for pair in generated::VALUES.windows(2) {
            assert!((pair[0].0, pair[0].1) < (pair[1].0, pair[1].1), "{:?}", pair[0]);
        }
    }

    #[test]
    fn custom_bodies_are_marked() {
        assert!(only("types").custom_body);
        assert!(lookup("map").iter().all(|d| d.custom_body));
        assert!(!only("http").custom_body && !only("location").custom_body);
        assert!(!in_module("upstream", "ngx_http_upstream_module").custom_body);
        assert!(third_party("content_by_lua_block").is_some_and(|d| d.custom_body));
    }

    #[test]
    fn third_party_directives_are_not_stock() {
        for name in [
            "more_set_headers",
            "more_clear_headers",
            "js_content",
            "js_import",
            "js_set",
            "echo",
        ] {
            assert!(lookup(name).is_empty(), "{name} is not stock nginx");
            assert!(third_party(name).is_some(), "{name} missing from THIRD_PARTY");
        }
        let more = third_party("more_set_headers").unwrap();
        assert_eq!(more.module, "ngx_http_headers_more_filter_module");
        assert!(allowed_in(more, LOCATION | IF_IN_LOCATION));
        // njs declares js_import for http and for stream.
        let modules: Vec<&str> = lookup_third_party("js_import").iter().map(|d| d.module).collect();
        assert_eq!(modules, ["ngx_http_js_module", "ngx_stream_js_module"]);
        assert!(lookup("no_such_directive").is_empty() && third_party("no_such_directive").is_none());
        assert!(lookup("").is_empty() && lookup("\u{1F600}").is_empty());
    }

    #[test]
    fn newer_directives_are_only_newer() {
        let http2 = newer("http2", SERVER).unwrap();
        assert_eq!(http2.module, "ngx_http_v2_module");
        assert!(lookup("http2").is_empty());
        assert!(newer("server_name", STREAM_SERVER).is_some());
        assert!(newer("server_name", SERVER).is_none(), "http server_name is not new");
        assert!(newer("proxy_pass", LOCATION).is_none());
        for d in newer::NEWER {
            assert!(lookup(d.name).iter().all(|old| old.contexts & d.contexts == 0), "{d:?}");
        }
        assert_eq!(NEWER_VERSION, "1.26.3");
    }

    #[test]
    fn counts_are_plausible() {
        let count = |mask: u32| {
            all()
                .iter()
                .filter(|d| d.contexts & mask != 0 && d.contexts != ANY)
                .count()
        };
        assert!(all().len() > 650, "{}", all().len());
        assert!(
            count(HTTP | SERVER | LOCATION | UPSTREAM) > 450,
            "http {}",
            count(HTTP | SERVER | LOCATION)
        );
        assert!(count(STREAM | STREAM_SERVER | STREAM_UPSTREAM) > 80);
        assert!(count(MAIL | MAIL_SERVER) > 40);
        assert!(count(EVENTS) > 10);
        assert!(count(MAIN) > 20);
        assert!(all()
            .iter()
            .all(|d| d.contexts == ANY || d.contexts & (RTMP | RTMP_SERVER | RTMP_APPLICATION) == 0));
        assert!(all_third_party().len() > 300);
        assert!(MODULES.len() > 80);
        assert!(
            all().iter().all(|d| MODULES.contains(&d.module)),
            "every module is listed"
        );
        assert!(all_third_party()
            .iter()
            .all(|d| THIRD_PARTY_MODULES.iter().any(|(m, _)| *m == d.module)));
        assert_eq!(NGINX_VERSION, "1.22.1");
    }
}
