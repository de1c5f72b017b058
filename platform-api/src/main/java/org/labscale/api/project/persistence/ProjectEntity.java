package org.labscale.api.project.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A lab's project. */
@Entity
@Table(name = "project")
public class ProjectEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "lab_id")
    public UUID labId;
    public String name;
    public String description;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public String[] tags;
    @Column(name = "created_by")
    public UUID createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    public static boolean nameTaken(UUID labId, String name, UUID except) {
        return count("labId = ?1 and lower(name) = ?2 and id <> ?3", labId, name.toLowerCase(),
                except == null ? new UUID(0, 0) : except) > 0;
    }

    /**
     * {@code base}, or the first of "{@code base} 2", "{@code base} 3", ... that the lab has no project of (for
     * projects made on the user's behalf: forks and imports).
     */
    public static String freeName(UUID labId, String base) {
        String name = base;
        for (int i = 2; nameTaken(labId, name, null); i++) {
            name = base + " " + i;
        }
        return name;
    }
}
