package dev.warden.server.scanning;

/**
 * Published in the recording transaction when a scan of an app version's artifact finished: what the
 * app declares (its descriptors) may have changed.
 */
public record VersionScanned(String app, String hosting) {}
