#!/usr/bin/env python3
"""bench/archive: the timed parts of the poller half of bench/archive/run, each printing one line of JSON.

    measure.py import POLLER_URL ADMIN_TOKEN NAME BASE_URL API_TOKEN PROJECT_ID SERVER_PID POLLER_PID [DB]
        POST /api/integrations on the poller (base_url, api_token, project_ids = [PROJECT_ID]) and poll
        GET /api/integrations/{id} every 0.1 s until the run is over (progress.running false, state no longer
        importing): wall seconds from the POST, the view, and, while it ran, the CPU seconds and the peak VmRSS
        (sampled every 0.1 s) of SERVER_PID, of POLLER_PID and, with DB, of the PostgreSQL
        backends connected to DB.
    measure.py read BASE_URL API_TOKEN PROJECT_ID SERVER_PID [DB] [LIMIT]
        One plain paged read of every story: GET {BASE_URL}/projects/{id}/stories?limit=LIMIT (500)&offset=N, N = 0,
        LIMIT, 2·LIMIT, … over one keep-alive connection, one page after the other, until a page comes back short or
        the announced total is read; every body parsed and its ids counted. Seconds (parsing included), pages,
        stories, distinct ids, bytes, per-page times from the request to the body's last byte (p50, p90, max, mean of
        the first and of the last five pages: a page that slows with its offset shows there; their sum, http_s), and
        the same CPU and RSS figures for the server.

CPU is utime + stime from /proc/PID/stat (all threads), in seconds; PostgreSQL's is summed over the client backends of
DB (pg_stat_activity) present at the end, less what those present at the start had used already.
"""
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime (fields 14 and 15 of the line)
    except OSError:
        return 0.0


def rss_mib(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def backends(db):
    if not db:
        return {}
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-tAc",
                          "select pid from pg_stat_activity where datname = '%s' and backend_type = 'client backend'" % db],
                         capture_output=True, text=True, check=True).stdout.split()
    return {int(p): cpu_seconds(int(p)) for p in out}


class Probe:
    """CPU and peak RSS of some processes (and a database's backends) between start() and stop()."""

    def __init__(self, pids, db=None):
        self.pids = {name: pid for name, pid in pids.items() if pid}
        self.db = db
        self.peak = {name: 0 for name in self.pids}
        self.done = threading.Event()

    def start(self):
        self.cpu0 = {name: cpu_seconds(pid) for name, pid in self.pids.items()}
        self.pg0 = backends(self.db)
        self.t0 = time.perf_counter()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def _sample(self):
        while not self.done.is_set():
            for name, pid in self.pids.items():
                self.peak[name] = max(self.peak[name], rss_mib(pid))
            self.done.wait(0.1)

    def stop(self):
        seconds = time.perf_counter() - self.t0
        self.done.set()
        self.thread.join()
        result = {}
        for name, pid in self.pids.items():
            used = cpu_seconds(pid) - self.cpu0[name]
            result[name] = {"cpu_s": round(used, 2), "cores": round(used / seconds, 2), "peak_rss_mib": self.peak[name]}
        if self.db:
            pg1 = backends(self.db)
            used = sum(now - self.pg0.get(pid, 0.0) for pid, now in pg1.items())
            result["postgres"] = {"cpu_s": round(used, 2), "cores": round(used / seconds, 2), "backends": len(pg1)}
        return result


def call(method, url, admin, body=None):
    request = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": "Bearer " + admin, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def first_import(poller, admin, name, base, token, project, server_pid, poller_pid, db=None):
    probe = Probe({"server": int(server_pid), "poller": int(poller_pid)}, db).start()
    t0 = time.perf_counter()
    created = call("POST", poller + "/api/integrations", admin,
                   {"name": name, "api_token": token, "base_url": base, "project_ids": [int(project)]})
    deadline = t0 + 900
    while True:
        view = call("GET", "%s/api/integrations/%d" % (poller, created["id"]), admin)
        progress = view.get("progress") or {}
        if progress.get("started_at") and not progress.get("running") and view.get("state") != "importing":
            break
        if time.perf_counter() > deadline:
            raise SystemExit("integration %d not done after 900 s: %s" % (created["id"], json.dumps(view)))
        time.sleep(0.1)
    wall = time.perf_counter() - t0
    usage = probe.stop()
    print(json.dumps({"id": created["id"], "wall_s": round(wall, 2), "usage": usage, "view": view}))


def read(base, token, project, server_pid, db=None, limit=500):
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=300)
    path = url.path.rstrip("/") + "/projects/%d/stories" % int(project)
    ids, times, size, total, offset = set(), [], 0, None, 0
    probe = Probe({"server": int(server_pid)}, db).start()
    started = time.perf_counter()
    while True:
        t0 = time.perf_counter()
        conn.request("GET", "%s?limit=%d&offset=%d" % (path, limit, offset), headers={"X-TrackerToken": token})
        response = conn.getresponse()
        body = response.read()
        times.append(time.perf_counter() - t0)  # request to last byte: the parsing below is the client's
        if response.status != 200:
            raise SystemExit("GET %s offset %d answered %d: %s" % (path, offset, response.status, body[:300]))
        page = json.loads(body)
        size += len(body)
        if total is None and response.getheader("X-Tracker-Pagination-Total"):
            total = int(response.getheader("X-Tracker-Pagination-Total"))
        ids.update(story["id"] for story in page)
        offset += len(page)
        if len(page) < limit or (total is not None and offset >= total):
            break
    seconds = time.perf_counter() - started
    usage = probe.stop()
    ordered = sorted(times)
    ms = lambda s: round(s * 1000, 1)
    print(json.dumps({
        "seconds": round(seconds, 3), "http_s": round(sum(times), 3), "pages": len(times), "stories": offset, "distinct": len(ids), "bytes": size,
        "total": total, "p50_ms": ms(ordered[len(ordered) // 2]), "p90_ms": ms(ordered[int(len(ordered) * 0.9)]),
        "max_ms": ms(ordered[-1]), "first5_ms": ms(sum(times[:5]) / len(times[:5])),
        "last5_ms": ms(sum(times[-5:]) / len(times[-5:])), "usage": usage,
    }))


if __name__ == "__main__":
    what, args = sys.argv[1], sys.argv[2:]
    if what == "import":
        first_import(*args[:8], args[8] if len(args) > 8 and args[8] else None)
    elif what == "read":
        read(args[0], args[1], args[2], args[3], args[4] if len(args) > 4 and args[4] else None,
             int(args[5]) if len(args) > 5 else 500)
    else:
        raise SystemExit("usage: measure.py import|read …")
