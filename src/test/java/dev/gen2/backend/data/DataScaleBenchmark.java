package dev.gen2.backend.data;

import dev.gen2.backend.Backend;
import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.TestBackends;
import dev.gen2.backend.auth.AuthResource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * How long synthesizing a schema of N models takes, and how big its templates get. Run it with
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.gen2.backend.data.DataScaleBenchmark -Dexec.args="100 500"}.
 */
public final class DataScaleBenchmark {

    private DataScaleBenchmark() {
    }

    public static void main(String[] args) {
        for (String arg : args.length == 0 ? new String[] {"100", "500"} : args) {
            int models = Integer.parseInt(arg);
            long start = System.nanoTime();
            App app = TestBackends.app(DeploymentType.SANDBOX);
            DataResource.Factory data = DataResource.define(d -> d.schema(LargeSchemas.pairs(models)));
            Backend.define(app, AuthResource.define(a -> a.loginWithEmail().groups("ADMINS")), data);
            long defined = System.nanoTime();
            CloudAssembly assembly = app.synth();
            long synthesized = System.nanoTime();
            StackLimits.Report report = StackLimits.measure(assembly);
            Runtime runtime = Runtime.getRuntime();
            System.out.printf("%d models: define %.1f s, synth %.1f s, %d templates, largest %d resources and %d"
                    + " bytes, heap used %d MiB%n", models, (defined - start) / 1e9, (synthesized - defined) / 1e9,
                    report.templates(), report.maxResources(), report.maxBytes(),
                    (runtime.totalMemory() - runtime.freeMemory()) >> 20);
        }
    }
}
