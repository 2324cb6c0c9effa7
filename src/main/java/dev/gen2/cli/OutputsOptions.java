package dev.gen2.cli;

import dev.gen2.backend.outputs.ClientConfigVersion;
import dev.gen2.backend.outputs.OutputsFormat;
import dev.gen2.deploy.BackendDeployment;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where and how the deploying commands write the frontend's configuration, as Amplify's {@code --outputs-*}. */
final class OutputsOptions {
    @Option(names = "--outputs-out-dir", defaultValue = ".", description = "Directory to write amplify_outputs.json"
            + " to (default: the current directory, as Amplify).")
    Path outDir;

    @Option(names = "--outputs-format", defaultValue = "json", description = "json, dart, or js (aws-exports.js,"
            + " version 0 only). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--outputs-version", defaultValue = "1.5", description = "0, 1, 1.1, 1.2, 1.3, 1.4 or 1.5."
            + " Default: ${DEFAULT-VALUE}.")
    String version;

    /** Where a deploy writes the frontend's configuration, and in which version and format. */
    BackendDeployment.OutputsTarget target() {
        return new BackendDeployment.OutputsTarget(outDir, clientConfigVersion(), outputsFormat());
    }

    /** The file a deploy writes. */
    Path file() {
        return outDir.resolve(outputsFormat().fileName(clientConfigVersion()));
    }

    ClientConfigVersion clientConfigVersion() {
        return ClientConfigVersion.fromValue(version);
    }

    /** The format, checked against the version (aws-exports.js exists for version 0 only). */
    OutputsFormat outputsFormat() {
        OutputsFormat outputsFormat = OutputsFormat.fromValue(format);
        outputsFormat.fileName(clientConfigVersion());
        return outputsFormat;
    }
}
