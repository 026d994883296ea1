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


def run_size(n, work, teardown=True):
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
    r = sh(*jl2tp("--netns", "bench-ip", "--dry-run", "--output", "ip", "-c", cfg))
    open(create_ip, "w").write(r.stdout)
    commands = sum(1 for l in r.stdout.splitlines() if l and not l.startswith("#"))
    rows["ip: apply from empty"] = must(measure(["ip", "-n", "bench-ip", "-batch", create_ip]), "ip -batch create")
    assert count("bench-ip") == n, "ip -batch made %d sessions" % count("bench-ip")
    if teardown:
        teardown_ip = os.path.join(work, f"teardown-{n}.ip")
        r = sh(*jl2tp("--netns", "bench-ip", "--dry-run", "--prune", "--output", "ip", "-c", empty))
        open(teardown_ip, "w").write(r.stdout)
        rows["ip: teardown"] = must(measure(["ip", "-n", "bench-ip", "-batch", teardown_ip]), "ip -batch teardown")
        rows["ip: teardown"]["until_gone"] = rows["ip: teardown"]["wall"] + wait_empty("bench-ip")
        sh("ip", "netns", "del", "bench-ip")

    fresh_netns("bench-jl2tp")
    rows["jl2tp: apply from empty"] = must(measure(jl2tp("--netns", "bench-jl2tp", "--timings", "-c", cfg)), "apply")
    assert count("bench-jl2tp") == n
    rows["jl2tp: no-op re-apply"] = must(measure(jl2tp("--netns", "bench-jl2tp", "--timings", "-c", cfg)), "no-op")
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
        if "ip: teardown" in rows:
            base["teardown"] = rows["ip: teardown"]["wall"]
        for name, row in rows.items():
            kind = name.split(": ", 1)[1]
            ratio = f"{row['wall'] / base[kind]:.2f}" if name.startswith("jl2tp") and kind in base else ""
            if name == "jl2tp: no-op re-apply":
                ratio = f"{row['wall'] / rows['jl2tp: apply from empty']['wall']:.2f} of apply"
            t = row.get("timings", {})
            cells = [t.get(k) for k in ("jvm", "load+validate", "dump", "plan", "apply", "verify")]
            wall = f"{row['wall']:.1f}" + (f" ({row['until_gone']:.1f} until gone)" if "until_gone" in row else "")
            out.append(f"| {res['sessions']} | {name} | {wall} | {ratio} | {row['rss_kb'] / 1024:.0f} | "
                       + " | ".join("" if c is None else f"{c:.2f}" for c in cells) + " |")
    return "\n".join(out) + "\n"


def main():
    global LAUNCHER
    p = argparse.ArgumentParser()
    p.add_argument("--sessions", default="1000,10000")
    p.add_argument("--launcher", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--teardown-max", type=int, default=1000000,
                   help="time teardowns only up to this many sessions (10 000 take hours under TCG)")
    a = p.parse_args()
    LAUNCHER = a.launcher
    work = os.path.join(a.out, "work")
    os.makedirs(work, exist_ok=True)
    machine = (f"qemu TCG guest, {os.cpu_count()} vCPUs, kernel {platform.release()}, "
               f"{sh('ip', '-V').stdout.strip()}, {sh('java', '-version').stderr.splitlines()[0]}")
    results = []
    for n in [int(x) for x in a.sessions.split(",")]:
        print(f"bench: {n} sessions ...", flush=True)
        results.append(run_size(n, work, teardown=n <= a.teardown_max))
        json.dump({"machine": machine, "results": results}, open(os.path.join(a.out, "bench.json"), "w"), indent=1)
        open(os.path.join(a.out, "bench.md"), "w").write(markdown(results, machine))
        print(markdown(results[-1:], machine), flush=True)


if __name__ == "__main__":
    main()
