package org.labscale.api.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.hibernate.StaleObjectStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.labscale.api.config.RequestJson;
import org.labscale.shared.api.ErrorBody;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into the one error body {@code {code, message, details}}. A 500 means a bug of ours: the
 * caller gets no internals, the log gets the stack trace.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder response = builder(e.status(), e.code(), e.getMessage(), e.details());
        if (e.details().get("retryAfterSeconds") instanceof Number seconds) {
            response.header("Retry-After", seconds.toString());
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        Map<String, Object> fields = new LinkedHashMap<>();
        e.getConstraintViolations().forEach(v -> fields.put(v.getPropertyPath().toString(), v.getMessage()));
        return body(400, "validation.failed", "Some values are not valid: " + fields, Map.of("fields", fields));
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatch(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response format(InvalidFormatException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unknownField(UnrecognizedPropertyException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return body(413, "request.too-large", "The request body is larger than this endpoint reads: "
                    + e.getOriginalMessage(), Map.of());
        }
        String field = e instanceof JsonMappingException m ? field(m.getPath()) : "";
        if (e instanceof RequestJson.ControlCharacterException) {
            String name = field.isEmpty() ? "body" : field;
            return body(400, "validation.control-character", name + " must not contain control characters; it has "
                    + e.getOriginalMessage() + ".", Map.of("field", name));
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return body(400, "request.unknown-field", "This endpoint does not read the field '" + field
                    + "'; it reads " + u.getKnownPropertyIds() + ".", Map.of("field", field));
        }
        String where = field.isEmpty() ? "" : " at field '" + field + "'";
        return body(400, "request.malformed-json", "The request body is not valid JSON for this endpoint" + where
                + ": " + e.getOriginalMessage(), field.isEmpty() ? Map.of() : Map.of("field", field));
    }

    /** A JSON path as clients write it: {@code items[2].channelRoles.DNA}. */
    public static String field(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    @ServerExceptionMapper
    public Response optimistic(OptimisticLockException e) {
        return concurrent();
    }

    @ServerExceptionMapper
    public Response stale(StaleObjectStateException e) {
        return concurrent();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json);
        }
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 400 -> "request.invalid";
            case 404 -> "not-found";
            case 405 -> "http.method-not-allowed";
            case 406 -> "http.not-acceptable";
            case 413 -> "upload.too-large";
            case 415 -> "http.unsupported-media-type";
            default -> "http." + status;
        };
        String message = status == 404 ? "No such resource." : e.getMessage();
        return body(status, code, message, Map.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (isUniqueViolation(e)) {
            // Two requests raced past the service's "is it taken?" check; the database kept one.
            return body(409, "conflict.duplicate", "Something with the same name or key was created at the same "
                    + "time; read the current state and try again.", Map.of());
        }
        LOG.error("Unexpected failure", e);
        return body(500, "internal", "Labscale failed unexpectedly; the administrators can find the cause in the log.",
                Map.of());
    }

    /** A unique-constraint violation (SQLSTATE 23505) anywhere in the cause chain. */
    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static Response concurrent() {
        return body(409, "conflict.concurrent-update",
                "Someone else changed this resource at the same time; read it again and retry.", Map.of());
    }

    static Response body(int status, String code, String message, Map<String, Object> details) {
        return builder(status, code, message, details).build();
    }

    private static Response.ResponseBuilder builder(int status, String code, String message,
                                                    Map<String, Object> details) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(code, message, details));
    }
}
