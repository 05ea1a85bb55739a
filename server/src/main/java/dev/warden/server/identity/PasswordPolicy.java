package dev.warden.server.identity;

import dev.warden.core.validation.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a chosen password must be: long, and not derived from the username (NIST SP 800-63B style). */
final class PasswordPolicy {
    static final int MIN = 12;
    static final int MAX = 128;

    private PasswordPolicy() {}

    static List<FieldError> check(String password, String username) {
        List<FieldError> errors = new ArrayList<>();
        if (password.length() < MIN || password.length() > MAX) {
            errors.add(new FieldError("/newPassword", "must be " + MIN + " to " + MAX + " characters"));
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (lower.contains(username.toLowerCase(Locale.ROOT)) || lower.contains("warden")) {
            errors.add(new FieldError("/newPassword", "must not contain your username or 'warden'"));
        }
        if (password.chars().distinct().count() < 5) {
            errors.add(new FieldError("/newPassword", "must use at least 5 different characters"));
        }
        return errors;
    }
}
