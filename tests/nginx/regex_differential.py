#!/usr/bin/env python3
"""Differential test of the PCRE2 pattern reader: each pattern of
regex-patterns.txt (one per line, as written in a config) goes into
`location ~ "PATTERN" { }`, and our first error must be nginx -t's, word for
word (PCRE2's message and the "at" part that comes from its error offset),
or both must accept the pattern.

Known differences, each pattern listed with its reason, are in KNOWN.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

KNOWN = {
    r'\k<1>': 'PCRE2 checks that a name does not start with a digit before looking it up; '
              'we report the missing group instead',
}


def config(pattern):
    quoted = pattern.replace('\\', '\\\\').replace('"', '\\"')
    return f'events {{ }}\nhttp {{\n    server {{\n        location ~ "{quoted}" {{ }}\n    }}\n}}\n'


def nginx_verdict(text, prefix):
    conf = os.path.join(prefix, 'test.conf')
    with open(conf, 'w', encoding='utf-8') as out:
        out.write(f'error_log {prefix}/error.log;\npid {prefix}/nginx.pid;\n' + text)
    run = subprocess.run(['nginx', '-t', '-c', conf, '-p', prefix + '/'], capture_output=True, text=True)
    m = re.search(r'\[emerg\] \S+ (.*) in \S+:\d+$', run.stderr, re.M)
    if m:
        return m.group(1)
    if run.returncode == 0:
        return None
    raise SystemExit(f'nginx -t failed without an [emerg] line:\n{run.stderr}')


def our_verdict(binary, text, prefix):
    path = os.path.join(prefix, 'ours.conf')
    with open(path, 'w', encoding='utf-8') as out:
        out.write(text)
    run = subprocess.run([binary, 'check', '--format', 'json', path], capture_output=True, text=True)
    errors = [d for d in json.loads(run.stdout)['diagnostics'] if d['severity'] == 'error']
    return min(errors, key=lambda d: d['span']['start'])['message'] if errors else None


def main():
    binary = sys.argv[1]
    with open(os.path.join(HERE, 'regex-patterns.txt'), encoding='utf-8') as f:
        patterns = [line.rstrip('\n') for line in f if line.strip()]
    failures = []
    with tempfile.TemporaryDirectory() as prefix:
        for pattern in patterns:
            text = config(pattern)
            theirs, ours = nginx_verdict(text, prefix), our_verdict(binary, text, prefix)
            if theirs != ours and pattern not in KNOWN:
                failures.append(f'{pattern!r}: nginx says {theirs}, we say {ours}')
    for failure in failures:
        print(f'FAIL {failure}')
    print(f'{len(patterns) - len(failures)} passed, {len(failures)} failed ({len(KNOWN)} known differences)')
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
