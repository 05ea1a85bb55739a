/**
 * The partners' obligations beyond vulnerability tickets: incidents and their follow-up, bug bounty
 * programs and coverage, partner verification and entity changes, and user API token use. Stores the
 * core records, answers the API, and hands the rules the records of a partner.
 */
@NullMarked
package dev.warden.server.obligations;

import org.jspecify.annotations.NullMarked;
