package org.labscale.cli;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.labscale.shared.account.MeDto;
import org.labscale.shared.account.MembershipDto;
import org.labscale.shared.account.Role;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.image.PageMode;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.JobError;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.JobProgress;
import org.labscale.shared.job.JobState;
import org.labscale.shared.lab.LabDto;

/** API answers as the real platform shapes them, built from the shared-models records. */
final class Fixtures {

    static final Instant T = Instant.parse("2025-01-02T03:04:05Z");
    static final UUID LAB = UUID.fromString("11111111-1111-1111-1111-111111111111");
    static final UUID PROJECT = UUID.fromString("22222222-2222-2222-2222-222222222222");
    static final UUID IMAGE = UUID.fromString("33333333-3333-3333-3333-333333333333");
    static final UUID JOB = UUID.fromString("44444444-4444-4444-4444-444444444444");

    private Fixtures() {
    }

    static MeDto me(String email) {
        return new MeDto(UUID.randomUUID(), email, "Ada", false,
                List.of(new MembershipDto(LAB, "Cell lab", "cell-lab", Role.OWNER)));
    }

    static LabDto lab() {
        return new LabDto(LAB, "Cell lab", "cell-lab", null, Role.OWNER, T, T, 1);
    }

    static <T> PageDto<T> page(List<T> items) {
        return new PageDto<>(items, 0, 200, items.size());
    }

    static ImageDto image(String name, String sha256, long size) {
        return new ImageDto(IMAGE, PROJECT, name, "PNG", 8, 8, 1, 1, 8, "UINT8", "DEFLATE", PageMode.CHANNELS,
                List.of(), null, sha256, size, T, T, 1);
    }

    static JobDto job(JobState state, JobProgress progress, JobError error, long version) {
        return new JobDto(JOB, LAB, JobKind.SELF_TEST, Map.of("steps", 3), 0, state, false, state == JobState.QUEUED
                ? 0 : 1, 3, false, 0, progress, state == JobState.SUCCEEDED ? Map.of("checksum", "abc", "steps", 3)
                : null, state == JobState.SUCCEEDED ? List.of("result") : List.of(), error, null, null, T, null, null,
                null, null, version);
    }
}
