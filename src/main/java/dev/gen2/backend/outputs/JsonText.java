package dev.gen2.backend.outputs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON as the frontend files need it: parsed into ordered maps and lists, and printed exactly as JavaScript's
 * {@code JSON.stringify(value, null, indent)} prints it, so a file is the same byte for byte as Amplify's.
 */
public final class JsonText {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonText() {
    }

    /** Parses JSON text into maps (in document order), lists, strings, numbers, booleans and null. */
    public static Object parse(String json) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static Map<String, Object> parseObject(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code JSON.stringify(value, null, indent)}: compact for an indent of 0. */
    public static String stringify(Object value, int indent) {
        StringBuilder out = new StringBuilder();
        write(out, value, " ".repeat(indent), "");
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, String step, String current) {
        if (value instanceof Map<?, ?> map) {
            writeContainer(out, map.entrySet().stream().map(e -> (Object) e).toList(), '{', '}', step, current);
        } else if (value instanceof List<?> list) {
            writeContainer(out, new ArrayList<>(list), '[', ']', step, current);
        } else if (value instanceof String text) {
            quote(out, text);
        } else if (value == null) {
            out.append("null");
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            out.append(number == Math.rint(number) && !Double.isInfinite(number)
                    ? String.valueOf((long) number) : String.valueOf(number));
        } else {
            out.append(value);
        }
    }

    private static void writeContainer(StringBuilder out, List<Object> items, char open, char close, String step,
            String current) {
        if (items.isEmpty()) {
            out.append(open).append(close);
            return;
        }
        boolean compact = step.isEmpty();
        String inner = current + step;
        out.append(open);
        for (int i = 0; i < items.size(); i++) {
            out.append(i == 0 ? "" : ",");
            if (!compact) {
                out.append('\n').append(inner);
            }
            if (items.get(i) instanceof Map.Entry<?, ?> entry) {
                quote(out, String.valueOf(entry.getKey()));
                out.append(compact ? ":" : ": ");
                write(out, entry.getValue(), step, inner);
            } else {
                write(out, items.get(i), step, inner);
            }
        }
        if (!compact) {
            out.append('\n').append(current);
        }
        out.append(close);
    }

    private static void quote(StringBuilder out, String text) {
        out.append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
