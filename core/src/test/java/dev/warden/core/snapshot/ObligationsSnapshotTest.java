package dev.warden.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.compliance.Facts;
import dev.warden.core.compliance.Rules;
import dev.warden.core.compliance.Violation;
import dev.warden.core.obligations.BountyProgram;
import dev.warden.core.obligations.Obligations;
import dev.warden.core.obligations.TokenUse;
import dev.warden.core.obligations.Verification;
import dev.warden.core.policy.PolicyVersions;
import dev.warden.core.validation.FieldError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Obligation records in the snapshot format: read, written back, streamed, checked, evaluated. */
class ObligationsSnapshotTest {
    static String document() throws IOException {
        return new String(SnapshotCodecTest.resource("obligations.json"), StandardCharsets.UTF_8);
    }

    @Test
    void readsWritesAndStreamsEveryKindOfRecord() throws IOException {
        Snapshot snapshot = SnapshotCodec.read(document().getBytes(StandardCharsets.UTF_8));
        assertThat(snapshot.incidents()).singleElement().satisfies(i -> {
            assertThat(i.containedAt()).isEqualTo(Instant.parse("2026-10-05T08:00:00Z"));
            assertThat(i.review()).isPresent();
        });
        assertThat(snapshot.bountyPrograms().get(0).visibility()).isEqualTo(BountyProgram.Visibility.SCHEDULED);
        assertThat(snapshot.verifications().get(0).state()).isEqualTo(Verification.State.INFO_REQUESTED);
        assertThat(snapshot.entityChanges().get(0).reportedAt()).isNull();
        assertThat(snapshot.tokenUse().get(0).handlesTokens()).isTrue();
        assertThat(snapshot.scanFindings())
                .extracting(f -> f.rule() + " " + f.state())
                .containsExactlyInAnyOrder("oauth-client-secret OPEN", "oauth-scope-unused FIXED");
        assertThat(snapshot.incidentProcesses()).singleElement().satisfies(p -> {
            assertThat(p.attestations()).hasSize(2);
            assertThat(p.asOf(Instant.parse("2026-01-01T00:00:00Z"))
                            .orElseThrow()
                            .missing())
                    .containsExactly(dev.warden.core.obligations.IncidentProcess.Element.COLLABORATION);
            assertThat(p.latest().orElseThrow().notes()).startsWith("Adds the operator's");
        });
        assertThat(snapshot.badgeAwards())
                .singleElement()
                .extracting(dev.warden.core.obligations.BadgeAward::state)
                .isEqualTo(dev.warden.core.obligations.BadgeAward.State.AWARDED);
        assertThat(snapshot.scopeReviews()).singleElement().satisfies(r -> {
            assertThat(r.asOf(Instant.parse("2026-05-01T00:00:00Z"))).isEmpty();
            assertThat(r.asOf(Instant.parse("2026-06-01T00:00:00Z"))
                            .orElseThrow()
                            .removed())
                    .containsExactly("manage:jira-configuration");
        });

        byte[] written = SnapshotCodec.write(snapshot);
        assertThat(SnapshotCodec.write(SnapshotCodec.read(written))).isEqualTo(written);
        assertThat(SnapshotCodec.read(written).obligations()).isEqualTo(snapshot.obligations());

        Obligations.Collector streamed = new Obligations.Collector();
        SnapshotStream.read(new ByteArrayInputStream(written), new SnapshotStream.Handler() {
            @Override
            public void obligation(Object record) {
                streamed.add(record);
            }
        });
        assertThat(streamed.build()).isEqualTo(snapshot.obligations());
    }

    @Test
    void aCleanScanReadsBackAsEvidenceWithNoFindings() {
        TokenUse clean = new TokenUse(
                AppKey.of("com.acme.app"),
                null,
                TokenUse.Migration.MIGRATED,
                null,
                new TokenUse.ScanEvidence(Instant.parse("2026-11-01T00:00:00Z"), "app-2.jar", List.of()));
        String json = SnapshotCodec.mapper().writeValueAsString(clean);
        assertThat(json).doesNotContain("findings");
        assertThat(SnapshotCodec.mapper().readValue(json, TokenUse.class)).isEqualTo(clean);
    }

    @Test
    void theRulesSeeTheRecordsOfADocument() throws IOException {
        Snapshot snapshot = SnapshotCodec.read(document().getBytes(StandardCharsets.UTF_8));
        Instant asOf = Instant.parse("2026-11-28T00:00:00Z");
        List<Violation> violations = Rules.evaluate(
                new Facts(
                        asOf,
                        snapshot.partners(),
                        snapshot.apps(),
                        new dev.warden.core.compliance.Breaches(),
                        snapshot.obligations()),
                PolicyVersions.builtIn().inForceAt(asOf));
        assertThat(violations)
                .extracting(v -> v.rule() + " " + v.subject().id())
                .contains(
                        "DISCLOSURE-MISMATCH com.zenith.timesheets",
                        "INCIDENT-LATE-REPORT com.zenith.timesheets",
                        "INCIDENT-FOLLOW-UP com.zenith.timesheets",
                        "VERIFICATION-OVERDUE acme",
                        "VERIFICATION-CHANGE-UNREPORTED acme",
                        "OAUTH-SECRET-EXPOSED com.zenith.timesheets",
                        "INCIDENT-PROCESS-UNDOCUMENTED zenith-apps",
                        "BADGE-REQUIREMENTS-UNMET com.zenith.timesheets")
                .doesNotContain(
                        "INCIDENT-PROCESS-UNDOCUMENTED acme",
                        "OAUTH-SCOPE-EXCESS com.zenith.timesheets",
                        "BOUNTY-NOT-PUBLIC BB-1",
                        "BOUNTY-MISSING com.zenith.timesheets");
    }

