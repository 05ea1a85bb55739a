package dev.warden.server.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies bind strictly: no coercion between types (a number is not a boolean, a string not a
 * number, a number not a string), and an instant is an ISO-8601 UTC string in the years 2000 to 9999,
 * never a number of seconds since 1970. A body that does not say exactly what it means is refused on
 * its field, not guessed at.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {
    /** The earliest and latest instants a request may name. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    @Bean
    JsonMapperBuilderCustomizer strictJsonBinding() {
        SimpleModule instants = new SimpleModule("warden-strict-instants").addDeserializer(Instant.class, new Strict());
        return builder -> builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(
                        LogicalType.Boolean,
                        c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Textual,
                        c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(instants);
    }

    /** An instant only as an ISO-8601 string ending in Z, within the years Warden deals in. */
    static final class Strict extends ValueDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String text = p.getString();
            Instant instant;
            try {
                instant = Instant.parse(text);
            } catch (DateTimeException e) {
                return (Instant) ctxt.handleWeirdStringValue(
                        Instant.class, text, "an instant is written in UTC like 2026-04-15T09:30:00Z");
            }
            if (!text.endsWith("Z") || instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                return (Instant) ctxt.handleWeirdStringValue(
                        Instant.class,
                        text,
                        "an instant is written in UTC like 2026-04-15T09:30:00Z, in the years "
                                + EARLIEST.atZone(ZoneOffset.UTC).getYear() + " to 9999");
            }
            return instant;
        }
    }
}
