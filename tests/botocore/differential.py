#!/usr/bin/env python3
"""Differential test: our schema-level task definition checks against botocore's
own parameter validation (the AWS CLI's), on every fixture and seed file.

For each file, botocore's ParamValidator validates the RegisterTaskDefinition
input (describe output unwrapped, as our checker does). Our `ecs-atlas check
--format json` runs on the same file. They must agree on valid/invalid, and
every message botocore produces must be one of ours, word for word. And the
register-ready JSON `ecs-atlas export taskdef` makes from each seed's describe
output must pass botocore's validation.

Documented differences (what botocore does not check but ECS does, so we
report more — never less):
  - enum values (`taskdef/invalid-enum`): botocore passes any string through.
  - maximum lengths and values (`taskdef/out-of-range` "above the maximum").
  - `tags: []` (`taskdef/empty-tags`): ECS rejects it with "Tags can not be empty.".
  - booleans where integers belong: Python's bool is an int, so botocore accepts
    `"memory": true`; ECS does not, and we report it.
  - JSON that is not strict (trailing commas): the CLI cannot load the file at
    all; botocore is never reached. We report `taskdef/json-syntax`.
  - values printed inside messages: for objects and lists botocore prints Python
    reprs; we print `{...}` / `[...]` (no fixture relies on that).
"""
import glob
import json
import os
import subprocess
import sys

import botocore.session
from botocore.validate import ParamValidator

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHEMA_RULES = {
    'taskdef/wrong-type',
    'taskdef/unknown-field',
    'taskdef/missing-required',
    'taskdef/null-value',
    'taskdef/read-only-field',
}
BEYOND_BOTOCORE = {'taskdef/invalid-enum', 'taskdef/empty-tags'}


def botocore_messages(params):
    model = botocore.session.get_session().get_service_model('ecs')
    shape = model.operation_model('RegisterTaskDefinition').input_shape
    report = ParamValidator().validate(params, shape)
    if not report.has_errors():
        return []
    lines = report.generate_report().splitlines()
    return [line for line in lines if line.strip()]


def our_diagnostics(binary, path):
    out = subprocess.run([binary, 'check', '--format', 'json', path], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        raise SystemExit(f'ecs-atlas failed on {path}: {out.stderr}')
    return json.loads(out.stdout)['diagnostics']


def is_boolean_as_integer(diagnostic):
    return diagnostic['rule'] == 'taskdef/wrong-type' and "type: <class 'bool'>, valid types: <class 'int'>" in diagnostic['message']


def main():
    binary = sys.argv[1]
    files = sorted(glob.glob(os.path.join(ROOT, 'crates/core/tests/fixtures/taskdef/*.json')))
    files += sorted(glob.glob(os.path.join(ROOT, 'crates/core/reference/*.describe.json')))
    failures = []
    passed = 0
    for path in files:
        name = os.path.relpath(path, ROOT)
        ours = our_diagnostics(binary, path)
        syntax = [d for d in ours if d['rule'] == 'taskdef/json-syntax']
        try:
            with open(path) as f:
                params = json.load(f)
        except json.JSONDecodeError:
            if not syntax:
                failures.append(f'{name}: the CLI cannot read it, but we report no syntax error')
            else:
                passed += 1
            continue
        if isinstance(params, dict) and isinstance(params.get('taskDefinition'), dict):
            params = params['taskDefinition']
        theirs = botocore_messages(params)
        schema = [d for d in ours if d['rule'] in SCHEMA_RULES and not is_boolean_as_integer(d)]
        schema += [d for d in ours if d['rule'] == 'taskdef/out-of-range' and 'valid min' in d['message']]
        our_messages = {d['message'] for d in schema}
        problems = []
        if bool(theirs) != bool(schema):
            problems.append(f'botocore says {"invalid" if theirs else "valid"}, we say {"invalid" if schema else "valid"}')
        for message in theirs:
            if message not in our_messages:
                problems.append(f'botocore reports, we do not: {message}')
        for message in sorted(our_messages):
            if message not in theirs:
                problems.append(f'we report, botocore does not: {message}')
        if problems:
            failures.append(f'{name}:\n    ' + '\n    '.join(problems))
        else:
            passed += 1
    # What the export produces from the seeds' describe output must be what the
    # AWS CLI accepts.
    for path in sorted(glob.glob(os.path.join(ROOT, 'crates/core/reference/*.describe.json'))):
        name = os.path.relpath(path, ROOT)
        out = subprocess.run([binary, 'export', 'taskdef', path], capture_output=True, text=True)
        if out.returncode not in (0, 1):
            failures.append(f'{name}: export failed: {out.stderr}')
            continue
        theirs = botocore_messages(json.loads(out.stdout))
        if theirs:
            failures.append(f'{name} exported:\n    ' + '\n    '.join(theirs))
        else:
            passed += 1
    for failure in failures:
        print(f'FAIL {failure}')
    print(f'{passed} passed, {len(failures)} failed')
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
