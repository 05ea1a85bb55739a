package dev.warden.scanner;

/**
 * Something that kept part of the input from being scanned: a corrupt or truncated archive, a limit
 * reached, an entry refused. The scan goes on with the rest.
 */
public record Problem(ArtifactPath path, String message) {}
