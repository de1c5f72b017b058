package org.labscale.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits a {@code multipart/form-data} body the way a server would, to check what the CLI sent. */
final class Multipart {

    record Part(String name, String fileName, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static List<Part> parse(String contentType, byte[] body) {
        String boundary = contentType.replaceAll(".*boundary=", "");
        // ISO-8859-1 maps each byte to one char, so string offsets are byte offsets.
        String all = new String(body, StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        String delimiter = "--" + boundary;
        int at = all.indexOf(delimiter);
        while (at >= 0) {
            int start = at + delimiter.length();
            if (all.startsWith("--", start)) {
                break;
            }
            int next = all.indexOf("\r\n" + delimiter, start);
            String part = all.substring(start + 2, next);
            int split = part.indexOf("\r\n\r\n");
            String head = part.substring(0, split);
            byte[] content = part.substring(split + 4).getBytes(StandardCharsets.ISO_8859_1);
            String name = head.replaceAll("(?s).*?form-data; name=\"([^\"]*)\".*", "$1");
            String fileName = head.contains("filename=") ? head.replaceAll("(?s).*filename=\"([^\"]*)\".*", "$1") : null;
            String type = head.replaceAll("(?s).*Content-Type: ([^\r\n]*).*", "$1");
            parts.add(new Part(name, fileName, type, content));
            at = next + 2;
        }
        return parts;
    }
}
