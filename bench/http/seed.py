#!/usr/bin/env python3
"""Makes COUNT planned seminars on a running server, for the HTTP benchmark:

    seed.py URL_BASE TOKEN COUNT OUT_DIR

Writes OUT_DIR/instance (one seminar's path, for the GETs) and OUT_DIR/amends (one line per
seminar and venue, `PATH BODY`, for the event POSTs: `amend` in `planned` may be sent again and
again, and the venue alternates so that every event really changes the seminar).
"""
import json
import sys
import urllib.request

PLAN = {"kind": "hoi_thao", "starts_at": "2099-03-20T01:00:00Z", "ends_at": "2099-03-20T04:00:00Z",
        "venue": "Hội trường Liên đoàn Lao động tỉnh", "chair": "Đồng chí Chủ tịch",
        "organiser_unit": "Ban Thường vụ Công đoàn Viên chức tỉnh", "min_contributions": 0, "budget_vnd": 0}


def post(base, token, path, body):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": f"Bearer {token}",
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)


def main():
    base, token, count, out_dir = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    paths = []
    for n in range(count):
        created = post(base, token, "/v1/instances", {"workflow": "seminar", "data": {"title": f"Hội thảo số {n}"}})
        path = "/v1/instances/" + created["instance"]["id"]
        post(base, token, path + "/events", {"type": "plan", "payload": PLAN})
        paths.append(path)
    with open(f"{out_dir}/instance", "w", encoding="utf-8") as out:
        out.write(paths[0])
    with open(f"{out_dir}/amends", "w", encoding="utf-8") as out:
        for venue in ("Hội trường A", "Hội trường B"):
            for path in paths:
                body = json.dumps({"type": "amend", "payload": {"venue": venue}}, ensure_ascii=False)
                out.write(f"{path}/events {body}\n")


if __name__ == "__main__":
    main()
