package dev.warden.server.identity;

import dev.warden.server.shared.Actor;

/** The actor behind a request, and whether it must change its password before anything else. */
record Identity(Actor actor, boolean mustChangePassword) {}
