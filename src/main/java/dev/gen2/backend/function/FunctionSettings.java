package dev.gen2.backend.function;

import dev.gen2.backend.Required;
import dev.gen2.backend.Secret;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything {@code FunctionResource.define} takes: Amplify's {@code defineFunction} options, with its defaults.
 *
 * @param name the function's name in the backend (the resource-name rule applies)
 * @param entry the handler's code: a directory (the handler in {@code index.js}, {@code .mjs} or {@code .cjs}) or
 *     one file; packaged as it is, without a bundler or Docker
 * @param handler the handler, {@code module.export}; empty means {@code index.handler} for a directory and
 *     {@code <file name>.handler} for a file
 * @param javaHandler for a Java function instead: the handler class, a {@code RequestHandler} or
 *     {@code RequestStreamHandler} of the project, in any package; packaged at synth with the classes and jars it
 *     reaches
 * @param runtime empty means Node.js 22, or Java 21 for a Java function
 * @param timeoutSeconds 3 (1 to 900)
 * @param memoryMB 512 (128 to 10240)
 * @param ephemeralStorageSizeMB 512 (512 to 10240)
 * @param architecture x86_64 unless chosen
 * @param snapStart Lambda SnapStart on the function's published versions (Java only); the function's invokers then
 *     call the alias {@code live} of its newest version
 * @param environment variables, in the order given
 * @param secrets variables whose values are secrets, read from SSM when the function starts
 * @param schedules when the function runs by itself
 * @param layers layer module name to a layer version ARN, or to {@code name:version} in the stack's account and
 *     region; at most 5 distinct layers
 * @param resourceGroupName the nested stack the function lives in: {@code function}, or {@code auth} for an auth
 *     trigger (which avoids a circular dependency between the two stacks)
 * @param logRetentionDays how long CloudWatch keeps the logs; empty keeps them forever, as Lambda does
 * @param logFormat text or JSON logs; empty keeps Lambda's text format
 * @param applicationLogLevel the level below which JSON logs are dropped
 */
