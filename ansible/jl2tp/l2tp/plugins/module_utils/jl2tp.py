# -*- coding: utf-8 -*-
# Copyright: 2026 jl2tp team <jl2tp@example.org>
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
"""What jl2tp_config and jl2tp_info share: running jl2tp-apply and reading what it prints."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import re

# jl2tp-apply's exit codes (README "Command line and exit codes").
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INVALID = 2
EXIT_CHANGES_PENDING = 3
EXIT_TRY_PENDING = 4

# A problem as jl2tp prints it: FILE:LINE:COLUMN: message.
PROBLEM = re.compile(r'^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.*)$')


def common_argument_spec():
    """The options every module of the collection takes."""
    return dict(
        binary=dict(type='path', default='/usr/bin/jl2tp-apply'),
        netns=dict(type='str'),
        site=dict(type='str'),
    )


def defaults_for_nulls(module, argument_spec):
    """An option given as null (None) takes its default, as if it were not given: AnsibleModule fills in a default
    only for an option left out, and None where a number or path is used is a Python traceback."""
    for name, spec in argument_spec.items():
        if module.params.get(name) is None and spec.get('default') is not None:
            module.params[name] = spec['default']


def require_binary(module):
    """The path of jl2tp-apply, or a failure saying what to install."""
    binary = module.params['binary']
    if not os.path.isfile(binary) or not os.access(binary, os.X_OK):
        module.fail_json(msg='%s is not an executable file: install the jl2tp package '
                             '(or give the binary option)' % binary)
    return binary


def netns_args(module):
    netns = module.params.get('netns')
    return ['--netns', netns] if netns else []


def site_args(module):
    site = module.params.get('site')
    return ['--site', site] if site else []


def run(module, args):
    """Runs jl2tp-apply ARGS; (rc, stdout, stderr). LC_ALL=C keeps its messages stable for parsing."""
    return module.run_command([require_binary(module)] + args, environ_update={'LC_ALL': 'C'},
                              check_rc=False)


def parse_json(module, text, what, rc, stderr):
    """The JSON document jl2tp-apply printed, or a failure that shows what it printed instead."""
    try:
        return json.loads(text)
    except ValueError:
        module.fail_json(msg='jl2tp-apply %s printed no JSON (exit %d): %s' % (what, rc, (stderr or text).strip()),
                         rc=rc, stdout=text, stderr=stderr)


def problems(text):
    """The FILE:LINE:COLUMN problems in jl2tp-apply's error output, as dicts."""
    found = []
    for line in text.splitlines():
        match = PROBLEM.match(line)
        if match:
            found.append(dict(file=match.group('file'), line=int(match.group('line')),
                              column=int(match.group('column')), message=match.group('message')))
    return found


def status(module, args):
    """jl2tp-apply status --output json ARGS, parsed; a failure when it fails."""
    rc, out, err = run(module, ['status', '--output', 'json'] + args)
    if rc != EXIT_OK:
        module.fail_json(msg='jl2tp-apply status failed (exit %d): %s' % (rc, err.strip()), rc=rc, stderr=err)
    return parse_json(module, out, 'status', rc, err), err


def netns_option(module):
    """' --netns NAME' for a command line shown in a message, or ''."""
    return ' --netns %s' % module.params['netns'] if module.params.get('netns') else ''
