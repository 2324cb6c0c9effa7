package dev.gen2.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.CdkCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One sandbox per project: a second one is refused in one line naming the first (process id, identifier, outputs
 * file), whether the first runs in another process or in this one; a lock left by a process that died blocks nothing.
 */
class SandboxLockTest {
    @TempDir
    Path project;

    private Process other;

    @AfterEach
    void stopTheOther() throws InterruptedException {
        if (other != null && other.isAlive()) {
            other.destroyForcibly().waitFor();
        }
    }

    @Test
    void aSecondSandboxIsRefusedNamingTheFirst() throws Exception {
        startAnotherSandbox("alice");

        assertThatThrownBy(() -> SandboxLock.acquire(project, me("bob")))
                .isInstanceOf(BackendConfigException.class)
                .hasMessage("sandbox: Another sandbox of this project is running: sandbox 'alice' (pid " + other.pid()
                        + ", --local), writing /work/alice/amplify_outputs.json. Fix: stop it first (Ctrl-C in its"
                        + " terminal, or kill " + other.pid() + "): two sandboxes of one project would overwrite each"
                        + " other's outputs file.");
        assertThat(SandboxLock.holder(project)).hasValueSatisfying(holder -> {
            assertThat(holder.pid()).isEqualTo(other.pid());
            assertThat(holder.identifier()).isEqualTo("alice");
        });
    }

    @Test
    void aLockLeftByAProcessThatDiedBlocksNothing() throws Exception {
        startAnotherSandbox("alice");
        other.destroyForcibly().waitFor(); // kill -9: no chance to clean up
        assertThat(SandboxLock.file(project)).as("the lock file it left").exists();
        assertThat(SandboxLock.holder(project)).isEmpty();

        try (SandboxLock lock = SandboxLock.acquire(project, me("bob"))) {
            assertThat(SandboxLock.holder(project)).hasValueSatisfying(holder -> assertThat(holder.identifier())
                    .isEqualTo("bob"));
        }
        assertThat(SandboxLock.holder(project)).isEmpty();
    }

    @Test
    void oneProcessHoldsItOnceAndAgainAfterClosing() {
        try (SandboxLock lock = SandboxLock.acquire(project, me("bob"))) {
            assertThatThrownBy(() -> SandboxLock.acquire(project, me("carol")))
                    .hasMessageContaining("Another sandbox of this project is running: sandbox 'bob' (pid "
                            + ProcessHandle.current().pid() + ")");
            assertThat(SandboxLock.holder(project)).isPresent();
        }
        SandboxLock.acquire(project, me("carol")).close();
    }

    private static SandboxLock.Holder me(String identifier) {
        return new SandboxLock.Holder(ProcessHandle.current().pid(), identifier, false, "/work/" + identifier
                + "/amplify_outputs.json");
    }

    /** A sandbox lock held by another JVM, as a sandbox in another terminal holds it. */
    private void startAnotherSandbox(String identifier) throws IOException, InterruptedException {
        other = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                CdkCli.testClasspath(), SandboxLockHolder.class.getName(), project.toString(), identifier,
                "/work/" + identifier + "/amplify_outputs.json")).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(other.getInputStream(),
                StandardCharsets.UTF_8));
        String line = lines.readLine();
        assertThat(line).as("the other process took the lock").isEqualTo("locked");
        assertThat(Files.exists(SandboxLock.file(project))).isTrue();
        assertThat(other.waitFor(0, TimeUnit.MILLISECONDS)).isFalse();
    }
}
