package dev.warden.server.shared;

/** A stored value with its version, which grows by one on every change (the API's ETag). */
public record Versioned<T>(T value, int version) {}
