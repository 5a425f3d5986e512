#!/usr/bin/env python3
"""Differential test: our errors (`ecs-atlas check` on an nginx config)
against real `nginx -t` (Debian's nginx 1.22.1) on one fixture per error
class: the reader's structural errors, ngx_conf_handler's directive checks
(unknown directive, not allowed here, block mismatch, argument count) and the
modules' value checks (flags, sizes, times, listen, locations, variables, ...).

nginx is the oracle where crossplane is more lenient than nginx: crossplane
accepts a missing `;` before `}`, a lone `{` or `;`, and text right after a
closing quote, all of which nginx rejects. Each fixture gets `error_log` and
`pid` lines prepended (so nginx -t runs unprivileged in a scratch prefix);
line numbers are shifted back accordingly. For each fixture, our first error
(message and line) must equal nginx's first `[emerg]`, or both must accept it.

nginx reports some errors after reading the whole configuration, without a
file and line (`unknown "x" variable`); for those only the message is
compared (we report them at the variable).
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PRELUDE = 'error_log {prefix}/error.log;\npid {prefix}/nginx.pid;\n'
PRELUDE_LINES = 2


def nginx_verdict(path, prefix):
    conf = os.path.join(prefix, 'test.conf')
    with open(path) as source, open(conf, 'w') as out:
        out.write(PRELUDE.format(prefix=prefix) + source.read())
    run = subprocess.run(['nginx', '-t', '-c', conf, '-p', prefix + '/'], capture_output=True, text=True)
    for line in run.stderr.splitlines():
        m = re.search(r'\[emerg\] \S+ (.*) in \S+:(\d+)$', line)
        if m:
            return m.group(1), int(m.group(2)) - PRELUDE_LINES
        m = re.search(r'\[emerg\] \S+ (.*)$', line)
        if m:
            return m.group(1), None
    if run.returncode == 0:
        return None
    raise SystemExit(f'nginx -t failed on {path} without an [emerg] line:\n{run.stderr}')


def our_verdict(binary, path):
    """Our first error in file order: nginx reads the file in order and stops there."""
    out = subprocess.run([binary, 'check', '--format', 'json', path], capture_output=True, text=True)
    errors = [d for d in json.loads(out.stdout)['diagnostics'] if d['severity'] == 'error']
    if not errors:
        return None
    first = min(errors, key=lambda d: d['span']['start'])
    return first['message'], first['line']


def main():
    binary = sys.argv[1]
    files = sorted(glob.glob(os.path.join(ROOT, 'crates/core/tests/fixtures/nginx/*.conf')))
    failures = []
    with tempfile.TemporaryDirectory() as prefix:
        for path in files:
            theirs, ours = nginx_verdict(path, prefix), our_verdict(binary, path)
            if theirs and ours and theirs[1] is None:
                ours = ours[0], None
            if theirs != ours:
                failures.append(f'{os.path.basename(path)}: nginx says {theirs}, we say {ours}')
    for failure in failures:
        print(f'FAIL {failure}')
    print(f'{len(files) - len(failures)} passed, {len(failures)} failed')
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
