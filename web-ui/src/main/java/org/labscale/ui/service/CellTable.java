package org.labscale.ui.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-cell table of one segmented image, read from the job's {@code cells.csv} (RFC 4180, a header row, numbers
 * with a dot): the label, its area and centroid, then every numeric column the worker measured (perimeter,
 * eccentricity, {@code mean_<channel>}, {@code integrated_<channel>}, score...).
 *
 * @param columns the numeric columns after {@code label}, in file order
 * @param cells   one row per cell, in file order
 */
public record CellTable(List<String> columns, List<Cell> cells) {

    /** One cell: its label in the mask and its values in {@link #columns()} order (NaN where not a number). */
    public record Cell(int label, double[] values) {
    }

    public CellTable {
        columns = List.copyOf(columns);
        cells = List.copyOf(cells);
    }

    /** The index of {@code column} in {@link #columns()}, or -1. */
    public int column(String column) {
        return columns.indexOf(column);
    }

    /** The columns of mean intensities ({@code mean_<channel>}). */
    public List<String> meanIntensityColumns() {
        return columns.stream().filter(c -> c.startsWith("mean_")).toList();
    }

    /** Every value of {@code column}, one per cell; empty when there is no such column. */
    public double[] values(String column) {
        int k = column(column);
        return k < 0 ? new double[0] : cells.stream().mapToDouble(c -> c.values()[k]).toArray();
    }

    /** Reads the CSV; a file without a {@code label} column is refused with a sentence naming what it has. */
    public static CellTable read(Reader csv) {
        try (BufferedReader in = new BufferedReader(csv)) {
            String header = in.readLine();
            if (header == null) {
                return new CellTable(List.of(), List.of());
            }
            List<String> names = fields(header);
            if (names.isEmpty() || !"label".equals(names.get(0))) {
                throw new IllegalArgumentException("The cell table has no label column first; its header is: "
                        + header);
            }
            List<String> columns = new ArrayList<>(names.subList(1, names.size()));
            List<Cell> cells = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> f = fields(line);
                double[] values = new double[columns.size()];
                for (int k = 0; k < values.length; k++) {
                    values[k] = k + 1 < f.size() ? number(f.get(k + 1)) : Double.NaN;
                }
                cells.add(new Cell(Integer.parseInt(f.get(0).trim()), values));
            }
            return new CellTable(columns, cells);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the cell table failed", e);
        }
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Splits one CSV line, honouring quoted fields with doubled quotes. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        out.add(field.toString());
        return out;
    }

    /** A column name as a person reads it: {@code mean_nuclear} is "Mean nuclear". */
    public static String heading(String column) {
        String s = column.replace("centroid_", "centroid ").replace("bbox_", "box ").replace('_', ' ');
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
