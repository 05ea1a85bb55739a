package dev.warden.server.scanning;

/** Work was queued (a scan, or a pull); a node that does background work looks at once. */
record ScanQueued(String reason) {}
