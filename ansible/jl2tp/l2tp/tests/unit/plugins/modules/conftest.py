# -*- coding: utf-8 -*-
# Copyright: 2026 jl2tp team <jl2tp@example.org>
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
"""Runs a module's main() with arguments, its run_command answered by a script of (rc, stdout, stderr)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib
import json
import os

import pytest

from ansible.module_utils import basic
from ansible.module_utils.common.text.converters import to_bytes


class Exited(Exception):
    """exit_json or fail_json was called."""

    def __init__(self, failed, result):
        super(Exited, self).__init__(result.get('msg'))
        self.failed = failed
        self.result = result


@contextlib.contextmanager
def module_args(args):
    try:
        from ansible.module_utils.testing import patch_module_args  # ansible-core 2.19 and later
    except ImportError:
        patch_module_args = None
    if patch_module_args is not None:
        with patch_module_args(args):
            yield
        return
    old = basic._ANSIBLE_ARGS
    basic._ANSIBLE_ARGS = to_bytes(json.dumps({'ANSIBLE_MODULE_ARGS': args}))
    try:
        yield
    finally:
        basic._ANSIBLE_ARGS = old


class Host(object):
    """A fake jl2tp-apply and the directories jl2tp reads, under tmp_path."""

    def __init__(self, tmp_path, monkeypatch):
        self.root = tmp_path
        self.binary = str(tmp_path / 'jl2tp-apply')
        with open(self.binary, 'w') as f:
            f.write('#!/bin/sh\nexit 99\n')
        os.chmod(self.binary, 0o755)
        self.usr = tmp_path / 'usr-lib-jl2tp'
        self.etc = tmp_path / 'etc-jl2tp'
        self.run_dir = tmp_path / 'run-jl2tp'
        self.candidates = tmp_path / 'candidates'
        self.answers = []
        self.calls = []
        self.warnings = []
        self.seen_files = []
        monkeypatch.setattr(basic.AnsibleModule, 'run_command', self._run_command)
        monkeypatch.setattr(basic.AnsibleModule, 'exit_json', self._exit)
        monkeypatch.setattr(basic.AnsibleModule, 'fail_json', self._fail)
        monkeypatch.setattr(basic.AnsibleModule, 'warn', lambda module, w: self.warnings.append(w))

    def answer(self, rc, out='', err=''):
        self.answers.append((rc, out, err))

    def answer_with(self, function):
        """The answer is function(args): for output that names the files it was given."""
        self.answers.append(function)

    def _run_command(self, args, **kwargs):
        self.calls.append(list(args))
        # What the candidates hold while jl2tp reads them (they are removed once it ran).
        for i, arg in enumerate(args):
            if arg in ('--config', '--candidate'):
                with open(args[i + 1]) as f:
                    self.seen_files.append((args[i + 1], f.read()))
        assert self.answers, 'jl2tp-apply run once more than the test expects: %s' % args
        answer = self.answers.pop(0)
        return answer(args) if callable(answer) else answer

    @staticmethod
    def _exit(module, **result):
        raise Exited(False, result)

    @staticmethod
    def _fail(module, **result):
        raise Exited(True, result)

    def run(self, main, args, check_mode=False, diff=False):
        args = dict(dict(binary=self.binary), **args)
        if check_mode:
            args['_ansible_check_mode'] = True
        if diff:
            args['_ansible_diff'] = True
        with module_args(args):
            with pytest.raises(Exited) as e:
                main()
        assert not self.answers, 'jl2tp-apply was not run as often as the test expects'
        return e.value


@pytest.fixture
def host(tmp_path, monkeypatch):
    return Host(tmp_path, monkeypatch)
