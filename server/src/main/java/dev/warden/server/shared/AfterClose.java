package dev.warden.server.shared;

/**
 * Work of a one-shot command ({@code ./warden import}) that must wait until the application has stopped
 * and closed its database: run once the context is closed, when the command succeeded.
 */
public interface AfterClose {
    /** Does the work; reports problems itself, since the command's own result stands. */
    void afterClose();
}
