package org.labscale.api.sharing.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import io.quarkus.narayana.jta.QuarkusTransaction;

import org.labscale.api.account.security.Caller;
import org.labscale.api.common.ApiException;
import org.labscale.api.common.Paging;
import org.labscale.api.lab.persistence.MembershipEntity;
import org.labscale.api.model.persistence.ModelVersionEntity;
import org.labscale.api.model.service.ModelService;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.model.ModelCard;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.shared.sharing.OriginDto;
import org.labscale.shared.sharing.Visibility;
import org.labscale.shared.sharing.ZooEntryDto;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The model zoo: every model version the caller may see (its own labs', those granted to one of its labs, public
 * ones; an anonymous visitor sees the public ones), searched in one SQL statement. Filters combine with AND; the
 * full-text search runs on the model's name and description ({@code model_search_idx}); deprecated versions are left
 * out unless asked for. A version the caller may not see is never counted nor named.
 */
@ApplicationScoped
public class ModelZoo {

    /** How the zoo sorts. */
    public enum Sort {
        /** Validation per-cell Jaccard, best first (unmeasured last), then newest. */
        JACCARD,
        /** Newest first. */
        NEWEST,
        /** Model name, then version, newest first. */
        NAME
    }

    /** The search; null fields do not filter. */
    public record Search(String text, String task, String channel, Integer channelCount, String tag, UUID labId,
                        String licence, boolean includeDeprecated, Sort sort) {
    }

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper mapper;

    @Inject
    ModelService models;

