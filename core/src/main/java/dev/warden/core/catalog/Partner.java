package dev.warden.core.catalog;

import static java.util.Objects.requireNonNullElse;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A marketplace partner (app vendor). */
public record Partner(
        PartnerId id, String name, Tier tier, PartnerStatus status, List<SecurityContact> securityContacts) {

    public Partner(
            PartnerId id,
            String name,
            Tier tier,
            @Nullable PartnerStatus status,
            @Nullable List<SecurityContact> securityContacts) {
        this.id = id;
        this.name = Text.require(name, "name");
        this.tier = tier;
        this.status = requireNonNullElse(status, PartnerStatus.ACTIVE);
        this.securityContacts = List.copyOf(requireNonNullElse(securityContacts, List.of()));
    }

    /** Whether at least one contact can receive tickets on the ecosystem tracker (CONTACT-MISSING otherwise). */
    public boolean hasReachableSecurityContact() {
        return securityContacts.stream().anyMatch(SecurityContact::ecosystemAccount);
    }
}
