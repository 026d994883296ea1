# -*- coding: utf-8 -*-
# Copyright: 2026 jl2tp team <jl2tp@example.org>
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
"""jl2tp_info with jl2tp-apply's answers scripted."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from ansible_collections.jl2tp.l2tp.plugins.modules import jl2tp_info

STATUS = {'tunnels': [{'tunnel-id': 3000, 'sessions': [{'session-id': 1000, 'problems': []}]}], 'site': None, 'try': None}


def test_status_comes_back_as_facts_in_check_mode_too(host):
    host.answer(0, json.dumps(STATUS))
    result = host.run(jl2tp_info.main, {'netns': 'a', 'site': 'b'}, check_mode=True)
    assert not result.failed and result.result['changed'] is False
    assert result.result['ansible_facts'] == {'jl2tp': STATUS}
    assert result.result['status'] == STATUS
    assert host.calls == [[host.binary, 'status', '--output', 'json', '--netns', 'a', '--site', 'b']]


def test_a_failing_status_is_a_clear_failure(host):
    host.answer(1, '', 'jl2tp-apply: no such network namespace: a\n')
    result = host.run(jl2tp_info.main, {'netns': 'a'})
    assert result.failed
    assert result.result['msg'] == 'jl2tp-apply status failed (exit 1): jl2tp-apply: no such network namespace: a'


def test_status_lines_on_stderr_become_warnings(host):
    host.answer(0, json.dumps(STATUS), 'jl2tp-apply: the config does not load\n')
    host.run(jl2tp_info.main, {})
    assert host.warnings == ['jl2tp-apply: the config does not load']


def test_a_null_binary_is_the_default(host):
    result = host.run(jl2tp_info.main, {'binary': None})
    assert result.failed and '/usr/bin/jl2tp-apply is not an executable file' in result.result['msg']
