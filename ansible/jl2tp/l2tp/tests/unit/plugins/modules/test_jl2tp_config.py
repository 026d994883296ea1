# -*- coding: utf-8 -*-
# Copyright: 2026 jl2tp team <jl2tp@example.org>
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
"""jl2tp_config with jl2tp-apply's answers scripted: what it runs, writes and reports."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import errno
import json
import os
import stat

import pytest

from ansible_collections.jl2tp.l2tp.plugins.modules import jl2tp_config

SITE = 'l2tp:\n  version: 1\n  tunnels: {}\n'
SITE_NEW = 'l2tp:\n  version: 1\n  tunnels:\n    t1: {tunnel_id: 1}\n'


def plan(changes=(), conflicts=(), warnings=()):
    return json.dumps({'in-sync': not changes and not conflicts, 'changes': list(changes), 'notes': [],
                       'conflicts': list(conflicts), 'warnings': list(warnings)})


def change(op, sign, obj, summary, reason, origin=None):
    return {'op': op, 'sign': sign, 'phase': op + 's', 'object': obj, 'summary': summary, 'reason': reason,
            'origin': origin}


def status(try_):
    return json.dumps({'tunnels': [], 'site': None, 'try': try_})


def no_try(host):
    """status before anything is written (or in check mode): no try blocks the apply."""
    host.answer(0, status(None))


CREATE = change('create-tunnel', '+', 'tunnel 3000', 'create tunnel 3000 (udp 192.0.2.1 -> 192.0.2.2)', 'not in the kernel')
SET_UP = change('set-up', '~', 'link l2tpeth0', 'set l2tpeth0 up', 'down -> up')
SET_MTU = change('set-mtu', '~', 'link l2tpeth0', 'set l2tpeth0 mtu 1446', 'mtu 1446')
COOKIE_DEL = change('delete-session', '-', 'session 1000 in tunnel 3000', 'delete session 1000 in tunnel 3000 (l2tpeth0)',
                    'cookie deadbeef -> 0badc0de; only sequencing changes in place')
COOKIE_ADD = change('create-session', '+', 'session 1000 in tunnel 3000',
                    'create session 1000 in tunnel 3000 (l2tpeth0, peer session 2000)',
                    'cookie deadbeef -> 0badc0de; only sequencing changes in place')


@pytest.fixture(autouse=True)
def directories(host, monkeypatch):
    for d in (host.usr, host.etc, host.run_dir):
        d.mkdir()
    monkeypatch.setattr(jl2tp_config, 'SEARCH_PATH', [str(host.usr), str(host.etc), str(host.run_dir)])
    monkeypatch.setattr(jl2tp_config, 'CONFIG_DIR', str(host.etc))
    # The files the tests write are 0644, as the module writes them, whatever the umask of the run.
    umask = os.umask(0o022)
    yield
    os.umask(umask)


def run(host, check_mode=False, diff=False, **args):
    args.setdefault('candidate_dir', str(host.candidates))
    return host.run(jl2tp_config.main, args, check_mode=check_mode, diff=diff)


def temp_config(call):
    """The --config files of a dry run."""
    return [call[i + 1] for i, arg in enumerate(call) if arg == '--config']


def test_check_mode_dry_runs_the_candidate_in_place_and_writes_nothing(host):
    no_try(host)
    host.answer(3, plan([CREATE]))
    result = run(host, check_mode=True, diff=True, path='10-site.yaml', content=SITE, netns='a', site='a', prune=True)
    assert not result.failed
    assert result.result['changed'] is True
    assert not (host.etc / '10-site.yaml').exists()
    assert host.calls[0] == [host.binary, 'status', '--output', 'json', '--netns', 'a']
    call = host.calls[1]
    assert call[:3] == [host.binary, '--netns', 'a']
    for flag in ('--dry-run', '--exit-code', '--prune'):
        assert flag in call
    assert call[call.index('--output') + 1] == 'json'
    assert call[call.index('--site') + 1] == 'a'
    configs = temp_config(call)
    assert len(configs) == 1 and os.path.basename(configs[0]) == '10-site.yaml'
    assert host.seen_files == [(configs[0], SITE)]
    assert not os.path.exists(configs[0]), 'the temporary copy is removed'
    assert result.result['plan']['changes'][0]['op'] == 'create-tunnel'
    diff = result.result['diff']
    assert diff[0]['after'] == SITE and diff[0]['before'] == ''
    assert 'tunnel 3000' in diff[1]['after'] and diff[1]['before'] == ''


def test_check_mode_in_sync_and_same_file_is_not_a_change(host):
    no_try(host)
    (host.etc / '10-site.yaml').write_text(SITE)
    host.answer(0, plan())
    result = run(host, check_mode=True, path='10-site.yaml', content=SITE)
    assert result.result['changed'] is False


def test_check_mode_a_new_file_that_changes_nothing_in_the_kernel_is_a_change(host):
    no_try(host)
    (host.etc / '10-site.yaml').write_text(SITE)
    host.answer(0, plan())
    result = run(host, check_mode=True, path='10-site.yaml', content=SITE + '# a comment\n')
    assert result.result['changed'] is True


def test_the_dry_run_reads_the_search_path_with_the_candidate_in_place_in_merge_order(host):
    no_try(host)
    (host.usr / '00-packaged.yaml').write_text(SITE)
    (host.usr / '10-site.yaml').write_text(SITE)
    (host.etc / '10-site.yaml').write_text(SITE)
    (host.etc / '20-more.yaml').write_text(SITE)
    (host.etc / 'notes.txt').write_text('not read')
    (host.run_dir / '30-run.yaml').write_text(SITE)
    host.answer(3, plan([CREATE]))
    run(host, check_mode=True, path='10-site.yaml', content=SITE_NEW)
    configs = temp_config(host.calls[1])
    assert configs[0] == str(host.usr / '00-packaged.yaml')
    assert os.path.basename(configs[1]) == '10-site.yaml' and not configs[1].startswith(str(host.root / 'etc'))
    assert configs[2:] == [str(host.etc / '20-more.yaml'), str(host.run_dir / '30-run.yaml')]


def test_a_candidate_shadowed_by_run_is_refused(host):
    no_try(host)
    (host.run_dir / '10-site.yaml').write_text(SITE)
    result = run(host, check_mode=True, path='10-site.yaml', content=SITE)
    assert result.failed
    assert 'shadowed by %s' % (host.run_dir / '10-site.yaml') in result.result['msg']
    assert len(host.calls) == 1, 'status only, no dry run'


def test_validation_errors_name_the_destination_file_with_line_and_column(host):
    no_try(host)
    host.answer_with(lambda args: (2, '', "%s:4:7: unknown key 'tunnel_id' in tunnel 't1'; did you mean 'tunnel-id'?\n"
                                          "        t1: {tunnel_id: 1}\n      ^\n1 problem\n" % temp_config(args)[0]))
    result = run(host, path='10-site.yaml', content=SITE_NEW)
    assert result.failed
    dest = str(host.etc / '10-site.yaml')
    assert "%s:4:7: unknown key 'tunnel_id'" % dest in result.result['msg']
    assert 'nothing written, nothing applied' in result.result['msg']
    assert result.result['problems'] == [{'file': dest, 'line': 4, 'column': 7,
                                          'message': "unknown key 'tunnel_id' in tunnel 't1'; did you mean 'tunnel-id'?"}]
    assert not (host.etc / '10-site.yaml').exists()
    assert len(host.calls) == 2


def test_a_conflict_in_the_dry_run_fails_before_anything_is_written(host):
    no_try(host)
    host.answer(1, plan(conflicts=[{'object': 'tunnel 3000', 'message': 'tunnel id 3000 is held by a tunnel jl2tp did '
                                                                        'not make', 'origin': None}]),
                'jl2tp-apply: nothing applied: the plan has conflicts (above)\n')
    result = run(host, path='10-site.yaml', content=SITE)
    assert result.failed
    assert 'conflict: tunnel 3000: tunnel id 3000 is held' in result.result['msg']
    assert not (host.etc / '10-site.yaml').exists()


def test_a_real_run_writes_atomically_then_applies_and_reports_the_apply(host):
    no_try(host)
    host.answer(3, plan([CREATE]))
    host.answer(0, plan([CREATE]))
    result = run(host, path='10-site.yaml', content=SITE, netns='a')
    assert result.result['changed'] is True
    dest = host.etc / '10-site.yaml'
    assert dest.read_text() == SITE
    mode = os.stat(str(dest))
    assert stat.S_IMODE(mode.st_mode) == 0o644
    if os.geteuid() == 0:
        assert mode.st_uid == 0 and mode.st_gid == 0
    assert sorted(os.listdir(str(host.etc))) == ['10-site.yaml'], 'no temporary file is left'
    apply = host.calls[2]
    assert apply == [host.binary, '--netns', 'a', '--output', 'json']
    assert result.result['files'] == [{'path': str(dest), 'changed': True, 'attributes_changed': False}]


def test_an_unchanged_file_and_a_kernel_in_sync_is_one_apply_and_no_change(host):
    (host.etc / '10-site.yaml').write_text(SITE)
    host.answer(0, plan())
    result = run(host, path='10-site.yaml', content=SITE)
    assert result.result['changed'] is False
    assert len(host.calls) == 1 and '--dry-run' not in host.calls[0]


def test_a_drifted_kernel_is_repaired_and_reported_changed(host):
    (host.etc / '10-site.yaml').write_text(SITE)
    host.answer(0, plan([SET_UP]))
    result = run(host, path='10-site.yaml', content=SITE, diff=True)
    assert result.result['changed'] is True
    assert result.result['diff'] == [{'before_header': 'kernel: before', 'after_header': 'kernel: after the plan',
                                      'before': 'link l2tpeth0: down\n', 'after': 'link l2tpeth0: up\n'}]


def test_a_pending_try_refuses_the_apply(host):
    (host.etc / '10-site.yaml').write_text(SITE)
    host.answer(4, '', 'jl2tp-apply: refused: a try is pending in this namespace (try 3f9c); run jl2tp-apply confirm\n')
    result = run(host, path='10-site.yaml', content=SITE)
    assert result.failed
    assert 'exit 4' in result.result['msg'] and 'a try is pending' in result.result['msg']


@pytest.mark.parametrize('name', ['../x.yaml', 'a/b.yaml', 'x.yml', '.hidden.yaml', '', '..'])
def test_a_path_that_is_not_a_plain_yaml_file_name_is_refused(host, name):
    result = run(host, path=name, content=SITE)
    assert result.failed
    assert 'not a config file name' in result.result['msg']
    assert host.calls == []


def test_several_files_are_dry_run_and_written_together(host):
    no_try(host)
    host.answer(3, plan([CREATE]))
    host.answer(0, plan([CREATE]))
    result = run(host, files=[{'path': '10-site.yaml', 'content': SITE}, {'path': '20-links.yaml', 'content': SITE_NEW}])
    assert result.result['changed'] is True
    assert [os.path.basename(c) for c in temp_config(host.calls[1])] == ['10-site.yaml', '20-links.yaml']
    assert (host.etc / '20-links.yaml').read_text() == SITE_NEW


def test_try_gives_the_candidates_and_leaves_the_files_to_the_confirm(host):
    no_try(host)
    host.answer(3, plan([CREATE]))
    host.answer(0, plan([CREATE]), 'try 3f9c0a51d2e87b64 applied; it rolls back at 10:02:00 UTC (in 60 s) unless '
                                   'confirmed: jl2tp-apply confirm --netns a\nrollback armed: process 216\n')
    result = run(host, path='10-site.yaml', content=SITE, netns='a', **{'try': True, 'try_timeout': 60})
    assert result.result['changed'] is True
    assert result.result['try'] == {'id': '3f9c0a51d2e87b64', 'armed': True, 'confirmed': False}
    call = host.calls[2]
    assert call[1:4] == ['try', '--timeout', '60']
    candidate = call[call.index('--candidate') + 1]
    assert candidate == str(host.candidates / '10-site.yaml')
    assert not (host.etc / '10-site.yaml').exists(), 'confirm installs it'
    assert any('rolls back in 60 s unless confirmed' in w for w in host.warnings)


def test_try_with_confirm_confirms_at_once(host):
    no_try(host)
    host.answer(3, plan([CREATE]))
    host.answer(0, plan([CREATE]), 'try 3f9c0a51d2e87b64 applied; ...\n')
    host.answer(0, 'try 3f9c0a51d2e87b64 confirmed\n')
    result = run(host, path='10-site.yaml', content=SITE, confirm=True, **{'try': True})
    assert result.result['try']['confirmed'] is True
    assert host.calls[3][1:] == ['confirm']


def test_try_with_nothing_to_try_writes_the_files_itself(host):
    no_try(host)
    host.answer(0, plan())
    host.answer(0, plan(), 'nothing to try: the kernel already matches the config; no rollback is armed\n')
    result = run(host, path='10-site.yaml', content=SITE, **{'try': True})
    assert result.result['try'] == {'id': None, 'armed': False, 'confirmed': False}
    assert (host.etc / '10-site.yaml').read_text() == SITE
    assert result.result['changed'] is True


def test_confirm_alone_confirms_the_pending_try(host):
    host.answer(0, status({'id': 'abc', 'phase': 'pending'}))
    host.answer(0, 'try abc confirmed\n')
    result = run(host, confirm=True, netns='a')
    assert result.result['changed'] is True
    assert host.calls[1] == [host.binary, 'confirm', '--netns', 'a']


def test_confirm_alone_with_no_try_is_no_change(host):
    host.answer(0, status(None))
    result = run(host, confirm=True)
    assert result.result['changed'] is False and not result.failed


def test_confirm_alone_after_a_rollback_fails(host):
    host.answer(0, status({'id': 'abc', 'phase': 'rolled-back', 'ended': '10:02:01'}))
    result = run(host, confirm=True)
    assert result.failed and 'was rolled back' in result.result['msg']


INCOMPLETE = {'id': 'abc', 'phase': 'rollback-incomplete', 'ended': '2026-12-06T10:02:01Z',
              'not-restored': ['session 1000 in tunnel 3000: not made again: l2tpeth0 is taken']}


@pytest.mark.parametrize('check_mode', [False, True])
def test_confirm_alone_after_an_incomplete_rollback_fails_and_runs_nothing_but_status(host, check_mode):
    host.answer(0, status(INCOMPLETE), '')
    result = run(host, check_mode=check_mode, confirm=True, netns='a')
    assert result.failed
    msg = result.result['msg']
    assert 'try abc was rolled back, but not completely' in msg
    assert 'session 1000 in tunnel 3000: not made again: l2tpeth0 is taken' in msg
    assert 'jl2tp-apply rollback --netns a' in msg and 'jl2tp-apply confirm --netns a' in msg
    assert len(host.calls) == 1, 'jl2tp-apply confirm would only acknowledge it'


@pytest.mark.parametrize('check_mode', [False, True])
def test_confirm_alone_of_a_try_whose_apply_did_not_end_fails_and_runs_nothing_but_status(host, check_mode):
    host.answer(0, status({'id': 'abc', 'phase': 'applying', 'deadline': '2026-12-06T10:02:00Z'}))
    result = run(host, check_mode=check_mode, confirm=True)
    assert result.failed
    assert 'try abc was not applied to its end' in result.result['msg']
    assert 'jl2tp-apply rollback' in result.result['msg']
    assert len(host.calls) == 1


@pytest.mark.parametrize('phase', ['rolled-back', 'a-phase-of-a-later-jl2tp'])
def test_confirm_alone_in_check_mode_fails_for_a_try_it_cannot_confirm(host, phase):
    host.answer(0, status({'id': 'abc', 'phase': phase}))
    result = run(host, check_mode=True, confirm=True)
    assert result.failed and len(host.calls) == 1


def test_confirm_alone_in_check_mode_runs_nothing_but_status(host):
    host.answer(0, status({'id': 'abc', 'phase': 'pending'}))
    result = run(host, check_mode=True, confirm=True)
    assert result.result['changed'] is True and len(host.calls) == 1


def test_confirm_with_content_but_no_try_is_refused(host):
    result = run(host, path='10-site.yaml', content=SITE, confirm=True)
    assert result.failed and 'confirm goes with try' in result.result['msg']


def test_a_missing_binary_is_a_clear_failure(host):
    os.unlink(host.binary)
    result = run(host, check_mode=True, path='10-site.yaml', content=SITE)
    assert result.failed and 'install the jl2tp package' in result.result['msg']


def test_no_json_from_jl2tp_is_a_clear_failure(host):
    (host.etc / '10-site.yaml').write_text(SITE)
    host.answer(0, 'not json', '')
    result = run(host, path='10-site.yaml', content=SITE)
    assert result.failed and 'printed no JSON' in result.result['msg']


def test_plan_diff_shows_objects_before_and_after():
    diff = jl2tp_config.plan_diff({'changes': [COOKIE_DEL, COOKIE_ADD, SET_MTU]}, ' (netns a)')
    assert diff['before_header'] == 'kernel (netns a): before'
    assert diff['before'] == 'session 1000 in tunnel 3000 (l2tpeth0): cookie deadbeef\n'
    assert diff['after'] == ('session 1000 in tunnel 3000 (l2tpeth0, peer session 2000): cookie 0badc0de\n'
                             'link l2tpeth0: mtu 1446\n')


def test_a_null_try_timeout_is_the_default(host):
    no_try(host)
    host.answer(3, plan([CREATE]))
    host.answer(0, plan([CREATE]), 'try 3f9c0a51d2e87b64 applied; ...\n')
    result = run(host, path='10-site.yaml', content=SITE, **{'try': True, 'try_timeout': None})
    assert not result.failed
    assert host.calls[2][1:4] == ['try', '--timeout', '120']


def test_a_null_candidate_dir_is_the_default(host, monkeypatch):
    no_try(host)
    monkeypatch.setattr(jl2tp_config, 'CANDIDATE_DIR', str(host.candidates))
    host.answer(3, plan([CREATE]))
    host.answer(0, plan([CREATE]), 'try 3f9c0a51d2e87b64 applied; ...\n')
    result = run(host, path='10-site.yaml', content=SITE, candidate_dir=None, **{'try': True})
    assert not result.failed
    call = host.calls[2]
    assert call[call.index('--candidate') + 1] == str(host.candidates / '10-site.yaml')


def test_a_null_content_is_refused(host):
    result = run(host, path='10-site.yaml', content=None)
    assert result.failed and "content of '10-site.yaml' is null" in result.result['msg']
    assert host.calls == [] and not (host.etc / '10-site.yaml').exists()


def test_a_null_path_in_files_is_refused(host):
    result = run(host, files=[{'path': None, 'content': SITE}])
    assert result.failed and 'a path in files is null' in result.result['msg'] and host.calls == []


def test_a_null_binary_is_the_default(host):
    result = run(host, check_mode=True, path='10-site.yaml', content=SITE, binary=None)
    assert result.failed and '/usr/bin/jl2tp-apply is not an executable file' in result.result['msg']


@pytest.mark.parametrize('where', ['dry run', 'candidate', 'etc'])
def test_a_failed_write_names_the_destination_never_the_temporary_copy(host, monkeypatch, where):
    no_try(host)
    mkstemp = jl2tp_config.tempfile.mkstemp
    fails_in = {'dry run': jl2tp_config.tempfile.gettempdir(), 'candidate': str(host.candidates), 'etc': str(host.etc)}[where]

    def full(**kwargs):
        if os.path.dirname(kwargs['dir']) == fails_in or kwargs['dir'] == fails_in:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.path.join(kwargs['dir'], '.10-site.yaml.x.tmp'))
        return mkstemp(**kwargs)
    monkeypatch.setattr(jl2tp_config.tempfile, 'mkstemp', full)
    if where != 'dry run':
        host.answer(3, plan([CREATE]))
    result = run(host, path='10-site.yaml', content=SITE, **{'try': where == 'candidate'})
    assert result.failed
    msg = result.result['msg']
    assert msg.startswith('cannot write %s' % (host.etc / '10-site.yaml')), msg
    assert 'No space left on device' in msg
    assert '.10-site.yaml.x.tmp' not in msg and 'jl2tp-ansible-' not in msg, msg
    assert not (host.etc / '10-site.yaml').exists()


PENDING = {'id': 'abc', 'phase': 'pending', 'deadline': '2026-12-06T10:02:00Z'}


@pytest.mark.parametrize('check_mode', [False, True])
def test_a_pending_try_refuses_a_changed_file_before_anything_is_written(host, check_mode):
    (host.etc / '10-site.yaml').write_text(SITE)
    host.answer(0, status(PENDING))
    result = run(host, check_mode=check_mode, path='10-site.yaml', content=SITE_NEW, netns='a')
    assert result.failed
    msg = result.result['msg']
    assert 'try abc is pending in namespace a (rolls back at 2026-12-06T10:02:00Z)' in msg
    assert 'confirm: true alone, or jl2tp-apply confirm --netns a' in msg and 'jl2tp-apply rollback --netns a' in msg
    assert msg.endswith('nothing written, nothing applied')
    assert (host.etc / '10-site.yaml').read_text() == SITE, 'the changed file is not written'
    assert host.calls == [[host.binary, 'status', '--output', 'json', '--netns', 'a']]


def test_a_try_whose_apply_did_not_end_refuses_a_new_try_before_anything_is_written(host):
    host.answer(0, status({'id': 'abc', 'phase': 'applying', 'deadline': '2026-12-06T10:02:00Z'}))
    result = run(host, path='10-site.yaml', content=SITE, **{'try': True})
    assert result.failed
    assert 'try abc was not applied to its end' in result.result['msg']
    assert 'nothing written, nothing applied' in result.result['msg']
    assert not (host.etc / '10-site.yaml').exists() and not host.candidates.exists()
    assert len(host.calls) == 1


def test_a_try_rolled_back_does_not_block_the_apply(host):
    host.answer(0, status({'id': 'abc', 'phase': 'rolled-back', 'ended': '2026-12-06T10:02:01Z'}))
    host.answer(3, plan([CREATE]))
    host.answer(0, plan([CREATE]))
    result = run(host, path='10-site.yaml', content=SITE)
    assert not result.failed and result.result['changed'] is True
    assert (host.etc / '10-site.yaml').read_text() == SITE


def site_file(host, mode):
    """/etc/jl2tp/10-site.yaml with SITE, in that mode."""
    dest = host.etc / '10-site.yaml'
    dest.write_text(SITE)
    os.chmod(str(dest), mode)
    return dest


def test_a_file_of_the_same_content_but_mode_0600_is_made_0644_and_reported_changed(host):
    dest = site_file(host, 0o600)
    no_try(host)
    host.answer(0, plan())
    result = run(host, path='10-site.yaml', content=SITE, diff=True)
    assert not result.failed and result.result['changed'] is True
    assert stat.S_IMODE(os.stat(str(dest)).st_mode) == 0o644 and dest.read_text() == SITE
    assert result.result['files'] == [{'path': str(dest), 'changed': False, 'attributes_changed': True}]
    assert '--dry-run' not in host.calls[1], 'the content is the same: nothing to dry run'
    assert result.result['diff'][0]['before'].startswith('mode 0600')
    assert result.result['diff'][0]['after'].startswith('mode 0644')
    assert sorted(os.listdir(str(host.etc))) == ['10-site.yaml'], 'no temporary file is left'


def test_check_mode_reports_a_wrong_mode_as_a_change_and_leaves_it(host):
    dest = site_file(host, 0o600)
    no_try(host)
    host.answer(0, plan())
    result = run(host, check_mode=True, path='10-site.yaml', content=SITE)
    assert not result.failed and result.result['changed'] is True
    assert stat.S_IMODE(os.stat(str(dest)).st_mode) == 0o600


@pytest.mark.skipif(os.geteuid() != 0, reason='only root can give a file to another owner, or take it back')
def test_a_file_of_the_same_content_owned_by_another_user_is_given_back_to_root(host):
    dest = site_file(host, 0o644)
    os.chown(str(dest), 1000, 1000)
    no_try(host)
    host.answer(0, plan())
    result = run(host, path='10-site.yaml', content=SITE)
    assert result.result['changed'] is True
    st = os.stat(str(dest))
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (0, 0, 0o644)


def test_a_pending_try_refuses_a_mode_fix_too(host):
    dest = site_file(host, 0o600)
    host.answer(0, status(PENDING))
    result = run(host, path='10-site.yaml', content=SITE)
    assert result.failed and 'nothing written' in result.result['msg']
    assert stat.S_IMODE(os.stat(str(dest)).st_mode) == 0o600


def test_a_symbolic_link_of_the_same_content_is_replaced_by_the_file(host):
    target = host.root / 'elsewhere.yaml'
    target.write_text(SITE)
    dest = host.etc / '10-site.yaml'
    os.symlink(str(target), str(dest))
    no_try(host)
    host.answer(0, plan())
    result = run(host, path='10-site.yaml', content=SITE)
    assert result.result['changed'] is True
    assert not os.path.islink(str(dest)) and dest.read_text() == SITE and target.read_text() == SITE
