package dev.gen2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * {@code sandbox}'s function log options refused before anything starts (the endpoint given answers nothing): with
 * {@code --once}, and a filter that is not a regex; each as one line.
 */
class SandboxCommandTest {

    @Test
    void logOptionsWithOnceAreRefused() {
        StringWriter err = new StringWriter();
        int exitCode = run(err, "--once", "--logs-filter", "say-.*");
        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: --stream-function-logs: --once deploys and stops, so there is"
                + " no session to stream function logs in (--logs-filter and --logs-out-file stream too). Fix: leave"
                + " --once out, or the log options.\n");
    }

    @Test
    void aFilterThatIsNotARegexIsRefused() {
        StringWriter err = new StringWriter();
        int exitCode = run(err, "--stream-function-logs", "--logs-filter", "say-(");
        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: --logs-filter: 'say-(' is not a regular expression: ")
                .endsWith(". Fix: fix it, e.g. --logs-filter 'say-.*'.\n").hasLineCount(1);
    }

    private static int run(StringWriter err, String... options) {
        String[] args = new String[options.length + 5];
        args[0] = "sandbox";
        System.arraycopy(options, 0, args, 1, options.length);
        System.arraycopy(new String[] {"--identifier", "logtest", "--endpoint-url", "http://127.0.0.1:9"}, 0, args,
                options.length + 1, 4);
        return Gen2Cli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }
}
