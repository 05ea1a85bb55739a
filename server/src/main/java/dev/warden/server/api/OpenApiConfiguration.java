package dev.warden.server.api;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description's title page, served at /api/openapi.json and browsable at /api/docs. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    /**
     * Resolves bodies to schemas as the default resolver does, with the names of {@link SchemaNames}. Only
     * where the description is served: the commands (import, audit verify) run without a web server.
     */
    @Bean
    @ConditionalOnWebApplication
    ModelResolver wardenModelResolver(ObjectMapperProvider mappers) {
        return new ModelResolver(mappers.jsonMapper(), new SchemaNames()).openapi31(mappers.isOpenapi31());
    }

    @Bean
    OpenAPI wardenOpenApi() {
        return new OpenAPI()
                // Relative: the document is right for whichever address it was fetched from.
                .servers(java.util.List.of(
                        new io.swagger.v3.oas.models.servers.Server().url("/").description("this Warden")))
                .info(new Info()
                        .title("Warden API")
                        .version("v1")
                        .description("Security compliance and enforcement for app marketplaces. Every error is an"
                                + " RFC 9457 problem (application/problem+json) with a stable type under "
                                + ProblemType.BASE + "; see docs/api.md.")
                        // SPDX has no id for a proprietary licence; a LicenseRef- is how SPDX names one of its own.
                        .license(new License().name("Proprietary").identifier("LicenseRef-Proprietary")));
    }
}
