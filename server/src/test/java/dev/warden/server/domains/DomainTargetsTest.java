package dev.warden.server.domains;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.Listing;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.catalog.OAuthClient;
import dev.warden.core.catalog.PartnerId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the domain checks look at: each redirect URI's host and the domain its registry knows. */
class DomainTargetsTest {
    @Test
    void theRegistrableDomainIsTheOneARegistryKnows() {
        assertThat(DomainTargets.registrable("login.acme.com")).isEqualTo("acme.com");
        assertThat(DomainTargets.registrable("login.acme.co.uk")).isEqualTo("acme.co.uk");
        assertThat(DomainTargets.registrable("acme-files.s3.amazonaws.com"))
                .as("under a provider's private suffix, the provider's domain")
                .isEqualTo("amazonaws.com");
        assertThat(DomainTargets.registrable("acme.github.io")).isEqualTo("github.io");
        assertThat(DomainTargets.registrable("login.acme.example"))
                .as("no registry")
                .isNull();
        assertThat(DomainTargets.registrable("localhost")).isNull();
        assertThat(DomainTargets.registrable("10.0.0.1")).isNull();
        assertThat(DomainTargets.registrable("[::1]")).isNull();
    }

    @Test
    void redirectUrisWithAHostAreTargetsEachOnceAndOAuthFindingsGoToTheCloudListing() {
        App app = new App(
                AppKey.of("com.acme.app"),
                "App",
                PartnerId.of("acme"),
                null,
                Set.of(),
                List.of(
                        new Listing(Hosting.CLOUD, ListingState.LISTED, true, 1),
                        new Listing(Hosting.DATA_CENTER, ListingState.LISTED, true, 1)),
                List.of(
                        new OAuthClient(
                                "acme-web",
                                List.of(
                                        "https://Login.Acme.com./cb",
                                        "com.acme.mobile:/oauth",
                                        "https://login.acme.com/cb2"),
                                List.of(),
                                null,
                                null),
                        new OAuthClient("acme-cli", List.of("https://login.acme.com/cb2"), List.of(), null, null)));
        assertThat(DomainTargets.of(app))
                .extracting(
                        DomainTargets.Target::host, DomainTargets.Target::registrable, DomainTargets.Target::clientId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("login.acme.com", "acme.com", "acme-web"),
                        org.assertj.core.groups.Tuple.tuple("login.acme.com", "acme.com", "acme-web"));
        assertThat(DomainTargets.hostingsOf(app)).containsExactly(Hosting.CLOUD);
        App dcOnly = new App(
                app.key(),
                "App",
                app.partner(),
                null,
                Set.of(),
                List.of(new Listing(Hosting.DATA_CENTER, ListingState.LISTED, true, 1)),
                app.oauthClients());
        assertThat(DomainTargets.hostingsOf(dcOnly)).containsExactly(Hosting.DATA_CENTER);
    }
}
