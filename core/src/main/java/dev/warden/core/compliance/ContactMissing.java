package dev.warden.core.compliance;

import dev.warden.core.catalog.Partner;
import dev.warden.core.catalog.PartnerStatus;
import dev.warden.core.catalog.SecurityContact;
import dev.warden.core.cvss.Severity;
import dev.warden.core.policy.PolicyVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code CONTACT-MISSING}: "a partner has no security contact, or none with an ecosystem account"
 * (docs/policy sections 2 and 9: every partner needs at least one, with an active account on the
 * ecosystem tracker, so notifications reach someone). Terminated partners are left alone.
 */
public final class ContactMissing implements Rule {
    public static final String ID = "CONTACT-MISSING";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "A partner has no security contact, or none with an ecosystem account";
    }

    @Override
    public List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        List<Violation> out = new ArrayList<>();
        for (Partner partner : facts.partners()) {
            if (partner.status() == PartnerStatus.TERMINATED) {
                continue;
            }
            List<SecurityContact> contacts = partner.securityContacts();
            String evidence = null;
            if (contacts.isEmpty()) {
                evidence = partner.name() + " has no security contact";
            } else if (policy.contacts().requireEcosystemAccount() && !partner.hasReachableSecurityContact()) {
                evidence = partner.name() + " has " + contacts.size() + " security contact(s), none with an active"
                        + " ecosystem account ("
                        + String.join(
                                ", ",
                                contacts.stream().map(SecurityContact::email).toList()) + ")";
            }
            if (evidence != null) {
                out.add(new Violation(
                        ID, new Subject.Partner(partner.id()), null, Severity.MEDIUM, evidence, policy.id()));
            }
        }
        return out;
    }
}
