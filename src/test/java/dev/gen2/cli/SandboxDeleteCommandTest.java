package dev.gen2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.BackendId;
import dev.gen2.backend.DeploymentType;
import dev.gen2.deploy.LocalSandboxRecord;
import dev.gen2.deploy.LocalSandboxState;
import dev.gen2.deploy.SandboxLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sandbox delete} of a sandbox that last ran with {@code --local}, in the sample project: nothing is asked of
 * AWS (the endpoint given does not answer), its kept local state is removed, the outputs file it left is removed while it is
 * still the one it wrote and kept otherwise; a running sandbox is not deleted under its feet.
 */
class SandboxDeleteCommandTest {
    private static final String IDENTIFIER = "deltest";
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path RECORD = LocalSandboxRecord.file(PROJECT, new BackendId("gen2sample", IDENTIFIER,
            DeploymentType.SANDBOX));

    @TempDir
    Path outputs;

    private record Run(int exitCode, String out, String err) {
    }

    @AfterEach
    void forgetTheRecord() {
        LocalSandboxState.remove(RECORD.getParent());
    }

    @Test
    void aLocalSandboxIsDeletedWithItsStateWithoutAws() throws IOException {
        Path file = Files.writeString(outputs.resolve("amplify_outputs.json"), "{\"version\":\"1.5\"}");
        LocalSandboxRecord.write(RECORD, file);
        Files.writeString(RECORD.resolveSibling("state.pickle"), "what the local AWS held");

        Run run = delete();

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("[gen2] sandbox deltest last ran on the local AWS (--local): nothing of it is"
                + " deployed, so nothing is deleted on AWS.")
                .contains("[gen2] removed " + file + ": it named that local AWS.")
                .contains("[gen2] removed its local state in " + RECORD.getParent() + ".")
                .doesNotContain("synth");
        assertThat(file).doesNotExist();
        assertThat(RECORD).as("forgotten: a second delete goes to AWS").doesNotExist();
        assertThat(RECORD.getParent()).as("the local state, users and records included, is gone").doesNotExist();
    }

    @Test
    void anOutputsFileWrittenSinceIsKept() throws IOException {
        Path file = Files.writeString(outputs.resolve("amplify_outputs.json"), "{\"version\":\"1.5\"}");
        LocalSandboxRecord.write(RECORD, file);
        Files.writeString(file, "{\"version\":\"1.5\",\"auth\":{}}");

        Run run = delete();

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("[gen2] kept " + file + ": another command has written it since.");
        assertThat(file).exists();
    }

    @Test
    void aRunningSandboxIsNotDeleted() throws IOException {
        Path file = Files.writeString(outputs.resolve("amplify_outputs.json"), "{}");
        LocalSandboxRecord.write(RECORD, file);
        try (SandboxLock running = SandboxLock.acquire(PROJECT, new SandboxLock.Holder(4242, IDENTIFIER, true,
                file.toString()))) {
            Run run = delete();
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("error: sandbox delete: The sandbox 'deltest' (pid 4242, --local) is"
                    + " running. Fix: stop it first (Ctrl-C in its terminal), then delete it (a --local sandbox keeps"
                    + " its local state when it stops).\n");
        }
        assertThat(file).exists();
    }

    private Run delete() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // an endpoint that answers nothing: the command must not need it
        int exitCode = Gen2Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), "sandbox", "delete",
                "--yes", "--identifier", IDENTIFIER, "--outputs-out-dir", outputs.toString(), "--endpoint-url",
                "http://127.0.0.1:9");
        return new Run(exitCode, out.toString(), err.toString());
    }
}