public record FunctionSettings(String name, Path entry, Optional<String> handler, Optional<Class<?>> javaHandler,
        Optional<FunctionRuntime> runtime,
        int timeoutSeconds, int memoryMB, int ephemeralStorageSizeMB, Architecture architecture, boolean snapStart,
        Map<String, String> environment, Map<String, Secret> secrets, List<FunctionSchedule> schedules,
        Map<String, String> layers,
        String resourceGroupName, OptionalInt logRetentionDays, Optional<LogFormat> logFormat,
        Optional<LogLevel> applicationLogLevel) {

    /** The processor architecture. */
    public enum Architecture { X86_64, ARM64 }

    /** Lambda's log formats. */
    public enum LogFormat { TEXT, JSON }

    /** Lambda's application log levels, for JSON logs. */
    public enum LogLevel { TRACE, DEBUG, INFO, WARN, ERROR, FATAL }

    public static final String DEFAULT_RESOURCE_GROUP = "function";

    public FunctionSettings {
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
        schedules = List.copyOf(schedules);
        layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
    }

    /** Whether this is a Java function. */
    public boolean isJava() {
        return javaHandler.isPresent();
    }

    /** The runtime: the one chosen, or Node.js 22 (Java 21 for a Java function). */
    public FunctionRuntime effectiveRuntime() {
        return runtime.orElse(isJava() ? FunctionRuntime.JAVA_21 : FunctionRuntime.NODE_22);
    }

    /** The handler the function's code exports, such as {@code index.handler}. */
    public String effectiveHandler() {
        if (javaHandler.isPresent()) {
            return javaHandler.get().getName() + "::handleRequest";
        }
        return handler.orElseGet(() -> {
            String file = entry.getFileName().toString();
            return (file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : "index") + ".handler";
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link FunctionSettings}; what the lambda given to {@code FunctionResource.define} configures. */
    public static final class Builder {
        private String name;
        private Path entry;
        private String handler;
        private FunctionRuntime runtime;
        private Class<?> javaHandler;
        private int timeoutSeconds = 3;
        private int memoryMB = 512;
        private int ephemeralStorageSizeMB = 512;
        private Architecture architecture = Architecture.X86_64;
        private boolean snapStart;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Map<String, Secret> secrets = new LinkedHashMap<>();
        private final List<FunctionSchedule> schedules = new ArrayList<>();
        private final Map<String, String> layers = new LinkedHashMap<>();
        private String resourceGroupName = DEFAULT_RESOURCE_GROUP;
        private Integer logRetentionDays;
        private LogFormat logFormat;
        private LogLevel applicationLogLevel;

        private static final String SCHEDULE_FIX = "give a rate such as \"every 5m\", or a cron expression.";

        private Builder() {
        }

        public Builder name(String functionName) {
            this.name = functionName;
            return this;
        }

        /** The handler's code, relative to the project directory: a directory or one {@code .js}/{@code .mjs} file. */
        public Builder entry(String path) {
            this.entry = Path.of(Required.argument(path, where() + ".entry", "The entry",
                    "give the path of the handler's directory or file, such as \"src/main/functions/report\"."));
            return this;
        }

        public Builder handler(String moduleAndExport) {
            this.handler = moduleAndExport;
            return this;
        }

        public Builder runtime(FunctionRuntime functionRuntime) {
            this.runtime = Required.argument(functionRuntime, where() + ".runtime", "The runtime",
                    "give one such as FunctionRuntime.NODE_22, or FunctionRuntime.JAVA_21 for a Java function.");
            return this;
        }

        /**
         * Makes this a Java function: the handler class, a {@code RequestHandler} or {@code RequestStreamHandler} of
         * the project in any package. At synth the function is packaged with the classes the handler reaches and the
         * jars they come from; nothing in the project's build is needed for it.
         */
        public Builder javaHandler(Class<?> handlerClass) {
            Required.argument(handlerClass, where() + ".javaHandler", "The handler class",
                    "give a RequestHandler class, such as javaHandler(ReportHandler.class).");
            JavaHandlerCheck.requireLambdaHandler(where() + ".javaHandler", handlerClass);
            this.javaHandler = handlerClass;
            return this;
        }

        public Builder timeoutSeconds(int seconds) {
            this.timeoutSeconds = seconds;
            return this;
        }

        public Builder memoryMB(int megabytes) {
            this.memoryMB = megabytes;
            return this;
        }

        public Builder ephemeralStorageSizeMB(int megabytes) {
            this.ephemeralStorageSizeMB = megabytes;
            return this;
        }

        public Builder architecture(Architecture processor) {
            this.architecture = Required.argument(processor, where() + ".architecture", "The architecture",
                    "give Architecture.X86_64 or Architecture.ARM64.");
            return this;
        }

        /**
         * Turns on Lambda SnapStart (Java only): Lambda snapshots the initialized function when a version is
         * published, and starts from the snapshot. A version is published on each code or configuration change, and
         * the function's invokers (schedules, triggers, data sources) call its alias {@code live}.
         */
        public Builder snapStart() {
            this.snapStart = true;
            return this;
        }

        public Builder environment(String key, String value) {
            environment.put(requiredKey(key), value);
            return this;
        }

        /**
         * A variable whose value is a secret: Amplify's {@code environment: { KEY: secret('NAME') }}. The template
         * holds a placeholder; the function reads the value from SSM when it starts.
         */
        public Builder environment(String key, Secret secret) {
            secrets.put(requiredKey(key), Required.argument(secret, where() + ".environment['" + key + "']",
                    "The secret", "give Secret.of(\"NAME\")."));
            return this;
        }

        /**
         * Runs the function on a schedule, such as {@code "every 5m"} or {@code "0 8 ? * 2-6"} (8:00 Monday to Friday:
         * days of the week are numbers, 1 being Sunday, as Amplify requires), in UTC.
         */
        public Builder schedule(String... expressions) {
            Required.each(where() + ".schedule", "The schedule", SCHEDULE_FIX, expressions).stream()
                    .map(FunctionSchedule::of).forEach(schedules::add);
            return this;
        }

        public Builder schedule(FunctionSchedule schedule) {
            schedules.add(Required.argument(schedule, where() + ".schedule", "The schedule", SCHEDULE_FIX));
            return this;
        }

        /** A layer: a layer version ARN, or {@code name:version} in the stack's account and region. */
        public Builder layer(String moduleName, String arnOrNameAndVersion) {
            layers.put(moduleName, arnOrNameAndVersion);
            return this;
        }

        public Builder resourceGroupName(String group) {
            this.resourceGroupName = group;
            return this;
        }

        public Builder logRetentionDays(int days) {
            this.logRetentionDays = days;
            return this;
        }

        public Builder logFormat(LogFormat format) {
            this.logFormat = format;
            return this;
        }

        public Builder applicationLogLevel(LogLevel level) {
            this.applicationLogLevel = level;
            return this;
        }

        private String requiredKey(String key) {
            return Required.argument(key, where() + ".environment", "The variable name",
                    "give a name such as \"API_URL\".");
        }

        private String where() {
            return FunctionValidator.where(name);
        }

        public FunctionSettings build() {
            return new FunctionSettings(name, entry, Optional.ofNullable(handler), Optional.ofNullable(javaHandler),
                    Optional.ofNullable(runtime), timeoutSeconds, memoryMB,
                    ephemeralStorageSizeMB, architecture, snapStart, environment, secrets, schedules, layers, resourceGroupName,
                    logRetentionDays == null ? OptionalInt.empty() : OptionalInt.of(logRetentionDays),
                    Optional.ofNullable(logFormat), Optional.ofNullable(applicationLogLevel));
        }
    }
}
