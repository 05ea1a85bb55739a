package dev.warden.server.api;

import dev.warden.core.snapshot.SnapshotCodec;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.core.validation.JsonSchemaCheck;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.JsonNode;

/** Reads a {@link CheckedBody} within its size limit and checks it against the schema before binding. */
@ControllerAdvice
class SchemaCheckingBodyAdvice extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return parameter.hasParameterAnnotation(CheckedBody.class);
    }

    @Override
    public HttpInputMessage beforeBodyRead(
            HttpInputMessage input,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType)
            throws IOException {
        CheckedBody checked = parameter.getParameterAnnotation(CheckedBody.class);
        if (checked == null) {
            return input;
        }
        byte[] body = Bodies.readAtMost(input.getBody(), checked.maxBytes());
        JsonNode tree = SnapshotCodec.parse(body);
        List<FieldError> errors = checked.value().isEmpty()
                ? JsonSchemaCheck.SNAPSHOT.checkDocument(tree)
                : JsonSchemaCheck.SNAPSHOT.checkObject(tree, checked.value());
        if (!errors.isEmpty()) {
            throw new InvalidInputException("the request body is invalid", errors);
        }
        HttpHeaders headers = input.getHeaders();
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }
}
