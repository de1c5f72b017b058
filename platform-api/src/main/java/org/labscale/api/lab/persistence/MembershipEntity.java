package org.labscale.api.lab.persistence;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.labscale.api.account.persistence.UserEntity;
import org.labscale.shared.account.Role;
import org.labscale.shared.lab.MemberDto;

/** A user's role in a lab. */
@Entity
@Table(name = "membership")
@IdClass(MembershipEntity.Key.class)
public class MembershipEntity extends PanacheEntityBase {

    @Id
    @Column(name = "lab_id")
    public UUID labId;
    @Id
    @Column(name = "user_id")
    public UUID userId;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "lab_id", insertable = false, updatable = false)
    public LabEntity lab;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "user_id", insertable = false, updatable = false)
    public UserEntity user;
    @Enumerated(EnumType.STRING)
    public Role role;
    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<MembershipEntity> of(UUID labId, UUID userId) {
        return find("labId = ?1 and userId = ?2", labId, userId).firstResultOptional();
    }

    public static List<MembershipEntity> forUser(UUID userId) {
        return find("from MembershipEntity m join fetch m.lab where m.userId = ?1 order by m.lab.name", userId).list();
    }

    public static long owners(UUID labId) {
        return count("labId = ?1 and role = ?2", labId, Role.OWNER);
    }

    public MemberDto toDto() {
        return new MemberDto(userId, user.email, user.displayName, role, createdAt);
    }

    /** Composite key (lab, user). */
    public static class Key implements Serializable {
        public UUID labId;
        public UUID userId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(labId, k.labId) && Objects.equals(userId, k.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(labId, userId);
        }
    }
}
