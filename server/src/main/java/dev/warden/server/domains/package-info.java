/**
 * Redirect URIs, app domains and live endpoints, watched (issue 19). So far: DNS resolution of a host
 * with its CNAME chain against a configured server (dnsjava), and the judgement of a dangling CNAME
 * into a hosted service against the subdomain-takeover fingerprints of can-i-take-over-xyz. Targets,
 * scheduling, registration (RDAP), endpoint checks, findings and pages come next.
 */
@NullMarked
package dev.warden.server.domains;

import org.jspecify.annotations.NullMarked;
