#!/usr/bin/env python3
"""Generates crates/core/src/nginx/directives/generated.rs from nginx's C sources.

Every `ngx_command_t` array (`static ngx_command_t ngx_http_..._commands[] = { ... }`)
becomes a row per directive: its name, the `ngx_module_t` that owns the array, the
contexts it is allowed in and its argument rule, read from the type word exactly as
nginx's ngx_conf_handler() reads it, and which of nginx's generic setters
(`ngx_conf_set_flag_slot`, `ngx_conf_set_size_slot`, ...) reads its value, if one does
(directly, or first thing in the module's own handler, as `ssl` does). For the enum and
bitmask setters the accepted words (the `ngx_conf_enum_t` / `ngx_conf_bitmask_t` array
named by the command's `post`) go to VALUES. Commands behind `#if (NGX_...)` are kept
(they exist in some builds); the row then carries the guard as a comment.

Usage (stdlib only; sources are never committed, keep them in the gitignored .tools/):

    python3 scripts/gen_nginx_directives.py NGINX_SRC [THIRD_PARTY_ROOT ...]          # write
    python3 scripts/gen_nginx_directives.py --check NGINX_SRC [THIRD_PARTY_ROOT ...]  # fail if stale

NGINX_SRC is the unpacked nginx-1.22.1 tree, the `nginx_1.22.1.orig.tar.gz` of Debian 12's
nginx source package, with the package's patches applied: Debian's security updates add
directives (`max_headers`) that the nginx in the image has and the orig tarball lacks.

    mkdir .tools/nginx-src/nginx-1.22.1-deb12u9 && cd .tools/nginx-src/nginx-1.22.1-deb12u9
    tar xzf ../nginx_1.22.1.orig.tar.gz --strip-components=1
    tar xJf ../nginx_1.22.1-9+deb12u9.debian.tar.xz
    grep -v '^#' debian/patches/series | while read p _; do patch -s -p1 < "debian/patches/$p"; done Each THIRD_PARTY_ROOT holds unpacked module trees, one folder each;
their directives go to THIRD_PARTY. How the committed table was made (Debian 12 machine):

    # a deb-src twin of each `Types: deb` entry in /etc/apt/sources.list.d/debian.sources
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \\
        > /etc/apt/sources.list.d/debian-src.sources
    apt-get update
    mkdir -p .tools/nginx-src/third-party && cd .tools/nginx-src
    apt-get source --download-only nginx      # the security .dsc may 404; the orig tarball arrives
    tar xzf nginx_1.22.1.orig.tar.gz
    cd third-party
    for p in libnginx-mod-http-headers-more-filter libnginx-mod-http-echo \\
             libnginx-mod-http-dav-ext libnginx-mod-http-fancyindex libnginx-mod-http-geoip2 \\
             libnginx-mod-http-lua libnginx-mod-http-ndk libnginx-mod-http-subs-filter \\
             libnginx-mod-http-upstream-fair libnginx-mod-rtmp; do
        apt-get source --download-only "$p"
    done
    for f in *.orig.tar.*; do tar xf "$f"; done

In Debian 12 the third-party modules are their own source packages (the nginx package has
no debian/modules/ any more). Five of them (libnginx-mod-js = njs 0.7.9, libnginx-mod-nchan
1.3.6, libnginx-mod-http-cache-purge 2.3, libnginx-mod-http-auth-pam 1.5.3,
libnginx-mod-http-uploadprogress 0.9.2) had only their .dsc on the package mirror we used,
so the table took them from the upstream repositories at the tags Debian packages, unpacked
into .tools/nginx-src/upstream/ (clone nginx/njs, slact/nchan, FRiCKLE/ngx_cache_purge,
sto/ngx_http_auth_pam_module and masterzen/nginx-upload-progress-module first):

    git -C njs archive --prefix=njs-0.7.9/ 0.7.9 nginx | tar x
    git -C nchan archive --prefix=nchan-1.3.6/ v1.3.6 | tar x
    git -C ngx_cache_purge archive --prefix=ngx_cache_purge-2.3/ 2.3 | tar x
    git -C ngx_http_auth_pam_module archive --prefix=ngx_http_auth_pam_module-1.5.3/ v1.5.3 | tar x
    git -C nginx-upload-progress-module archive \\
        --prefix=nginx-upload-progress-module-0.9.2/ v0.9.2 | tar x

    python3 scripts/gen_nginx_directives.py .tools/nginx-src/nginx-1.22.1-deb12u9 \\
        .tools/nginx-src/third-party .tools/nginx-src/upstream

`--check` compares with the committed file, so it needs the same folders: without the
third-party ones THIRD_PARTY comes out short and the check fails.

Anything the script does not understand (an unknown flag macro, an entry that is not
`{ ngx_string("..."), TYPE, ... }`) stops it with a message instead of guessing.
"""
import os
import re
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'crates', 'core', 'src', 'nginx', 'directives',
                   'generated.rs')
