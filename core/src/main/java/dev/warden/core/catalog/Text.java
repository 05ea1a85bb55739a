package dev.warden.core.catalog;

/** Checks shared by the catalog's values. */
final class Text {
    private Text() {}

    static String require(String value, String what) {
        if (value.isBlank() || value.length() > 200) {
            throw new IllegalArgumentException(what + " must be 1 to 200 characters and not blank");
        }
        return value;
    }
}
