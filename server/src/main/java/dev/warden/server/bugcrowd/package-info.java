/**
 * Bugcrowd (docs/bugcrowd.md): one connection per Warden (an API token, sealed), Bugcrowd programs
 * linked to Warden's bug bounty programs with their targets mapped to apps' listings, and a periodic
 * pull through Bugcrowd's REST API that opens and keeps in step one BUG_BOUNTY ticket per submission
 * and measures each program's health from its submissions.
 */
@NullMarked
package dev.warden.server.bugcrowd;

import org.jspecify.annotations.NullMarked;
