package dev.warden.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.catalog.Partner;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.catalog.PartnerStatus;
import dev.warden.core.catalog.Tier;
import dev.warden.core.obligations.IncidentProcess;
import dev.warden.core.obligations.IncidentProcess.Element;
import dev.warden.core.obligations.Obligations;
import dev.warden.core.policy.PolicyVersions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code INCIDENT-PROCESS-UNDOCUMENTED}, named by docs/policy section 7: "All Marketplace partners are
 * expected to maintain a documented security incident response process covering: prompt investigation
 * of any suspected or confirmed security incident; immediate containment of customer impact; active
 * collaboration with Atlassian throughout remediation." Required from 2026-10-15, reviews current for 12
 * months (both operator-set in the built-in 2026-04-15 version).
 */
class IncidentProcessRulesTest {
    static final PartnerId ACME = PartnerId.of("acme");
    static final String DOC = "https://acme.example/security/incident-response";

    static IncidentProcess.Attestation attested(String at, String reviewedOn, Set<Element> covers) {
        return new IncidentProcess.Attestation(
                Instant.parse(at), "Ada Lovelace", DOC, LocalDate.parse(reviewedOn), covers, null);
    }

    static final Set<Element> ALL = EnumSet.allOf(Element.class);

    static List<Violation> evaluate(String at, PartnerStatus status, IncidentProcess.Attestation... attestations) {
        Instant asOf = Instant.parse(at);
        Partner acme = new Partner(ACME, "Acme", Tier.SILVER, status, List.of());
        List<IncidentProcess> processes =
                attestations.length == 0 ? List.of() : List.of(new IncidentProcess(ACME, List.of(attestations)));
        Facts facts = new Facts(
                asOf,
                List.of(acme),
                List.of(),
                new Breaches(),
                new Obligations(
                        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), processes, List.of(),
                        List.of()));
        return new IncidentProcessUndocumented()
                .evaluate(facts, PolicyVersions.builtIn().inForceAt(asOf));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # case                                                | as of                | attested at          | reviewed on | covers                                    | violation since      | evidence says
            nothing on record before the date it is required      | 2026-10-14T23:59:59Z | -                    | -           | -                                         | -                    | -
            nothing on record from the date it is required        | 2026-10-15T00:00:00Z | -                    | -           | -                                         | 2026-10-15T00:00:00Z | has attested no documented incident response process
            an attestation made after the instant judged is unseen | 2026-11-01T00:00:00Z | 2026-11-02T00:00:00Z | 2026-11-01  | INVESTIGATION,CONTAINMENT,COLLABORATION   | 2026-10-15T00:00:00Z | has attested no documented
            a current process covering all three elements         | 2026-11-01T00:00:00Z | 2026-09-01T00:00:00Z | 2026-08-15  | INVESTIGATION,CONTAINMENT,COLLABORATION   | -                    | -
            reviewed twelve months ago to the day is still current | 2027-08-15T23:59:59Z | 2026-09-01T00:00:00Z | 2026-08-15  | INVESTIGATION,CONTAINMENT,COLLABORATION   | -                    | -
            a review older than twelve months is stale            | 2027-08-16T00:00:00Z | 2026-09-01T00:00:00Z | 2026-08-15  | INVESTIGATION,CONTAINMENT,COLLABORATION   | 2027-08-16T00:00:00Z | last reviewed on 2026-08-15, more than 12 months ago
            stale before the requirement starts counts from then  | 2026-10-20T00:00:00Z | 2025-01-10T00:00:00Z | 2025-01-10  | INVESTIGATION,CONTAINMENT,COLLABORATION   | 2026-10-15T00:00:00Z | a review was due by 2026-01-10
            a process without containment                         | 2026-11-01T00:00:00Z | 2026-10-20T00:00:00Z | 2026-10-01  | INVESTIGATION,COLLABORATION               | 2026-10-20T00:00:00Z | does not cover containment
            a process covering investigation only                 | 2026-11-01T00:00:00Z | 2026-09-01T00:00:00Z | 2026-09-01  | INVESTIGATION                             | 2026-10-15T00:00:00Z | does not cover containment or collaboration
            """)
    void judgesThePartnersDocumentedProcess(
            String name,
            String asOf,
            @Nullable String attestedAt,
            @Nullable String reviewedOn,
            @Nullable String covers,
            @Nullable String since,
            @Nullable String evidence) {
        IncidentProcess.Attestation[] given = attestedAt == null
                ? new IncidentProcess.Attestation[0]
                : new IncidentProcess.Attestation[] {attested(attestedAt, reviewedOn, elements(covers))};
        List<Violation> found = evaluate(asOf, PartnerStatus.ACTIVE, given);
        if (since == null) {
            assertThat(found).as(name).isEmpty();
        } else {
            assertThat(found).as(name).singleElement().satisfies(v -> {
                assertThat(v.rule()).isEqualTo("INCIDENT-PROCESS-UNDOCUMENTED");
                assertThat(v.subject()).isEqualTo(new Subject.Partner(ACME));
                assertThat(v.since()).isEqualTo(Instant.parse(since));
                assertThat(v.evidence()).contains(evidence);
            });
        }
    }

    @Test
    void aNewerAttestationReplacesAStaleOneFromTheMomentItIsMade() {
        IncidentProcess.Attestation old = attested("2025-06-01T00:00:00Z", "2025-06-01", ALL);
        IncidentProcess.Attestation renewed = attested("2026-11-10T12:00:00Z", "2026-11-09", ALL);
        assertThat(evaluate("2026-11-10T11:59:59Z", PartnerStatus.ACTIVE, old, renewed))
                .singleElement()
                .extracting(Violation::evidence)
                .asString()
                .contains("last reviewed on 2025-06-01");
        assertThat(evaluate("2026-11-10T12:00:00Z", PartnerStatus.ACTIVE, old, renewed))
                .isEmpty();
    }

    @Test
    void terminatedPartnersAndVersionsThatAskForNoProcessAreLeftAlone() {
        assertThat(evaluate("2026-11-01T00:00:00Z", PartnerStatus.TERMINATED)).isEmpty();
        assertThat(evaluate("2026-04-14T00:00:00Z", PartnerStatus.ACTIVE))
                .as("the 2023-10-08 version has no incidentProcess section")
                .isEmpty();
        assertThat(PolicyVersions.builtIn()
                        .inForceAt(Instant.parse("2026-04-14T00:00:00Z"))
                        .incidentProcessRequirement())
                .isEmpty();
    }

    @Test
    void anAttestationNeedsALinkAndAReviewNoLaterThanItsDay() {
        assertThatThrownBy(() -> new IncidentProcess.Attestation(
                        Instant.parse("2026-11-01T00:00:00Z"),
                        "Ada",
                        "file:///etc/passwd",
                        LocalDate.parse("2026-10-01"),
                        ALL,
                        null))
                .hasMessageContaining("https link");
        assertThatThrownBy(() -> new IncidentProcess.Attestation(
                        Instant.parse("2026-11-01T10:00:00Z"), "Ada", DOC, LocalDate.parse("2026-11-02"), ALL, null))
                .hasMessageContaining("reviewedOn must not be after");
        assertThatThrownBy(() -> new IncidentProcess(
                        ACME,
                        List.of(
                                attested("2026-11-02T00:00:00Z", "2026-11-01", ALL),
                                attested("2026-11-01T00:00:00Z", "2026-11-01", ALL))))
                .hasMessageContaining("in the order they were made");
    }

    private static Set<Element> elements(@Nullable String csv) {
        Set<Element> out = EnumSet.noneOf(Element.class);
        if (csv != null) {
            for (String s : csv.split(",")) {
                out.add(Element.valueOf(s.strip()));
            }
        }
        return out;
    }
}
