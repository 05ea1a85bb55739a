package dev.warden.server.shared;

/**
 * Work of a one-shot command ({@code ./warden import}, {@code ./warden compact}) that must wait until the
 * application has stopped and closed its database: run once the context is closed, when the command
 * succeeded.
 */
public interface AfterClose {
    /**
     * Does the work and reports problems itself. Returns the command's exit code from here on: 0, unless
     * this work was the command's point ({@code ./warden compact}) and failed.
     */
    int afterClose();
}
