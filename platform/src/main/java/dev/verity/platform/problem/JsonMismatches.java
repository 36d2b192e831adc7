package dev.verity.platform.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.verity.platform.json.StrictJson;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Says what a JSON value should have been, in the client's words ("must be an array", "must be a UUID"), not
 * Jackson's ("Cannot deserialize value of type `java.util.ArrayList<java.lang.String>` from String value").
 */
final class JsonMismatches {

    private JsonMismatches() {
    }

    static String describe(JsonMappingException e) {
        if (e instanceof StrictJson.NotPlainTextException) {
            return e.getOriginalMessage();
        }
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        String expected = target == null ? "has the wrong type or shape" : "must be " + expected(target);
        if (e instanceof InvalidFormatException format && format.getValue() != null) {
            return expected + ", got '" + format.getValue() + "'";
        }
        return expected;
    }

    private static String expected(Class<?> type) {
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == UUID.class) {
            return "a UUID such as 0b6f4f7e-2a53-4c1b-9a55-1f0f0d6f9c11";
        }
        if (type == LocalDate.class) {
            return "a date such as 2027-03-31";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 instant such as 2026-06-01T00:00:00Z";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.getName().startsWith("java.")) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }
}