NGINX_VERSION = '1.22.1'
TARBALL = 'nginx_1.22.1.orig.tar.gz'
DEBIAN_PACKAGE = 'nginx 1.22.1-9+deb12u9 (Debian 12)'

# The argument bits, by nginx's name, with the Rust constant that mirrors them. The values
# are checked against src/core/ngx_conf_file.h so a drift in nginx fails loudly.
ARG_ATOMS = {
    'NGX_CONF_NOARGS': ('NOARGS', 0x00000001),
    'NGX_CONF_TAKE1': ('TAKE1', 0x00000002),
    'NGX_CONF_TAKE2': ('TAKE2', 0x00000004),
    'NGX_CONF_TAKE3': ('TAKE3', 0x00000008),
    'NGX_CONF_TAKE4': ('TAKE4', 0x00000010),
    'NGX_CONF_TAKE5': ('TAKE5', 0x00000020),
    'NGX_CONF_TAKE6': ('TAKE6', 0x00000040),
    'NGX_CONF_TAKE7': ('TAKE7', 0x00000080),
    'NGX_CONF_BLOCK': ('BLOCK', 0x00000100),
    'NGX_CONF_FLAG': ('FLAG', 0x00000200),
    'NGX_CONF_ANY': ('ANY', 0x00000400),
    'NGX_CONF_1MORE': ('ONE_OR_MORE', 0x00000800),
    'NGX_CONF_2MORE': ('TWO_OR_MORE', 0x00001000),
    'NGX_DIRECT_CONF': ('DIRECT_CONF', 0x00010000),
}

# nginx reuses the same high bits for each module family (NGX_HTTP_MAIN_CONF ==
# NGX_STREAM_MAIN_CONF == NGX_EVENT_CONF), telling them apart by module type. The Rust
# side gives every context its own bit instead, so the mapping is by macro name.
CONTEXT_ATOMS = {
    'NGX_MAIN_CONF': 'MAIN',
    'NGX_ANY_CONF': 'ANY',
    'NGX_EVENT_CONF': 'EVENTS',
    'NGX_HTTP_MAIN_CONF': 'HTTP',
    'NGX_HTTP_SRV_CONF': 'SERVER',
    'NGX_HTTP_LOC_CONF': 'LOCATION',
    'NGX_HTTP_UPS_CONF': 'UPSTREAM',
    'NGX_HTTP_SIF_CONF': 'IF_IN_SERVER',
    'NGX_HTTP_LIF_CONF': 'IF_IN_LOCATION',
    'NGX_HTTP_LMT_CONF': 'LIMIT_EXCEPT',
    'NGX_STREAM_MAIN_CONF': 'STREAM',
    'NGX_STREAM_SRV_CONF': 'STREAM_SERVER',
    'NGX_STREAM_UPS_CONF': 'STREAM_UPSTREAM',
    'NGX_MAIL_MAIN_CONF': 'MAIL',
    'NGX_MAIL_SRV_CONF': 'MAIL_SERVER',
    'NGX_RTMP_MAIN_CONF': 'RTMP',
    'NGX_RTMP_SRV_CONF': 'RTMP_SERVER',
    'NGX_RTMP_APP_CONF': 'RTMP_APPLICATION',
    'NGX_RTMP_REC_CONF': 'RTMP_RECORDER',
}
CONTEXT_ORDER = list(dict.fromkeys(CONTEXT_ATOMS.values()))
ARG_ORDER = [rust for rust, _ in ARG_ATOMS.values()]

