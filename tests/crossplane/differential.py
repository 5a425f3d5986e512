#!/usr/bin/env python3
"""Differential test: `ecs-atlas parse` against crossplane 0.5.8 on every config
of ../shared/corpus/nginx-tests/ and the seed configs.

crossplane is run as `crossplane parse --single-file` is, with its directive
analysis off (check_ctx/check_args False): this compares parsing. Both payloads
must be equal, modulo these documented differences:
  - escapes: nginx (and we) unescape \\" \\' \\\\ \\t \\r \\n inside arguments;
    crossplane keeps the backslash. Arguments are compared after applying
    nginx's unescaping to crossplane's.
  - `${var} word`: crossplane joins a braced variable and the next word into
    one argument across the space; nginx splits there (ngx_conf_read_token
    ends `${` handling at the next character). crossplane's joined arguments
    are split the way nginx splits them before comparing.
  - errors are compared by their text before " in FILE:LINE", and the line.
"""
import glob
import json
import os
import re
import subprocess
import sys

import crossplane

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def nginx_unescape(arg):
    out = []
    i = 0
    while i < len(arg):
        c = arg[i]
        if c == '\\' and i + 1 < len(arg):
            n = arg[i + 1]
            if n in '"\'\\':
                out.append(n)
                i += 2
                continue
            if n in 'trn':
                out.append({'t': '\t', 'r': '\r', 'n': '\n'}[n])
                i += 2
                continue
        out.append(c)
        i += 1
    return ''.join(out)


def split_braced_variables(arg):
    """nginx ends a word at whitespace even right after `${name}`."""
    if re.search(r'\$\{[^}]*\}\s', arg):
        return re.split(r'(?<=\})\s+', arg)
    return [arg]


def normalise(entries):
    return [
        {
            'directive': nginx_unescape(e['directive']),
            'line': e['line'],
            'args': [nginx_unescape(p) for a in e['args'] for p in split_braced_variables(a)],
            **({'block': normalise(e['block'])} if 'block' in e else {}),
        }
        for e in entries
    ]


def theirs(path):
    payload = crossplane.parse(path, single=True, check_ctx=False, check_args=False, catch_errors=True)
    config = payload['config'][0]
    errors = [(re.sub(r' in \S+:\d+$', '', e['error']), e['line']) for e in config['errors']]
    return config['status'], errors, normalise(config['parsed'])


def ours(binary, path):
    out = subprocess.run([binary, 'parse', path], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        raise SystemExit(f'ecs-atlas parse failed on {path}: {out.stderr}')
    config = json.loads(out.stdout)['config'][0]
    errors = [(re.sub(r' in \S+:\d+$', '', e['error']), e['line']) for e in config['errors']]
    return config['status'], errors, config['parsed']


def main():
    binary = sys.argv[1]
    corpus = os.path.join(ROOT, '..', 'shared', 'corpus', 'nginx-tests')
    files = sorted(glob.glob(os.path.join(corpus, '*.conf')))
    files += sorted(glob.glob(os.path.join(ROOT, 'crates/core/reference/*.conf')))
    # The broken fixtures are compared with `nginx -t` instead (tests/nginx/):
    # crossplane accepts several of them that nginx rejects.
    files.append(os.path.join(ROOT, 'crates/core/tests/fixtures/nginx/comments-and-braces.conf'))
    if len(files) < 100:
        raise SystemExit(f'expected the nginx test corpus at {corpus}')
    failures = []
    for path in files:
        a, b = theirs(path), ours(binary, path)
        if a != b:
            name = os.path.relpath(path, ROOT)
            detail = f'status {a[0]} vs {b[0]}, errors {a[1]} vs {b[1]}'
            if a[2] != b[2]:
                first = next((i for i, (x, y) in enumerate(zip(a[2], b[2])) if x != y), min(len(a[2]), len(b[2])))
                detail += f'\n      first differing top-level directive #{first}: {a[2][first:first+1]} vs {b[2][first:first+1]}'
            failures.append(f'{name}: {detail}')
    for failure in failures:
        print(f'FAIL {failure}')
    print(f'{len(files) - len(failures)} passed, {len(failures)} failed')
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
