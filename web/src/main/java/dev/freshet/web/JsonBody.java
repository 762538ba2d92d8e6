package dev.freshet.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freshet.engine.error.InvalidInputException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request body that must be a JSON object, with typed accessors whose errors name the field. Parsing by hand
 * rather than binding to classes keeps every message in the form {@code "field: what is wrong"}.
 */
public final class JsonBody {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final ObjectNode node;
    private final ObjectMapper mapper;

    private JsonBody(ObjectNode node, ObjectMapper mapper) {
        this.node = node;
        this.mapper = mapper;
    }

    /** An empty body counts as {@code {}}, so {@code curl -X POST} without data works where no field is required. */
    public static JsonBody parse(String body, ObjectMapper mapper) {
        if (body == null || body.isBlank()) {
            return new JsonBody(mapper.createObjectNode(), mapper);
        }
        JsonNode parsed;
        try {
            parsed = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw new InvalidInputException("request body: expected a JSON object, got " + describe(parsed));
        }
        return new JsonBody(object, mapper);
    }

    /**
     * A body Jackson could not read, as a 400 naming the place. A limit of Jackson's (nesting deeper than 1,000, a
     * number or string too long) has no location.
     */
    public static InvalidInputException malformed(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        String place = where == null || where.getLineNr() < 0
                ? ""
                : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
        return new InvalidInputException("request body: malformed JSON" + place + ": " + e.getOriginalMessage());
    }

    /**
     * Refuses a body with a field outside {@code known}, naming each unknown one and what {@code what} takes, so a
     * misspelt field is an error rather than silently ignored.
     */
    public JsonBody requireOnly(Set<String> known, String what) {
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                unknown.add("'" + abbreviate(name) + "'");
            }
        });
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("request body: unknown field" + (unknown.size() == 1 ? " " : "s ")
                    + String.join(", ", unknown) + "; " + what + " takes " + new TreeSet<>(known));
        }
        return this;
    }

    public ObjectNode node() {
        return node;
    }

    public boolean has(String field) {
        return node.hasNonNull(field);
    }

    public boolean requiredBoolean(String field) {
        JsonNode value = required(field, "true or false");
        if (!value.isBoolean()) {
            throw wrongType(field, "true or false", value);
        }
        return value.booleanValue();
    }

    public int requiredInt(String field) {
        JsonNode value = required(field, "an integer");
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(field, "an integer", value);
        }
        return value.intValue();
    }

    public String requiredText(String field) {
        return optionalText(field).orElseThrow(() -> missing(field, "a string"));
    }

    public Optional<String> optionalText(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw wrongType(field, "a string", value);
        }
        return Optional.of(value.textValue());
    }

    public Optional<Boolean> optionalBoolean(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw wrongType(field, "true or false", value);
        }
        return Optional.of(value.booleanValue());
    }

    /** A JSON array of strings; empty when absent or null. */
    public List<String> optionalTextList(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw wrongType(field, "an array of strings", value);
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw wrongType(field + "[" + i + "]", "a string", value.get(i));
            }
            items.add(value.get(i).textValue());
        }
        return items;
    }

    /** An ISO-8601 date-time with an offset, e.g. {@code 2024-05-01T00:00:00Z} or {@code ...+02:00}. */
    public Optional<Instant> optionalInstant(String field) {
        return optionalText(field).map(text -> {
            try {
                return InstantRange.check(
                        field, text, OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(field + ": '" + text
                        + "' is not an ISO-8601 date-time with an offset, e.g. 2024-05-01T00:00:00Z");
            }
        });
    }

    /** A JSON object as a map of plain Java values; empty when absent or null. */
    public Map<String, Object> optionalObject(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw wrongType(field, "a JSON object", value);
        }
        return mapper.convertValue(value, MAP);
    }

    private JsonNode required(String field, String expected) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw missing(field, expected);
        }
        return value;
    }

    private static InvalidInputException missing(String field, String expected) {
        return new InvalidInputException(field + ": required, expected " + expected);
    }

    private static InvalidInputException wrongType(String field, String expected, JsonNode value) {
        return new InvalidInputException(field + ": expected " + expected + ", got " + describe(value));
    }

    /** A short description of a JSON value for error messages: its type and, for scalars, the value. */
    public static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        return switch (value.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case NULL -> "null";
            case BOOLEAN -> "the boolean " + value.asText();
            case NUMBER -> "the number " + value.asText();
            case STRING -> "the string \"" + abbreviate(value.textValue()) + "\"";
            default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
