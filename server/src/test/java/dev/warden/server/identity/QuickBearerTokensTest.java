package dev.warden.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The quick path answers every Authorization header as Spring Security's own resolver does. */
class QuickBearerTokensTest {
    static String answer(org.springframework.security.oauth2.server.resource.web.BearerTokenResolver r, String h) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/tickets");
        if (h != null) {
            request.addHeader("Authorization", h);
        }
        try {
            return String.valueOf(r.resolve(request));
        } catch (OAuth2AuthenticationException e) {
            return "refused: " + e.getError().getDescription();
        }
    }

    @Test
    void everyHeaderIsAnsweredAsTheStandardResolverAnswersIt() {
        List<String> headers = java.util.Arrays.asList(
                null,
                "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln-_~+/",
                "bearer abc==",
                "BEARER abc",
                "Bearer abc=d",
                "Bearer ",
                "Bearer  abc",
                "Bearer a b",
                "Bearer abc,",
                "Bearer =",
                "Bearerabc",
                "Basic dXNlcjpwYXNz",
                "Bearer caf\u00e9");
        QuickBearerTokens quick = new QuickBearerTokens();
        DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();
        for (String h : headers) {
            assertThat(answer(quick, h)).as(String.valueOf(h)).isEqualTo(answer(standard, h));
        }
        assertThat(answer(quick, "bearer abc==")).isEqualTo("abc==");
        assertThat(answer(quick, "Bearer a b")).startsWith("refused");
    }
}
