package dev.warden.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenApiOperationsTest {

    @Test
    void operationIdsAreTheSummarysWordsWithAVerbForReadsNamedAsNouns() {
        assertThat(OpenApiOperations.operationId("List webhook endpoints", true))
                .isEqualTo("listWebhookEndpoints");
        assertThat(OpenApiOperations.operationId("One webhook endpoint", true)).isEqualTo("getWebhookEndpoint");
        assertThat(OpenApiOperations.operationId("A version's bundled libraries, as a CycloneDX SBOM", true))
                .isEqualTo("getVersionBundledLibrariesAsCyclonedxSbom");
        assertThat(OpenApiOperations.operationId("Take a step ahead of the ladder", false))
                .isEqualTo("takeStepAheadOfLadder");
    }
}
