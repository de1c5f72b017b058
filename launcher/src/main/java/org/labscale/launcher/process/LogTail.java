package org.labscale.launcher.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The end of a log file, for error messages. */
public final class LogTail {

    private LogTail() {
    }

    /** The last {@code n} lines (at most the last 64 KiB of the file), or a note if it cannot be read. */
    public static String lastLines(Path file, int n) {
        try {
            byte[] all = Files.readAllBytes(file);
            int from = Math.max(0, all.length - 65536);
            String text = new String(all, from, all.length - from, StandardCharsets.UTF_8);
            List<String> lines = text.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
