# -*- coding: utf-8 -*-
# Copyright: 2026 jl2tp team <jl2tp@example.org>
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
"""AnsibleKernelTest's report: every task's results on every host, as JSON, in the file that
JL2TP_RESULTS names: {host: {task name: [result, ...]}}, a task that ran more than once (an
imported task file) having a result for each run, in order (Debian's ansible-core has no json stdout callback; a copy task would cost a
module run per host in the emulated VM).

It is also the test's witness, for the same reason: a task of its own (`ip`, `stat`, `ping`) costs
a module run, seconds of Python in the emulated VM, where this plugin runs in ansible-playbook's
own process. Once every host has finished a run of jl2tp_config's task (at the next task's start,
under the linear strategy), it reads each host's namespace with `ip -j` (tunnels, sessions), stats
the files the module reports, and pings the peer across the pseudowire when JL2TP_PING_AFTER
names that run (comma-separated 'HOST:RUN'); JL2TP_DRIFT ('HOST:RUN') deletes that host's first
session after that run, as someone behind jl2tp's back would. What it saw is the result's
'jl2tp_witness'."""

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
import subprocess
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
        self.finished = []  # (host, entry) of the task that ran last, witnessed when it is over on every host
        self.ping_after = set(filter(None, os.environ.get('JL2TP_PING_AFTER', '').split(',')))
        self.drift = os.environ.get('JL2TP_DRIFT', '')

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._witness()
        self.started = time.time()

    def _witness(self):
        for host, entry in self.finished:
            netns = host.vars.get('jl2tp_netns')
            if not netns:
                continue
            run = '%s:%d' % (host.get_name(), entry['jl2tp_run'])
            seen = dict(tunnels=self._ip(netns, 'tunnel'), sessions=self._ip(netns, 'session'), files={})
            paths = [f['path'] for f in entry.get('files') or []]
            asked = ((entry.get('invocation') or {}).get('module_args') or {}).get('path')
            if asked:  # a failed run reports no files: the one it was given
                paths.append(os.path.join('/etc/jl2tp', asked))
            for path in paths:
                try:
                    st = os.stat(path)
                    seen['files'][path] = dict(exists=True, mode='%04o' % (st.st_mode & 0o7777), uid=st.st_uid)
                except OSError:
                    seen['files'][path] = dict(exists=False)
            if run in self.ping_after:
                ping = subprocess.run(['ip', 'netns', 'exec', netns, 'ping', '-c', '3', '-i', '0.2', '-W', '2',
                                       host.vars['jl2tp_peer']], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                      universal_newlines=True)
                seen['ping'] = dict(rc=ping.returncode, output=ping.stdout)
            if run == self.drift and seen['sessions']:
                first = seen['sessions'][0]
                subprocess.run(['ip', '-n', netns, 'l2tp', 'del', 'session', 'tunnel_id', str(first['tunnel_id']),
                                'session_id', str(first['session_id'])], check=True)
                seen['drifted'] = first
                seen['sessions_after_drift'] = self._ip(netns, 'session')
            entry['jl2tp_witness'] = seen
        self.finished = []

    @staticmethod
    def _ip(netns, what):
        out = subprocess.run(['ip', '-j', '-n', netns, 'l2tp', 'show', what], stdout=subprocess.PIPE,
                             universal_newlines=True, check=True).stdout
        return json.loads(out) if out.strip() else []

    def _record(self, result, **extra):
        entry = dict(result._result)
        entry.update(extra)
        entry['jl2tp_seconds'] = round(time.time() - self.started, 1)  # since the task started, on all hosts
        runs = self.results.setdefault(result._host.get_name(), {}).setdefault(result._task.get_name(), [])
        entry['jl2tp_run'] = len(runs)
        runs.append(entry)
        self.finished.append((result._host, entry))

    def v2_runner_on_ok(self, result):
        self._record(result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, failed=True)

    def v2_runner_on_skipped(self, result):
        self._record(result, skipped=True)

    def v2_runner_on_unreachable(self, result):
        self._record(result, unreachable=True)

    def v2_playbook_on_stats(self, stats):
        self._witness()
        with open(os.environ['JL2TP_RESULTS'], 'w') as f:
            json.dump(self.results, f, default=str)
