package org.labscale.api.image.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.labscale.api.common.ApiException;
import org.labscale.api.lab.service.LabService.LabDeleted;
import org.labscale.api.project.service.ProjectService.ProjectDeleting;
import org.labscale.api.storage.ObjectStore;

/**
 * Removes the S3 objects of deleted projects and labs. The objects are collected while the rows still exist, and
 * deleted only after the deleting transaction committed (a rolled-back delete must keep its objects), on a worker
 * thread, because {@link LabBlobs#collect} needs transactions of its own.
 */
@ApplicationScoped
public class DeletionCleanup {

    private static final Logger LOG = Logger.getLogger(DeletionCleanup.class);

    @Inject
    EntityManager em;

    @Inject
    StoredObjects objects;

    @Inject
    ObjectStore store;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    ManagedExecutor executor;

    /**
     * Refuses to delete a project whose images a training-set version freezes (the schema would refuse too, with a
     * less helpful error), otherwise schedules its objects for deletion.
     */
    void onProjectDeleting(@Observes ProjectDeleting event) {
        Number frozen = (Number) em.createNativeQuery("select count(*) from training_set_item t join image i"
                + " on i.id = t.image_id where i.project_id = :id").setParameter("id", event.projectId())
                .getSingleResult();
        if (frozen.longValue() > 0) {
            throw ApiException.conflict("project.in-training-set", "Images of this project are part of "
                    + frozen + " training-set item(s), which are immutable; delete those training sets first.");
        }
        StoredObjects.Garbage garbage = objects.withUploadsOf(
                objects.ofImages(event.labId(), "i.project_id = :id", event.projectId()), event.projectId());
        afterCommit("objects of project " + event.projectId(), () -> objects.dispose(garbage));
    }

    /** Everything of a lab lives under its prefix, so one prefix delete removes it all. */
    void onLabDeleted(@Observes LabDeleted event) {
        String prefix = StorageKeys.labPrefix(event.labId());
        afterCommit("objects of lab " + event.labId(), () -> store.deletePrefix(prefix));
    }

    private void afterCommit(String what, Runnable cleanup) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    executor.runAsync(() -> {
                        try {
                            cleanup.run();
                        } catch (RuntimeException e) {
                            LOG.warnf(e, "Deleting the %s failed; they stay as garbage", what);
                        }
                    });
                }
            }
        });
    }
}