    public PageDto<ZooEntryDto> search(Search q, Paging paging) {
        if (q.channelCount() != null && (q.channelCount() < 1 || q.channelCount() > 64)) {
            throw ApiException.invalidField("channels", "channels must be between 1 and 64, not " + q.channelCount()
                    + ".");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Object> params = new LinkedHashMap<>();
            StringBuilder where = new StringBuilder(visible("mv", params));
            if (!q.includeDeprecated()) {
                where.append(" and mv.deprecated_at is null");
            }
            filter(where, params, q);
            String order = switch (q.sort() == null ? Sort.JACCARD : q.sort()) {
                case JACCARD -> "cast(mv.card->'validationMetrics'->>'meanPerCellJaccard' as float8) desc nulls last,"
                        + " mv.created_at desc, mv.id";
                case NEWEST -> "mv.created_at desc, mv.id";
                case NAME -> "lower(m.name), mv.version_number desc, mv.id";
            };
            String from = " from model_version mv join model m on m.id = mv.model_id join lab l on l.id = mv.lab_id"
                    + " where " + where;
            Query count = em.createNativeQuery("select count(*)" + from);
            params.forEach(count::setParameter);
            long total = ((Number) count.getSingleResult()).longValue();
            Query rows = em.createNativeQuery("select mv.model_id, mv.id, mv.version_number, m.name, m.description,"
                    + " mv.lab_id, l.name as lab_name, mv.visibility, cast(mv.card as text), mv.deprecated_reason,"
                    + " cast(m.origin as text), mv.created_at, (select max(v2.version_number) from model_version v2"
                    + " where v2.model_id = mv.model_id and v2.deprecated_at is null and "
                    + visible("v2", params) + "), exists (select 1 from model_version_grant g"
                    + " where g.model_version_id = mv.id)" + from + " order by " + order);
            params.forEach(rows::setParameter);
            rows.setFirstResult(paging.page() * paging.size()).setMaxResults(paging.size());
            List<ZooEntryDto> items = new ArrayList<>();
            for (Object row : rows.getResultList()) {
                items.add(entry((Object[]) row));
            }
            return new PageDto<>(items, paging.page(), paging.size(), total);
        });
    }

    /** One version's card by its id, for whoever may see it (anonymous: a public one); 404 as a missing model. */
    public ModelVersionDto card(UUID versionId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Object> params = new LinkedHashMap<>();
            Query q = em.createNativeQuery("select count(*) from model_version mv where mv.id = :id and "
                    + visible("mv", params));
            params.forEach(q::setParameter);
            q.setParameter("id", versionId);
            if (((Number) q.getSingleResult()).longValue() == 0) {
                throw ApiException.notFound("model", versionId);
            }
            return models.toDto(ModelVersionEntity.<ModelVersionEntity>findById(versionId));
        });
    }

    /** The SQL condition that version alias {@code v} is visible to the caller. */
    private String visible(String v, Map<String, Object> params) {
        if (!caller.isSignedIn()) {
            return "(" + v + ".visibility = 'PUBLIC')";
        }
        params.put("user", caller.userId());
        return "(" + v + ".visibility = 'PUBLIC' or " + v + ".lab_id in (select lab_id from membership where user_id"
                + " = :user) or exists (select 1 from model_version_grant g join membership ms on ms.lab_id ="
                + " g.grantee_lab_id where g.model_version_id = " + v + ".id and ms.user_id = :user))";
    }

    private static void filter(StringBuilder where, Map<String, Object> params, Search q) {
        if (text(q.text()) != null) {
            where.append(" and to_tsvector('simple', m.name || ' ' || coalesce(m.description, ''))"
                    + " @@ plainto_tsquery('simple', :text)");
            params.put("text", q.text().trim());
        }
        if (text(q.task()) != null) {
            where.append(" and mv.card->>'task' = :task");
            params.put("task", q.task().trim());
        }
        if (text(q.channel()) != null) {
            where.append(" and mv.card->'channels' @> jsonb_build_array(cast(:channel as text))");
            params.put("channel", q.channel().trim());
        }
        if (q.channelCount() != null) {
            where.append(" and jsonb_array_length(mv.card->'channels') = :channelCount");
            params.put("channelCount", q.channelCount());
        }
        if (text(q.tag()) != null) {
            where.append(" and (mv.card->'classes' @> jsonb_build_array(cast(:tag as text))"
                    + " or mv.card->'classes' @> jsonb_build_array('interior:' || cast(:tag as text)))");
            params.put("tag", q.tag().trim());
        }
        if (q.labId() != null) {
            where.append(" and mv.lab_id = :lab");
            params.put("lab", q.labId());
        }
        if (text(q.licence()) != null) {
            where.append(" and lower(mv.card->>'licence') = :licence");
            params.put("licence", q.licence().trim().toLowerCase(Locale.ROOT));
        }
    }

    private ZooEntryDto entry(Object[] r) throws Exception {
        ModelCard card = mapper.readValue((String) r[8], ModelCard.class);
        OriginDto origin = r[10] == null ? null : mapper.readValue((String) r[10], OriginDto.class);
        boolean own = caller.isSignedIn() && MembershipEntity.of((UUID) r[5], caller.userId()).isPresent();
        boolean granted = Boolean.TRUE.equals(r[13]);
        Visibility visibility = "PUBLIC".equals(r[7]) ? Visibility.PUBLIC
                : own && !granted ? Visibility.PRIVATE : Visibility.SHARED;
        Map<String, Double> metrics = card.validationMetrics() == null ? Map.of() : card.validationMetrics();
        Integer validationImages = card.quality() == null || card.quality().validationImageIds() == null ? null
                : card.quality().validationImageIds().size();
        return new ZooEntryDto((UUID) r[0], (UUID) r[1], ((Number) r[2]).intValue(), (String) r[3], (String) r[4],
                (UUID) r[5], (String) r[6], visibility, card.task(), card.channels(), card.classes(), card.licence(),
                card.authors(), metrics, metrics.get("meanPerCellJaccard"), validationImages, card.trainingSets(),
                r[9] != null, (String) r[9], r[12] == null ? null : ((Number) r[12]).intValue(), origin,
                SqlValues.instant(r[11]));
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value;
    }

}
