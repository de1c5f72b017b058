package org.labscale.ui.views.project;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How dates and sizes read on the lab pages. */
public final class Formats {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    public static String instant(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }

    /** A pixel size to 4 significant digits without trailing zeros: 0.65 -> "0.65 µm/px", 0.123456 -> "0.1235 µm/px". */
    public static String pixelSize(double micrometres) {
        return micrometres(micrometres) + " \u00b5m/px";
    }

    /** Micrometres to 4 significant digits without trailing zeros: 0.5 -> "0.5". */
    public static String micrometres(double micrometres) {
        return new java.math.BigDecimal(micrometres).round(new java.math.MathContext(4)).stripTrailingZeros()
                .toPlainString();
    }

    /** 1,536 -> "1.5 KB"; bytes in powers of 1,024. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
