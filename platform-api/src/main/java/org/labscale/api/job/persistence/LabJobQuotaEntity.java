package org.labscale.api.job.persistence;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A lab's concurrency quota; {@code running} is maintained by a database trigger on {@code job} and only read here.
 */
@Entity
@Table(name = "lab_job_quota")
public class LabJobQuotaEntity extends PanacheEntityBase {

    @Id
    @Column(name = "lab_id")
    public UUID labId;
    @Column(name = "max_running")
    public int maxRunning;
    @Column(insertable = false, updatable = false)
    public int running;
}
