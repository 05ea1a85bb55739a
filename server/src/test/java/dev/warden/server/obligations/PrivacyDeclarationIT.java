package dev.warden.server.obligations;

import static dev.warden.server.obligations.ObligationsIT.ok;
import static dev.warden.server.obligations.ObligationsIT.openCases;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The Privacy and Security tab through the API: the operator reviews "disclosures made through the
 * Privacy and Security tab", and what the partner declared must not contradict what Warden observed
 * ({@code DISCLOSURE-MISMATCH}).
 */
@ExtendWith(DatabaseRequirement.class)
class PrivacyDeclarationIT {
    static final String DECLARATION = "/api/v1/apps/com.acme.sync/privacy-declaration";

    @Test
    void aDeclarationContradictingTheCatalogIsAMismatchUntilTheTabIsCorrected() {
        ObligationsIT.World w = ObligationsIT.world();
        try (FreshWarden ignored = w.warden()) {
            ok(w.admin().post("/api/v1/apps", """
                    {"key": "com.acme.sync", "name": "Acme Sync", "partner": "acme",
                     "listings": [{"hosting": "CLOUD", "state": "LISTED"}],
                     "oauthClients": [{"clientId": "acme-sync-3lo", "redirectUris": ["https://login.broker.example/cb"],
                                       "scopes": ["read:jira-work", "offline_access"], "secretStorage": "CONFIG_FILE",
                                       "secretRotatedAt": "2026-06-01T00:00:00Z"}]}
                    """));
            JsonNode none = ok(w.partner().get(DECLARATION));
            assertThat(none.has("current")).isFalse();
            assertThat(none.get("differences")).isEmpty();

            Http.Response bad = w.partner().post(DECLARATION, """
                    {"storesData": false, "egressDomains": ["https://acme.example/"], "handlesUserApiTokens": false}
                    """);
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).contains("/egressDomains").contains("is not a domain");
            Http.Response missing = w.partner().post(DECLARATION, "{\"egressDomains\": []}");
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.body()).contains("/storesData").contains("/handlesUserApiTokens");
            assertThat(w.other()
                            .post(DECLARATION, "{\"storesData\": false, \"handlesUserApiTokens\": false}")
                            .status())
                    .isEqualTo(404);

            JsonNode declared = ok(w.partner().post(DECLARATION, """
                    {"appVersion": "2.0.0", "storesData": false, "egressDomains": ["*.acme.example"],
                     "handlesUserApiTokens": false, "oauthSecretStorage": "KMS", "subprocessors": []}
                    """));
            assertThat(declared.get("differences").valueStream().map(JsonNode::asString))
                    .hasSize(3)
                    .anySatisfy(d -> assertThat(d).contains("client acme-sync-3lo is recorded as CONFIG_FILE"))
                    .anySatisfy(
                            d -> assertThat(d).contains("does not list login.broker.example among the egress domains"))
                    .anySatisfy(d -> assertThat(d).contains("requests offline_access"));
            assertThat(openCases(w, "DISCLOSURE-MISMATCH"))
                    .as("the declaration is judged at once")
                    .containsExactly("com.acme.sync");

            // The partner corrects the tab: the case resolves.
            JsonNode corrected = ok(w.partner().post(DECLARATION, """
                    {"appVersion": "2.0.0", "storesData": true, "storageRegions": ["EU"],
                     "egressDomains": ["*.acme.example", "login.broker.example"], "handlesUserApiTokens": false,
                     "oauthSecretStorage": "CONFIG_FILE", "subprocessors": ["Broker Ltd"]}
                    """));
            assertThat(corrected.get("differences")).isEmpty();
            assertThat(corrected.get("history")).hasSize(2);
            assertThat(openCases(w, "DISCLOSURE-MISMATCH")).isEmpty();
            assertThat(w.other().get(DECLARATION).status()).isEqualTo(404);
            assertThat(ok(w.admin().get("/api/v1/snapshot"))
                            .get("privacyDeclarations")
                            .get(0)
                            .get("declarations"))
                    .hasSize(2);
            assertThat(w.admin().get("/api/v1/audit?action=PRIVACY_DECLARED").body())
                    .contains("PRIVACY_DECLARED");
        }
    }

    /** "Egress and remotes from descriptors and scans": the uploaded version's descriptor names a host the tab leaves out. */
    @Test
    void aHostTheScannedDescriptorNamesMustBeOnTheTab() {
        ObligationsIT.World w = ObligationsIT.world();
        try (FreshWarden ignored = w.warden()) {
            String declaration = "/api/v1/apps/com.acme.remote/privacy-declaration";
            ok(w.admin().post("/api/v1/apps", """
                    {"key": "com.acme.remote", "name": "Acme Remote", "partner": "acme",
                     "listings": [{"hosting": "CLOUD", "state": "LISTED"}]}
                    """));
            ok(w.partner().post(declaration, """
                    {"storesData": false, "egressDomains": ["*.acme.example"], "handlesUserApiTokens": false}
                    """));
            byte[] artifact = dev.warden.server.testing.Artifacts.zip(
                    java.util.Map.of("atlassian-connect.json", """
                    {"key": "com.acme.remote", "baseUrl": "https://remote.acme-cloud.example/app", "scopes": ["READ"]}
                    """.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            Http.Response upload = w.partner()
                    .multipart(
                            "/api/v1/apps/com.acme.remote/versions",
                            java.util.Map.of("version", "1.0.0"),
                            "remote-1.0.0.zip",
                            artifact);
            assertThat(upload.status()).as(upload.body()).isEqualTo(201);
            w.warden()
                    .bean(dev.warden.server.scanning.AppVersions.class)
                    .scanQueuedNow(java.time.Duration.ofMinutes(1));

            JsonNode seen = ok(w.partner().get(declaration));
            assertThat(seen.get("observed").get(0).get("domains").get(0).asString())
                    .isEqualTo("remote.acme-cloud.example");
            assertThat(seen.get("differences").get(0).asString())
                    .contains("does not list remote.acme-cloud.example among the egress domains; the CLOUD descriptor"
                            + " of version 1.0.0 (remote-1.0.0.zip)");
            w.evaluate();
            assertThat(openCases(w, "DISCLOSURE-MISMATCH")).contains("com.acme.remote");
            assertThat(w.admin().get("/api/v1/snapshot").body()).contains("\"observed\"", "remote.acme-cloud.example");

            ok(w.partner().post(declaration, """
                    {"storesData": false, "egressDomains": ["*.acme.example", "remote.acme-cloud.example"],
                     "handlesUserApiTokens": false}
                    """));
            assertThat(ok(w.partner().get(declaration)).get("differences")).isEmpty();
        }
    }
}
