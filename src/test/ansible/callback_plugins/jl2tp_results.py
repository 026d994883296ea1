# -*- coding: utf-8 -*-
# Copyright: 2026 jl2tp team <jl2tp@example.org>
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
"""AnsibleKernelTest's report: every task's results on every host, as JSON, in the file that
JL2TP_RESULTS names: {host: {task name: [result, ...]}}, a task that ran more than once (an
imported task file) having a result for each run, in order (Debian's ansible-core has no json stdout callback; a copy task would cost a
module run per host in the emulated VM)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = '''
name: jl2tp_results
type: aggregate
short_description: Writes each task's result on each host to the JSON file $JL2TP_RESULTS
description: For AnsibleKernelTest.
requirements:
  - the JL2TP_RESULTS environment variable
'''

import json
import os
import time

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'jl2tp_results'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super(CallbackModule, self).__init__()
        self.results = {}
        self.started = time.time()

    def v2_playbook_on_task_start(self, task, is_conditional):
        self.started = time.time()

    def _record(self, result, **extra):
        entry = dict(result._result)
        entry.update(extra)
        entry['jl2tp_seconds'] = round(time.time() - self.started, 1)  # since the task started, on all hosts
        self.results.setdefault(result._host.get_name(), {}).setdefault(result._task.get_name(), []).append(entry)

    def v2_runner_on_ok(self, result):
        self._record(result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, failed=True)

    def v2_runner_on_skipped(self, result):
        self._record(result, skipped=True)

    def v2_runner_on_unreachable(self, result):
        self._record(result, unreachable=True)

    def v2_playbook_on_stats(self, stats):
        with open(os.environ['JL2TP_RESULTS'], 'w') as f:
            json.dump(self.results, f, default=str)
