package dev.gen2.backend.data;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.LogRetention;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The API's request logging to CloudWatch, Amplify's {@code defineData({ logging })}. {@link #defaults()} is
 * Amplify's {@code logging: true}: no field-level logs, verbose content excluded, kept one week.
 *
 * <pre>{@code
 * DataResource.define(data -> data.schema(SCHEMA)
 *         .logging(DataLogging.defaults().fieldLogLevel(FieldLogLevel.ERROR).retentionDays(30)));
 * }</pre>
 *
 * @param fieldLogLevel which resolver (field) executions are logged
 * @param excludeVerboseContent whether headers, context and evaluated mapping templates stay out of the logs
 * @param retentionDays how long CloudWatch keeps the logs; empty keeps them forever (Amplify's {@code 'infinite'})
 */
public record DataLogging(FieldLogLevel fieldLogLevel, boolean excludeVerboseContent, OptionalInt retentionDays) {
    static final String WHERE = "data.logging";
    private static final int DEFAULT_RETENTION_DAYS = 7;

    /** AppSync's field log levels, Amplify's {@code fieldLogLevel} ({@code 'none'} ... {@code 'all'}). */
    public enum FieldLogLevel {
        NONE, ERROR, INFO, DEBUG, ALL
    }

    public DataLogging {
        Objects.requireNonNull(fieldLogLevel, "fieldLogLevel");
        Objects.requireNonNull(retentionDays, "retentionDays");
        retentionDays.ifPresent(DataLogging::requireCloudWatchPeriod);
    }

    /** Amplify's defaults ({@code logging: true}): level NONE, verbose content excluded, one week. */
    public static DataLogging defaults() {
        return new DataLogging(FieldLogLevel.NONE, true, OptionalInt.of(DEFAULT_RETENTION_DAYS));
    }

    public DataLogging fieldLogLevel(FieldLogLevel level) {
        if (level == null) {
            throw new BackendConfigException(WHERE + ".fieldLogLevel", "The field log level is missing.",
                    "pass one of " + java.util.Arrays.toString(FieldLogLevel.values()) + ".");
        }
        return new DataLogging(level, excludeVerboseContent, retentionDays);
    }

    public DataLogging excludeVerboseContent(boolean exclude) {
        return new DataLogging(fieldLogLevel, exclude, retentionDays);
    }

    /** Keeps the logs this many days: one of the periods CloudWatch offers (1, 3, 5, 7, 14, 30 ... 3653). */
    public DataLogging retentionDays(int days) {
        return new DataLogging(fieldLogLevel, excludeVerboseContent, OptionalInt.of(days));
    }

    /** Keeps the logs forever, Amplify's {@code retention: 'infinite'}. */
    public DataLogging retainedForever() {
        return new DataLogging(fieldLogLevel, excludeVerboseContent, OptionalInt.empty());
    }

    private static void requireCloudWatchPeriod(int days) {
        if (LogRetention.of(days).isEmpty()) {
            throw new BackendConfigException(WHERE + ".retentionDays", "CloudWatch cannot keep logs for " + days
                    + " days.", "choose one of " + LogRetention.BY_DAYS.keySet().stream().map(String::valueOf)
                            .collect(Collectors.joining(", ")) + ", or retainedForever().");
        }
    }
}
