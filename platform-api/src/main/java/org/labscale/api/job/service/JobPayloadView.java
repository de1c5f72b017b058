package org.labscale.api.job.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the fields of a stored payload (a JSON object with its defaults filled in at submit) that leases and
 * completions need, by their JSON names in {@code shared-models}' payload records.
 */
public final class JobPayloadView {

    private JobPayloadView() {
    }

    /** A TRAINING payload's {@code trainingSets} ({@code [{trainingSetId, version}]}). */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> trainingSets(Map<String, Object> payload) {
        List<Map<String, Object>> refs = new ArrayList<>();
        if (payload.get("trainingSets") instanceof List<?> list) {
            list.stream().filter(Map.class::isInstance).forEach(ref -> refs.add((Map<String, Object>) ref));
        }
        return refs;
    }

    public static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    public static UUID uuid(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static Integer integer(Object value) {
        return value instanceof Number n ? n.intValue() : null;
    }

    public static List<UUID> uuids(Object value) {
        List<UUID> ids = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> {
                UUID id = uuid(item);
                if (id != null) {
                    ids.add(id);
                }
            });
        }
        return ids;
    }
}
