package dev.warden.server.api;

import dev.warden.core.obligations.BadgeAward;
import dev.warden.core.obligations.ScopeReview;
import dev.warden.core.obligations.TokenUse;
import dev.warden.core.policy.PolicyParts;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * The OpenAPI description names a body's schema after its class, and two classes of one name would share
 * a schema (one operation then describes the other's body). A server class that needs another name says
 * so with {@code @Schema(name = ...)}; the domain's classes, which know nothing of OpenAPI, are named here.
 */
final class SchemaNames extends TypeNameResolver {
    static final Map<Class<?>, String> DOMAIN = Map.ofEntries(
            Map.entry(PolicyParts.Acknowledgement.class, "PolicyAcknowledgement"),
            Map.entry(PolicyParts.Question.class, "PolicyQuestion"),
            Map.entry(PolicyParts.Verification.class, "PolicyVerification"),
            Map.entry(TokenUse.Declaration.class, "TokenUseDeclaration"),
            Map.entry(TokenUse.Extension.class, "TokenUseExtension"),
            Map.entry(TokenUse.Finding.class, "TokenUseFinding"),
            Map.entry(TokenUse.Migration.class, "TokenUseMigration"),
            Map.entry(BadgeAward.Event.class, "BadgeAwardEvent"),
            Map.entry(ScopeReview.Review.class, "ScopeReviewRecord"));

    /** The name of a class's schema. */
    static String of(Class<?> type) {
        Schema schema = type.getAnnotation(Schema.class);
        if (schema != null && !schema.name().isEmpty()) {
            return schema.name();
        }
        return DOMAIN.getOrDefault(type, type.getSimpleName());
    }

    @Override
    protected String getNameOfClass(Class<?> type) {
        String named = DOMAIN.get(type);
        return named != null ? named : super.getNameOfClass(type);
    }
}
