package {{package}};

import dev.gen2.testing.SynthesizedBackend;
import dev.gen2.testing.TemplateSnapshots;
import org.junit.jupiter.api.Test;

/**
 * The backend's templates against their snapshots (created on the first run, but not under CI, where a missing one
 * fails; -Dsnapshot.update=true rewrites them). Commit src/test/resources/snapshots whole.
 */
class BackendTest {
    private static final SynthesizedBackend BACKEND = SynthesizedBackend.sandbox(BackendApp::define);

    @Test
    void templatesMatchTheirSnapshots() {
        TemplateSnapshots.inDefaultDirectory().assertMatches(BACKEND, "backend");
    }
{{authTest}}}
