#!/usr/bin/env python3
"""Loopback servers for the domain-check benchmark, on 127.0.0.1:PORT (threaded HTTP/1.1):
- /bootstrap/dns.json: an RDAP bootstrap file (RFC 9224) naming this server for .com;
- /rdap/domain/NAME: an RFC 9083 domain object (active, expiring in 2029) for every name;
- any other path: a hosted service's page by Host header: files.benchN.com with an odd N gets Amazon
  S3's unclaimed-bucket page (404 NoSuchBucket), the others a page of their own.
It checks nothing; the tests check the documents' shapes."""
import http.server
import json
import sys

PORT = int(sys.argv[1])


def odd_files(host):
    """files.benchN.com with an odd N: its bucket is gone (the benchmark's DNS points it at gone-N)."""
    name = host.split(":")[0]
    digits = "".join(c for c in name.split(".")[1] if c.isdigit()) if name.startswith("files.") else ""
    return digits != "" and int(digits) % 2 == 1


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def send(self, status, kind, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/bootstrap/dns.json":
            self.send(200, "application/json", json.dumps({"version": "1.0", "services": [
                [["com"], ["http://127.0.0.1:%d/rdap/" % PORT]]]}))
        elif self.path.startswith("/rdap/domain/"):
            name = self.path[len("/rdap/domain/"):]
            self.send(200, "application/rdap+json", json.dumps({
                "objectClassName": "domain", "ldhName": name.upper(), "status": ["client transfer prohibited"],
                "entities": [{"objectClassName": "entity", "roles": ["registrar"],
                              "vcardArray": ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "Bench Registrar"]]]}],
                "events": [{"eventAction": "registration", "eventDate": "2015-01-01T00:00:00Z"},
                           {"eventAction": "expiration", "eventDate": "2029-01-01T00:00:00Z"}],
                "rdapConformance": ["rdap_level_0"]}))
        elif odd_files(self.headers.get("Host", "")):
            self.send(404, "application/xml", "<Error><Code>NoSuchBucket</Code>"
                      "<Message>The specified bucket does not exist</Message></Error>")
        else:
            self.send(200, "text/html", "<html><body>bench</body></html>")

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
