package dev.warden.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Badge;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.catalog.PartnerStatus;
import dev.warden.core.catalog.SecretStorage;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotCodecTest {

    static byte[] resource(String name) throws IOException {
        try (InputStream in = SnapshotCodecTest.class.getResourceAsStream("/snapshots/" + name)) {
            return in.readAllBytes();
        }
    }

    static List<FieldError> errorsOf(String json) {
        try {
            SnapshotCodec.read(json.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidInputException e) {
            return e.errors();
        }
        throw new AssertionError("document was accepted: " + json);
    }

    @Test
    void readsEveryFactOfADocument() throws IOException {
        Snapshot snapshot = SnapshotCodec.read(resource("small.json"));

        assertThat(snapshot.partners()).hasSize(2);
        assertThat(snapshot.partners().get(1).status()).isEqualTo(PartnerStatus.ACTIVE);
        assertThat(snapshot.partners().get(0).hasReachableSecurityContact()).isTrue();
        assertThat(snapshot.partners().get(1).hasReachableSecurityContact()).isFalse();
        App timesheets = snapshot.apps().get(0);
        assertThat(timesheets.partner()).isEqualTo(PartnerId.of("zenith-apps"));
        assertThat(timesheets.listing(Hosting.DATA_CENTER).orElseThrow().state())
                .isEqualTo(ListingState.HIDDEN);
        assertThat(timesheets.listing(Hosting.CLOUD).orElseThrow().installs()).isEqualTo(1520);
        assertThat(timesheets.oauthClients().get(0).secretStorage()).isEqualTo(SecretStorage.KMS);
        assertThat(timesheets.oauthClients().get(0).secretRotatedAt()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        App diagrams = snapshot.apps().get(1);
        assertThat(diagrams.oauthClients()).isEmpty();
        assertThat(diagrams.listings().get(0).paid()).isFalse();
    }

    @Test
    void writingSortsByIdAndReadsBackToTheSameFacts() throws IOException {
        Snapshot original = SnapshotCodec.read(resource("small.json"));
        byte[] written = SnapshotCodec.write(original);
        Snapshot again = SnapshotCodec.read(written);

        assertThat(again.partners())
                .containsExactlyElementsOf(original.partners().stream()
                        .sorted((a, b) -> a.id().compareTo(b.id()))
                        .toList());
        assertThat(again.apps())
                .extracting(App::key)
                .containsExactly(AppKey.of("com.acme.diagrams"), AppKey.of("com.zenith.timesheets"));
        assertThat(SnapshotCodec.write(again)).isEqualTo(written);
        String text = new String(written, StandardCharsets.UTF_8);
        assertThat(text).contains("\"badges\" : [ \"CLOUD_FORTIFIED\", \"RUNS_ON_ATLASSIAN\" ]");
        assertThat(text).doesNotContain("null");
    }

    @Test
    void aPrivacyDeclarationKeepsWhatTheScansObserved() throws IOException {
        tools.jackson.databind.node.ObjectNode tree =
                (tools.jackson.databind.node.ObjectNode) SnapshotCodec.parse(resource("small.json"));
        tree.set("privacyDeclarations", SnapshotCodec.parse("""
                [{"app": "com.zenith.timesheets",
                  "declarations": [{"declaredAt": "2026-09-01T10:00:00Z", "declaredBy": "sec@zenith.example",
                                    "storesData": false, "handlesUserApiTokens": false}],
                  "observed": [{"scannedAt": "2026-10-01T08:00:00Z", "hosting": "CLOUD", "version": "4.2.0",
                                "artifact": "timesheets-4.2.0.jar", "domains": ["app.zenith.example"]}]}]
                """.getBytes(StandardCharsets.UTF_8)));
        Snapshot read = SnapshotCodec.read(SnapshotCodec.mapper().writeValueAsBytes(tree));
        assertThat(read.privacyDeclarations().get(0).observed())
                .singleElement()
                .satisfies(o -> assertThat(o.domains()).containsExactly("app.zenith.example"));
        byte[] written = SnapshotCodec.write(read);
        assertThat(SnapshotCodec.write(SnapshotCodec.read(written))).isEqualTo(written);
        assertThat(new String(written, StandardCharsets.UTF_8)).contains("\"observed\"", "timesheets-4.2.0.jar");
    }

    @Test
    void rejectsADocumentListingEveryErrorWithItsLocation() {
        List<FieldError> errors = errorsOf("""
                {"format": "warden.snapshot/v1",
                 "partners": [{"id": "Bad Id", "name": "X", "tier": "BRONZE", "colour": "red"},
                              {"id": "ok", "tier": "GOLD"}]}
                """);

        assertThat(errors)
                .extracting(FieldError::pointer)
                .containsExactly("/partners/0/colour", "/partners/0/id", "/partners/0/tier", "/partners/1/name");
        assertThat(errors.get(0).message()).isEqualTo("is not a known field here");
        assertThat(errors.get(1).message()).startsWith("must be a partner id: lowercase letters");
        assertThat(errors.get(2).message()).isEqualTo("must be one of NONE, SILVER, GOLD, PLATINUM");
        assertThat(errors.get(3).message()).isEqualTo("is required");
    }

    @Test
    void rejectsAnotherFormat() {
        assertThat(errorsOf("{\"format\": \"warden.snapshot/v2\"}"))
                .extracting(FieldError::pointer)
                .containsExactly("/format");
    }

    @Test
    void reportsBrokenJsonWithLineAndColumn() {
        List<FieldError> errors = errorsOf("{\"format\": \"warden.snapshot/v1\",\n \"partners\": [}");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.pointer()).isEmpty();
            assertThat(e.message()).startsWith("not valid JSON at line 2, column");
        });
    }

    @Test
    void rejectsDuplicateIdsAndReferencesToUnknownPartners() {
        List<FieldError> errors = errorsOf("""
                {"format": "warden.snapshot/v1",
                 "partners": [{"id": "acme", "name": "A", "tier": "GOLD"}, {"id": "acme", "name": "B", "tier": "NONE"}],
                 "apps": [{"key": "a.one", "name": "One", "partner": "ghost",
                           "listings": [{"hosting": "CLOUD", "state": "LISTED"}],
                           "oauthClients": [{"clientId": "shared-client"}]},
                          {"key": "a.two", "name": "Two", "partner": "acme",
                           "listings": [{"hosting": "CLOUD", "state": "LISTED"}],
                           "oauthClients": [{"clientId": "shared-client"}]}]}
                """);

        assertThat(errors)
                .containsExactly(
                        new FieldError("/apps/0/partner", "no partner 'ghost' in this document or in Warden"),
                        new FieldError(
                                "/apps/1/oauthClients/0/clientId",
                                "client 'shared-client' already belongs to app 'a.one'"),
                        new FieldError("/partners/1/id", "partner 'acme' appears twice (first at /partners/0)"));
    }

    @Test
    void aDocumentMayReferToPartnersTheReceiverKnows() {
        KnownCatalog known = new KnownCatalog() {
            @Override
            public boolean hasPartner(PartnerId id) {
                return id.value().equals("acme");
            }

            @Override
            public Optional<AppKey> appOwningClient(String clientId) {
                return clientId.equals("taken") ? Optional.of(AppKey.of("other.app")) : Optional.empty();
            }

            @Override
            public Optional<java.util.Set<Hosting>> hostingsOf(AppKey app) {
                return Optional.empty();
            }
        };
        String json = """
                {"format": "warden.snapshot/v1",
                 "apps": [{"key": "a.one", "name": "One", "partner": "acme", "badges": ["CLOUD_FORTIFIED"],
                           "listings": [{"hosting": "CLOUD", "state": "LISTED"}],
                           "oauthClients": [{"clientId": "taken"}]}]}
                """;

        assertThatThrownBy(() -> SnapshotCodec.read(json.getBytes(StandardCharsets.UTF_8), known))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .containsExactly(new FieldError(
                                        "/apps/0/oauthClients/0/clientId",
                                        "client 'taken' already belongs to app 'other.app'")));
        Snapshot ok = SnapshotCodec.read(json.replace("taken", "fresh").getBytes(StandardCharsets.UTF_8), known);
        assertThat(ok.apps().get(0).hasBadge(Badge.CLOUD_FORTIFIED)).isTrue();
    }

    @Test
    void reportsADomainRuleBrokenInsideAnObjectAtThatObject() {
        List<FieldError> errors = errorsOf("""
                {"format": "warden.snapshot/v1",
                 "partners": [{"id": "acme", "name": "A", "tier": "GOLD"}],
                 "apps": [{"key": "a.one", "name": "One", "partner": "acme",
                           "listings": [{"hosting": "CLOUD", "state": "LISTED"}, {"hosting": "CLOUD", "state": "HIDDEN"}]}]}
                """);

        assertThat(errors)
                .containsExactly(new FieldError("/apps/0", "an app has at most one listing per hosting type"));
    }

    @Test
    void anEmptyDocumentIsAnError() {
        assertThatThrownBy(() -> SnapshotCodec.read(new byte[0]))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors()).containsExactly(new FieldError("", "the document is empty")));
    }
}
