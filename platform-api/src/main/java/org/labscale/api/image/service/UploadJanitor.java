package org.labscale.api.image.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;

import org.jboss.logging.Logger;

/** Purges presigned uploads that were never completed, with their staged objects. */
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
}
