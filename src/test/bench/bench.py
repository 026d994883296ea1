#!/usr/bin/env python3
"""jl2tp-apply against `ip -batch`, at scale, in the test VM (run through run.sh, not by hand).

For each N: N sessions in N/100 tunnels of 100 (an IPv6 address on every tenth session), built from
empty by `ip -batch` (the commands `jl2tp-apply --dry-run --output ip` renders) in one namespace and
by jl2tp-apply in another; then jl2tp's no-op re-apply, one changed session (a cookie: the session
is recreated), and both tools' teardown to empty. Each command is timed from outside (wall time,
and max RSS from getrusage of the child); jl2tp's own split comes from --timings.
Writes bench.json and bench.md into the results directory.
"""
import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import time

LAUNCHER = None  # set in main()


def sh(*cmd, check=True, **kw):
    return subprocess.run(list(cmd), check=check, text=True, capture_output=True, **kw)


def measure(cmd, stdin=None):
    """Runs cmd in a child of a fresh python, so RUSAGE_CHILDREN holds only it."""
    probe = ("import resource,subprocess,sys,time,json;"
             "t=time.monotonic();"
             "p=subprocess.run(sys.argv[1:],stdin=open(%r) if %r else None,capture_output=True,text=True);"
             "w=time.monotonic()-t;"
             "r=resource.getrusage(resource.RUSAGE_CHILDREN);"
             "print(json.dumps({'wall':w,'rss_kb':r.ru_maxrss,'rc':p.returncode,'err':p.stderr[-4000:],"
             "'out_lines':p.stdout.count(chr(10))}))") % (stdin or "", bool(stdin))
    r = sh(sys.executable, "-c", probe, *cmd)
    return json.loads(r.stdout)


def jl2tp(*args):
    return [LAUNCHER, *args]


def fresh_netns(name):
    sh("ip", "netns", "del", name, check=False)
    sh("ip", "netns", "add", name)
    for c in (["link", "set", "lo", "up"], ["link", "add", "pw0", "type", "dummy"],
              ["addr", "add", "192.0.2.1/24", "dev", "pw0"], ["link", "set", "pw0", "up"]):
        sh("ip", "-n", name, *c)


