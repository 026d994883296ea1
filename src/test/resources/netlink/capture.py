#!/usr/bin/env python3
"""Capture the netlink bytes that a command (normally `ip ...`) sends or receives, as a fixture.

usage: capture.py [--replies] [--all] [--type N] OUT -- COMMAND...

Runs COMMAND under `strace -f -e write=all -e read=all` and writes OUT:
  # command: COMMAND
  # captured: kernel <uname -r>, <ip -V>
  # <what the bytes are>
  hex bytes, 16 a line
Without --replies: the LAST netlink message COMMAND sent (earlier ones are ip's name lookups),
or every message sent with --all. With --replies: every byte COMMAND received after its last send
(MSG_PEEK reads are left out: ip peeks to size its buffer, then reads again).
--type N picks the last message of nlmsg_type N instead of the last one (`ip route get` looks the
output interface up after its RTM_GETROUTE), and with --replies the bytes received after it.
The nlmsg_seq/nlmsg_pid header fields change from run to run (ip uses seq = time); the tests zero
them on both sides before comparing.
"""
import os, re, shlex, subprocess, sys, tempfile

def main():
    args = sys.argv[1:]
    replies = '--replies' in args
    every = '--all' in args
    args = [a for a in args if a not in ('--replies', '--all')]
    want_type = None
    if '--type' in args:
        i = args.index('--type')
        want_type = int(args[i + 1], 0)
        del args[i:i + 2]
    out, sep, cmd = args[0], args[1], args[2:]
    assert sep == '--'
    with tempfile.NamedTemporaryFile('r', suffix='.strace') as log:
        subprocess.run(['strace', '-f', '-qq', '-xx', '-s', '65536', '-o', log.name,
                        '-e', 'trace=sendmsg,sendto,recvmsg,recvfrom',
                        '-e', 'write=all', '-e', 'read=all'] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        calls = parse(log.read())
    for c in calls:
        if c[0] in ('sendmsg', 'sendto'):
            c[2] = whole_messages(c[2])
    is_send = lambda c: c[0] in ('sendmsg', 'sendto') and (
        want_type is None or (len(c[2]) >= 6 and int.from_bytes(c[2][4:6], 'little') == want_type))
    sends = [c for c in calls if is_send(c)]
    if not sends:
        sys.exit('no netlink send captured')
    if replies:
        last = max(i for i, c in enumerate(calls) if is_send(c))
        data = b''.join(c[2] for c in calls[last + 1:]
                        if c[0] in ('recvmsg', 'recvfrom') and 'MSG_PEEK' not in c[1])
        what = 'bytes received after the last request (all datagrams, in order)'
    elif every:
        data = b''.join(c[2] for c in sends)
        what = 'every message sent'
    else:
        data = sends[-1][2]
        what = 'the last message sent (the request under test)'
    kernel = os.uname().release
    ipv = subprocess.run(['ip', '-V'], capture_output=True, text=True).stdout.strip()
    with open(out, 'w') as f:
        f.write('# command: %s\n' % ' '.join(shlex.quote(c) for c in cmd))
        f.write('# captured: kernel %s, %s\n' % (kernel, ipv))
        f.write('# %s; nlmsg_seq and nlmsg_pid are zeroed before comparing\n' % what)
        for i in range(0, len(data), 16):
            f.write(' '.join('%02x' % b for b in data[i:i + 16]) + '\n')

def whole_messages(data):
    # A send's buffer can hold more than its messages (ip hands the kernel a fixed-size struct):
    # keep nlmsg_len bytes of each message, in order, until a zero length or the end.
    out, off = b'', 0
    while off + 16 <= len(data):
        n = int.from_bytes(data[off:off + 4], 'little')
        if n < 16 or off + n > len(data):
            break
        out += data[off:off + n]
        off += (n + 3) & ~3
    return out

CALL = re.compile(r'^(?:\d+\s+)?(sendmsg|sendto|recvmsg|recvfrom)\((.*)$')
DUMP = re.compile(r'^(?:\d+\s+)?\s*\| ([0-9a-f]{5})  ((?:[0-9a-f]{2}\s{1,2}){1,16})')

def parse(text):
    calls = []
    for line in text.splitlines():
        m = CALL.match(line)
        if m:
            calls.append([m.group(1), m.group(2), b''])
            continue
        d = DUMP.match(line)
        if d and calls:
            calls[-1][2] += bytes.fromhex(d.group(2).replace(' ', ''))
    return calls

if __name__ == '__main__':
    main()
