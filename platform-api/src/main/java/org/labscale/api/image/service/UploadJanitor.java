package org.labscale.api.image.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;

import org.jboss.logging.Logger;

/**
 * Purges presigned uploads that were never completed, with their staged objects, and staged objects that no upload
 * owns (written through a URL after its upload ended).
 */
@ApplicationScoped
public class UploadJanitor {

    private static final Logger LOG = Logger.getLogger(UploadJanitor.class);

    @Inject
    Clock clock;

    @Inject
    UploadService uploads;

    @Scheduled(every = "${labscale.upload.purge-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        int purged = uploads.purgeExpired(clock.instant());
        if (purged > 0) {
            LOG.infof("Purged %d expired upload(s)", purged);
        }
    }

    @Scheduled(every = "${labscale.upload.staging-sweep-every}", delayed = "2m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweepStaging() {
        int deleted = uploads.sweepStaging(clock.instant());
        if (deleted > 0) {
            LOG.infof("Deleted %d staged object(s) without a pending upload", deleted);
        }
    }
}
