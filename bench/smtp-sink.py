#!/usr/bin/env python3
"""A minimal SMTP receiver for benchmarks: accepts every message on 127.0.0.1:PORT, keeps only a count
(written to COUNT_FILE after each message). Speaks just enough SMTP (RFC 5321) for Jakarta Mail."""
import socketserver
import sys
import threading

PORT = int(sys.argv[1])
COUNT_FILE = sys.argv[2]
count = 0
lock = threading.Lock()


class Session(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def handle(self):
        global count
        self.reply("220 sink ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                self.reply("250 sink")
            elif verb == b"DATA":
                self.reply("354 end with <CRLF>.<CRLF>")
                while self.rfile.readline() not in (b".\r\n", b""):
                    pass
                with lock:
                    count += 1
                    with open(COUNT_FILE, "w") as f:
                        f.write(str(count))
                self.reply("250 queued")
            elif verb == b"QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


Server(("127.0.0.1", PORT), Session).serve_forever()
