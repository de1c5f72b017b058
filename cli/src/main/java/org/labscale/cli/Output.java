package org.labscale.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.labscale.cli.http.Json;

import picocli.CommandLine.Option;

/**
 * {@code --json}, shared by every command that prints a result: JSON (the API's own records, indented) for scripts,
 * aligned plain-text tables for people. Results go to standard output, everything else to standard error.
 */
public final class Output {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Option(names = "--json", description = "Print the result as JSON (the API's records) instead of a table.")
    boolean json;

    public boolean json() {
        return json;
    }

    /** Prints {@code value} as indented JSON. */
    public static void json(PrintWriter out, Object value) {
        try {
            out.println(Json.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("printing " + value.getClass().getSimpleName() + " as JSON failed", e);
        }
    }

    /** Prints {@code value} as JSON on one line (one event per line, for streams). */
    public static void jsonLine(PrintWriter out, Object value) {
        try {
            out.println(Json.mapper().writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("printing " + value.getClass().getSimpleName() + " as JSON failed", e);
        }
    }

    public static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
    }

    public static String text(Object o) {
        return o == null ? "-" : o.toString();
    }

    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** A plain-text table: a header row and left-aligned columns two spaces apart. */
    public static final class Table {
        private final List<String[]> rows = new ArrayList<>();
        private final int columns;

        public Table(String... headers) {
            columns = headers.length;
            rows.add(headers);
        }

        public Table row(Object... cells) {
            rows.add(Arrays.stream(cells).map(Output::text).toArray(String[]::new));
            return this;
        }

        public void print(PrintWriter out) {
            int[] width = new int[columns];
            for (String[] r : rows) {
                for (int i = 0; i < columns; i++) {
                    width[i] = Math.max(width[i], r[i].length());
                }
            }
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < columns; i++) {
                    line.append(r[i]);
                    if (i < columns - 1) {
                        line.append(" ".repeat(width[i] - r[i].length() + 2));
                    }
                }
                out.println(line.toString().stripTrailing());
            }
            out.flush();
        }
    }
}
