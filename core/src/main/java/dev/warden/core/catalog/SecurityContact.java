package dev.warden.core.catalog;

import static java.util.Objects.requireNonNull;

/** A person at the partner who receives vulnerability tickets. */
public record SecurityContact(String name, String email, boolean ecosystemAccount) {
    public SecurityContact {
        Text.require(name, "name");
        requireNonNull(email, "email");
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException("not an email address: " + email);
        }
    }
}
