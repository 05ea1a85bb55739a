package dev.warden.server.api;

import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.PublicEndpoint;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;

/**
 * What makes the served OpenAPI description tell the truth: the caller ({@link Actor}) is not a
 * parameter; each operation names the OAuth scope it needs (client credentials at /oauth2/token) or
 * that it needs none; each answers its errors as RFC 9457 problems; operation ids are words from the
 * operation's summary, unique and stable; the framework's /error is left out.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiOperations {
    static final String SCHEME = "clientCredentials";
    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    static {
        // The signed-in caller is resolved from the request's credentials, never sent as a parameter.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }

    @Bean
    OperationCustomizer wardenOperation() {
        return (operation, handler) -> {
            PublicEndpoint open = annotation(handler, PublicEndpoint.class);
            Requires requires = annotation(handler, Requires.class);
            if (open != null) {
                operation.setSecurity(List.of());
            } else {
                operation.setSecurity(List.of(new SecurityRequirement()
                        .addList(
                                SCHEME,
                                requires == null
                                        ? List.of()
                                        : List.of(requires.value().scope()))));
            }
            if (operation.getSummary() == null || operation.getSummary().isBlank()) {
                operation.setSummary(words(handler.getMethod().getName()));
            }
            operation.setOperationId(operationId(
                    operation.getSummary(),
                    handler.hasMethodAnnotation(org.springframework.web.bind.annotation.GetMapping.class)));
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            problem(responses, "400", "The request is invalid: each wrong field or parameter is listed");
            if (open == null) {
                problem(responses, "401", "No valid bearer token or session");
                problem(responses, "403", "The caller lacks the permission (scope) this operation needs");
            }
            if (handler.getMethod().getParameters().length > 0
                    && java.util.Arrays.stream(handler.getMethod().getParameters())
                            .anyMatch(p -> p.isAnnotationPresent(
                                    org.springframework.web.bind.annotation.PathVariable.class))) {
                problem(responses, "404", "No such object, or one the caller may not see");
            }
            operation.setResponses(responses);
            return operation;
        };
    }

    @Bean
    OpenApiCustomizer wardenDocument() {
        return openApi -> {
            if (openApi.getPaths() != null) {
                openApi.getPaths().remove("/error");
                unique(openApi);
            }
            Scopes scopes = new Scopes();
            for (Permission p : Permission.values()) {
                scopes.addString(p.scope(), words(p.name().replace('_', ' ').toLowerCase(Locale.ROOT)));
            }
            openApi.getComponents()
                    .addSecuritySchemes(
                            SCHEME,
                            new SecurityScheme()
                                    .type(SecurityScheme.Type.OAUTH2)
                                    .description("An API client's id and secret exchanged for a bearer token at"
                                            + " /oauth2/token (client credentials; docs/security.md)")
                                    .flows(new OAuthFlows()
                                            .clientCredentials(new OAuthFlow()
                                                    .tokenUrl("/oauth2/token")
                                                    .scopes(scopes))))
                    .addSchemas(PROBLEM, problemSchema());
        };
    }

    /** Two operations given the same id keep it apart by their method and path, deterministically. */
    private static void unique(OpenAPI openApi) {
        Map<String, Integer> seen = new HashMap<>();
        openApi.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .values()
                        .forEach(o -> seen.merge(String.valueOf(o.getOperationId()), 1, Integer::sum)));
        openApi.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, o) -> {
                    if (seen.getOrDefault(String.valueOf(o.getOperationId()), 0) > 1) {
                        o.setOperationId(identifier(method.name().toLowerCase(Locale.ROOT) + " "
                                + path.replaceAll("[{}]", " by ")
                                        .replace('/', ' ')
                                        .replace("api v1", "")));
                    }
                }));
    }

    private static void problem(ApiResponses responses, String status, String description) {
        if (responses.containsKey(status)) {
            return;
        }
        responses.addApiResponse(
                status,
                new ApiResponse()
                        .description(description)
                        .content(new Content()
                                .addMediaType(
                                        PROBLEM_JSON,
                                        new MediaType()
                                                .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        Schema<?> problem =
                new Schema<>().type("object").description("An RFC 9457 problem; type is stable (docs/api.md)");
        problem.addProperty("type", new Schema<>().type("string").format("uri").description("What went wrong, stable"));
        problem.addProperty("title", new Schema<>().type("string"));
        problem.addProperty("status", new Schema<>().type("integer").format("int32"));
        problem.addProperty("detail", new Schema<>().type("string"));
        problem.addProperty("instance", new Schema<>().type("string"));
        Schema error = new Schema<>().type("object");
        error.addProperty("pointer", new Schema<>().type("string").description("JSON Pointer of a wrong field"));
        error.addProperty("parameter", new Schema<>().type("string").description("A wrong query or path parameter"));
        error.addProperty("message", new Schema<>().type("string"));
        problem.addProperty("errors", new Schema<>().type("array").items(error));
        problem.setRequired(List.of("type", "title", "status"));
        return problem;
    }

    private static final Set<String> ARTICLES = Set.of("a", "an", "the", "one");
    private static final Set<String> READING_VERBS =
            Set.of("list", "get", "check", "draft", "export", "find", "search", "show", "verify", "download");

    /**
     * An operation's id from its summary, as a generated client's method name: articles dropped, and a
     * read named as a noun ("One webhook endpoint") given the verb get (getWebhookEndpoint).
     */
    static String operationId(String summary, boolean read) {
        List<String> words = new java.util.ArrayList<>();
        for (String w : summary.replace("'s ", " ")
                .replaceAll("[^A-Za-z0-9 ]", " ")
                .trim()
                .toLowerCase(Locale.ROOT)
                .split("\\s+")) {
            if (!ARTICLES.contains(w) && !w.isEmpty()) {
                words.add(w);
            }
        }
        if (words.isEmpty()) {
            words.add("operation");
        }
        if (read && !READING_VERBS.contains(words.get(0))) {
            words.add(0, "get");
        }
        return identifier(String.join(" ", words));
    }

    /** A camelCase identifier from words: "List webhook endpoints" → listWebhookEndpoints. */
    static String identifier(String words) {
        StringBuilder id = new StringBuilder();
        for (String w : words.replaceAll("[^A-Za-z0-9 ]", " ").trim().split("\\s+")) {
            if (w.isEmpty()) {
                continue;
            }
            String lower = w.toLowerCase(Locale.ROOT);
            id.append(id.length() == 0 ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1));
        }
        return id.toString();
    }

    /** "listPartners" → "List partners". */
    private static String words(String camel) {
        String spaced = camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    private static <A extends Annotation> @Nullable A annotation(HandlerMethod handler, Class<A> type) {
        A on = handler.getMethodAnnotation(type);
        return on != null ? on : handler.getBeanType().getAnnotation(type);
    }
}
