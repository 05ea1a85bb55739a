/**
 * The marketplace catalog: partners with their security contacts, apps with their hosting listings,
 * badges and OAuth clients. Values only; the server stores them and the rules read them.
 */
@NullMarked
package dev.warden.core.catalog;

import org.jspecify.annotations.NullMarked;
