package dev.gen2.backend.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import amplify.functions.report.ReportHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.TestBackends;
import dev.gen2.backend.Secret;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad function definition fails when it is defined, in Amplify's words where Amplify has them. */
class FunctionValidationTest {
    private static final String HELLO = "src/test/resources/functions/hello";

    static Stream<Arguments> badDefinitions() {
        return Stream.of(
                bad("function.name", "A function needs a name.", fn -> fn.entry(HELLO)),
                bad("function '1fn'.name", "Resource name contains invalid characters, found 1fn",
                        fn -> fn.name("1fn").entry(HELLO)),
                bad("function 'f'.entry", "Cannot find file at src/test/resources/functions/none",
                        fn -> fn.name("f").entry("src/test/resources/functions/none")),
                bad("function 'f'.handler", "The handler module main (.js, .mjs or .cjs) is not in",
                        fn -> fn.name("f").entry(HELLO).handler("main.handler")),
                bad("function 'f'.runtime", "Invalid function runtime of NODE_20", fn -> fn.name("f").entry(HELLO)
                        .runtime(FunctionRuntime.NODE_20)),
                bad("function 'j'.entry", "A Java function takes its code from the project's build",
                        fn -> fn.name("j").entry(HELLO).javaHandler(ReportHandler.class)),
                bad("function 'j'.runtime", "Invalid function runtime of JAVA_17",
                        fn -> fn.name("j").javaHandler(ReportHandler.class).runtime(FunctionRuntime.JAVA_17)),
                bad("function 'f'.runtime", "Invalid function runtime of JAVA_21 for a Node.js handler",
                        fn -> fn.name("f").entry(HELLO).runtime(FunctionRuntime.JAVA_21)),
                bad("function 'j'.javaHandler", "Lambda cannot create the handler " + NeedsArguments.class.getName()
                        + ": it has no public constructor without arguments.", fn -> fn.name("j")
                        .javaHandler(NeedsArguments.class)),
                bad("function 'j'.javaHandler", "Lambda cannot create the handler " + Inner.class.getName()
                        + ": it is not a public, concrete, static class.", fn -> fn.name("j").javaHandler(Inner.class)),
                bad("function 'j'.snapStart", "Lambda does not offer SnapStart with more than 512 MB of ephemeral"
                        + " storage (1024 MB given).", fn -> fn.name("j").javaHandler(ReportHandler.class).snapStart()
                        .ephemeralStorageSizeMB(1024)),
                bad("function 'f'.runtime", "The runtime is null.", fn -> fn.name("f").entry(HELLO).runtime(null)),
                bad("function 'f'.architecture", "The architecture is null.", fn -> fn.name("f").entry(HELLO)
                        .architecture(null)),
                bad("function 'f'.snapStart", "SnapStart is for Java functions: Lambda does not offer it on Node.js.",
                        fn -> fn.name("f").entry(HELLO).snapStart()),
                bad("function 'j'.javaHandler", "The class java.lang.String is not a Lambda handler: it implements"
                        + " neither RequestHandler nor RequestStreamHandler.", fn -> fn.name("j")
                        .javaHandler(String.class)),
                bad("function 'j'.javaHandler", "The handler class is null.", fn -> fn.name("j").javaHandler(null)),
                bad("function 'f'.entry", "The function has no code: neither entry(..) nor javaHandler(..) is set.",
                        fn -> fn.name("f")),
                bad("function 'f'.entry", "The entry is null.", fn -> fn.name("f").entry(null)),
                bad("function 'f'.handler", "The handler module " + HELLO + "/index.js does not export main.",
                        fn -> fn.name("f").entry(HELLO).handler("index.main")),
                bad("function 'f'.environment", "The variable name is null.",
                        fn -> fn.name("f").entry(HELLO).environment(null, "v")),
                bad("function 'f'.environment['KEY']", "The secret is null.",
                        fn -> fn.name("f").entry(HELLO).environment("KEY", (Secret) null)),
                bad("function 'f'.schedule", "The schedule is null.",
                        fn -> fn.name("f").entry(HELLO).schedule((FunctionSchedule) null)),
                bad("function 'f'.schedule", "Function schedule 'every dya' has an unknown unit 'dya'; the units are m"
                        + " and h after a number (every 5m, every 2h), or day, week, month and year (every day)",
                        fn -> fn.name("f").entry(HELLO).schedule("every dya")),
                bad("function 'f'.schedule", "Function schedule 'every 5min' has an unknown unit 'min'",
                        fn -> fn.name("f").entry(HELLO).schedule("every 5min")),
                bad("function 'f'.timeoutSeconds", "Invalid function timeout of 901", fn -> fn.name("f").entry(HELLO)
                        .timeoutSeconds(901)),
                bad("function 'f'.memoryMB", "Invalid function memoryMB of 64", fn -> fn.name("f").entry(HELLO)
                        .memoryMB(64)),
                bad("function 'f'.ephemeralStorageSizeMB", "Invalid function ephemeralStorageSizeMB of 256",
                        fn -> fn.name("f").entry(HELLO).ephemeralStorageSizeMB(256)),
                bad("function 'f'.environment", "Invalid function environment key(s): 1X, a",
                        fn -> fn.name("f").entry(HELLO).environment("1X", "v").environment("a", "v")),
                bad("function 'f'.environment", "AMPLIFY_SSM_ENV_CONFIG is a reserved environment variable name",
                        fn -> fn.name("f").entry(HELLO).environment("AMPLIFY_SSM_ENV_CONFIG", "{}")),
                bad("function 'f'.environment", "The value of environment variable KEY is undefined",
                        fn -> fn.name("f").entry(HELLO).environment("KEY", (String) null)),
                bad("function 'f'.environment", "The variable KEY is given both a value and a secret",
                        fn -> fn.name("f").entry(HELLO).environment("KEY", "v")
                                .environment("KEY", Secret.of("K"))),
                bad("function 'f'.environment", "GEN2_HANDLER is a reserved environment variable name",
                        fn -> fn.name("f").entry(HELLO).environment("GEN2_HANDLER", Secret.of("K"))),
                bad("function 'f'.layers", "Invalid format for layer: not-a-layer", fn -> fn.name("f").entry(HELLO)
                        .layer("x", "not-a-layer")),
                bad("function 'f'.layers", "A maximum of 5 unique layers can be attached to a function",
                        fn -> fn.name("f").entry(HELLO).layer("a", "a:1").layer("b", "b:1").layer("c", "c:1")
                                .layer("d", "d:1").layer("e", "e:1").layer("f", "f:1")),
                bad("function 'f'.schedule", "Function schedule rate must be set with a positive whole number",
                        fn -> fn.name("f").entry(HELLO).schedule("every 0m")),
                bad("function 'f'.schedule", "Function schedule rate must be greater than the function timeout of"
                        + " 120 seconds", fn -> fn.name("f").entry(HELLO).timeoutSeconds(120).schedule("every 1m")),
                bad("function 'f'.schedule", "Cron field for hours must be a whole number between 0 and 23",
                        fn -> fn.name("f").entry(HELLO).schedule("0 24 * * ?")),
                bad("function 'f'.schedule", "Cron expressions cannot have both day-of-month and day-of-week"
                        + " defined, you must use a ? in one of the fields", fn -> fn.name("f").entry(HELLO)
                        .schedule("0 8 * * *")),
                bad("function 'f'.logRetentionDays", "CloudWatch cannot keep logs for 2 days",
                        fn -> fn.name("f").entry(HELLO).logRetentionDays(2)),
                bad("function 'f'.applicationLogLevel", "A log level applies to JSON logs only",
                        fn -> fn.name("f").entry(HELLO).applicationLogLevel(FunctionSettings.LogLevel.INFO)));
    }

