package dev.warden.server.web;

import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.shared.ConflictException;
import dev.warden.server.shared.ForbiddenException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** What every form does with an expected refusal: show the page again with the reasons, never a stack trace. */
final class Forms {
    private Forms() {}

    /**
     * Runs a form's action and answers its view (usually a redirect); bad input, a conflict or a step
     * the person may not take becomes the messages {@code showAgain} puts on the form.
     */
    static String submit(Supplier<String> action, Function<List<String>, String> showAgain) {
        try {
            return action.get();
        } catch (InvalidInputException e) {
            return showAgain.apply(e.errors().stream().map(Forms::say).toList());
        } catch (ConflictException | ForbiddenException e) {
            return showAgain.apply(List.of(String.valueOf(e.getMessage())));
        }
    }

    /** A field error as a sentence: "plan is required: ...". */
    static String say(FieldError error) {
        String field = error.pointer().replace('/', ' ').trim();
        return field.isEmpty() ? error.message() : field + " " + error.message();
    }
}
