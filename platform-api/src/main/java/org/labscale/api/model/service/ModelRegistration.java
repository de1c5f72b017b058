package org.labscale.api.model.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.labscale.api.common.Hashing;
import org.labscale.api.image.service.LabBlobs;
import org.labscale.api.image.service.StorageKeys;
import org.labscale.api.job.service.JobOutputs;
import org.labscale.api.sharing.service.TrainingSources;
import org.labscale.api.storage.ObjectStore;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.model.ModelCard;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.net.NetSpec;
import org.labscale.shared.job.SegmentationPayload;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.shared.segmentation.PostProcessingMethod;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns the outputs of a successful TRAINING attempt into a model version, in two steps around the completion's
 * transaction:
 * <ol>
 *   <li>{@link #prepare} (before it): checks that every member {@code member-<i>.onnx} and {@code card.json} were
 *       stored, streams each member once to compute its SHA-256 and read its ONNX metadata, checks that the card
 *       is a model card agreeing with the payload and with every member's metadata (classes, channels, receptive
 *       field) whose recommended post-processing, if any, a segmentation job would accept, and copies the members
 *       into the lab's content-addressed blobs. A check that fails throws
 *       {@link Refused} with a reason a biologist can read.</li>
 *   <li>{@link Prepared#insert} (inside it): creates the model {@code modelName} in the job's lab if absent, numbers
 *       the version (the model row's lock serialises concurrent registrations), inserts version and members.
 *       If the transaction does not commit, {@link Prepared#discard} deletes the blobs this attempt wrote that no
 *       row references.</li>
 * </ol>
 */
@ApplicationScoped
public class ModelRegistration {

    private static final Logger LOG = Logger.getLogger(ModelRegistration.class);
    static final long MAX_CARD_BYTES = 4L * 1024 * 1024;
    static final int MAX_NAME = 200;

    @Inject
    ObjectStore store;

    @Inject
    LabBlobs blobs;

    @Inject
    ObjectMapper mapper;

    @Inject
    TrainingSources sources;

    /** The attempt's outputs cannot make a model version; the message says why, for the lab. */
    public static final class Refused extends RuntimeException {
        private final String code;

        Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private record Member(int index, String sha256, long sizeBytes, String outputKey) {
    }

    /**
     * Checks and stages the outputs of a TRAINING attempt.
     *
     * @param outputs the outputs the worker named, with their sizes
     */
    public Prepared prepare(UUID labId, UUID jobId, UUID leaseId, Map<String, Object> stored,
                            Map<String, Long> outputs) {
        TrainingPayload payload = mapper.convertValue(stored, TrainingPayload.class);
        String modelName = text(payload.modelName());
        if (modelName == null) {
            throw new Refused("model.no-name", "the job's payload names no modelName to register it under.");
        }
        if (modelName.length() > MAX_NAME) {
            throw new Refused("model.no-name", "the model name is " + modelName.length() + " characters long; at most "
                    + MAX_NAME + " fit.");
        }
        int trained = JobOutputs.ensembleSize(stored);
        if (!outputs.containsKey(JobOutputs.CARD)) {
            throw new Refused("model.incomplete", "the training stored no " + JobOutputs.CARD + " (an ensemble of "
                    + trained + " needs member-0.onnx to member-" + (trained - 1) + ".onnx and card.json).");
        }
        ModelCard card = card(key(labId, jobId, leaseId, JobOutputs.CARD), outputs.get(JobOutputs.CARD));
        checkCard(card, payload, trained);
        card = sources.stamp(card, payload, jobId); // the API states the data's origin (lab included) and the author
        // Members that diverged twice are dropped by the training (the card's quality says which): fewer may remain.
        int size = card.ensembleSize();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (!outputs.containsKey(JobOutputs.member(i))) {
                missing.add(JobOutputs.member(i));
            }
        }
        if (!missing.isEmpty()) {
            throw new Refused("model.incomplete", "the training stored no " + String.join(", ", missing)
                    + " (an ensemble of " + size + " needs member-0.onnx to member-" + (size - 1)
                    + ".onnx and card.json).");
        }
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String key = key(labId, jobId, leaseId, JobOutputs.member(i));
            members.add(member(i, key, card));
        }
        Set<String> written = new LinkedHashSet<>();
        Prepared prepared = new Prepared(labId, jobId, modelName, description(payload, card), card, members, written);
        try {
            for (Member m : members) {
                if (blobs.putIfAbsent(labId, m.sha256(), blobs.fromObject(m.outputKey()))) {
                    written.add(m.sha256());
                }
            }
        } catch (RuntimeException e) {
            prepared.discard();
            throw e;
        }
        return prepared;
    }

    /** A model version ready to be inserted in the completion's transaction. */
    public final class Prepared {
        private final UUID labId;
        private final UUID jobId;
        private final String modelName;
        private final String description;
        private final ModelCard card;
        private final List<Member> members;
        private final Set<String> written;

        private Prepared(UUID labId, UUID jobId, String modelName, String description, ModelCard card,
                         List<Member> members, Set<String> written) {
            this.labId = labId;
            this.jobId = jobId;
            this.modelName = modelName;
            this.description = description;
            this.card = card;
            this.members = members;
            this.written = written;
        }

        /**
         * Inserts model (if absent), version and members on {@code c}, whose transaction the caller commits.
         *
         * @return what the job's result gains: {@code modelId}, {@code modelName}, {@code modelVersion},
         *         {@code modelVersionId}
         */
        public Map<String, Object> insert(Connection c, Instant now) throws SQLException {
            for (Member m : members) {
                // The lock LabBlobs.collect takes: a concurrent delete of the last row using these bytes either
                // finished (and the blob is written again here) or waits until this transaction ends.
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(?, 0))) l")) {
                    s.setString(1, labId + "/" + m.sha256());
                    s.executeQuery().close();
                }
                String blob = StorageKeys.blob(labId, m.sha256());
                if (!store.exists(blob)) {
                    store.copy(m.outputKey(), blob);
                    written.add(m.sha256());
                }
            }
            OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO model (id, lab_id, name, description, created_by, created_at, updated_at)
                    VALUES (?, ?, ?, ?, (SELECT created_by FROM job WHERE id = ?), ?, ?)
                    ON CONFLICT (lab_id, lower(name)) DO NOTHING""")) {
                s.setObject(1, UUID.randomUUID());
                s.setObject(2, labId);
                s.setString(3, modelName);
                s.setString(4, description);
                s.setObject(5, jobId);
                s.setObject(6, at);
                s.setObject(7, at);
                s.executeUpdate();
            }
            UUID modelId;
            int number;
            String name;
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE model SET last_number = last_number + 1, latest_version = last_number + 1,
                           description = COALESCE(?, description), updated_at = ?
                    WHERE lab_id = ? AND lower(name) = lower(?)
                    RETURNING id, last_number, name""")) {
                s.setString(1, description);
                s.setObject(2, at);
                s.setObject(3, labId);
                s.setString(4, modelName);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("BUG: model '" + modelName + "' vanished while registering");
                    }
                    modelId = rs.getObject(1, UUID.class);
                    number = rs.getInt(2);
                    name = rs.getString(3);
                }
            }
            UUID versionId = UUID.randomUUID();
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO model_version (id, model_id, lab_id, version_number, job_id, card, created_by,
                                               created_at)
                    VALUES (?, ?, ?, ?, ?, ?::jsonb, (SELECT created_by FROM job WHERE id = ?), ?)""")) {
                s.setObject(1, versionId);
                s.setObject(2, modelId);
                s.setObject(3, labId);
                s.setInt(4, number);
                s.setObject(5, jobId);
                s.setString(6, json(card));
                s.setObject(7, jobId);
                s.setObject(8, at);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO model_member (model_version_id, member_index, lab_id, sha256, size_bytes)
                    VALUES (?, ?, ?, ?, ?)""")) {
                for (Member m : members) {
                    s.setObject(1, versionId);
                    s.setInt(2, m.index());
                    s.setObject(3, labId);
                    s.setString(4, m.sha256());
                    s.setLong(5, m.sizeBytes());
                    s.addBatch();
                }
                s.executeBatch();
            }
            LOG.infof("Job %s registered model '%s' version %d (%d members)", jobId, name, number, members.size());
            Map<String, Object> registered = new LinkedHashMap<>();
            registered.put("modelId", modelId.toString());
            registered.put("modelName", name);
            registered.put("modelVersion", number);
            registered.put("modelVersionId", versionId.toString());
            return registered;
        }

        /** The registration did not commit: deletes the blobs it wrote unless a row of the lab uses them. */
        public void discard() {
            written.forEach(sha -> blobs.collect(labId, sha));
        }
    }

    private ModelCard card(String key, long size) {
        if (size > MAX_CARD_BYTES) {
            throw new Refused("model.invalid-card", "card.json is " + size + " bytes; a model card may be at most "
                    + MAX_CARD_BYTES + ".");
        }
        try (InputStream in = store.open(key)) {
            ModelCard card = mapper.readValue(in, ModelCard.class);
            if (card == null) {
                throw new Refused("model.invalid-card", "card.json is null, not a model card.");
            }
            return card;
        } catch (JsonProcessingException e) {
            throw new Refused("model.invalid-card", "card.json is not a model card: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + key + " failed", e);
        }
    }

    /** The card's own facts, and the payload's where it states them, must agree. */
    private static void checkCard(ModelCard card, TrainingPayload payload, int ensembleSize) {
        if (card.classes() == null || card.classes().size() < 2 || card.classes().stream().anyMatch(c -> c == null
                || c.isBlank())) {
            throw new Refused("model.invalid-card", "card.json must list at least 2 class names in 'classes', not "
                    + card.classes() + ".");
        }
        if (card.channels() == null || card.channels().isEmpty() || card.channels().stream().anyMatch(c -> c == null
                || c.isBlank())) {
            throw new Refused("model.invalid-card", "card.json must list the input channel roles in 'channels', not "
                    + card.channels() + ".");
        }
        if (card.receptiveField() < 1) {
            throw new Refused("model.invalid-card", "card.json must give a positive 'receptiveField', not "
                    + card.receptiveField() + ".");
        }
        if (card.ensembleSize() < 1 || card.ensembleSize() > ensembleSize) {
            throw new Refused("model.card-mismatch", "card.json says the ensemble has " + card.ensembleSize()
                    + " members; the job trains " + ensembleSize + " (members that diverged may be dropped, so 1 to "
                    + ensembleSize + ").");
        }
        PostProcessing recommended = card.recommendedPostProcessing();
        if (recommended != null) {
            List<String> problems = recommended.withDefaults().problems();
            if (!problems.isEmpty()) {
                throw new Refused("model.invalid-card", "card.json recommends post-processing that a segmentation job"
                        + " would refuse: " + String.join(" ", problems));
            }
            if (recommended.withDefaults().method() == PostProcessingMethod.ACTIVE_CONTOURS
                    && !card.channels().contains(SegmentationPayload.NUCLEAR_ROLE)) {
                throw new Refused("model.invalid-card", "card.json recommends ACTIVE_CONTOURS, but the model reads no '"
                        + SegmentationPayload.NUCLEAR_ROLE + "' channel to find the seeds in: its nuclear model would"
                        + " be the job's choice, so it cannot be a default post-processing.");
            }
        }
        agree("classes", payload.classes(), card.classes(), "the job's payload");
        agree("channels", payload.channels(), card.channels(), "the job's payload");
        NetSpec net = payload.resolvedNet();
        agree("receptiveField", net == null ? null : net.receptiveField(), card.receptiveField(),
                "the job's payload");
    }

    /** Streams a member once: SHA-256, size, and its ONNX metadata checked against the card. */
    private Member member(int index, String key, ModelCard card) {
        String name = JobOutputs.member(index);
        MessageDigest digest = Hashing.sha256();
        Map<String, String> metadata;
        long[] count = new long[1];
        try (InputStream in = new DigestInputStream(new CountingStream(store.open(key), count), digest)) {
            metadata = OnnxMetadata.read(in);
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (OnnxMetadata.NotOnnx e) {
            throw new Refused("model.invalid-member", name + " is not an ONNX model (" + e.getMessage() + ").");
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + key + " failed", e);
        }
        if (metadata.get("labscale.classes") == null || metadata.get("labscale.channels") == null
                || metadata.get("labscale.receptive_field") == null) {
            throw new Refused("model.invalid-member", name + " lacks the labscale metadata (labscale.classes, "
                    + "labscale.channels, labscale.receptive_field) every exported member carries.");
        }
        String where = "the metadata of " + name;
        agree("classes", metaList(metadata, "labscale.classes", name), card.classes(), where);
        agree("channels", metaList(metadata, "labscale.channels", name), card.channels(), where);
        int rf;
        try {
            rf = Integer.parseInt(metadata.get("labscale.receptive_field").trim());
        } catch (NumberFormatException e) {
            throw new Refused("model.invalid-member", name + " has a receptive field that is not a number: '"
                    + metadata.get("labscale.receptive_field") + "'.");
        }
        agree("receptiveField", rf, card.receptiveField(), where);
        return new Member(index, HexFormat.of().formatHex(digest.digest()), count[0], key);
    }

    private static void agree(String what, Object stated, Object card, String where) {
        if (stated != null && !Objects.equals(stated, card)) {
            throw new Refused("model.card-mismatch", "card.json gives " + what + " " + card + " but " + where
                    + " says " + stated + ".");
        }
    }

    /** A metadata value that must be a JSON array of strings. */
    private List<String> metaList(Map<String, String> metadata, String key, String member) {
        List<String> list;
        try {
            list = strings(mapper.readValue(metadata.get(key), Object.class));
        } catch (JsonProcessingException e) {
            list = null;
        }
        if (list == null) {
            throw new Refused("model.invalid-member", member + " has " + key + " '" + metadata.get(key)
                    + "', which is not a JSON array of names.");
        }
        return list;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A list of strings, or null when {@code value} is not one. */
    private static List<String> strings(Object value) {
        if (!(value instanceof List<?> list) || list.stream().anyMatch(v -> !(v instanceof String))) {
            return null;
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static String description(TrainingPayload payload, ModelCard card) {
        String d = text(payload.description());
        if (d == null) {
            d = text(card.description());
        }
        return d == null ? null : d.length() > 4000 ? d.substring(0, 4000) : d;
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String key(UUID labId, UUID jobId, UUID leaseId, String name) {
        return JobOutputs.key(labId, jobId, leaseId, JobKind.TRAINING, name);
    }

    /** Counts the bytes read through it. */
    private static final class CountingStream extends java.io.FilterInputStream {
        private final long[] count;

        CountingStream(InputStream in, long[] count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count[0]++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count[0] += n;
            }
            return n;
        }
    }
}
