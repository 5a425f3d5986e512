#!/usr/bin/env python3
"""Differential test on nginx's own test suite: for every config of
../shared/corpus/nginx-tests, our verdict (`ecs-atlas check`) against real
`nginx -t` (Debian 12's nginx 1.22.1 with every stock dynamic module loaded).

nginx stops at its first error, so the comparison is: nginx's first `[emerg]`
must be our first error (same message; same line, where nginx counts the line
the statement ends on), or both accept the config. Where they differ for a
reason that is not a mistake of ours, the reason must be one of these, and the
run prints how many configs each covers:

- environment: nginx got past parsing and failed on something of this
  machine's — a certificate, log or temp path, GeoIP database, user, socket or
  host name that the test suite creates or resolves when it runs. We must not
  report an error before that point.
- newer nginx: the suite is written for a newer nginx than 1.22.1 (`http2 on`,
  `listen ... quic`, stream `server_name`). nginx 1.22.1 rejects the
  directive; we report it as nginx/newer-directive (a warning naming the
  version that has it) or with nginx's own error.
- nginx reports after parsing: a few errors (`unknown "x" variable`) come
  after nginx has read the whole file and carry no line; we report them at
  the variable, so only the message is compared.
- KNOWN lists single configs with their own reason.

Any other difference fails the run.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, '..', 'shared', 'corpus', 'nginx-tests')
STOCK_DYNAMIC = ['ngx_stream_module', 'ngx_mail_module', 'ngx_http_geoip_module', 'ngx_stream_geoip_module',
                 'ngx_http_image_filter_module', 'ngx_http_xslt_filter_module', 'ngx_http_perl_module']
PRELUDE = ''.join(f'load_module /usr/lib/nginx/modules/{m}.so;\n' for m in STOCK_DYNAMIC) + \
    'error_log {prefix}/error.log;\npid {prefix}/nginx.pid;\n'
PRELUDE_LINES = len(STOCK_DYNAMIC) + 2

ENVIRONMENT = re.compile(
    r'^(open\(\) ".*" failed|mkdir\(\) ".*" failed|cannot load certificate|SSL_CTX_load_verify_locations|'
    r'SSL_CTX_use_PrivateKey|cannot load certificate key|GeoIP_open|getgrnam|getpwnam|host not found|'
    r'.*to unix:.* failed|BIO_new_file|xsltParseStylesheetFile|.*\(2: No such file or directory\))')

# Configs whose verdicts differ for a reason of their own.
KNOWN = {
    'geo_volatile.conf':
        'geo bodies belong to the geo module and are not judged; nginx 1.22.1 reads the newer '
        '"volatile;" as an entry with one value',
    'stream_ssl_sni_protocols.conf':
        'stream listen parameters are not checked; "default_server" in stream is newer than 1.22.1',
    'xslt_external_entities.conf':
        'xml_external_entities comes from a Debian security patch newer than the newest '
        'patched source the directive table could be generated from (1.22.1-9+deb12u9)',
    'proxy_protocol2_tlv.conf':
        '$proxy_protocol_tlv_* are nginx 1.23.2\'s; like the directives of nginx 1.26.3 they are accepted, '
        'as the image may run that nginx',
    'stream_proxy_protocol2_tlv.conf':
        'stream variables are not checked (and $proxy_protocol_tlv_* are nginx 1.23.2\'s)',
    'ssl_sigalg.conf':
        '$ssl_sigalg is newer than nginx 1.26.3, an error we report; nginx stops before its variable check '
        'on a certificate the suite creates when it runs',
}


def nginx_verdict(path, prefix):
    conf = os.path.join(prefix, 'test.conf')
    with open(path, encoding='utf-8') as source, open(conf, 'w', encoding='utf-8') as out:
        out.write(PRELUDE.format(prefix=prefix) + source.read())
    run = subprocess.run(['nginx', '-t', '-c', conf, '-p', prefix + '/'], capture_output=True, text=True)
    for line in run.stderr.splitlines():
        m = re.search(r'\[(?:emerg|crit|error)\] \S+ (.*?)(?: in \S+:(\d+))?$', line)
        if m:
            return m.group(1), int(m.group(2)) - PRELUDE_LINES if m.group(2) else None
    if run.returncode == 0:
        return None
    raise SystemExit(f'nginx -t failed on {path} without an error line:\n{run.stderr}')


def our_diagnostics(binary, path):
    out = subprocess.run([binary, 'check', '--format', 'json', path], capture_output=True, text=True)
    return json.loads(out.stdout)['diagnostics']


def statement_end_line(text, offset):
    """The line of the `;` or `{` that ends the statement at `offset`: the
    line nginx names in its errors about a directive."""
    quote = None
    line = text.count('\n', 0, offset) + 1
    i = offset
    while i < len(text):
        c = text[i]
        if c == '\n':
            line += 1
        elif quote:
            if c == '\\':
                i += 1
            elif c == quote:
                quote = None
        elif c in '"\'':
            quote = c
        elif c in ';{}':
            return line
        i += 1
    return line


def lines_match(text, diagnostic, nginx_line):
    if nginx_line is None:
        return True
    first = diagnostic['line']
    last = max(diagnostic['end_line'], statement_end_line(text, diagnostic['span']['start']))
    return first <= nginx_line <= last


def judge(path, theirs, diagnostics, text):
    """None when the verdicts agree, else the reason class or a failure text."""
    errors = sorted((d for d in diagnostics if d['severity'] == 'error'), key=lambda d: d['span']['start'])
    first = errors[0] if errors else None
    if theirs is None and first is None:
        return None
    if theirs and first and theirs[0] == first['message'] and lines_match(text, first, theirs[1]):
        return None if theirs[1] is not None else 'nginx reports after parsing'
    name = os.path.basename(path)
    if name in KNOWN:
        return 'known'
    if theirs and ENVIRONMENT.match(theirs[0]):
        before = [e for e in errors if theirs[1] is None or e['line'] < theirs[1]]
        if not before:
            return 'environment'
    if theirs and theirs[1] is not None:
        newer = [d for d in diagnostics if d['rule'] == 'nginx/newer-directive' and d['line'] <= theirs[1]
                 and (first is None or d['span']['start'] <= first['span']['start'])]
        if newer or re.match(r'invalid parameter "(quic|resolve|route=\S*)"', theirs[0]):
            # Everything nginx stopped at is what the newer nginx reads differently.
            return 'newer nginx'
    ours = (first['message'], first['line']) if first else None
    return f'FAIL {name}: nginx says {theirs}, we say {ours}'


def main():
    binary = sys.argv[1]
    files = sorted(glob.glob(os.path.join(CORPUS, '*.conf')))
    if not files:
        sys.exit(f'no configs in {CORPUS}')
    counts, failures = {}, []
    with tempfile.TemporaryDirectory() as prefix:
        for path in files:
            with open(path, encoding='utf-8') as f:
                text = f.read()
            verdict = judge(path, nginx_verdict(path, prefix), our_diagnostics(binary, path), text)
            if verdict and verdict.startswith('FAIL'):
                failures.append(verdict)
            else:
                counts[verdict or 'same verdict'] = counts.get(verdict or 'same verdict', 0) + 1
    for reason, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f'{n:4} {reason}')
    for failure in failures:
        print(failure)
    print(f'{len(files) - len(failures)} passed, {len(failures)} failed')
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
