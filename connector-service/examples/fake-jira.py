#!/usr/bin/env python3
"""A tiny stand-in for Jira's REST API v2, for trying connector-service locally (README, "Worked example").

Serves the issues DEMO-1 and DEMO-2 for any filter, their transitions, and accepts comments and transitions,
printing each call it receives. Usage: python3 fake-jira.py [port]  (default 8099)
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import urlparse

ISSUES = {
    "DEMO-1": {"summary": "Checkout fails with an empty cart", "type": "Bug"},
    "DEMO-2": {"summary": "Export invoices as CSV", "type": "Story"},
}
TRANSITIONS = [{"id": "4", "name": "Start Progress"}, {"id": "5", "name": "Resolve Issue"}, {"id": "3", "name": "Reopen Issue"}]
comments = 0


def issue(key):
    return {"id": key[5:], "key": key, "fields": {"summary": ISSUES[key]["summary"], "issuetype": {"name": ISSUES[key]["type"]},
            "reporter": {"displayName": "Grace Hopper"}, "created": "2026-11-20T10:15:30.000+0000", "description": "From the fake Jira"}}


class Jira(BaseHTTPRequestHandler):
    def answer(self, status, body=None):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        path = urlparse(self.path).path.rstrip("/")
        parts = path.split("/")
        if path == "/rest/api/2/serverInfo":
            # as a Jira Data Center answers it (fixtures/jira/serverinfo-server.json); "Cloud" would switch to search/jql
            self.answer(200, {"version": "9.12.15", "versionNumbers": [9, 12, 15], "deploymentType": "Server", "buildNumber": 9120015})
        elif path == "/rest/api/2/search":
            self.answer(200, {"startAt": 0, "maxResults": 50, "total": len(ISSUES), "issues": [issue(k) for k in ISSUES]})
        elif len(parts) == 6 and parts[5] in ISSUES:
            self.answer(200, issue(parts[5]))
        elif len(parts) == 7 and parts[5] in ISSUES and parts[6] == "transitions":
            self.answer(200, {"transitions": TRANSITIONS})
        else:
            self.answer(404, {"errorMessages": ["Issue does not exist"]})

    def do_POST(self):
        global comments
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        parts = urlparse(self.path).path.split("/")
        print(f"JIRA RECEIVED POST {self.path}: {body}", flush=True)
        if len(parts) == 7 and parts[5] in ISSUES and parts[6] == "comment":
            comments += 1
            self.answer(201, {"id": str(10000 + comments)})
        elif len(parts) == 7 and parts[5] in ISSUES and parts[6] == "transitions":
            self.answer(204)
        else:
            self.answer(404, {"errorMessages": ["Issue does not exist"]})

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8099
    print(f"fake Jira on http://127.0.0.1:{port}", flush=True)
    HTTPServer(("127.0.0.1", port), Jira).serve_forever()
