package dev.warden.server.domains;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Judges a registrable domain's registration as RDAP describes it: a domain the registry does not have
 * can be registered by anyone; one past its expiration, or in its redemption period or pending delete,
 * is lost or about to be; a registrar or registrant other than the one accepted as the partner's means it
 * was transferred; one that expires within the policy's warning window ({@code
 * oauth.domainExpiryWarningDays}) is a warning to the partner, not yet a finding.
 */
final class RegistrationCheck {
    private RegistrationCheck() {}

    /** What a registration check found. */
    enum Status {
        /** Not checked yet. */
        PENDING,
        /** Registered, not expiring soon, with the accepted registrar and registrant. */
        ACTIVE,
        /** Registered, expiring within the warning window. */
        EXPIRING,
        /** Past its expiration, or in redemption or pending delete. */
        EXPIRED,
        /** The registry has no such domain: anyone can register it. */
        REGISTRABLE,
        /** Its registrar or registrant is not the one accepted as the partner's. */
        TRANSFERRED,
        /** No RDAP server is known for its suffix. */
        UNKNOWN,
        /** The RDAP server could not be asked or answered oddly: nothing concluded. */
        INCOMPLETE;

        /** Whether the partner may have lost the domain: a finding. */
        boolean failing() {
            return this == EXPIRED || this == REGISTRABLE || this == TRANSFERRED;
        }
    }

    /** The judgement, with what explains it. */
    record Result(Status status, String detail) {}

    private static final List<String> LOST = List.of("pending delete", "redemption period", "pending restore");

    static Result judge(
            String domain,
            RdapClient.Registration r,
            @Nullable String acceptedRegistrar,
            @Nullable String acceptedRegistrant,
            Instant now,
            int warningDays) {
        String server = r.server() == null ? "" : " (" + r.server() + ")";
        switch (r.outcome()) {
            case NO_SERVER:
                return new Result(Status.UNKNOWN, "no RDAP server is known for " + domain + "'s suffix");
            case NOT_FOUND:
                return new Result(
                        Status.REGISTRABLE,
                        "the registry" + server + " has no domain " + domain + ": anyone can register it");
            default:
                break;
        }
        String expiry = r.expires() == null ? "no expiration given" : "expires " + date(r.expires());
        String lost = r.statuses().stream().filter(LOST::contains).findFirst().orElse(null);
        if (lost != null) {
            return new Result(
                    Status.EXPIRED, domain + " is in \"" + lost + "\" at the registry" + server + "; " + expiry);
        }
        if (r.expires() != null && !r.expires().isAfter(now)) {
            return new Result(Status.EXPIRED, domain + " expired on " + date(r.expires()) + server);
        }
        if (acceptedRegistrant != null && r.registrant() != null && !acceptedRegistrant.equals(r.registrant())) {
            return new Result(
                    Status.TRANSFERRED,
                    domain + "'s registrant changed from " + acceptedRegistrant + " to " + r.registrant() + server);
        }
        if (acceptedRegistrar != null && r.registrar() != null && !acceptedRegistrar.equals(r.registrar())) {
            return new Result(
                    Status.TRANSFERRED,
                    domain + " moved from registrar " + acceptedRegistrar + " to " + r.registrar()
                            + (r.lastTransfer() == null ? "" : " on " + date(r.lastTransfer())) + server);
        }
        String registrar = r.registrar() == null ? "" : " with " + r.registrar();
        if (r.expires() != null && r.expires().isBefore(now.plus(Duration.ofDays(warningDays)))) {
            long days = Math.max(0, Duration.between(now, r.expires()).toDays());
            return new Result(
                    Status.EXPIRING,
                    domain + " expires on " + date(r.expires()) + " (in " + days + " days; renew it well before)"
                            + " — registered" + registrar + server);
        }
        return new Result(Status.ACTIVE, domain + " is registered" + registrar + ", " + expiry + server);
    }

    private static String date(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
}
