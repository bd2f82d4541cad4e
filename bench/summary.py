#!/usr/bin/env python3
"""Helpers for bench/run.sh: read Gatling's stats, the hub's ledger gauges and a JFR print, and print the
summary table. Standard library only."""
import glob
import json
import re
import sys
from collections import Counter


def stats(run_dir, request="measured"):
    """The named request's page of Gatling's HTML report: total, ok, ko, p50, p99, p99.9, max (ms)."""
    pages = glob.glob(f"{run_dir}/*/req_{request}-*.html")
    if not pages:
        print("0 0 0 - - - -")
        return
    html = open(pages[0]).read()
    cells = {}
    for title, total, ok, ko in re.findall(
            r'<td class="title">(.*?)</td>\s*<td class="total">(.*?)</td>\s*'
            r'<td class="ok">(.*?)</td>\s*<td class="ko">(.*?)</td>', html):
        cells[re.sub(r"<.*?>", "", title).strip()] = (total, ok, ko)
    count = lambda v: "0" if v.strip() == "-" else v.strip()
    total, ok, ko = (count(v) for v in cells["Total count"])
    print(total, ok, ko, cells["50th percentile"][0], cells["99th percentile"][0],
          cells["99.9th percentile"][0], cells["Max"][0])


def legs(prometheus_file):
    """hub_delivery_legs{destination,status} summed by status: pending retrying delivered skipped dead total."""
    by_status = Counter()
    for line in open(prometheus_file):
        m = re.match(r'hub_delivery_legs\{([^}]*)\}\s+([0-9.eE+-]+)', line)
        if m:
            status = re.search(r'status="([^"]*)"', m.group(1)).group(1)
            by_status[status] += float(m.group(2))
    keys = ["pending", "retrying", "delivered", "skipped", "dead"]
    print(" ".join(str(int(by_status[k])) for k in keys), int(sum(by_status.values())))


def table(results_tsv, markdown_out):
    """The summary table, to the terminal and as Markdown."""
    header = ["scenario", "db", "rate/s", "achieved/s", "p50 ms", "p99 ms", "p99.9 ms", "errors",
              "vs baseline", "note"]
    rows = [line.rstrip("\n").split("\t") for line in open(results_tsv) if line.strip()]
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    fmt = "  ".join("{:<%d}" % w for w in widths)
    print(fmt.format(*header))
    print(fmt.format(*["-" * w for w in widths]))
    for r in rows:
        print(fmt.format(*r))
    with open(markdown_out, "w") as out:
        out.write("| " + " | ".join(header) + " |\n")
        out.write("|" + "|".join("---" for _ in header) + "|\n")
        for r in rows:
            out.write("| " + " | ".join(r) + " |\n")


CATEGORIES = [
    ("H2: writing pages at commit", ("org.h2.mvstore.FileStore.serializeAndStore",)),
    ("H2 database", ("org.h2.",)),
    ("PostgreSQL driver", ("org.postgresql.",)),
    ("HikariCP", ("com.zaxxer.hikari.",)),
    ("Spring JDBC / transactions", ("org.springframework.jdbc.", "org.springframework.transaction.")),
    ("Jackson (JSON)", ("com.fasterxml.jackson.",)),
    ("Camel", ("org.apache.camel.",)),
    ("Tomcat / servlet", ("org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.")),
    ("Spring Security", ("org.springframework.security.",)),
    ("Logging", ("ch.qos.logback.", "org.slf4j.")),
    ("Crypto (HMAC, AES, SHA)", ("javax.crypto.", "com.sun.crypto.", "sun.security.")),
    ("Micrometer", ("io.micrometer.",)),
    ("Hub code", ("com.ordercloudhub.",)),
]


def jfr(print_file, top=15):
    """Execution samples from `jfr print --events jdk.ExecutionSample --stack-depth 64`: where the CPU
    was (top frames) and which layers were on the stack (inclusive, share of samples)."""
    samples, top_frames, inclusive, innermost = 0, Counter(), Counter(), Counter()
    stack = None
    for line in open(print_file, errors="replace"):
        s = line.strip()
        if s.startswith("stackTrace = ["):
            stack = []
        elif stack is not None:
            if s.startswith("]") or s == "...":
                if s.startswith("]"):
                    if stack:
                        samples += 1
                        top_frames[stack[0]] += 1
                        seen = set()
                        for frame in stack:
                            for name, prefixes in CATEGORIES:
                                if frame.startswith(prefixes):
                                    seen.add(name)
                        inclusive.update(seen)
                        innermost[next((name for frame in stack for name, prefixes in CATEGORIES
                                        if frame.startswith(prefixes)), "JDK / other")] += 1
                    stack = None
            else:
                stack.append(re.sub(r"\s+line:.*$", "", s))
    print(f"execution samples: {samples}")
    print("\nlayers on the stack (inclusive):")
    for name, n in inclusive.most_common():
        print(f"  {100.0 * n / max(samples, 1):5.1f}%  {name}")
    print("\nsamples by innermost layer (self time of each layer, JDK code counted to its caller):")
    for name, n in innermost.most_common():
        print(f"  {100.0 * n / max(samples, 1):5.1f}%  {name}")
    print(f"\ntop {top} frames (self):")
    for frame, n in top_frames.most_common(top):
        print(f"  {100.0 * n / max(samples, 1):5.1f}%  {frame}")


