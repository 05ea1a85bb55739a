package dev.warden.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A field error as a person reads it on a form. */
class FieldErrorTest {
    @Test
    void thePointerBecomesWordsAndRowsCountFromOne() {
        assertThat(new FieldError("/partner", "no partner 'x'").sentence()).isEqualTo("Partner: no partner 'x'");
        assertThat(new FieldError("/proposedDue", "is required").sentence()).isEqualTo("Proposed due: is required");
        assertThat(new FieldError("/securityContacts/0/email", "is not an email address").sentence())
                .isEqualTo("Security contacts #1 email: is not an email address");
        assertThat(new FieldError("/listings/CLOUD/installs", "is a whole number").sentence())
                .isEqualTo("Listings CLOUD installs: is a whole number");
        assertThat(new FieldError("/a~1b", "x").sentence()).isEqualTo("A/b: x");
        assertThat(new FieldError("/cvss", "is not a vector").sentence()).isEqualTo("CVSS: is not a vector");
        assertThat(new FieldError("/oauthClients/0/redirectUris/1", "x").sentence())
                .isEqualTo("OAuth clients #1 redirect URIs #2: x");
        assertThat(new FieldError("", "the document is empty").sentence()).isEqualTo("the document is empty");
    }
}
