package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.CdkCli;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The real CDK CLI against a {@link LocalAws}: bootstrap, deploy, destroy a cloud assembly, each timed. */
public final class LocalCli {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private final LocalAws aws;

    public LocalCli(LocalAws aws) {
        this.aws = aws;
    }

    public CdkCli.Result bootstrap(Path assembly) throws IOException, InterruptedException {
        return succeeded("bootstrap", CdkCli.run(aws.environment(), TIMEOUT, "bootstrap",
                "aws://" + LocalAws.ACCOUNT_ID + "/" + LocalAws.REGION, "--app", assembly.toString()));
    }

    /** {@code cdk deploy --all} of the assembly, writing the root stack's outputs to {@code outputsFile}. */
    public CdkCli.Result deploy(Path assembly, Path outputsFile, String... extra) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("deploy", "--app", assembly.toString(), "--all",
                "--require-approval", "never", "--outputs-file", outputsFile.toString()));
        arguments.addAll(List.of(extra));
        return succeeded("deploy " + String.join(" ", extra), CdkCli.run(aws.environment(), TIMEOUT,
                arguments.toArray(String[]::new)));
    }

    CdkCli.Result destroy(Path assembly) throws IOException, InterruptedException {
        return succeeded("destroy", CdkCli.run(aws.environment(), TIMEOUT, "destroy", "--app", assembly.toString(),
                "--all", "--force"));
    }

    private CdkCli.Result succeeded(String step, CdkCli.Result result) {
        assertThat(result.exitCode()).as("cdk " + step + " against the local AWS:\n" + result.output()
                + "\n--- local AWS log (last 4000 characters) ---\n" + tail(aws.log(), 4000)).isZero();
        System.out.printf("cdk %s: %.1f s%n", step, result.took().toMillis() / 1000.0);
        return result;
    }

    private static String tail(String text, int length) {
        return text.length() <= length ? text : text.substring(text.length() - length);
    }
}
