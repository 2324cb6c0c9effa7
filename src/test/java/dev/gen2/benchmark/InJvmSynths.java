package dev.gen2.benchmark;

import amplify.BackendApp;
import dev.gen2.backend.BackendId;
import dev.gen2.backend.DeploymentType;
import dev.gen2.deploy.BackendSynthesizer;
import dev.gen2.deploy.ProjectConfig;
import dev.gen2.deploy.watch.CompileResult;
import dev.gen2.deploy.watch.JavaRecompiler;
import dev.gen2.testing.SynthesizedBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The synths inside one JVM, run by {@link SynthBenchmark} as a process of its own: the sample through the test kit
 * (first, then later ones), and the sandbox's re-synth after an edit (what its watch loop does each round: compile
 * the backend's sources into a fresh class loader, then synthesize in process). Prints one line per figure.
 */
public final class InJvmSynths {

    private InJvmSynths() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        long start = System.nanoTime();
        SynthesizedBackend.sandbox(BackendApp::define);
        System.out.printf("test kit, first synth in a new JVM: %.2f s%n", (System.nanoTime() - start) / 1e9);
        List<Double> later = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long each = System.nanoTime();
            SynthesizedBackend.sandbox(BackendApp::define);
            later.add((System.nanoTime() - each) / 1e9);
        }
        System.out.println("test kit, later synths: " + Figures.summary(later));

        Path project = Path.of("").toAbsolutePath();
        ProjectConfig config = ProjectConfig.read(project);
        BackendSynthesizer synthesizer = new BackendSynthesizer(config.backendClass(), config.context());
        BackendId id = new BackendId(config.namespace(), "benchmark", DeploymentType.SANDBOX);
        Path outdir = Files.createTempDirectory("gen2-benchmark-sandbox");
        List<Double> compile = new ArrayList<>();
        List<Double> synth = new ArrayList<>();
        try (JavaRecompiler recompiler = new JavaRecompiler(project)) {
            for (int i = 0; i <= runs; i++) {
                CompileResult.Compiled round = (CompileResult.Compiled) recompiler.compile();
                long synthStart = System.nanoTime();
                synthesizer.synth(round.classLoader(), id, Map.of(), outdir);
                if (i > 0) {
                    compile.add(round.took().toNanos() / 1e9);
                    synth.add((System.nanoTime() - synthStart) / 1e9);
                }
            }
        }
        System.out.println("sandbox re-synth after an edit, compile: " + Figures.summary(compile));
        System.out.println("sandbox re-synth after an edit, synth: " + Figures.summary(synth));
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("heap in use after %d synths: %d MiB%n", 2 * runs + 2,
                (runtime.totalMemory() - runtime.freeMemory()) >> 20);
        System.exit(0);
    }
}
