package dev.verity.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Request bodies are read as written, never guessed at: Jackson by default turns {@code 42} into the string "42" and
 * "30" into the number 30, so a client's type error is stored silently and surfaces later somewhere else. Here a
 * value of the wrong JSON type is refused (400 naming the field, via the platform's problem mappers), and every
 * string is checked against {@link PlainText} once, for every field of every service, instead of each request
 * record remembering a pattern on each field.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        // "30" → Integer, "true" → Boolean, 1 → Boolean ... refused
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        // 42, 4.2, true → String refused (not covered by the feature above: text is not a "scalar" to Jackson)
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("verity-plain-text").addDeserializer(String.class, new TextOnly()));
    }

    /** Jackson's own string reading (with the coercion rules above), then the {@link PlainText} rule. */
    static final class TextOnly extends StdScalarDeserializer<String> {

        TextOnly() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            String violation = value == null ? null : PlainText.violation(value);
            if (violation != null) {
                throw new NotPlainTextException(p, violation);
            }
            return value;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }

    /** A string that is not {@link PlainText}; its message is the rule and where the value breaks it. */
    public static final class NotPlainTextException extends MismatchedInputException {

        NotPlainTextException(JsonParser parser, String message) {
            super(parser, message, String.class);
        }
    }
}
