/**
 * The marketplace catalog: partners with security contacts, apps with listings, badges and OAuth
 * clients. {@link dev.warden.server.catalog.Partners} and {@link dev.warden.server.catalog.Apps} are
 * the module's API; the other features read and change the catalog only through them.
 */
@NullMarked
package dev.warden.server.catalog;

import org.jspecify.annotations.NullMarked;