# nginx's generic value setters (src/core/ngx_conf_file.c, ngx_file.c), by function, with
# the Rust `Setter` variant that names them. Every other handler is `Other`.
SETTERS = {
    'ngx_conf_set_flag_slot': 'Flag',
    'ngx_conf_set_str_slot': 'Str',
    'ngx_conf_set_str_array_slot': 'StrArray',
    'ngx_conf_set_keyval_slot': 'Keyval',
    'ngx_conf_set_num_slot': 'Num',
    'ngx_conf_set_size_slot': 'Size',
    'ngx_conf_set_off_slot': 'Off',
    'ngx_conf_set_msec_slot': 'Msec',
    'ngx_conf_set_sec_slot': 'Sec',
    'ngx_conf_set_bufs_slot': 'Bufs',
    'ngx_conf_set_enum_slot': 'Enum',
    'ngx_conf_set_bitmask_slot': 'Bitmask',
    'ngx_conf_set_path_slot': 'Path',
    'ngx_conf_set_access_slot': 'Access',
}

# Test suites, examples and developer tooling carry fake modules that no build ships.
SKIP_DIRS = {'t', 'test', 'tests', 'example', 'examples', 'dev', 'util', 'patches', 'docs', 'doc'}


class GenError(Exception):
    pass


def strip_comments(text):
    """Drops C comments, keeping strings, char literals and line structure intact."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '/' and text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append('\n' * text.count('\n', i, j) or ' ')
            i = j
        elif c == '/' and text.startswith('//', i):
            j = text.find('\n', i)
            i = n if j < 0 else j
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            out.append(text[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def logical_lines(text):
    """Joins backslash-continued lines, as the preprocessor does before anything else."""
    return text.replace('\\\r\n', ' ').replace('\\\n', ' ')


def read_source(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        return logical_lines(strip_comments(f.read()))


DEFINE_RE = re.compile(r'^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)(?![\w(])[ \t]*(.*)$', re.M)


def object_defines(text):
    return {m.group(1): m.group(2).strip() for m in DEFINE_RE.finditer(text)}


def match_brace(text, start):
    """Index just past the brace that closes the one at `start`, skipping strings."""
    depth = 0
    i = start
    n = len(text)
    while i < n:
        c = text[i]
        if c in '"\'':
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            i = j + 1
            continue
        if c == '{':
            depth += 1
        elif c == '}':
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise GenError('unbalanced braces')


def split_top(text, sep=','):
    """Splits on `sep` outside parentheses and braces."""
    parts, depth, cur = [], 0, []
    for c in text:
        if c in '({':
            depth += 1
        elif c in ')}':
            depth -= 1
        if c == sep and depth == 0:
            parts.append(''.join(cur))
            cur = []
        else:
            cur.append(c)
    parts.append(''.join(cur))
    return [p.strip() for p in parts]


class Tree:
    """One module tree (nginx itself, or one third-party module): its C files, parsed once."""

    def __init__(self, root, label, scan=None):
        self.root = root
        self.label = label
        self.files = {}
        for dirpath, dirnames, filenames in os.walk(scan or root):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith('.'))
            for name in sorted(filenames):
                if name.endswith(('.c', '.h')):
                    path = os.path.join(dirpath, name)
                    self.files[path] = read_source(path)
        self.defines = {}
        for path in sorted(p for p in self.files if p.endswith('.h')):
            self.defines.update(object_defines(self.files[path]))
        self.modules = self._modules()

    def _modules(self):
        """Maps each commands array to the ngx_module_t that lists it."""
        found = {}
        for path, text in self.files.items():
            for m in re.finditer(r'\bngx_module_t\s+(\w+)\s*=\s*\{', text):
                body = text[m.end() - 1:match_brace(text, m.end() - 1)][1:-1]
                fields = split_top(re.sub(r'^\s*#.*$', '', body, flags=re.M))
                if len(fields) > 2 and re.fullmatch(r'\w+', fields[2]) and fields[2] != 'NULL':
                    found[fields[2]] = m.group(1)
        return found

    def value_array(self, name):
        """The words of the `ngx_conf_enum_t` / `ngx_conf_bitmask_t` array `name`, or None."""
        pattern = re.compile(r'\bngx_conf_(?:enum|bitmask)_t\s+' + re.escape(name) + r'\s*\[\s*\]\s*=\s*\{')
        for text in self.files.values():
            m = pattern.search(text)
            if m:
                body = text[m.end() - 1:match_brace(text, m.end() - 1)]
                return re.findall(r'\{\s*ngx_string\s*\(\s*"([^"]*)"\s*\)', body)
        return None

    def find_include(self, name, near):
        beside = os.path.join(os.path.dirname(near), name)
        if beside in self.files:
            return beside
        # Module builds put every source folder on the include path; search them all.
        base = os.path.basename(name)
        hits = sorted(p for p in self.files if os.path.basename(p) == base)
        if not hits:
            raise GenError(f'{near}: #include {name!r} inside a command array not found in {self.root}')
        return hits[0]

    def function_body(self, name):
        pattern = re.compile(r'\b' + re.escape(name) + r'\s*\(\s*ngx_conf_t\s*\*\s*\w+\s*,[^;{]*\)\s*\{')
        for text in self.files.values():
            m = pattern.search(text)
            if m:
                return text[m.end() - 1:match_brace(text, m.end() - 1)]
        return None


ARRAY_RE = re.compile(r'\bngx_command_t\s+(\w+)\s*\[\s*\w*\s*\]\s*=\s*\{')
PP_RE = re.compile(r'^[ \t]*#[ \t]*(\w+)[ \t]*(.*)$')


def expand_array(tree, path, body, local):
    """The array body with preprocessor lines resolved into (text, guards) chunks.

    `#include` is spliced in (ngx_devel_kit builds its array that way). A `#if` on a macro
    the array itself `#define`d is evaluated; every other condition is kept with all its
    branches, since each branch is a real build of nginx.
    """
    chunks = []
    stack = []  # (condition text, known truth or None, in_else)

    def live():
        return all(t is None or t == (not e) for _, t, e in stack)

    def guards():
        out = []
        for cond, truth, in_else in stack:
            if truth is None:
                out.append(('!' if in_else else '') + cond)
        return tuple(out)

    def truth_of(kind, cond):
        name = cond.strip('() \t')
        if re.fullmatch(r'\w+', name) and name in local:
            value = local[name]
            if kind == 'ifdef':
                return True
            return value not in ('', '0')
        if kind == 'ifndef' and name in local:
            return False
        return None

    def walk(src_path, text, depth):
        if depth > 8:
            raise GenError(f'{src_path}: #include nesting too deep')
        for line in text.split('\n'):
            pp = PP_RE.match(line)
            if not pp:
                if live():
                    chunks.append((line + '\n', guards()))
                continue
            kind, rest = pp.group(1), pp.group(2).strip()
            if kind in ('if', 'ifdef', 'ifndef'):
                cond = rest if kind == 'if' else (('!' if kind == 'ifndef' else '') + f'defined({rest})')
                stack.append((cond, truth_of(kind, rest), False))
            elif kind == 'elif':
                if not stack:
                    raise GenError(f'{src_path}: #elif without #if')
                cond, truth, _ = stack.pop()
                stack.append((f'!{cond} && {rest}', None if truth is None else False, False))
            elif kind == 'else':
                if not stack:
                    raise GenError(f'{src_path}: #else without #if')
                cond, truth, _ = stack.pop()
                stack.append((cond, truth, True))
            elif kind == 'endif':
                if not stack:
                    raise GenError(f'{src_path}: #endif without #if')
                stack.pop()
            elif not live():
                continue
            elif kind == 'define':
                m = re.match(r'([A-Za-z_]\w*)(?![\w(])\s*(.*)$', rest)
                if m:
                    local[m.group(1)] = m.group(2).strip()
            elif kind == 'undef':
                local.pop(rest.split()[0] if rest else '', None)
            elif kind == 'include':
                m = re.match(r'[<"]([^>"]+)[>"]', rest)
                if not m:
                    raise GenError(f'{src_path}: cannot read #include {rest}')
                inc = tree.find_include(m.group(1), src_path)
                walk(inc, tree.files[inc], depth + 1)
            # #pragma, #error and friends cannot add commands.

    walk(path, body, 0)
    if stack:
        raise GenError(f'{path}: unterminated #if inside a command array')
    return chunks


def parse_entries(chunks, where):
    """Yields (fields, guards) for each `{ ... }` entry of an expanded array body."""
    text = ''.join(t for t, _ in chunks)
    # Map every character offset back to the guards in force there.
    owners = []
    for t, g in chunks:
        owners.extend([g] * len(t))
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace() or c == ',':
            i += 1
            continue
        if c == '{':
            end = match_brace(text, i)
            yield split_top(text[i + 1:end - 1]), owners[i]
            i = end
            continue
        m = re.compile(r'ngx_null_command\b').match(text, i)
        if m:
            i = m.end()
            continue
        raise GenError(f'{where}: unexpected text in command array: {text[i:i + 60]!r}')


def eval_type(expr, defines, where, seen=()):
    """The set of atom macro names an ngx_command_t type expression is made of."""
    atoms, via = set(), set()
    tokens = re.findall(r'[A-Za-z_]\w*|0[xX][0-9a-fA-F]+|\d+|\S', expr)
    for tok in tokens:
        if tok in '|()':
            continue
        if tok in ARG_ATOMS or tok in CONTEXT_ATOMS:
            atoms.add(tok)
        elif re.fullmatch(r'0[xX]0*|0+', tok):
            continue
        elif re.fullmatch(r'[A-Za-z_]\w*', tok) and tok in defines and tok not in seen:
            sub_atoms, sub_via = eval_type(defines[tok], defines, where, seen + (tok,))
            atoms |= sub_atoms
            via |= sub_via | {tok}
        else:
            raise GenError(f'{where}: cannot read {tok!r} in type {expr!r}')
    return atoms, via


STANDARD_MACROS = {
    'NGX_CONF_TAKE12', 'NGX_CONF_TAKE13', 'NGX_CONF_TAKE23', 'NGX_CONF_TAKE123', 'NGX_CONF_TAKE1234',
}


def check_arg_values(nginx):
    header = os.path.join(nginx.root, 'src', 'core', 'ngx_conf_file.h')
    if header not in nginx.files:
        raise GenError(f'{header} missing: is {nginx.root} an nginx source tree?')
    defs = object_defines(nginx.files[header])
    for macro, (_, value) in ARG_ATOMS.items():
        got = defs.get(macro, '')
        if not re.fullmatch(r'0[xX][0-9a-fA-F]+', got) or int(got, 16) != value:
            raise GenError(f'{macro} is {got!r} in {header}, the generator assumes {value:#x}')


def collect(tree, base_defines):
    rows = []
    for path, text in sorted(tree.files.items()):
        file_defines = dict(base_defines)
        file_defines.update(tree.defines)
        file_defines.update(object_defines(text))
        for m in ARRAY_RE.finditer(text):
            array = m.group(1)
            start = m.end() - 1
            end = match_brace(text, start)
            where = f'{os.path.relpath(path, tree.root)}:{array}'
            module = tree.modules.get(array) or os.path.splitext(os.path.basename(path))[0]
            local = {}
            chunks = expand_array(tree, path, text[start + 1:end - 1], local)
            for fields, guards in parse_entries(chunks, where):
                name = re.fullmatch(r'ngx_string\s*\(\s*"([^"]*)"\s*\)', fields[0])
                if not name or len(fields) < 3:
                    raise GenError(f'{where}: entry is not {{ ngx_string("..."), TYPE, handler, ... }}: {fields[:2]}')
                defines = dict(file_defines)
                defines.update(local)
                atoms, via = eval_type(fields[1], defines, f'{where} {name.group(1)}')
                contexts = [CONTEXT_ATOMS[a] for a in atoms if a in CONTEXT_ATOMS]
                args = [ARG_ATOMS[a][0] for a in atoms if a in ARG_ATOMS]
                if not contexts:
                    raise GenError(f'{where} {name.group(1)}: no context in {fields[1]!r}')
                if 'ANY' in contexts:
                    contexts = ['ANY']
                custom_body = False
                if 'BLOCK' in args:
                    # A block whose handler installs cf->handler gets its body lines handed
                    # to that function, not looked up as directives (types, map, geo, *_by_lua_block).
                    body = tree.function_body(fields[2])
                    custom_body = bool(body and re.search(r'\bcf->handler\s*=\s*(?!NULL)\w', body))
                setter = SETTERS.get(fields[2], 'Other')
                if setter == 'Other':
                    # A handler that starts by calling a generic setter on its own arguments
                    # (ssl's) makes the same checks, in the same words, as that setter.
                    body = tree.function_body(fields[2]) or ''
                    inner = re.search(r'=\s*(ngx_conf_set_\w+_slot)\s*\(\s*cf\s*,\s*cmd\s*,\s*conf\s*\)', body)
                    if inner and inner.group(1) in SETTERS:
                        setter = SETTERS[inner.group(1)]
                values = None
                if setter in ('Enum', 'Bitmask'):
                    post = fields[5] if len(fields) > 5 else ''
                    array = re.fullmatch(r'&?\s*(\w+)', post)
                    values = tree.value_array(array.group(1)) if array else None
                    if not values:
                        raise GenError(f'{where} {name.group(1)}: cannot find the values of {setter} post {post!r}')
                rows.append({
                    'name': name.group(1),
                    'setter': setter,
                    'values': values,
                    'module': module,
                    'contexts': sorted(set(contexts), key=CONTEXT_ORDER.index),
                    'args': sorted(set(args), key=ARG_ORDER.index),
                    'custom_body': custom_body,
                    'guards': guards,
                    'via': sorted(via - STANDARD_MACROS),
                })
    return rows


def dedupe_sort(rows):
    out = {}
    for r in rows:
        key = (r['name'], r['module'], tuple(r['contexts']), tuple(r['args']), r['custom_body'], r['setter'],
               tuple(r['values'] or ()))
        if key in out:
            # Same command in two #if branches: it exists in every build, so no guard.
            if out[key]['guards'] != r['guards']:
                out[key]['guards'] = tuple(g for g in out[key]['guards'] if g in r['guards'])
        else:
            out[key] = r
    return [out[k] for k in sorted(out)]


def rust_row(r):
    # Short module aliases: both modules have an ANY, so glob imports would clash.
    contexts = ' | '.join('c::' + x for x in r['contexts'])
    args = ' | '.join('a::' + x for x in r['args']) or '0'
    line = (f'    Directive {{ name: "{r["name"]}", module: "{r["module"]}", contexts: {contexts}, args: {args}, '
            f'custom_body: {"true" if r["custom_body"] else "false"}, setter: S::{r["setter"]} }},')
    notes = []
    if r['guards']:
        notes.append('#if ' + ' && '.join(r['guards']))
    if r['via']:
        notes.append('via ' + ', '.join(r['via']))
    if notes:
        line += ' // ' + '; '.join(notes)
    return line


def render(stock, third, stock_modules, third_modules, third_sources):
    out = [
        f'// Generated by scripts/gen_nginx_directives.py from nginx\'s C sources; do not edit.',
        f'// nginx {NGINX_VERSION}, {TARBALL} of the {DEBIAN_PACKAGE} source package, with the',
        '// package\'s own patches (debian/patches/series) applied.',
        '// Third-party module sources: ' + ', '.join(third_sources) + '.',
        '',
        'use super::args as a;',
        'use super::context as c;',
        'use super::Directive;',
        'use super::Setter as S;',
        '',
        f'pub const NGINX_VERSION: &str = "{NGINX_VERSION}";',
        f'pub const SOURCE_TARBALL: &str = "{TARBALL}";',
        '',
        '/// Every module of the nginx source tree that declares directives, by name.',
        'pub static MODULES: &[&str] = &[',
    ]
    out += [f'    "{m}",' for m in stock_modules]
    out += [
        '];',
        '',
        '/// Third-party modules Debian 12 packages (libnginx-mod-*): (module, source tree).',
        'pub static THIRD_PARTY_MODULES: &[(&str, &str)] = &[',
    ]
    out += [f'    ("{m}", "{src}"),' for m, src in third_modules]
    out += [
        '];',
        '',
        '/// Stock nginx directives, sorted by (name, module).',
        'pub static DIRECTIVES: &[Directive] = &[',
    ]
    out += [rust_row(r) for r in stock]
    out += [
        '];',
        '',
        '/// Directives of the third-party modules, sorted by (name, module).',
        'pub static THIRD_PARTY: &[Directive] = &[',
    ]
    out += [rust_row(r) for r in third]
    out += [
        '];',
        '',
        '/// The words the enum and bitmask setters accept, by (name, module), sorted.',
        'pub static VALUES: &[(&str, &str, &[&str])] = &[',
    ]
    for r in sorted(stock + third, key=lambda r: (r['name'], r['module'])):
        if r['values']:
            words = ', '.join(f'"{v}"' for v in r['values'])
            out.append(f'    ("{r["name"]}", "{r["module"]}", &[{words}]),')
    out += ['];', '']
    return '\n'.join(out)


def third_party_trees(root):
    for name in sorted(os.listdir(root)):
        path = os.path.join(root, name)
        if os.path.isdir(path) and not name.startswith('.'):
            yield Tree(path, name)


def main(argv):
    check = '--check' in argv
    paths = [a for a in argv if a != '--check']
    if not paths or any(a.startswith('-') for a in paths):
        print(__doc__, file=sys.stderr)
        return 2
    nginx_root = os.path.abspath(paths[0])
    # Only src/: contrib/ and the docs hold no modules.
    nginx = Tree(nginx_root, 'nginx', scan=os.path.join(nginx_root, 'src'))
    check_arg_values(nginx)
    stock = dedupe_sort(collect(nginx, {}))

    third_rows, third_modules, third_sources = [], set(), []
    for root in paths[1:]:
        for tree in third_party_trees(root):
            rows = collect(tree, nginx.defines)
            if not rows:
                continue
            third_sources.append(tree.label)
            third_rows += rows
            third_modules |= {(r['module'], tree.label) for r in rows}
    third = dedupe_sort(third_rows)

    text = render(stock, third, sorted({r['module'] for r in stock}), sorted(third_modules), third_sources)
    out = os.path.normpath(OUT)
    if check:
        try:
            with open(out, encoding='utf-8') as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current != text:
            print(f'{out} is stale: rerun scripts/gen_nginx_directives.py', file=sys.stderr)
            return 1
        print(f'{out} is up to date')
        return 0
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, 'w', encoding='utf-8') as f:
        f.write(text)
    print(f'wrote {out}: {len(stock)} stock directives in {len({r["module"] for r in stock})} modules, '
          f'{len(third)} third-party in {len(third_modules)} modules, {len(text)} bytes')
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main(sys.argv[1:]))
    except GenError as e:
        print(f'gen_nginx_directives: {e}', file=sys.stderr)
        sys.exit(1)
