package org.labscale.api.lab.service;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.labscale.api.common.ApiException;
import org.labscale.api.common.Etags;
import org.labscale.api.common.Paging;
import org.labscale.api.common.Texts;
import org.labscale.api.lab.persistence.LabEntity;
import org.labscale.api.lab.persistence.MembershipEntity;
import org.labscale.shared.account.Role;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.lab.LabDto;
import org.labscale.shared.lab.LabRequest;

/** Labs: create (the creator becomes owner), list the caller's, rename, describe, delete. */
@ApplicationScoped
public class LabService {

    private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");

    @Inject
    Clock clock;

    @Inject
    LabAccess access;

    @Inject
    Event<LabDeleted> deleted;

    /** Fired after a lab's rows are gone, so its objects can be removed from storage. */
    public record LabDeleted(UUID labId) {
    }

    @Transactional
    public LabDto create(LabRequest request) {
        if (request == null) {
            throw ApiException.badRequest("request.missing-body", "Send {name, description}.");
        }
        String name = Texts.required(request.name(), "name", 200);
        String slug = request.slug() == null ? uniqueSlug(name) : checkedSlug(request.slug());
        Instant now = clock.instant();
        LabEntity lab = new LabEntity();
        lab.id = UUID.randomUUID();
        lab.name = name;
        lab.slug = slug;
        lab.description = Texts.optional(request.description(), "description", 4000);
        lab.createdAt = now;
        lab.updatedAt = now;
        lab.persist();
        MembershipEntity owner = new MembershipEntity();
        owner.labId = lab.id;
        owner.userId = access.userId();
        owner.role = Role.OWNER;
        owner.createdAt = now;
        owner.persist();
        return lab.toDto(Role.OWNER);
    }

    @Transactional
    public PageDto<LabDto> listMine(Paging paging) {
        return paging.apply(MembershipEntity.<MembershipEntity>find(
                        "from MembershipEntity m join fetch m.lab where m.userId = ?1 order by m.lab.name", access.userId()),
                m -> m.lab.toDto(m.role));
    }

    @Transactional
    public LabDto get(UUID labId) {
        MembershipEntity m = access.requireLab(labId, Role.VIEWER);
        return LabEntity.<LabEntity>findById(labId).toDto(m.role);
    }

    @Transactional
    public LabDto update(UUID labId, LabRequest request, String ifMatch) {
        MembershipEntity m = access.requireLab(labId, Role.OWNER);
        LabEntity lab = LabEntity.findById(labId);
        Etags.requireMatch(ifMatch, lab.version);
        if (request == null) {
            throw ApiException.badRequest("request.missing-body", "Send the fields to change: {name, slug, description}.");
        }
        if (request.name() != null) {
            lab.name = Texts.required(request.name(), "name", 200);
        }
        if (request.slug() != null && !request.slug().equals(lab.slug)) {
            lab.slug = checkedSlug(request.slug());
        }
        if (request.description() != null) {
            lab.description = Texts.optional(request.description(), "description", 4000);
        }
        lab.updatedAt = clock.instant();
        LabEntity.flush();
        return lab.toDto(m.role);
    }

    @Transactional
    public void delete(UUID labId, String ifMatch) {
        access.requireLab(labId, Role.OWNER);
        LabEntity lab = LabEntity.findById(labId);
        Etags.requireMatch(ifMatch, lab.version);
        // A bulk delete (the schema cascades): em.remove would fail at flush, because the caller's membership,
        // loaded above and still managed, references the removed lab.
        LabEntity.delete("id", labId);
        deleted.fire(new LabDeleted(labId));
    }

    private String checkedSlug(String slug) {
        String s = slug.trim();
        if (!SLUG.matcher(s).matches()) {
            throw ApiException.invalidField("slug", "A slug is 2-63 lower-case letters, digits and '-', starting with a letter or digit; '"
                    + slug + "' is not.");
        }
        if (LabEntity.slugTaken(s)) {
            throw ApiException.conflict("lab.slug-taken", "The slug '" + s + "' is taken; choose another.");
        }
        return s;
    }

    private static String uniqueSlug(String name) {
        String base = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (base.length() < 2) {
            base = "lab-" + base;
        }
        base = base.length() > 50 ? base.substring(0, 50) : base;
        String slug = base;
        for (int i = 2; LabEntity.slugTaken(slug); i++) {
            slug = base + "-" + i;
        }
        return slug;
    }
}
