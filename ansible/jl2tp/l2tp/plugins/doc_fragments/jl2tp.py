# -*- coding: utf-8 -*-
# Copyright: 2026 jl2tp team <jl2tp@example.org>
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    """The options every module of the collection takes (module_utils/jl2tp.py common_argument_spec)."""

    DOCUMENTATION = r'''
options:
  netns:
    description:
      - Work in the network namespace C(/run/netns/NETNS), as C(ip netns) names them (C(jl2tp-apply --netns)).
    type: str
  site:
    description:
      - With link files, the site this host is (C(jl2tp-apply --site)); without it jl2tp chooses by
        C(/etc/jl2tp/site), the host name, then the addresses on the host.
    type: str
  binary:
    description:
      - The C(jl2tp-apply) command.
    type: path
    default: /usr/bin/jl2tp-apply
notes:
  - Needs root on the host, as C(jl2tp-apply) does, even in check mode (the kernel refuses L2TP dumps without
    CAP_NET_ADMIN).
'''
