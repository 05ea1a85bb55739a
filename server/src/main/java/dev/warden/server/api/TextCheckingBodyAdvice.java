package dev.warden.server.api;

import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.core.validation.Texts;
import java.lang.reflect.Type;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Every JSON body, once bound, is refused if any text in it holds a NUL character or an unpaired
 * surrogate ({@link Texts}), with each field's pointer, before a controller sees it.
 */
@ControllerAdvice
class TextCheckingBodyAdvice extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(
            Object body,
            HttpInputMessage input,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        List<FieldError> errors = Texts.check(body, "");
        if (!errors.isEmpty()) {
            throw new InvalidInputException("the request body holds text Warden cannot store", errors);
        }
        return body;
    }
}
