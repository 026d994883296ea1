#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: 2026 jl2tp team <jl2tp@example.org>
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: jl2tp_config
short_description: Write jl2tp config files and apply them to the kernel's L2TPv3 tunnels
version_added: 1.0.0
description:
  - Writes one or more config files of jl2tp (static L2TPv3 tunnels and sessions) into C(/etc/jl2tp),
    atomically (a temporary file in the same directory, then a rename), mode 0644, owned by root,
    then runs C(jl2tp-apply) so that the kernel matches the config.
  - A file whose content is already the one given but which is not that (another mode or owner, or a symbolic link)
    is written again, and that is a change; in check mode it is reported as one and left as it is.
  - The new files are first checked against the kernel without writing anything. C(jl2tp-apply --dry-run
    --exit-code --output json) reads the search path (C(/usr/lib/jl2tp), C(/etc/jl2tp), C(/run/jl2tp), a file of
    a later directory shadowing one of the same name in an earlier one) with the new files in the place of their
    namesakes in C(/etc/jl2tp), passed as C(--config) files in the order jl2tp merges them. So an invalid config
    never reaches C(/etc/jl2tp), and check mode sees exactly what the real run would apply.
  - Validation errors come back in C(msg) as jl2tp prints them, C(FILE:LINE:COLUMN) and the message, with the
    destination path (C(/etc/jl2tp/NAME)) in place of the temporary file's, and in C(problems).
  - A try pending or being applied in the namespace blocks an apply and a new try (C(jl2tp-apply) exits 4), but not
    a dry run. So when a file changes, and in check mode, C(jl2tp-apply status --output json) is asked first, and such
    a try fails the task with nothing written and nothing applied, saying how to confirm it or roll it back. A try
    rolled back does not block.
  - In check mode nothing is written and nothing is applied; C(changed) is true when the dry run exits 3
    (changes pending) or a file's content, mode or owner differs.
  - A real run reports C(changed) when a file was written or the apply made changes (its JSON plan was not empty).
  - With I(try), the change is applied by C(jl2tp-apply try --candidate), with a rollback armed that puts the
    kernel back unless it is confirmed; the files are installed in C(/etc/jl2tp) by the confirm, not before.
author:
  - jl2tp team (@jl2tp)
extends_documentation_fragment:
  - jl2tp.l2tp.jl2tp
options:
  path:
    description:
      - The config file's name in C(/etc/jl2tp), for example C(10-site.yaml).
      - A plain file name ending in C(.yaml) (jl2tp reads C(*.yaml) only), not starting with a dot, without C(/).
      - Goes with I(content). Use I(files) for several files.
    type: str
  content:
    description:
      - The file's content.
      - To render a template, as the M(ansible.builtin.template) module would, give
        C("{{ lookup('ansible.builtin.template', 'site.yaml.j2') }}").
    type: str
  files:
    description:
      - Several config files, written and applied together (a site file and a link file, say).
    type: list
    elements: dict
    suboptions:
      path:
        description: The file's name in C(/etc/jl2tp), as for the top-level I(path).
        type: str
        required: true
      content:
        description: The file's content.
        type: str
        required: true
  prune:
    description:
      - Also delete L2TP tunnels and sessions that jl2tp did not make and the config does not name
        (C(jl2tp-apply --prune)).
    type: bool
    default: false
  try:
    description:
      - Apply with C(jl2tp-apply try --candidate). A rollback is armed first and puts the kernel back as it
        was unless the try is confirmed within I(try_timeout) seconds.
      - The new files are kept as candidates in I(candidate_dir) and installed in C(/etc/jl2tp) by the confirm
        (C(jl2tp-apply confirm) checks they did not change since they were tried). A rollback leaves C(/etc/jl2tp)
        as it was.
      - When the kernel already matches, nothing is armed and the files are written at once.
      - The safe pattern is a later task with I(confirm) alone. If the change cut the controller off the host, that
        task cannot run and the try rolls back.
    type: bool
    default: false
  try_timeout:
    description:
      - Seconds (1 to 86400) after the apply before an unconfirmed try rolls back. C(null) is the default, as for
        every option that has one.
    type: int
    default: 120
  confirm:
    description:
      - With I(try), confirm the try right after it was applied (C(jl2tp-apply confirm)). This guards against an
        apply that fails and cannot undo itself, not against a change that cuts the controller off the host, since
        the module confirms from the host itself.
      - Alone (no I(path), I(content) or I(files)), confirm the try pending in the namespace, for example in the task
        after a task with I(try). No try is not a change. A try that cannot be confirmed is a failure, in check mode
        too, and nothing is run. Such a try is one rolled back, completely or not (after an incomplete rollback the message says
        what was not restored; C(jl2tp-apply confirm) would only acknowledge it, the kernel left as it is), or one
        whose apply did not end (it can only be rolled back).
    type: bool
    default: false
  candidate_dir:
    description:
      - Where I(try) keeps the candidates until the confirm installs them (created with mode 0700).
    type: path
    default: /var/lib/jl2tp-ansible/candidates
