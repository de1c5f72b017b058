package org.labscale.api.common;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Checks for the free-text fields of requests; each failure names the field and the rule. */
public final class Texts {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern TAG = Pattern.compile("^[\\p{L}\\p{N}][\\p{L}\\p{N} ._:+-]{0,49}$");

    private Texts() {
    }

    /** A required, trimmed, non-blank value of at most {@code max} characters. */
    public static String required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalidField(field, field + " is required.");
        }
        return optional(value, field, max);
    }

    /** An optional trimmed value of at most {@code max} characters; null stays null. */
    public static String optional(String value, String field, int max) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > max) {
            throw ApiException.invalidField(field, field + " must be at most " + max + " characters, not "
                    + trimmed.length() + ".");
        }
        return trimmed;
    }

    /** A lower-cased e-mail address. */
    public static String email(String value, String field) {
        String email = required(value, field, 320).toLowerCase();
        if (!EMAIL.matcher(email).matches()) {
            throw ApiException.invalidField(field, "'" + value + "' is not an e-mail address.");
        }
        return email;
    }

    /** Tags: distinct, each 1-50 letters, digits, spaces or {@code ._:+-}, at most 30 of them. */
    public static List<String> tags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        if (tags.size() > 30) {
            throw ApiException.invalidField("tags", "A project has at most 30 tags, not " + tags.size() + ".");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String tag : tags) {
            String t = tag == null ? "" : tag.trim();
            if (!TAG.matcher(t).matches()) {
                throw ApiException.invalidField("tags", "Tag '" + tag
                        + "' must be 1-50 letters, digits, spaces or ._:+- and start with a letter or digit.");
            }
            out.add(t);
        }
        return new ArrayList<>(out);
    }
}
