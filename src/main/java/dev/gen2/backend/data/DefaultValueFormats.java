package dev.gen2.backend.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/**
 * Whether a default value's text is a value of an AWS scalar, as Amplify's {@code @default} checks before it stores
 * the default: a date must be a real {@code YYYY-MM-DD} date, times and date-times carry seconds and a zone offset, and
 * so on. A default AppSync cannot return would be written into every record created without the field, and every read
 * of such a record would then fail.
 */
final class DefaultValueFormats {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final String TIME = "([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d+)?(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)";
    private static final Pattern TIME_PATTERN = Pattern.compile(TIME);
    private static final Pattern DATE_TIME_PATTERN = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})T" + TIME);
    private static final Pattern EMAIL = Pattern.compile("[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9]"
            + "(?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*");
    /** An international number: a plus, a country code and 7 to 15 digits in all, spaces or hyphens between groups. */
    private static final Pattern PHONE = Pattern.compile("\\+[1-9](?:[ -]?\\d){6,14}");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
            + "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private DefaultValueFormats() {
    }

    /** Whether {@code text} is a value of {@code scalar}; text types (ID, String) take any text. */
    static boolean valid(Scalar scalar, String text) {
        return switch (scalar) {
            case INT, TIMESTAMP -> text.matches("-?\\d+");
            case FLOAT -> text.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
            case BOOLEAN -> text.equals("true") || text.equals("false");
            case DATE -> date(text);
            case TIME -> TIME_PATTERN.matcher(text).matches();
            case DATETIME -> {
                var matcher = DATE_TIME_PATTERN.matcher(text);
                yield matcher.matches() && date(matcher.group(1));
            }
            case EMAIL -> EMAIL.matcher(text).matches();
            case JSON -> json(text);
            case PHONE -> PHONE.matcher(text).matches();
            case URL -> url(text);
            case IP_ADDRESS -> ipAddress(text);
            case ID, STRING -> true;
        };
    }

    /** An example of a valid default of the type, as the call that gives it, for the fix of a message. */
    static String example(Scalar scalar) {
        String value = exampleValue(scalar);
        return switch (scalar) {
            case INT, TIMESTAMP, FLOAT, BOOLEAN -> "defaultValue(" + value + ")";
            default -> "defaultValue(\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\")";
        };
    }

    /** The example's value: text that {@link #valid} accepts for the type. */
    static String exampleValue(Scalar scalar) {
        return switch (scalar) {
            case INT, TIMESTAMP -> "1";
            case FLOAT -> "1.5";
            case BOOLEAN -> "true";
            case DATE -> "2025-01-31";
            case TIME -> "12:30:00Z";
            case DATETIME -> "2025-01-31T12:30:00Z";
            case EMAIL -> "someone@example.com";
            case JSON -> "{\"key\": 1}";
            case PHONE -> "+12065550100";
            case URL -> "https://example.com/";
            case IP_ADDRESS -> "127.0.0.1";
            case ID, STRING -> "text";
        };
    }

    private static boolean date(String text) {
        try {
            LocalDate.parse(text, DATE);
            return text.length() == 10;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean json(String text) {
        try {
            return !JSON.readTree(text).isMissingNode();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static boolean url(String text) {
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() && (uri.isOpaque() || uri.getHost() != null);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean ipAddress(String text) {
        if (IPV4.matcher(text).matches()) {
            return true;
        }
        if (!IPV6_CHARACTERS.matcher(text).matches()) {
            return false;
        }
        try {
            // A literal with a colon is parsed as an IPv6 address, never looked up.
            return InetAddress.getByName(text).getAddress().length == 16;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
