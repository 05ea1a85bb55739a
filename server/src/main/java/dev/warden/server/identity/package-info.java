/**
 * Who may see and do what: people (roles, passwords, sign-in, lockout), API clients (client
 * credentials, short-lived scoped tokens), the security configuration, and the check that every
 * endpoint declares its permission. Partner-scoped actors see only their own partner.
 */
@NullMarked
package dev.warden.server.identity;

import org.jspecify.annotations.NullMarked;
