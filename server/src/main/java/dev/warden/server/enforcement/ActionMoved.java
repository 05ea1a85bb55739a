package dev.warden.server.enforcement;

import dev.warden.core.enforcement.ActionStatus;

/** An action moved on to another status (decided, withdrawn, applied, undone): counts of actions change. */
record ActionMoved(long action, ActionStatus status) {}