def config(n, changed=False):
    tunnels = max(1, n // 100)
    per = n // tunnels
    lines = ["l2tp:", "  version: 1", "  tunnels:"]
    k = 0
    for t in range(tunnels):
        lines += [f"    t{t}:", f"      tunnel-id: {1000 + t}", f"      peer-tunnel-id: {2000 + t}",
                  "      local: 192.0.2.1", f"      remote: 192.0.2.{2 + t % 250}",
                  f"      udp-source-port: {5000 + t}", f"      udp-destination-port: {6000 + t}",
                  "      sessions:"]
        for s in range(per):
            lines += [f"        pw{t}s{s}:", f"          session-id: {s + 1}", f"          peer-session-id: {s + 1}"]
            if changed and t == 0 and s == 0:
                lines += ["          cookie: 0011223344556677", "          peer-cookie: 8899aabbccddeeff"]
            if k % 10 == 0:  # documentation addresses only
                lines += [f"          addresses: ['2001:db8:100::{k // 10 + 1:x}/128']"]
            k += 1
    return "\n".join(lines) + "\n"


def by_tunnel(commands):
    """The rendered ip commands grouped by the tunnel they belong to (tunnel_id, or the pwTsS name);
    a command of neither goes with the last group."""
    groups, other = {}, []
    for line in commands.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        m = re.search(r"tunnel_id (\d+)", line) or re.search(r"\bpw(\d+)s\d+\b", line)
        if m is None:
            other.append(line)
            continue
        t = int(m.group(1)) - 1000 if m.re.pattern.startswith("tunnel_id") else int(m.group(1))
        groups.setdefault(t, []).append(line)
    ordered = [groups[t] for t in sorted(groups)]
    if ordered:
        ordered[-1] += other
    return ordered


def ip_batch(ns, lines, path):
    open(path, "w").write("\n".join(lines) + "\n")
    return must(measure(["ip", "-n", ns, "-batch", path]), f"ip -batch {path}")


def ip_create_in_chunks(ns, commands, work, per_chunk=1000):
    """ip -batch of the create commands, 10 tunnels (1 000 sessions) at a time, each chunk's
    `l2tp add` lines apart from its link settings: whether a session costs more as the count
    grows, and in which kind of request. Returns the row (summed wall, max RSS) with the chunks."""
    tunnels = by_tunnel(commands)
    per = max(1, per_chunk // 100)
    chunks, wall, rss = [], 0.0, 0
    for i in range(0, len(tunnels), per):
        lines = [l for group in tunnels[i:i + per] for l in group]
        adds = [l for l in lines if l.startswith("l2tp add")]
        rest = [l for l in lines if not l.startswith("l2tp add")]
        a = ip_batch(ns, adds, os.path.join(work, f"chunk-{i}-add.ip"))
        r = ip_batch(ns, rest, os.path.join(work, f"chunk-{i}-settings.ip")) if rest else {"wall": 0.0, "rss_kb": 0}
        sessions = sum(1 for l in adds if l.startswith("l2tp add session"))
        chunks.append({"before": sum(c["sessions"] for c in chunks), "sessions": sessions,
                       "add": a["wall"], "settings": r["wall"]})
        wall += a["wall"] + r["wall"]
        rss = max(rss, a["rss_kb"], r["rss_kb"])
    return {"wall": wall, "rss_kb": rss, "rc": 0, "err": "", "chunks": chunks}


def ip_teardown_parallel(ns, teardown, work, processes=4):
    """The teardown commands split by tunnel across several `ip -batch` processes at once (each
    deletes its tunnels' sessions, then the tunnels): whether the kernel takes deletes in parallel."""
    tunnels = by_tunnel(teardown)
    parts = [[l for k, group in enumerate(tunnels) if k % processes == p for l in group] for p in range(processes)]
    files = []
    for p, lines in enumerate(parts):
        path = os.path.join(work, f"teardown-part-{p}.ip")
        open(path, "w").write("\n".join(lines) + "\n")
        files.append(path)
    t = time.monotonic()
    children = [subprocess.Popen(["ip", "-n", ns, "-batch", f], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 text=True) for f in files]
    errors = [c.communicate()[1] for c in children]
    wall = time.monotonic() - t
    if any(c.returncode for c in children):
        raise SystemExit("parallel teardown failed:\n" + "\n".join(errors))
    return {"wall": wall, "rss_kb": 0, "rc": 0, "err": "", "until_gone": wall + wait_empty(ns)}


def count(ns):
    out = sh("ip", "-n", ns, "l2tp", "show", "session").stdout
    return out.count("Session ")


def wait_empty(ns, timeout=3600):
    t = time.monotonic()
    while time.monotonic() - t < timeout:
        if not sh("ip", "-n", ns, "l2tp", "show", "tunnel").stdout.strip() and \
                "pw" not in sh("ip", "-n", ns, "-o", "link", "show", "type", "l2tp").stdout:
            return time.monotonic() - t
        time.sleep(0.05)
    raise SystemExit(f"{ns}: still not empty after {timeout} s")


def timings(err):
    m = re.search(r"^timings: (.*)$", err, re.M)
    if not m:
        return {}
    out = {}
    for part in m.group(1).split(", "):
        name, value = part.rsplit(" ", 2)[0], part.rsplit(" ", 2)[1]
        out[name] = float(value)
    return out


def must(result, what):
    if result["rc"] != 0:
        raise SystemExit(f"{what} failed (exit {result['rc']}):\n{result['err']}")
    return result


def run_size(n, work, teardown=True, experiments=True):
    rows = {}
    cfg = os.path.join(work, f"sessions-{n}.yaml")
    changed = os.path.join(work, f"sessions-{n}-changed.yaml")
    empty = os.path.join(work, "empty.yaml")
    open(cfg, "w").write(config(n))
    open(changed, "w").write(config(n, changed=True))
    open(empty, "w").write("l2tp:\n  version: 1\n")

    # ip -batch, with the commands jl2tp renders for an empty namespace.
    fresh_netns("bench-ip")
    create_ip = os.path.join(work, f"create-{n}.ip")
    create = sh(*jl2tp("--netns", "bench-ip", "--dry-run", "--output", "ip", "-c", cfg)).stdout
    open(create_ip, "w").write(create)
    commands = sum(1 for l in create.splitlines() if l and not l.startswith("#"))
    rows["ip: apply from empty"] = ip_create_in_chunks("bench-ip", create, work)
    assert count("bench-ip") == n, "ip -batch made %d sessions" % count("bench-ip")
    if teardown:
        teardown_ip = os.path.join(work, f"teardown-{n}.ip")
        teardown_lines = sh(*jl2tp("--netns", "bench-ip", "--dry-run", "--prune", "--output", "ip", "-c", empty)
                            ).stdout.splitlines()
        rows["ip: teardown"] = ip_batch("bench-ip", teardown_lines, teardown_ip)
        rows["ip: teardown"]["until_gone"] = rows["ip: teardown"]["wall"] + wait_empty("bench-ip")
    if teardown and experiments:
        # What the kernel allows: the same teardown from 4 processes at once, and by tunnel deletes
        # alone (the kernel then closes each tunnel's sessions itself; jl2tp never does this, its
        # order is sessions before their tunnel).
        ip_create_in_chunks("bench-ip", create, work)
        rows["ip: teardown, 4 processes at once"] = ip_teardown_parallel("bench-ip", "\n".join(teardown_lines), work)
        ip_create_in_chunks("bench-ip", create, work)
        tunnels_only = [l for l in teardown_lines if l.startswith("l2tp del tunnel")]
        rows["ip: teardown, tunnel deletes only"] = ip_batch("bench-ip", tunnels_only,
                                                             os.path.join(work, "teardown-tunnels.ip"))
        rows["ip: teardown, tunnel deletes only"]["until_gone"] = \
            rows["ip: teardown, tunnel deletes only"]["wall"] + wait_empty("bench-ip")
    if teardown:
        sh("ip", "netns", "del", "bench-ip")
    else:
        # Untimed, and fast: the kernel closes a deleted tunnel's sessions itself. Frees ip's state
        # before jl2tp builds its own.
        ip_batch("bench-ip", ["l2tp del tunnel tunnel_id %d" % (1000 + t) for t in range(max(1, n // 100))],
                 os.path.join(work, "cleanup-tunnels.ip"))
        wait_empty("bench-ip")
        sh("ip", "netns", "del", "bench-ip")

    fresh_netns("bench-jl2tp")
    rows["jl2tp: apply from empty"] = must(measure(jl2tp("--netns", "bench-jl2tp", "--timings", "-c", cfg)), "apply")
    assert count("bench-jl2tp") == n
    rows["jl2tp: no-op re-apply"] = must(measure(jl2tp("--netns", "bench-jl2tp", "--timings", "-c", cfg)), "no-op")
    if experiments:
        # jnr-ffi's reflection loader instead of its generated (ASM) stubs: less to do on start-up?
        os.environ["JL2TP_JAVA_OPTS"] = "-Djnr.ffi.asm.enabled=false"
        rows["jl2tp: no-op, jnr-ffi without ASM stubs"] = must(
            measure(jl2tp("--netns", "bench-jl2tp", "--timings", "-c", cfg)), "no-op without ASM")
        del os.environ["JL2TP_JAVA_OPTS"]
    rows["jl2tp: one session changed"] = must(measure(jl2tp("--netns", "bench-jl2tp", "--timings", "-c", changed)), "change")
    if teardown:
        rows["jl2tp: teardown"] = must(measure(jl2tp("--netns", "bench-jl2tp", "--timings", "-c", empty)), "teardown")
        rows["jl2tp: teardown"]["until_gone"] = rows["jl2tp: teardown"]["wall"] + wait_empty("bench-jl2tp")
        sh("ip", "netns", "del", "bench-jl2tp")
    for row in rows.values():
        row["timings"] = timings(row.pop("err", ""))
    return {"sessions": n, "tunnels": max(1, n // 100), "ip_commands": commands, "rows": rows}


def markdown(results, machine):
    out = [f"Machine: {machine}", "",
           "| sessions | run | wall s | vs ip -batch | max RSS MB | JVM | load+validate | dump | plan | apply | verify |",
           "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for res in results:
        rows = res["rows"]
        base = {"apply from empty": rows["ip: apply from empty"]["wall"]}
        # Teardown compares the time until the namespace is empty: from 6.12 on the kernel queues
        # session deletes, so `ip` returns long before its sessions are gone (jl2tp waits for them).
        if "ip: teardown" in rows:
            base["teardown"] = rows["ip: teardown"].get("until_gone", rows["ip: teardown"]["wall"])
        for name, row in rows.items():
            kind = name.split(": ", 1)[1]
            took = row.get("until_gone", row["wall"]) if kind == "teardown" else row["wall"]
            ratio = f"{took / base[kind]:.2f}" if name.startswith("jl2tp") and kind in base else ""
            if name == "jl2tp: no-op re-apply":
                ratio = f"{row['wall'] / rows['jl2tp: apply from empty']['wall']:.2f} of apply"
            t = row.get("timings", {})
            cells = [t.get(k) for k in ("jvm", "load+validate", "dump", "plan", "apply", "verify")]
            wall = f"{row['wall']:.1f}" + (f" ({row['until_gone']:.1f} until gone)" if "until_gone" in row else "")
            rss = f"{row['rss_kb'] / 1024:.0f}" if row["rss_kb"] else ""
            out.append(f"| {res['sessions']} | {name} | {wall} | {ratio} | {rss} | "
                       + " | ".join("" if c is None else f"{c:.2f}" for c in cells) + " |")
    out += ["", "`ip -batch` from empty, 1 000 sessions at a time (ms per session; `l2tp add` of the tunnels and "
            "sessions, then the link settings: MTU, addresses, up):", "",
            "| sessions | sessions before | l2tp add ms/session | settings ms/session |", "|---:|---:|---:|---:|"]
    for res in results:
        for c in res["rows"]["ip: apply from empty"].get("chunks", []):
            out.append(f"| {res['sessions']} | {c['before']} | {1000 * c['add'] / c['sessions']:.1f} | "
                       f"{1000 * c['settings'] / c['sessions']:.1f} |")
    return "\n".join(out) + "\n"


def main():
    global LAUNCHER
    p = argparse.ArgumentParser()
    p.add_argument("--sessions", default="1000,10000")
    p.add_argument("--launcher", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--teardown-max", type=int, default=1000000,
                   help="time teardowns only up to this many sessions (10 000 take hours under TCG)")
    p.add_argument("--experiments-max", type=int, default=1000,
                   help="the teardown experiments (4 processes, tunnel deletes alone) only up to this many sessions")
    a = p.parse_args()
    LAUNCHER = a.launcher
    work = os.path.join(a.out, "work")
    os.makedirs(work, exist_ok=True)
    machine = (f"qemu TCG guest, {os.cpu_count()} vCPUs, kernel {platform.release()}, "
               f"{sh('ip', '-V').stdout.strip()}, {sh('java', '-version').stderr.splitlines()[0]}")
    results = []
    for n in [int(x) for x in a.sessions.split(",")]:
        print(f"bench: {n} sessions ...", flush=True)
        results.append(run_size(n, work, teardown=n <= a.teardown_max, experiments=n <= a.experiments_max))
        json.dump({"machine": machine, "results": results}, open(os.path.join(a.out, "bench.json"), "w"), indent=1)
        open(os.path.join(a.out, "bench.md"), "w").write(markdown(results, machine))
        print(markdown(results[-1:], machine), flush=True)


if __name__ == "__main__":
    main()
