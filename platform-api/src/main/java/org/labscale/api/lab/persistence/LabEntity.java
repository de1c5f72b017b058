package org.labscale.api.lab.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.labscale.shared.account.Role;
import org.labscale.shared.lab.LabDto;

/** A lab: the tenant every piece of data belongs to. */
@Entity
@Table(name = "lab")
public class LabEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    public String slug;
    public String description;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    /**
     * Locks the lab's row until the transaction ends ({@code SELECT ... FOR UPDATE}), so that changes that must see
     * every other change of the lab's owners (the last owner may not go) run one after the other.
     */
    public static void lock(UUID labId) {
        getEntityManager().createNativeQuery("select id from lab where id = ?1 for update").setParameter(1, labId)
                .getResultList();
    }

    public static boolean slugTaken(String slug) {
        return count("slug", slug) > 0;
    }

    public LabDto toDto(Role callerRole) {
        return new LabDto(id, name, slug, description, callerRole, createdAt, updatedAt, version);
    }
}
