#!/usr/bin/env python3
"""Abuse scenarios of the front door (bench/run.sh, PHASES=abuse), python3 asyncio, standard library only.

Each load mode runs for SECONDS, then writes one JSON result to OUT; run.sh runs one load mode and `probe` side by
side against the same hub and prints both (summary.py door).

  abuse.py flood HOST PORT SECONDS OUT --conns 2000 --key K --fixture F
      closed loop: every connection sends a signed post-hook (fresh LogID) as soon as the last one is answered
  abuse.py big HOST PORT SECONDS OUT --conns 300 --size 5138022
      every connection sends a SIZE-byte body (Content-Length set) with a wrong signature, again and again
  abuse.py slow HOST PORT SECONDS OUT --conns 1000 --interval 5 --key K --fixture F
      every connection sends a signed post-hook's headers and then a chunked body, one byte every INTERVAL
      seconds; when the hub answers or closes, it connects again and starts over
  abuse.py probe HOST PORT SECONDS OUT --pid HUB_PID --key K --fixtures DIR --budget 3
      side probes, open model, each call on a new connection: signed pre-hooks (--prehook-rate/s), GET
      /actuator/health (--health-rate/s), signed post-hooks (--post-rate/s); the hub's VmRSS every 200 ms
  abuse.py recover HOST PORT SECONDS OUT --key K --fixture F
      after the load: a signed post-hook every 0.5 s until one gets 202 within 1 s; how long that took

Every figure is in ms. The attack's answers are timed from the request's first byte; the time a new connection
waited to be accepted is given apart ("connect"); the probes time each call end to end, connect included. Each result also gives the client's own CPU time, so a reader can tell when the client
(one Python thread) rather than the hub was the limit.
"""
import argparse
import asyncio
import base64
import hashlib
import hmac
import json
import os
import resource
import sys
import time
import uuid

FIXTURE_ORDER_ID = "SO-100234"
LOG_ID = '"LogID":"'
TIMEOUT = 15.0  # s: a call without an answer after this is an error ("timeout")


class Signer:
    """Fresh LogID (and order ID) per call, X-oc-hash = Base64(HMAC-SHA256(key, body)), as SignedCalls does."""

    def __init__(self, fixture, key):
        text = open(fixture, encoding="utf-8").read()
        start = text.index(LOG_ID) + len(LOG_ID)
        end = text.index('"', start)
        self.before, self.after = text[:start], text[end:]
        self.mac = hmac.new(key.encode(), digestmod=hashlib.sha256)

    def next(self):
        u = str(uuid.uuid4())
        body = (self.before + u + self.after).replace(FIXTURE_ORDER_ID, "SO-" + u).encode()
        mac = self.mac.copy()
        mac.update(body)
        return body, base64.b64encode(mac.digest()).decode()


def post(path, host, body, signature, extra=""):
    return (
        f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        f"X-oc-hash: {signature}\r\nContent-Length: {len(body)}\r\n{extra}\r\n"
    ).encode() + body


