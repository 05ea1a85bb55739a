/**
 * Redirect URIs watched (docs/domains.md): the hosts of every app's OAuth redirect URIs, resolved with
 * their CNAME chains against the configured DNS servers (dnsjava), refused when they resolve to private
 * or metadata addresses, judged for subdomain takeover against the can-i-take-over-xyz fingerprints
 * (fetching a service's page when its fingerprint is a page), checked daily and on demand, with each
 * change of result kept; a host lost to takeover is a finding and a SCANNER ticket on every listing whose
 * redirect URI names it, which feeds {@code OAUTH-REDIRECT-DOMAIN}.
 */
@NullMarked
package dev.warden.server.domains;

import org.jspecify.annotations.NullMarked;
