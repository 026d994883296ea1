#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: 2026 jl2tp team <jl2tp@example.org>
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: jl2tp_info
short_description: The kernel's L2TPv3 tunnels and sessions, their counters, problems and pending try, as facts
version_added: 1.0.0
description:
  - Runs C(jl2tp-apply status --output json) and returns what it prints, in C(status) and as the fact C(jl2tp)
    (C(ansible_facts.jl2tp)).
  - Changes nothing; runs the same in check mode.
author:
  - jl2tp team (@jl2tp)
extends_documentation_fragment:
  - jl2tp.l2tp.jl2tp
seealso:
  - module: jl2tp.l2tp.jl2tp_config
'''

EXAMPLES = r'''
- name: Read the tunnels
  jl2tp.l2tp.jl2tp_info:
  register: l2tp

- name: Fail when a session has a problem (a dead pseudowire, an interface down)
  ansible.builtin.assert:
    that: ansible_facts.jl2tp.tunnels | map(attribute='sessions') | flatten | map(attribute='problems') | flatten | length == 0

- name: Fail while a try is pending
  ansible.builtin.assert:
    that: l2tp.status.try is none or l2tp.status.try.phase not in ['applying', 'pending']
'''

RETURN = r'''
status:
  description:
    - What C(jl2tp-apply status --output json) prints (README "jl2tp-apply status"); the same is in
      C(ansible_facts.jl2tp).
  returned: always
  type: dict
  contains:
    tunnels:
      description:
        - Each tunnel with C(tunnel-id), C(peer-tunnel-id), C(encap), C(local), C(remote), C(udp-source-port),
          C(udp-destination-port), C(counters) and C(sessions) (each with C(session-id), C(peer-session-id),
          C(interface), C(up), C(oper-state), C(mtu), C(bridge), C(vlans), C(counters) and C(problems)).
      type: list
      elements: dict
    site:
      description: The site chosen (C(name), C(why)), or null without link files.
      type: dict
    try:
      description: The namespace's try (C(id), C(phase), C(deadline), C(seconds-left), ...), or null.
      type: dict
  sample:
    tunnels:
      - tunnel-id: 3000
        peer-tunnel-id: 4000
        encap: udp
        local: 192.0.2.1
        remote: 192.0.2.2
        udp-source-port: 5000
        udp-destination-port: 6000
        counters: {tx-packets: 2, tx-bytes: 196, tx-errors: 0, rx-packets: 2, rx-bytes: 196, rx-errors: 0,
                   rx-seq-discards: 0, rx-oos-packets: 0, rx-cookie-discards: 0, rx-invalid: 0}
        sessions:
          - session-id: 1000
            peer-session-id: 2000
            interface: l2tpeth0
            up: true
            oper-state: unknown
            mtu: 1446
            bridge: null
            vlans: []
            counters: {tx-packets: 2, tx-bytes: 196, tx-errors: 0, rx-packets: 2, rx-bytes: 196, rx-errors: 0,
                       rx-seq-discards: 0, rx-oos-packets: 0, rx-cookie-discards: 0, rx-invalid: 0}
            problems: []
    site: null
    try: null
ansible_facts:
  description: The same as C(status), as the fact C(jl2tp).
  returned: always
  type: dict
  contains:
    jl2tp:
      description: What C(jl2tp-apply status --output json) prints.
      type: dict
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.jl2tp.l2tp.plugins.module_utils.jl2tp import (
    common_argument_spec, defaults_for_nulls, netns_args, site_args, status)


def main():
    argument_spec = common_argument_spec()
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    defaults_for_nulls(module, argument_spec)
    facts, err = status(module, netns_args(module) + site_args(module))
    for line in err.splitlines():
        if line.strip():
            module.warn(line.strip())
    module.exit_json(changed=False, status=facts, ansible_facts=dict(jl2tp=facts))


if __name__ == '__main__':
    main()
