package org.labscale.api.config;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import org.labscale.api.common.ControlCharacters;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * How request bodies are read: strictly. A field the endpoint does not know is refused (it would otherwise be
 * dropped without a word, as a {@code projectId} sent to {@code PATCH /images/{id}} was), so is a number sent as a
 * string or a string sent as a number, and so is any text with a control character ({@link ControlCharacters}).
 * Each refusal names the field ({@link org.labscale.api.common.ErrorMappers}). The body's size is bounded too
 * ({@code labscale.http.max-json-bytes}): a body sent without a Content-Length is cut off by the parser.
 *
 * <p>Only request bodies: the application's own {@link ObjectMapper} (stored payloads, model cards written by
 * workers) stays as Quarkus configures it, and {@link #strict} lends these rules to code that converts what a
 * client sent after reading it (job payloads).
 */
@Provider
@Singleton
public class RequestJson implements ContextResolver<ObjectMapper> {

    @Inject
    ObjectMapper base;

    /** Looked up on first use: REST providers are made before the runtime configuration is there. */
    @Inject
    jakarta.inject.Provider<LabscaleConfig> config;

    private volatile ObjectMapper mapper;

    @Override
    public ObjectMapper getContext(Class<?> type) {
        ObjectMapper m = mapper;
        if (m == null) {
            m = strict(base.copy());
            m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                    .maxDocumentLength(config.get().http().maxJsonBytes()).build());
            mapper = m;
        }
        return m;
    }

    /** Applies the rules above to {@code mapper} (changed in place and answered). */
    @SuppressWarnings("deprecation") // ALLOW_COERCION_OF_SCALARS is still what turns off every scalar coercion
    public static ObjectMapper strict(ObjectMapper mapper) {
        // Without scalar coercion "5" is no number, 1 no boolean and 1.5 no int; 1 still reads as 1.0.
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        mapper.registerModule(new SimpleModule("labscale-strict-text")
                .addDeserializer(String.class, new TextDeserializer())
                .addKeyDeserializer(String.class, new TextKeyDeserializer()));
        return mapper;
    }

    /** A JSON value in a text field that this API does not read as text; its path names the field. */
    public static final class ControlCharacterException extends MismatchedInputException {
        ControlCharacterException(JsonParser p, String message) {
            super(p, message, String.class);
        }
    }

    /** Strings only from JSON strings, without control characters. */
    static final class TextDeserializer extends StdScalarDeserializer<String> {

        TextDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                return checked(p, p.getText());
            }
            if (p.hasToken(JsonToken.VALUE_NULL)) {
                return null;
            }
            return (String) ctxt.handleUnexpectedToken(String.class, p);
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** Map keys that are text: the same rule. */
    static final class TextKeyDeserializer extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            return checked(ctxt.getParser(), key);
        }
    }

    private static String checked(JsonParser p, String value) throws ControlCharacterException {
        int at = ControlCharacters.indexOf(value);
        if (at >= 0) {
            throw new ControlCharacterException(p, String.format("U+%04X at index %d", (int) value.charAt(at), at));
        }
        return value;
    }
}
