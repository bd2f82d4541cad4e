#!/usr/bin/env python3
"""Signed post-hooks for wrk (post-hook.lua): COUNT fresh LogIDs (and order IDs), each with its X-oc-hash.

wrk's Lua has no HMAC, so every body is signed here beforehand. To keep wrk's memory small the body is not
written COUNT times: OUT.template holds the fixture with \\x01 where the LogID goes and \\x02 where the order ID
goes, and OUT.ids one line per call, "<uuid> <signature>"; post-hook.lua rebuilds the exact bytes signed here
(LogID = uuid, order ID = "SO-" + uuid, as SignedCalls does for Gatling).

  signed_posthooks.py FIXTURE KEY COUNT OUT
"""
import base64
import hashlib
import hmac
import sys
import uuid

FIXTURE_ORDER_ID = "SO-100234"
LOG_ID = '"LogID":"'


def main():
    fixture, key, count, out = sys.argv[1], sys.argv[2].encode(), int(sys.argv[3]), sys.argv[4]
    text = open(fixture, encoding="utf-8").read()
    start = text.index(LOG_ID) + len(LOG_ID)
    end = text.index('"', start)
    template = text[:start] + "\x01" + text[end:]
    template = template.replace(FIXTURE_ORDER_ID, "\x02")
    with open(out + ".template", "wb") as f:
        f.write(template.encode("utf-8"))
    head, tail = template.encode("utf-8"), None
    parts = head.split(b"\x01")
    assert len(parts) == 2, "one LogID expected"
    before, after = parts
    base = hmac.new(key, digestmod=hashlib.sha256)
    with open(out + ".ids", "w") as f:
        for _ in range(count):
            u = str(uuid.uuid4())
            body = before.replace(b"\x02", b"SO-" + u.encode()) + u.encode() + after.replace(b"\x02", b"SO-" + u.encode())
            mac = base.copy()
            mac.update(body)
            f.write(u + " " + base64.b64encode(mac.digest()).decode() + "\n")


if __name__ == "__main__":
    main()