def door(door_tsv, markdown_out):
    """The front-door tables (issue 13) from run.sh's door.tsv: closed-loop intake against the bare app, and the
    abuse scenarios. Markdown, printed and written to markdown_out, ready to paste into RESULTS.md."""
    closed, abuse = [], []
    for line in open(door_tsv):
        f = line.rstrip("\n").split("\t")
        (closed if f[0] == "closed" else abuse).append(f[1:])
    out = []
    if closed:
        bare = {r[0]: float(r[2]) for r in closed if r[1] == "bare" and r[2] not in ("", "-")}
        bare_cpu = {r[0]: float(r[12].split()[0]) for r in closed if r[1] == "bare" and r[12] not in ("", "-")}
        out += ["| closed loop (wrk) | connections | req/s | vs bare | p50 ms | p99 ms | p99.9 ms | max ms "
                "| non-2xx | socket errors | answers | wrk CPU | target's CPU per call | bare's CPU per call / this |",
                "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        order = {"bare": 0, "h2": 1, "postgres": 2}
        for r in sorted(closed, key=lambda r: (int(r[0]), order.get(r[1], 9))):
            conns, target, rps, p50, p99, p999, mx, non2xx, sock, answers, repeats, wrk_cpu, cpu_call = r
            ratio = "1.00" if target == "bare" else (
                f"{float(rps) / bare[conns]:.2f}" if conns in bare and bare[conns] > 0 else "-")
            if repeats not in ("0", ""):
                answers += f" ({repeats} repeated LogIDs)"
            name = "bare app" if target == "bare" else f"hub intake, {target}"
            # on a shared machine CPU per call is disturbed less than req/s: its inverse ratio is a second view
            cpu_ratio = (f"{bare_cpu[conns] / float(cpu_call.split()[0]):.2f}"
                         if conns in bare_cpu and cpu_call not in ("", "-") and float(cpu_call.split()[0]) > 0 else "-")
            out.append(f"| {name} | {conns} | {float(rps):.0f} | {ratio} | {p50} | {p99} | {p999} | {mx} | "
                       f"{non2xx} | {sock} | {answers} | {wrk_cpu} | {cpu_call} | {cpu_ratio} |")
        out.append("")
    if abuse:
        out += ["| abuse scenario (db) | answers to the attack: outcome n (p50/p99/max ms) | 503 p50/p99/max ms "
                "| pre-hook probe p50/p99/max ms, over budget | health probe p99/max ms, not 200 "
                "| post-hook probe outcomes | hub RSS MB start → peak → end | signed 202 within 1 s again after "
                "| hub CPU during it | client CPU (share of one core) |",
                "|---|---|---|---|---|---|---|---|---|---|"]
        for name, db, load_f, probe_f, recover_f, *hub_cpu in abuse:
            load, probe, rec = (json.load(open(x)) if x and glob.glob(x) else {} for x in (load_f, probe_f, recover_f))
            ans = load.get("answers", {})
            fmt = lambda s: "/".join(f"{s[k]:.0f}" if k in s else "-" for k in ("p50", "p99", "max"))
            answers = "; ".join(f"{k} {v['n']} ({fmt(v)})" for k, v in ans.items()) or "-"
            if "held" in load:
                answers += f"; held per connection {fmt(load['held'])}"
            if load.get("connect", {}).get("n"):
                answers += f"; connects {load['connect']['n']} ({fmt(load['connect'])})"
            s503 = fmt(ans["503"]) if "503" in ans else "none"
            pre = probe.get("prehook_all", {})
            pre_txt = (f"{fmt(pre)}, {probe.get('prehook_over_budget', '-')} of {pre.get('n', 0)} over "
                       f"{probe.get('budget_ms', 0) / 1000:g} s or failed" if pre.get("n") else "-")
            hl = probe.get("health_all", {})
            not200 = sum(v["n"] for k, v in probe.get("health", {}).items() if k != "200")
            hl_txt = f"{hl['p99']:.0f}/{hl['max']:.0f}, {not200} of {hl['n']}" if hl.get("n") else "-"
            post = "; ".join(f"{k} {v['n']}" for k, v in probe.get("posthook", {}).items()) or "-"
            rss = probe.get("rss_mb", {})
            rss_txt = f"{rss.get('first')} → {rss.get('peak')} → {rss.get('last')}"
            rec_txt = f"{rec['recovered_s']} s" if rec.get("recovered_s") is not None else (
                f"not within the wait ({rec.get('tries', 0)} tries)" if rec else "-")
            cpu = (f"load {load.get('client_cpu_s', '-')} s in {load.get('client_wall_s', '-')} s "
                   f"({load.get('client_cpu_share', '-')}), probe {probe.get('client_cpu_share', '-')}")
            out.append(f"| {name} ({db}) | {answers} | {s503} | {pre_txt} | {hl_txt} | {post} | {rss_txt} | "
                       f"{rec_txt} | {hub_cpu[0] if hub_cpu else '-'} | {cpu} |")
        out.append("")
    text = "\n".join(out)
    print(text)
    with open(markdown_out, "w") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    command = sys.argv[1]
    {"stats": stats, "legs": legs, "table": table, "jfr": jfr, "door": door}[command](*sys.argv[2:])
