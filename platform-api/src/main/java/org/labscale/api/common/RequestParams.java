package org.labscale.api.common;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks the query, path and header parameters of every request before they are converted: none may hold a control
 * character ({@link ControlCharacters}), and a query or header parameter the endpoint reads as a number, a boolean,
 * a UUID or an enum must be one. JAX-RS would answer a query parameter it cannot convert with 404 (as if the
 * resource did not exist); this answers 400 naming the parameter. A path parameter that is no UUID keeps its 404:
 * no resource has that id. Runs after authentication, so a stranger learns nothing here either.
 */
public class RequestParams {

    private static final int SHOWN = 40;

    @ServerRequestFilter(priority = Priorities.USER + 100)
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        UriInfo uri = request.getUriInfo();
        uri.getPathParameters().forEach((name, values) -> values.forEach(v -> ControlCharacters.check(v, name)));
        uri.getQueryParameters().forEach((name, values) -> {
            ControlCharacters.check(name, "query parameter name");
            values.forEach(v -> ControlCharacters.check(v, name));
        });
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        for (Parameter p : method.getParameters()) {
            QueryParam query = p.getAnnotation(QueryParam.class);
            if (query != null) {
                List<String> values = uri.getQueryParameters().get(query.value());
                if (values != null) {
                    values.forEach(v -> convertible(p.getType(), v, "query parameter", query.value()));
                }
            }
            HeaderParam header = p.getAnnotation(HeaderParam.class);
            if (header != null) {
                String v = request.getHeaderString(header.value());
                ControlCharacters.check(v, header.value());
                if (v != null) {
                    convertible(p.getType(), v, "header", header.value());
                }
            }
            PathParam path = p.getAnnotation(PathParam.class);
            if (path != null && p.getType() != UUID.class) {
                String v = uri.getPathParameters().getFirst(path.value());
                if (v != null) {
                    convertible(p.getType(), v, "path parameter", path.value());
                }
            }
        }
    }

    /** Throws 400 unless {@code value} converts to {@code type}. */
    static void convertible(Class<?> type, String value, String kind, String name) {
        String expected = null;
        try {
            if (type == Integer.class || type == int.class) {
                expected = "a whole number";
                Integer.parseInt(value.trim());
            } else if (type == Long.class || type == long.class) {
                expected = "a whole number";
                Long.parseLong(value.trim());
            } else if (type == Boolean.class || type == boolean.class) {
                expected = "true or false";
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException(value);
                }
            } else if (type == UUID.class) {
                expected = "a UUID";
                UUID.fromString(value.trim());
            } else if (type.isEnum()) {
                expected = "one of " + Arrays.toString(type.getEnumConstants());
                Arrays.stream(type.getEnumConstants()).map(Object::toString).filter(value::equals).findAny()
                        .orElseThrow(() -> new IllegalArgumentException(value));
            }
        } catch (IllegalArgumentException e) {
            String shown = value.length() > SHOWN ? value.substring(0, SHOWN) + "..." : value;
            throw new ApiException(400, "validation.invalid-parameter", "The " + kind + " '" + name + "' must be "
                    + expected + ", not '" + shown + "'.", Map.of("field", name));
        }
    }
}