    @Test
    void checksThatRecordsReferToPartnersAndAppsOfTheirOwn() throws IOException {
        String doc = document()
                .replace(
                        "\"apps\": [\n        \"com.zenith.timesheets\"\n      ],\n      \"category\"",
                        "\"apps\": [\n        \"com.acme.diagrams\"\n      ],\n      \"category\"")
                .replace("\"app\": \"com.zenith.timesheets\"", "\"app\": \"com.nobody.app\"")
                .replace(
                        "\"partner\": \"acme\",\n      \"requestedAt\"",
                        "\"partner\": \"globex\",\n      \"requestedAt\"")
                .replace(
                        "\"partner\": \"acme\",\n      \"attestations\"",
                        "\"partner\": \"initech\",\n      \"attestations\"");
        List<FieldError> errors = SnapshotCodecTest.errorsOf(doc);
        assertThat(errors)
                .extracting(e -> e.pointer() + ": " + e.message())
                .contains(
                        "/incidents/0/apps/0: app 'com.acme.diagrams' belongs to partner 'acme'",
                        "/tokenUse/0/app: no app 'com.nobody.app' in this document or in Warden",
                        "/verifications/0/partner: no partner 'globex' in this document or in Warden",
                        "/incidentProcesses/0/partner: no partner 'initech' in this document or in Warden",
                        "/badgeAwards/0/app: no app 'com.nobody.app' in this document or in Warden");
    }

    @Test
    void aScanFindingMustCarryTheIdOfItsAppHostingRuleAndFingerprint() throws IOException {
        String doc = document()
                .replace(
                        "\"hosting\": \"CLOUD\",\n      \"rule\": \"oauth-client-secret\"",
                        "\"hosting\": \"DATA_CENTER\",\n      \"rule\": \"oauth-client-secret\"");
        assertThat(SnapshotCodecTest.errorsOf(doc))
                .extracting(e -> e.pointer() + ": " + e.message())
                .singleElement()
                .satisfies(e -> assertThat(e).matches("/scanFindings/\\d/id: must be SF-[0-9a-f]{24}, the id of .*"));
        String secret = document().replace("\"preview\": \"Zk9x", "\"secret\": \"Zk9xQ\", \"preview\": \"Zk9x");
        assertThat(SnapshotCodecTest.errorsOf(secret))
                .extracting(FieldError::pointer)
                .anyMatch(f -> f.startsWith("/scanFindings/"));
    }

    @Test
    void anImpossibleIncidentHistoryIsReportedWhereItIs() throws IOException {
        String doc = document().replace("\"type\": \"CONTAINED\"", "\"type\": \"CLOSED\"");
        assertThat(SnapshotCodecTest.errorsOf(doc)).singleElement().satisfies(e -> {
            assertThat(e.pointer()).startsWith("/incidents/0");
            assertThat(e.message()).contains("once contained and reviewed");
        });
    }

    @Test
    void anIncidentThePartnerHasNotReportedSaysSinceWhenTheOperatorKnowsAndReadsBack() throws IOException {
        String unreported = document().replace("\"reportedAt\": \"2026-10-03T08:00:00Z\",", "");
        assertThat(SnapshotCodecTest.errorsOf(unreported)).singleElement().satisfies(e -> {
            assertThat(e.pointer()).startsWith("/incidents/0");
            assertThat(e.message()).contains("recordedAt: when the operator learned of it");
        });

        String recorded = document()
                .replace(
                        "\"reportedAt\": \"2026-10-03T08:00:00Z\",",
                        "\"recordedAt\": \"2026-10-02T08:00:00Z\", \"partnerTier\": \"PLATINUM\",");
        Snapshot read = SnapshotCodec.read(recorded.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        dev.warden.core.obligations.Incident incident = read.incidents().get(0);
        assertThat(incident.reportedAt()).isNull();
        assertThat(incident.recordedAt()).isEqualTo(java.time.Instant.parse("2026-10-02T08:00:00Z"));
        assertThat(incident.engagement()).isEqualTo(dev.warden.core.obligations.IncidentEngagement.HANDS_ON);
        Snapshot again = SnapshotCodec.read(SnapshotCodec.write(read));
        assertThat(again.incidents()).isEqualTo(read.incidents());
        assertThat(new String(SnapshotCodec.write(read), java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain("\"reportedAt\": \"2026-10-0")
                .contains("\"recordedAt\" : \"2026-10-02T08:00:00Z\"");
    }

    @Test
    void aSecretCannotBeSmuggledIntoTokenEvidence() throws IOException {
        String doc = document().replace("\"location\":", "\"token\": \"ATATT3xFfGF0\", \"location\":");
        assertThat(SnapshotCodecTest.errorsOf(doc))
                .extracting(FieldError::pointer)
                .anyMatch(f -> f.startsWith("/tokenUse/0/evidence/findings/0"));
    }
}