async def read_response(reader):
    """Status, whether the hub will close the connection. Reads and drops the body."""
    line = await reader.readline()
    if not line:
        raise ConnectionError("closed")
    parts = line.split()
    status = int(parts[1])
    length, chunked, close = 0, False, parts[0] == b"HTTP/1.0"
    while True:
        h = await reader.readline()
        if not h:
            raise ConnectionError("closed in headers")
        if h in (b"\r\n", b"\n"):
            break
        name, _, value = h.decode("latin-1").partition(":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding" and "chunked" in value:
            chunked = True
        elif name == "connection" and "close" in value:
            close = True
    if chunked:
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status, close


class Tally:
    """Latencies by outcome ("202", "503", "timeout", "reset", …)."""

    def __init__(self):
        self.by = {}

    def add(self, outcome, ms):
        self.by.setdefault(str(outcome), []).append(ms)

    def result(self):
        return {k: stats(v) for k, v in sorted(self.by.items())}


def stats(values):
    v = sorted(values)
    if not v:
        return {"n": 0}

    def pct(p):
        return round(v[min(len(v) - 1, max(0, int(round(p / 100 * len(v) + 0.5)) - 1))], 1)

    return {"n": len(v), "p50": pct(50), "p99": pct(99), "max": round(v[-1], 1)}


def quiet(task):
    """A sender cut short by the hub's answer or close: its error is expected, not worth a warning."""
    if not task.cancelled():
        task.exception()


def outcome_of(exc):
    if isinstance(exc, asyncio.TimeoutError):
        return "timeout"
    if isinstance(exc, (ConnectionResetError, BrokenPipeError)):
        return "reset"
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if isinstance(exc, (ConnectionError, asyncio.IncompleteReadError)):
        return "closed"
    return type(exc).__name__


async def flood(a, deadline, tally):
    signer = Signer(a.fixture, a.key)
    host = f"{a.host}:{a.port}"

    async def one():
        reader = writer = None
        while time.monotonic() < deadline:
            t0 = time.monotonic()
            try:
                if writer is None:
                    reader, writer = await asyncio.wait_for(asyncio.open_connection(a.host, a.port), TIMEOUT)
                    connects.append((time.monotonic() - t0) * 1000)
                    t0 = time.monotonic()
                body, sig = signer.next()
                writer.write(post(a.path, host, body, sig))
                status, close = await asyncio.wait_for(read_response(reader), TIMEOUT)
                # from the request's first byte: a new connection's wait to be accepted is in connects
                tally.add(status, (time.monotonic() - t0) * 1000)
                if close:
                    writer.close()
                    writer = None
            except Exception as e:  # noqa: BLE001 - every failure is an outcome to count
                tally.add(outcome_of(e), (time.monotonic() - t0) * 1000)
                if writer is not None:
                    writer.close()
                writer = None
                await asyncio.sleep(0.1)
        if writer is not None:
            writer.close()

    connects = []
    await asyncio.gather(*(one() for _ in range(a.conns)))
    return {"connect": stats(connects)}


async def big(a, deadline, tally):
    host = f"{a.host}:{a.port}"
    body = b'{"pad":"' + b"x" * (a.size - 10) + b'"}'
    head = (
        f"POST {a.path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        f"X-oc-hash: {base64.b64encode(b'not-the-signature-not-the-signa').decode()}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    sent_bytes = [0]
    view = memoryview(body)

    async def send(writer):
        writer.write(head)
        for i in range(0, len(body), 65536):
            writer.write(view[i : i + 65536])
            await writer.drain()
            sent_bytes[0] += min(65536, len(body) - i)

    async def one():
        while time.monotonic() < deadline:
            t0 = time.monotonic()
            writer = None
            sender = None
            try:
                reader, writer = await asyncio.wait_for(asyncio.open_connection(a.host, a.port), TIMEOUT)
                connects.append((time.monotonic() - t0) * 1000)
                t0 = time.monotonic()
                sender = asyncio.ensure_future(send(writer))
                sender.add_done_callback(quiet)
                # the answer may come before the whole body is sent (a refusal): read it meanwhile
                remaining = max(0.1, min(TIMEOUT * 2, deadline + 5 - time.monotonic()))
                status, _ = await asyncio.wait_for(read_response(reader), remaining)
                tally.add(status, (time.monotonic() - t0) * 1000)
            except Exception as e:  # noqa: BLE001
                tally.add(outcome_of(e), (time.monotonic() - t0) * 1000)
                await asyncio.sleep(0.1)
            finally:
                if sender is not None:
                    sender.cancel()
                if writer is not None:
                    writer.close()

    connects = []
    await asyncio.gather(*(one() for _ in range(a.conns)))
    return {"body_bytes": len(body), "sent_mib": round(sent_bytes[0] / 1048576), "connect": stats(connects)}


async def slow(a, deadline, tally):
    signer = Signer(a.fixture, a.key)
    host = f"{a.host}:{a.port}"
    held = []  # ms each connection was held until the hub answered or closed (or the phase ended)

    async def trickle(writer, body):
        for b in body:
            writer.write(b"1\r\n" + bytes([b]) + b"\r\n")
            await writer.drain()
            await asyncio.sleep(a.interval)

    async def one(i):
        await asyncio.sleep(i * a.ramp / max(1, a.conns))  # spread the connects over --ramp seconds
        while time.monotonic() < deadline:
            t0 = time.monotonic()
            writer = sender = None
            try:
                reader, writer = await asyncio.wait_for(asyncio.open_connection(a.host, a.port), TIMEOUT)
                connects.append((time.monotonic() - t0) * 1000)
                body, sig = signer.next()
                writer.write(
                    (
                        f"POST {a.path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
                        f"X-oc-hash: {sig}\r\nTransfer-Encoding: chunked\r\n\r\n"
                    ).encode()
                )
                sender = asyncio.ensure_future(trickle(writer, body))
                sender.add_done_callback(quiet)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise asyncio.TimeoutError()
                status, _ = await asyncio.wait_for(read_response(reader), remaining)
                ms = (time.monotonic() - t0) * 1000
                tally.add(status, ms)
                held.append(ms)
            except asyncio.TimeoutError:
                # still held by the hub when the phase ended: that is the attack working
                ms = (time.monotonic() - t0) * 1000
                tally.add("held at end", ms)
                held.append(ms)
            except Exception as e:  # noqa: BLE001
                ms = (time.monotonic() - t0) * 1000
                tally.add(outcome_of(e), ms)
                held.append(ms)
                await asyncio.sleep(0.1)
            finally:
                if sender is not None:
                    sender.cancel()
                if writer is not None:
                    writer.close()

    connects = []
    await asyncio.gather(*(one(i) for i in range(a.conns)))
    return {"held": stats(held), "interval_s": a.interval, "connect": stats(connects)}


async def call(a, request, expect, port=None):
    """One call on a new connection (to the main port unless another is given): (outcome, ms)."""
    t0 = time.monotonic()
    writer = None
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(a.host, port or a.port), TIMEOUT)
        writer.write(request)
        status, _ = await asyncio.wait_for(read_response(reader), TIMEOUT - (time.monotonic() - t0))
        return str(status), (time.monotonic() - t0) * 1000
    except Exception as e:  # noqa: BLE001
        return outcome_of(e), (time.monotonic() - t0) * 1000
    finally:
        if writer is not None:
            writer.close()


async def probe(a, deadline):
    host = f"{a.host}:{a.port}"
    pre = Signer(os.path.join(a.fixtures, "webhook-pre-address-save.json"), a.key)
    postsigner = Signer(os.path.join(a.fixtures, "webhook-post-order-submit.json"), a.key)
    tallies = {"prehook": Tally(), "health": Tally(), "posthook": Tally()}
    rss = []

    def prehook_req():
        body, sig = pre.next()
        return post("/webhooks/ordercloud/pre", host, body, sig, "Connection: close\r\n")

    def posthook_req():
        body, sig = postsigner.next()
        return post("/webhooks/ordercloud/post", host, body, sig, "Connection: close\r\n")

    def health_req():
        return f"GET /actuator/health HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()

    pending = set()

    async def run(name, make):
        # pre-hooks and health go to the hub's priority port when it has one (--probe-port)
        port = a.probe_port if name in ("prehook", "health") and a.probe_port else None
        outcome, ms = await call(a, make(), None, port)
        tallies[name].add(outcome, ms)

    async def schedule(name, rate, make):
        if rate <= 0:
            return
        start = time.monotonic()
        n = 0
        while True:
            at = start + n / rate
            if at >= deadline:
                break
            await asyncio.sleep(max(0, at - time.monotonic()))
            t = asyncio.ensure_future(run(name, make))
            pending.add(t)
            t.add_done_callback(pending.discard)
            n += 1

    finished = asyncio.Event()

    async def sample_rss():
        # until the last probe call is answered, not only until the deadline: the peak may come late
        while not finished.is_set():
            try:
                with open(f"/proc/{a.pid}/status") as f:
                    for line in f:
                        if line.startswith("VmRSS:"):
                            rss.append(int(line.split()[1]) // 1024)
            except OSError:
                pass
            await asyncio.sleep(0.2)

    async def probes():
        await asyncio.gather(
            schedule("prehook", a.prehook_rate, prehook_req),
            schedule("health", a.health_rate, health_req),
            schedule("posthook", a.post_rate, posthook_req),
        )
        if pending:
            await asyncio.wait(pending)  # each ends within TIMEOUT
        finished.set()

    await asyncio.gather(probes(), sample_rss() if a.pid else asyncio.sleep(0))
    over = sum(1 for v in tallies["prehook"].by.get("200", []) if v > a.budget * 1000)
    over += sum(len(v) for k, v in tallies["prehook"].by.items() if k != "200")
    all_pre = [x for v in tallies["prehook"].by.values() for x in v]
    all_health = [x for v in tallies["health"].by.values() for x in v]
    return {
        "prehook": tallies["prehook"].result(),
        "prehook_all": stats(all_pre),
        "prehook_over_budget": over,
        "budget_ms": a.budget * 1000,
        "health": tallies["health"].result(),
        "health_all": stats(all_health),
        "posthook": tallies["posthook"].result(),
        "rss_mb": {"first": rss[0] if rss else None, "peak": max(rss) if rss else None,
                   "last": rss[-1] if rss else None},
    }


async def recover(a, deadline):
    signer = Signer(a.fixture, a.key)
    host = f"{a.host}:{a.port}"
    t0 = time.monotonic()
    tries = 0
    while time.monotonic() < deadline:
        tries += 1
        body, sig = signer.next()
        outcome, ms = await call(a, post(a.path, host, body, sig, "Connection: close\r\n"), None)
        if outcome == "202" and ms < 1000:
            return {"recovered_s": round(time.monotonic() - t0, 1), "tries": tries, "last_ms": round(ms, 1)}
        await asyncio.sleep(0.5)
    return {"recovered_s": None, "tries": tries}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["flood", "big", "slow", "probe", "recover"])
    p.add_argument("host")
    p.add_argument("port", type=int)
    p.add_argument("seconds", type=float)
    p.add_argument("out")
    p.add_argument("--conns", type=int, default=100)
    p.add_argument("--path", default="/webhooks/ordercloud/post")
    p.add_argument("--key", default="bench-hash-key")
    p.add_argument("--fixture")
    p.add_argument("--fixtures")
    p.add_argument("--size", type=int, default=5138022)  # 4.9 MiB
    p.add_argument("--interval", type=float, default=5.0)
    p.add_argument("--ramp", type=float, default=2.0)
    p.add_argument("--pid", type=int, default=0)
    p.add_argument("--budget", type=float, default=3.0)
    p.add_argument("--prehook-rate", type=float, default=20)
    p.add_argument("--health-rate", type=float, default=10)
    p.add_argument("--post-rate", type=float, default=10)
    p.add_argument("--probe-port", type=int, default=0)  # the hub's priority port (0: the main port)
    a = p.parse_args()

    t0 = time.monotonic()
    deadline = t0 + a.seconds
    result = {"mode": a.mode, "seconds": a.seconds, "conns": a.conns}
    if a.mode in ("flood", "big", "slow"):
        tally = Tally()
        extra = asyncio.run({"flood": flood, "big": big, "slow": slow}[a.mode](a, deadline, tally))
        result["answers"] = tally.result()
        result.update(extra or {})
    elif a.mode == "probe":
        result.update(asyncio.run(probe(a, deadline)))
    else:
        result.update(asyncio.run(recover(a, deadline)))
    wall = time.monotonic() - t0
    r = resource.getrusage(resource.RUSAGE_SELF)
    result["client_cpu_s"] = round(r.ru_utime + r.ru_stime, 1)
    result["client_wall_s"] = round(wall, 1)
    result["client_cpu_share"] = round((r.ru_utime + r.ru_stime) / wall, 2) if wall else None
    with open(a.out, "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps({k: v for k, v in result.items() if k not in ("answers",)}), file=sys.stderr)


if __name__ == "__main__":
    main()
