#!/usr/bin/env python3
"""Failover drill on the local cluster (up.sh must be running).

Tills sell through HAProxy while the Galera writer (db1) is killed with SIGKILL and, later,
started again (it rejoins, and HAProxy moves the writes back). Every till resends what it has
not seen acknowledged, with the same content, as real tills do. At the end every acknowledged
sale must be stored once, under the server id it was acknowledged with.

  TILLSYNC_ADMIN_PASSWORD=... deploy/local-cluster/failover-drill.py [--tills 4] [--seconds 60]
"""
import argparse, base64, collections, json, os, subprocess, threading, time, urllib.error, urllib.request, uuid

HERE = os.path.dirname(os.path.abspath(__file__))
RUN = os.environ.get("TILLSYNC_CLUSTER_DIR", os.path.join(HERE, "run"))
BASE = int(os.environ.get("TILLSYNC_CLUSTER_PORT_BASE", "24000"))
URL = f"http://127.0.0.1:{BASE + 80}"
ADMIN = "Basic " + base64.b64encode(f"admin:{os.environ['TILLSYNC_ADMIN_PASSWORD']}".encode()).decode()
BRANCH = "BRN-MST-OSK00001"


def call(method, path, auth, body=None, timeout=15):
    req = urllib.request.Request(URL + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": auth, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, None
    except Exception:
        return None, None  # no answer: connection reset, timeout


class Till(threading.Thread):
    def __init__(self, n, stop, log):
        super().__init__(daemon=True)
        self.device = f"DRILL{uuid.uuid4().hex[:8].upper()}"
        status, body = call("POST", "/api/v1/admin/devices", ADMIN, {"device_id": self.device, "branch_code": BRANCH, "name": f"Drill {n}"})
        assert status == 201, f"enroll failed: {status}"
        self.token = "Bearer " + body["data"]["token"]
        self.stop, self.log, self.seq = stop, log, 0
        self.pending, self.acked = [], {}

    def sale(self):
        self.seq += 1
        return {"offline_id": str(uuid.uuid4()), "offline_reference": f"{self.device}-20261202-{self.seq:04d}", "device_id": self.device,
                "created_at_device": "2026-12-02T10:00:00Z", "branch_code": BRANCH, "payment_method": "CASH", "id_user_apps": 5,
                "items": [{"product_id": 1238, "quantity": 1, "unit_price": 15000, "subtotal": 15000}],
                "subtotal": 15000, "discount_total": 0, "tax_total": 1500, "grand_total": 16500, "status": "paid"}

    def push(self):
        status, body = call("POST", "/api/v1/pos/offline/batch-sync", self.token,
                            {"transactions": self.pending, "device_id": self.device, "synced_at": "2026-12-02T10:00:01Z"})
        self.log.append((time.time(), status))
        if status == 200:
            for r in body["data"]["results"]:
                if r["success"]:
                    sid = r["server_id"]
                    if self.acked.setdefault(r["offline_id"], sid) != sid:
                        print(f"DOUBLED: {r['offline_id']} acknowledged as {self.acked[r['offline_id']]} and {sid}")
            self.pending = [s for s in self.pending if s["offline_id"] not in self.acked]
        return status

    def run(self):
        while not self.stop.is_set():
            self.pending.append(self.sale())
            self.push()
            time.sleep(0.2)
        while self.pending:  # drain what is still queued
            if self.push() != 200:
                time.sleep(1)


def sql(node, statement):
    return subprocess.run(["mariadb", "--no-defaults", "-uroot", f"--socket={RUN}/db{node}/mysqld.sock", "-N", "-B", "-e", statement],
                          capture_output=True, text=True, check=True).stdout


def outages(log, since):
    """Longest stretch without a 200 after `since`, and the answers in it."""
    longest, start, answers = 0.0, None, collections.Counter()
    for at, status in sorted(log):
        if at < since:
            continue
        if status == 200:
            if start is not None:
                longest = max(longest, at - start)
            start = None
        else:
            start = at if start is None else start
            answers[status] += 1
    return longest, answers


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tills", type=int, default=4)
    ap.add_argument("--seconds", type=int, default=60)
    args = ap.parse_args()
    stop, log = threading.Event(), []
    tills = [Till(n, stop, log) for n in range(args.tills)]
    for t in tills:
        t.start()
    third = args.seconds / 3
    time.sleep(third)
    pid = int(open(f"{RUN}/db1/server.pid").read())
    killed_at = time.time()
    os.kill(pid, 9)
    print(f"killed db1 (pid {pid}) at +{third:.0f} s")
    time.sleep(third)
    restarted_at = time.time()
    cmd = ["/usr/sbin/mariadbd", f"--defaults-file={RUN}/db1/my.cnf"] + (["--user=root"] if os.getuid() == 0 else [])
    with open(f"{RUN}/db1/console.log", "a") as out:
        p = subprocess.Popen(cmd, stdout=out, stderr=out, stdin=subprocess.DEVNULL, start_new_session=True)
    open(f"{RUN}/db1/server.pid", "w").write(str(p.pid))
    print(f"started db1 again (pid {p.pid}); it rejoins and HAProxy moves the writes back")
    time.sleep(third)
    stop.set()
    for t in tills:
        t.join(timeout=120)

    answers = collections.Counter(s for _, s in log)
    down, during_kill = outages([e for e in log if e[0] < restarted_at], killed_at)
    back, during_back = outages(log, restarted_at)
    acked = {oid: sid for t in tills for oid, sid in t.acked.items()}
    devices = ",".join(f"'{t.device}'" for t in tills)
    rows = sql(2, f"SELECT offline_id, id FROM tillsync.transactions WHERE device_id IN ({devices})").split("\n")
    stored = collections.Counter()
    ids = {}
    for line in filter(None, rows):
        oid, sid = line.split("\t")
        stored[oid] += 1
        ids[oid] = int(sid)
    lost = [o for o in acked if o not in ids]
    wrong = [o for o in acked if o in ids and ids[o] != acked[o]]
    doubled = [o for o, c in stored.items() if c > 1]
    unsold = [o for o in ids if o not in acked]
    print(f"requests {len(log)}: " + ", ".join(f"{k or 'no answer'} x {v}" for k, v in sorted(answers.items(), key=str)))
    print(f"writer killed: longest stretch without a booked batch {down:.1f} s ({dict(during_kill)})")
    print(f"writer back: longest stretch without a booked batch {back:.1f} s ({dict(during_back)})")
    print(f"sales acknowledged {len(acked)}, stored {sum(stored.values())}; lost {len(lost)}, doubled {len(doubled)}, "
          f"under another id {len(wrong)}, stored but never acknowledged {len(unsold)}")
    state = subprocess.run(["socat", "-", f"UNIX-CONNECT:{RUN}/haproxy.sock"], input="show servers state galera_writer\n",
                           capture_output=True, text=True).stdout.splitlines()[2:]
    print("HAProxy galera_writer (2 = up): " + ", ".join(" ".join(line.split()[3:6:2]) for line in state if line.strip()))
    raise SystemExit(1 if lost or doubled or wrong or unsold else 0)


if __name__ == "__main__":
    main()