    private static Arguments bad(String where, String message, UnaryOperator<FunctionSettings.Builder> definition) {
        return Arguments.of(where, message, definition);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badDefinitions")
    void badDefinitionFailsWithAClearMessage(String where, String message,
            UnaryOperator<FunctionSettings.Builder> definition) {
        TestBackends.assertConfigError(() -> FunctionResource.define(definition), where, message);
    }

    @Test
    void aNullDefinitionIsAConfigError() {
        TestBackends.assertConfigError(() -> FunctionResource.define(null), "function", "The definition is null.");
    }

    @Test
    void twoFunctionsWithOneNameAreRefused() {
        TestBackends.assertConfigError(() -> TestBackends.sandbox(
                FunctionResource.define(fn -> fn.name("report").entry(HELLO)),
                FunctionResource.define(fn -> fn.name("report").entry("src/test/resources/functions/echo"))),
                "Backend.define", "Two different resources are both function 'report': the name 'report' is given"
                        + " to two definitions.");
    }

    @Test
    void nodeExportsAreReadFromTheSource() {
        assertThat(List.of("exports.main = async () => 1;", "module.exports.main = fn;", "exports['main'] = fn;",
                "export const main = async () => 1;", "export function main() {}",
                "export async function main(event) {}", "export { main };", "export { handler as main };",
                "module.exports = { main };", "module.exports = {\n  other,\n  main: async () => 1,\n};"))
                .allSatisfy(source -> assertThat(NodeExports.exports(source, "main")).as(source).isTrue());
        assertThat(List.of("exports.handler = async () => 1;", "exports.mainly = 1;", "export const mainly = 1;",
                "export { main as handler };", "const main = 1;", "foo.exports.main = 1;"))
                .allSatisfy(source -> assertThat(NodeExports.exports(source, "main")).as(source).isFalse());
    }

    /** A handler Lambda cannot create: its only constructor takes an argument. */
    public static final class NeedsArguments implements RequestHandler<String, String> {
        private final String prefix;

        public NeedsArguments(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public String handleRequest(String input, Context context) {
            return prefix + input;
        }
    }

    /** A handler Lambda cannot create: an inner class needs an instance of its outer class. */
    public final class Inner implements RequestHandler<String, String> {
        @Override
        public String handleRequest(String input, Context context) {
            return input;
        }
    }

    @Test
    void cronFieldsAcceptStepsRangesAndLists() {
        assertThat(ScheduleParser.problems(FunctionSchedule.of("*/15 8-18 ? 1,6,12 2-6 2027"), 3)).isEmpty();
        assertThat(ScheduleParser.problems(FunctionSchedule.of("0 0 1 * ?"), 3)).isEmpty();
        assertThat(ScheduleParser.problems(FunctionSchedule.of("*/0 * ? * *"), 3))
                .containsExactly("Cron field for minutes has an invalid step '*/0': the step must be a positive whole"
                        + " number");
        assertThat(ScheduleParser.problems(FunctionSchedule.of("0 9-3 ? * *"), 3))
                .containsExactly("Cron field for hours has an invalid range '9-3': both ends must be whole numbers"
                        + " between 0 and 23, in order");
        assertThat(ScheduleParser.problems(FunctionSchedule.of("0 0 ? 1,13 *"), 3))
                .containsExactly("Cron field for month has an invalid list item '13': each item must be a whole"
                        + " number between 1 and 12");
        assertThat(ScheduleParser.problems(FunctionSchedule.of("0 0 ? * * 1900"), 3))
                .containsExactly("Cron field for year must be a whole number between 1970 and 2199");
        assertThat(ScheduleParser.problems(FunctionSchedule.of("0 0 ? * *").inTimezone("Mars/Olympus"), 3))
                .containsExactly("Unknown time zone 'Mars/Olympus'");
        assertThat(ScheduleParser.problems(FunctionSchedule.of("sometimes"), 3)).singleElement().asString()
                .contains("is neither a rate");
        assertThat(ScheduleParser.problems(FunctionSchedule.of("every 2h"), 3)).isEmpty();
        // The example of FunctionSettings.Builder.schedule's documentation: days of the week are numbers, as in Amplify.
        assertThat(ScheduleParser.problems(FunctionSchedule.of("0 8 ? * 2-6"), 3)).isEmpty();
        assertThat(ScheduleParser.problems(FunctionSchedule.of("0 8 ? * MON-FRI"), 3))
                .containsExactly("Cron field for day-of-week has an invalid range 'MON-FRI': both ends must be whole"
                        + " numbers between 1 and 7, in order");
        assertThat(List.of("every 1m")).allSatisfy(rate ->
                assertThat(ScheduleParser.problems(FunctionSchedule.of(rate), 60)).isEmpty());
    }
}
