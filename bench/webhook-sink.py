#!/usr/bin/env python3
"""A minimal webhook receiver for benchmarks: answers 204 to every POST on 127.0.0.1:PORT and keeps a
count (written to COUNT_FILE after each request). It checks nothing; the tests verify signatures."""
import http.server
import sys
import threading

PORT = int(sys.argv[1])
COUNT_FILE = sys.argv[2]
count = 0
lock = threading.Lock()


class Receiver(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        global count
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(204)
        self.end_headers()
        with lock:
            count += 1
            with open(COUNT_FILE, "w") as f:
                f.write(str(count))

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Receiver).serve_forever()
