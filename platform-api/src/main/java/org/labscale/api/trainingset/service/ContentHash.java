package org.labscale.api.trainingset.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

import org.labscale.api.common.Hashing;
import org.labscale.shared.annotation.AnnotationKind;

/**
 * The identity of a training-set version's content, independent of ids, item order and who froze it: two versions
 * with the same pixels, labels and channel roles have the same hash, in any lab.
 *
 * <p>Canonical serialisation (UTF-8), hashed with SHA-256:
 * <pre>
 * labscale-training-set/1\n
 * one line per item, lines sorted by their UTF-8 text, each
 *   {image sha256}\t{annotation version sha256}\t{kind}\t{index}={role},{index}={role}...\n
 * </pre>
 * with channel roles sorted by numeric index. Roles are restricted to {@code [A-Za-z0-9 ._:+-]} (see
 * {@link TrainingSetService}), so none of the separators can occur inside a value.
 */
public final class ContentHash {

    static final String HEADER = "labscale-training-set/1\n";

    /** One item's hashed facts. */
    public record Entry(String imageSha256, String annotationSha256, AnnotationKind kind,
                        SortedMap<Integer, String> channelRoles) {
    }

    private ContentHash() {
    }

    public static String of(List<Entry> entries) {
        List<String> lines = new ArrayList<>();
        for (Entry e : entries) {
            String roles = e.channelRoles().entrySet().stream().map(r -> r.getKey() + "=" + r.getValue())
                    .collect(Collectors.joining(","));
            lines.add(e.imageSha256() + "\t" + e.annotationSha256() + "\t" + e.kind().name() + "\t" + roles + "\n");
        }
        lines.sort(null);
        MessageDigest digest = Hashing.sha256();
        digest.update(HEADER.getBytes(StandardCharsets.UTF_8));
        lines.forEach(line -> digest.update(line.getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Roles keyed by integer index, in order. */
    public static SortedMap<Integer, String> sorted(Map<String, String> roles) {
        SortedMap<Integer, String> out = new java.util.TreeMap<>();
        roles.forEach((k, v) -> out.put(Integer.parseInt(k), v));
        return out;
    }
}