notes:
  - In diff mode, the diff holds each file's content before and after, and the kernel's objects before and after
    the plan, from the plan's JSON (C(-) an object removed, C(+) made, a changed field as its old and new value).
seealso:
  - module: jl2tp.l2tp.jl2tp_info
'''

EXAMPLES = r'''
- name: One site's tunnels from a template
  jl2tp.l2tp.jl2tp_config:
    path: 10-site.yaml
    content: "{{ lookup('ansible.builtin.template', 'site.yaml.j2') }}"

- name: One link file for every site, each host applying its half
  jl2tp.l2tp.jl2tp_config:
    path: 20-links.yaml
    content: "{{ lookup('ansible.builtin.file', 'links.yaml') }}"
    site: "{{ jl2tp_site }}"
    prune: true

- name: Try a change that could cut this connection
  jl2tp.l2tp.jl2tp_config:
    path: 10-site.yaml
    content: "{{ lookup('ansible.builtin.template', 'site.yaml.j2') }}"
    try: true
    try_timeout: 60

- name: Still reachable, so keep it (runs only if the host can still be reached)
  jl2tp.l2tp.jl2tp_config:
    confirm: true
'''

RETURN = r'''
plan:
  description:
    - The plan of C(jl2tp-apply --output json) (the dry run's in check mode, the apply's otherwise), with file names
      as they will be in C(/etc/jl2tp).
  returned: when jl2tp-apply ran with a config
  type: dict
  contains:
    in-sync:
      description: True when the kernel already matches the config.
      type: bool
    changes:
      description: The steps, each with C(op), C(sign), C(phase), C(object), C(summary), C(reason) and C(origin).
      type: list
      elements: dict
    notes:
      description: Objects left alone (not jl2tp's, not in the config).
      type: list
      elements: dict
    conflicts:
      description: Objects the config wants that something else holds.
      type: list
      elements: dict
    warnings:
      description: Warnings on the plan (also given as module warnings).
      type: list
      elements: dict
  sample:
    in-sync: false
    changes:
      - op: create-tunnel
        sign: '+'
        phase: create-tunnels
        object: tunnel 3000
        summary: create tunnel 3000 (udp 192.0.2.1 -> 192.0.2.2, ports 5000 -> 6000, peer tunnel 4000)
        reason: not in the kernel
        origin: {file: /etc/jl2tp/10-site.yaml, line: 5, column: 5}
    notes: []
    conflicts: []
    warnings: []
files:
  description:
    - The files given, each with its path in C(/etc/jl2tp), whether its content changes (C(changed)), and whether,
      its content the same, its mode or owner changes to 0644 and root's (C(attributes_changed)).
  returned: when files were given
  type: list
  elements: dict
  sample: [{path: /etc/jl2tp/10-site.yaml, changed: true, attributes_changed: false}]
problems:
  description: The config's problems, each with C(file), C(line), C(column) and C(message).
  returned: failure on an invalid config
  type: list
  elements: dict
  sample: [{file: /etc/jl2tp/10-site.yaml, line: 5, column: 7, message: "unknown key 'tunnel_id' in tunnel 't1'"}]
try:
  description: The try made, or confirmed.
  returned: when I(try) or I(confirm) was given
  type: dict
  contains:
    id:
      description: The try's id, as C(jl2tp-apply status) shows it.
      type: str
    armed:
      description: Whether a rollback was armed (false when the kernel already matched).
      type: bool
    confirmed:
      description: Whether the try was confirmed by this task.
      type: bool
  sample: {id: 3f9c0a51d2e87b64, armed: true, confirmed: false}
'''

import os
import re
import shutil
import stat
import tempfile

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_bytes
from ansible_collections.jl2tp.l2tp.plugins.module_utils.jl2tp import (
    EXIT_CHANGES_PENDING, EXIT_INVALID, EXIT_OK, common_argument_spec, defaults_for_nulls, netns_args, netns_option,
    parse_json, problems, run, site_args, status)

# jl2tp's search path, lowest precedence first, and the directory this module writes (README "Config files").
SEARCH_PATH = ['/usr/lib/jl2tp', '/etc/jl2tp', '/run/jl2tp']
CONFIG_DIR = '/etc/jl2tp'
# Where try keeps the candidates until the confirm installs them (the candidate_dir option's default).
CANDIDATE_DIR = '/var/lib/jl2tp-ansible/candidates'

FILE_NAME = re.compile(r'^[^/\x00]+\.yaml$')
REASON_CHANGE = re.compile(r'^(?P<key>.*?)\s*(?P<old>[^\s;]+) -> (?P<new>[^\s;]+)')


def check_name(module, name):
    """A plain file name in /etc/jl2tp that jl2tp reads, or a failure."""
    if name is None:
        module.fail_json(msg='a path in files is null: give a plain file name ending in .yaml')
    if not FILE_NAME.match(name) or name.startswith('.') or len(to_bytes(name)) > 255:
        module.fail_json(msg="path '%s' is not a config file name: give a plain file name ending in .yaml, not "
                             "starting with a dot, without '/' (it is written in %s)" % (name, CONFIG_DIR))


def wanted_files(module):
    """[(name, content)] from path and content, or files."""
    if module.params['files']:
        files = [(f['path'], f['content']) for f in module.params['files']]
    elif module.params['path'] is not None:
        files = [(module.params['path'], module.params['content'])]
    else:
        return []
    names = [name for name, dummy in files]
    for name, content in files:
        check_name(module, name)
        if content is None:
            module.fail_json(msg="the content of '%s' is null: give the file's content" % name)
        if names.count(name) > 1:
            module.fail_json(msg="path '%s' is given twice" % name)
    return files


def read_current(module, name):
    """The file's content in CONFIG_DIR, or None when there is none."""
    path = os.path.join(CONFIG_DIR, name)
    if not os.path.lexists(path):
        return None
    try:
        with open(path, 'rb') as f:
            return f.read().decode('utf-8', errors='surrogateescape')
    except (IOError, OSError) as e:
        module.fail_json(msg='cannot read %s: %s' % (path, e))


def attributes(path):
    """The file's mode and owner as compared with what the module writes (0644, root's; the owner only when the
    module runs as root, as only then does it give files to root): (now, wanted), or None when they match."""
    wanted = 'mode 0644' + (', owner uid 0 gid 0' if os.geteuid() == 0 else '')
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return 'not a regular file (a symbolic link, say)', wanted
    now = 'mode %04o' % stat.S_IMODE(st.st_mode) + (', owner uid %d gid %d' % (st.st_uid, st.st_gid)
                                                    if os.geteuid() == 0 else '')
    return (now, wanted) if now != wanted else None


def write_atomically(module, directory, name, content, mode, copy=None):
    """Writes directory/name: a temporary file there (not *.yaml: jl2tp never reads it), fsync, rename, fsync.
    A failure names the file in CONFIG_DIR, never the temporary file: with copy (what this file is for, when it
    is not the one in CONFIG_DIR) said after it."""
    path = os.path.join(directory, name)
    try:
        if not os.path.isdir(directory):
            os.makedirs(directory, 0o755)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix='.%s.' % name, suffix='.tmp')
        try:
            with os.fdopen(fd, 'wb') as f:
                f.write(to_bytes(content, errors='surrogate_or_strict'))
                f.flush()
                os.fchmod(f.fileno(), mode)
                if os.geteuid() == 0:
                    os.fchown(f.fileno(), 0, 0)
                os.fsync(f.fileno())
            os.rename(tmp, path)
        except BaseException:
            if os.path.lexists(tmp):
                os.unlink(tmp)
            raise
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except (IOError, OSError) as e:
        module.fail_json(msg='cannot write %s%s: %s' % (os.path.join(CONFIG_DIR, name), ' (%s)' % copy if copy else '',
                                                        os_error(e)))
    return path


def os_error(e):
    """The error without the file it names (a temporary file's, which means nothing to the user)."""
    return '[Errno %d] %s' % (e.errno, e.strerror) if e.errno and e.strerror else str(e)


def effective_files(module, candidates):
    """The files jl2tp would read from its search path once the candidates ({name: path}) are in CONFIG_DIR,
    in its merge order (by name); a candidate that a later directory's file would shadow is a failure."""
    by_name = {}
    after_config_dir = False
    for directory in SEARCH_PATH:
        if directory == CONFIG_DIR:
            after_config_dir = True
        if not os.path.isdir(directory):
            continue
        try:
            entries = os.listdir(directory)
        except OSError as e:
            module.fail_json(msg='cannot read the directory %s: %s' % (directory, e))
        for entry in entries:
            path = os.path.join(directory, entry)
            if entry.endswith('.yaml') and not os.path.isdir(path):
                by_name[entry] = path
                if after_config_dir and directory != CONFIG_DIR and entry in candidates:
                    module.fail_json(msg='%s would be shadowed by %s (a file in a later directory of the search path): '
                                         'change that file instead, or give this one another name'
                                     % (os.path.join(CONFIG_DIR, entry), path))
    by_name.update(candidates)
    return [by_name[name] for name in sorted(by_name)]


def mapped(value, temp_dir):
    """The value with temp_dir's files named by their place in CONFIG_DIR (strings, lists, dicts)."""
    if isinstance(value, dict):
        return dict((k, mapped(v, temp_dir)) for k, v in value.items())
    if isinstance(value, list):
        return [mapped(v, temp_dir) for v in value]
    if isinstance(value, str):
        return value.replace(temp_dir.rstrip('/') + '/', CONFIG_DIR + '/')
    return value


def dry_run(module, files):
    """jl2tp-apply --dry-run --exit-code on the search path with the files in place, nothing written: (rc, plan).
    An invalid config, a conflict or any other failure ends the module."""
    try:
        temp_dir = tempfile.mkdtemp(prefix='jl2tp-ansible-')
    except (IOError, OSError) as e:
        module.fail_json(msg='cannot make a temporary directory in %s for the dry run: %s; nothing written, nothing '
                             'applied' % (tempfile.gettempdir(), os_error(e)))
    try:
        candidates = {}
        copy = 'its copy for the dry run, in %s; nothing written, nothing applied' % tempfile.gettempdir()
        for name, content in files:
            candidates[name] = write_atomically(module, temp_dir, name, content, 0o600, copy)
        args = netns_args(module) + ['--dry-run', '--exit-code', '--output', 'json'] + prune_args(module) + site_args(module)
        for path in effective_files(module, candidates):
            args += ['--config', path]
        rc, out, err = run(module, args)
    finally:
        shutil.rmtree(temp_dir, ignore_errors=True)
    out, err = mapped(out, temp_dir), mapped(err, temp_dir)
    if rc == EXIT_INVALID:
        module.fail_json(msg='invalid config; nothing written, nothing applied:\n' + err.strip(),
                         problems=problems(err), rc=rc, stderr=err)
    if rc not in (EXIT_OK, EXIT_CHANGES_PENDING):
        plan = parse_json(module, out, '--dry-run', rc, err) if out.strip() else None
        module.fail_json(msg='jl2tp-apply --dry-run failed (exit %d); nothing written, nothing applied: %s'
                             % (rc, describe_failure(plan, err)), plan=plan, rc=rc, stderr=err)
    return rc, parse_json(module, out, '--dry-run', rc, err)


def describe_failure(plan, err):
    conflicts = (plan or {}).get('conflicts') or []
    lines = ['conflict: %s: %s' % (c.get('object'), c.get('message')) for c in conflicts]
    return '\n'.join(lines + [err.strip()]).strip()


def prune_args(module):
    return ['--prune'] if module.params['prune'] else []


def plan_changes(plan):
    return bool(plan and plan.get('changes'))


def plan_diff(plan, where):
    """The kernel's objects before and after the plan, as lines: what a change removes, makes, or changes from
    and to (a reason 'KEY OLD -> NEW')."""
    before, after = [], []
    for change in plan.get('changes') or []:
        sign, obj, summary, reason = change.get('sign'), change.get('object'), change.get('summary', ''), change.get('reason', '')
        what = summary.split(' ', 1)[1] if ' ' in summary else summary
        match = REASON_CHANGE.match(reason or '')
        if sign == '-':
            before.append(what + (': %s %s' % (match.group('key'), match.group('old')) if match else ''))
        elif sign == '+':
            after.append(what + (': %s %s' % (match.group('key'), match.group('new')) if match else ''))
        elif sign == '=':
            before.append('%s (not made by jl2tp)' % obj)
            after.append('%s (adopted: jl2tp owns it)' % obj)
        elif match:
            key = (match.group('key') + ' ') if match.group('key') else ''
            before.append('%s: %s%s' % (obj, key, match.group('old')))
            after.append('%s: %s%s' % (obj, key, match.group('new')))
        else:
            after.append('%s: %s' % (obj, reason))
    return dict(before_header='kernel%s: before' % where, after_header='kernel%s: after the plan' % where,
                before=''.join(line + '\n' for line in before), after=''.join(line + '\n' for line in after))


def where(module):
    parts = []
    if module.params['netns']:
        parts.append('netns %s' % module.params['netns'])
    if module.params['site']:
        parts.append('site %s' % module.params['site'])
    return ' (%s)' % ', '.join(parts) if parts else ''


def diffs(module, files, current, fixes, plan):
    result = []
    for name, content in files:
        path = os.path.join(CONFIG_DIR, name)
        if current[name] != content:
            result.append(dict(before_header=path if current[name] is not None else '%s (absent)' % path,
                               after_header=path, before=current[name] or '', after=content))
        elif name in fixes:
            result.append(dict(before_header='%s (mode and owner)' % path, after_header='%s (mode and owner)' % path,
                               before=fixes[name][0] + '\n', after=fixes[name][1] + '\n'))
    if plan_changes(plan):
        result.append(plan_diff(plan, where(module)))
    return result


def warn_plan(module, plan):
    for w in (plan or {}).get('warnings') or []:
        module.warn('jl2tp: %s: %s' % (w.get('object'), w.get('message')))


def pending_try(module):
    """The namespace's try as status shows it (README "status --output json"), or None."""
    return status(module, netns_args(module))[0].get('try')


def cannot_confirm(module, pending):
    """Why the try cannot be confirmed, or None when it can: only a try in phase pending is one that jl2tp-apply
    confirm keeps (a rollback-incomplete one it only acknowledges, exit 0, the kernel left half restored)."""
    phase, ident, ns = pending.get('phase'), pending.get('id'), netns_option(module)
    if phase == 'pending':
        return None
    if phase == 'rolled-back':
        return ('try %s was rolled back (ended %s): there is nothing to confirm; the kernel is as before it'
                % (ident, pending.get('ended')))
    if phase == 'rollback-incomplete':
        return ('try %s was rolled back, but not completely (ended %s): there is nothing to confirm; not restored: %s. '
                'Fix what stands in the way and run jl2tp-apply rollback%s again, or jl2tp-apply confirm%s to leave '
                'the kernel as it is' % (ident, pending.get('ended'), '; '.join(pending.get('not-restored') or []),
                                         ns, ns))
    if phase == 'applying':
        return ('try %s was not applied to its end (its apply failed and could not be undone, or its process ended '
                'during it): it cannot be confirmed, only rolled back (jl2tp-apply rollback%s), or it rolls back at %s'
                % (ident, ns, pending.get('deadline')))
    return "try %s is in phase '%s', which this module does not know: nothing confirmed" % (ident, phase)


def refuse_blocking_try(module):
    """A try pending or being applied blocks an apply and a new try (jl2tp-apply exits 4), but not their dry run:
    told here, before anything is written, and in check mode, which foretells the real run."""
    pending = pending_try(module)
    if not pending or pending.get('phase') not in ('pending', 'applying'):
        return
    ns = netns_option(module)
    if pending.get('phase') == 'pending':
        why = ('try %s is pending in %s (rolls back at %s): jl2tp-apply refuses an apply or a new try until it is '
               'confirmed (a task with confirm: true alone, or jl2tp-apply confirm%s) or rolled back (jl2tp-apply '
               'rollback%s)' % (pending.get('id'), 'namespace %s' % module.params['netns'] if ns else 'this namespace',
                                pending.get('deadline'), ns, ns))
    else:
        why = cannot_confirm(module, pending) + '; until then jl2tp-apply refuses an apply or a new try'
    module.fail_json(msg=why + '; nothing written, nothing applied')


def confirm_alone(module):
    """confirm with no files: confirm the namespace's pending try, if there is one."""
    pending = pending_try(module)
    if not pending:
        module.exit_json(changed=False, msg='no try to confirm', **{'try': None})
    why_not = cannot_confirm(module, pending)
    if why_not:
        module.fail_json(msg=why_not)
    if module.check_mode:
        module.exit_json(changed=True, msg='would confirm try %s' % pending.get('id'),
                         **{'try': dict(id=pending.get('id'), armed=True, confirmed=False)})
    rc, out, err = run(module, ['confirm'] + netns_args(module))
    if rc != EXIT_OK:
        module.fail_json(msg='jl2tp-apply confirm failed (exit %d): %s' % (rc, (err or out).strip()), rc=rc, stderr=err)
    module.exit_json(changed=True, msg=(out + err).strip(),
                     **{'try': dict(id=pending.get('id'), armed=True, confirmed=True)})


def apply(module, files, current, changed_files):
    """A plain apply: write what changed, then jl2tp-apply --output json."""
    for name, content in files:
        if name in changed_files:
            write_atomically(module, CONFIG_DIR, name, content, 0o644)
    rc, out, err = run(module, netns_args(module) + ['--output', 'json'] + prune_args(module) + site_args(module))
    written = ' (%s written)' % ', '.join(os.path.join(CONFIG_DIR, n) for n in changed_files) if changed_files else ''
    if rc == EXIT_INVALID:
        module.fail_json(msg='invalid config%s; nothing applied:\n%s' % (written, err.strip()), problems=problems(err),
                         rc=rc, stderr=err)
    if rc != EXIT_OK:
        plan = parse_json(module, out, 'apply', rc, err) if out.strip() else None
        module.fail_json(msg='jl2tp-apply failed (exit %d)%s: %s' % (rc, written, describe_failure(plan, err)),
                         plan=plan, rc=rc, stderr=err)
    return parse_json(module, out, 'apply', rc, err)


def apply_try(module, files, changed_files):
    """try --candidate for the files that changed; confirm when asked. (plan, try result)."""
    directory = module.params['candidate_dir']
    try:
        if not os.path.isdir(directory):
            os.makedirs(directory, 0o700)
    except OSError as e:
        module.fail_json(msg='cannot make %s: %s' % (directory, e))
    args = ['try', '--timeout', str(module.params['try_timeout']), '--output', 'json'] + netns_args(module)
    args += prune_args(module) + site_args(module)
    for name, content in files:
        if name in changed_files:
            args += ['--candidate', write_atomically(module, directory, name, content, 0o600,
                                                     'its candidate in %s; nothing tried' % directory)]
    rc, out, err = run(module, args)
    out, err = mapped(out, directory), mapped(err, directory)
    if rc == EXIT_INVALID:
        module.fail_json(msg='invalid config; nothing written, nothing tried:\n' + err.strip(), problems=problems(err),
                         rc=rc, stderr=err)
    if rc != EXIT_OK:
        plan = parse_json(module, out, 'try', rc, err) if out.strip() else None
        module.fail_json(msg='jl2tp-apply try failed (exit %d): %s' % (rc, describe_failure(plan, err)), plan=plan,
                         rc=rc, stderr=err)
    plan = parse_json(module, out, 'try', rc, err)
    match = re.search(r'^try (\S+) applied', err, re.M)
    if not match:
        # Nothing to try (the kernel matches): nothing is armed, so nothing would install the files: write them.
        for name, content in files:
            if name in changed_files:
                write_atomically(module, CONFIG_DIR, name, content, 0o644)
        return plan, dict(id=None, armed=False, confirmed=False)
    tried = dict(id=match.group(1), armed=True, confirmed=False)
    if module.params['confirm']:
        rc, cout, cerr = run(module, ['confirm'] + netns_args(module))
        if rc != EXIT_OK:
            module.fail_json(msg='try %s applied, but jl2tp-apply confirm failed (exit %d); the try rolls back at its '
                                 'deadline: %s' % (tried['id'], rc, (cerr or cout).strip()), plan=plan, rc=rc,
                             stderr=cerr, **{'try': tried})
        tried['confirmed'] = True
    else:
        module.warn('try %s is armed: it rolls back in %d s unless confirmed (a task with confirm: true, or '
                    'jl2tp-apply confirm%s)' % (tried['id'], module.params['try_timeout'], netns_option(module)))
    return plan, tried


def main():
    argument_spec = common_argument_spec()
    argument_spec.update(
        path=dict(type='str'),
        content=dict(type='str'),
        files=dict(type='list', elements='dict', options=dict(
            path=dict(type='str', required=True),
            content=dict(type='str', required=True),
        )),
        prune=dict(type='bool', default=False),
        confirm=dict(type='bool', default=False),
        candidate_dir=dict(type='path', default=CANDIDATE_DIR),
        try_timeout=dict(type='int', default=120),
    )
    argument_spec['try'] = dict(type='bool', default=False)
    module = AnsibleModule(
        argument_spec=argument_spec,
        mutually_exclusive=[('path', 'files'), ('content', 'files')],
        required_together=[('path', 'content')],
        supports_check_mode=True,
    )
    defaults_for_nulls(module, argument_spec)
    if not 1 <= module.params['try_timeout'] <= 86400:
        module.fail_json(msg='try_timeout must be 1 to 86400 seconds, not %d' % module.params['try_timeout'])
    files = wanted_files(module)
    trying = module.params['try']
    if not files:
        if module.params['confirm'] and not trying:
            confirm_alone(module)
        module.fail_json(msg='give path and content, or files (or confirm alone, to confirm a pending try)')
    if module.params['confirm'] and not trying:
        module.fail_json(msg='confirm goes with try (to confirm the try this task makes), or alone (to confirm a '
                             'pending try)')

    current = dict((name, read_current(module, name)) for name, dummy in files)
    changed_files = [name for name, content in files if current[name] != content]
    # Same content, but not the file the module writes (mode 0644, root's): written again, as a change.
    fixes = {}
    for name, dummy in files:
        attrs = attributes(os.path.join(CONFIG_DIR, name)) if name not in changed_files and current[name] is not None else None
        if attrs:
            fixes[name] = attrs
    result = dict(files=[dict(path=os.path.join(CONFIG_DIR, name), changed=name in changed_files,
                              attributes_changed=name in fixes) for name, dummy in files])
    if module.check_mode or changed_files or fixes:
        refuse_blocking_try(module)
    if module.check_mode or changed_files:
        rc, plan = dry_run(module, files)
        if module.check_mode:
            warn_plan(module, plan)
            result.update(changed=rc == EXIT_CHANGES_PENDING or bool(changed_files) or bool(fixes), plan=plan)
            if module._diff:
                result['diff'] = diffs(module, files, current, fixes, plan)
            module.exit_json(**result)
    for name, content in files:
        if name in fixes:
            write_atomically(module, CONFIG_DIR, name, content, 0o644)
    if trying:
        plan, tried = apply_try(module, files, changed_files)
        result['try'] = tried
        # A confirmed try installed the candidates; an armed one leaves the files to the confirm.
        changed = plan_changes(plan) or (bool(changed_files) and (tried['confirmed'] or not tried['armed']))
    else:
        plan = apply(module, files, current, changed_files)
        changed = plan_changes(plan) or bool(changed_files)
    warn_plan(module, plan)
    result.update(changed=changed or bool(fixes), plan=plan)
    if module._diff:
        result['diff'] = diffs(module, files, current, fixes, plan)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
