package org.labscale.api.common;

import java.util.Map;

/**
 * The one rule for every text a client sends (JSON strings and keys, query, path and header parameters, multipart
 * fields and file names): no control characters. PostgreSQL cannot store NUL in text at all, and the other C0 and
 * C1 controls only ever come from tools that misbehave or from someone probing; tab, line feed and carriage return
 * stay allowed because descriptions and error reports have lines.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** True for the characters this rule refuses. */
    public static boolean refused(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f);
    }

    /** The index of the first refused character, or -1. */
    public static int indexOf(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            if (refused(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Answers {@code value}, or throws a 400 naming {@code field} when it holds a refused character. */
    public static String check(String value, String field) {
        if (value != null) {
            int at = indexOf(value);
            if (at >= 0) {
                throw refusal(field, value.charAt(at), at);
            }
        }
        return value;
    }

    /** The 400 for a refused character {@code c} at {@code index} of {@code field}. */
    public static ApiException refusal(String field, char c, int index) {
        return new ApiException(400, "validation.control-character", describe(field, c, index),
                Map.of("field", field, "index", index));
    }

    /** The sentence that says which field holds which character where. */
    public static String describe(String field, char c, int index) {
        return String.format("%s must not contain control characters; it has U+%04X at index %d.", field, (int) c,
                index);
    }
}
