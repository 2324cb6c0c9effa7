package dev.gen2.backend.outputs;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The model introspection document of a deployed backend: from the cloud assembly that was deployed when there is
 * one and it holds the document, else from S3. Each read says which it used, through {@code report}.
 */
public final class DeployedModelIntrospection implements ModelIntrospectionSource {
    private final Optional<AssemblyModelIntrospection> assembly;
    private final Supplier<ModelIntrospectionSource> s3;
    private final Consumer<String> report;

    /**
     * @param assembly the deployed cloud assembly, if any
     * @param s3 the S3 reader, made only when the assembly does not hold the document (it needs AWS)
     * @param report where to say which was read
     */
    public DeployedModelIntrospection(Optional<AssemblyModelIntrospection> assembly,
            Supplier<ModelIntrospectionSource> s3, Consumer<String> report) {
        this.assembly = assembly;
        this.s3 = s3;
        this.report = report;
    }

    @Override
    public Object read(String s3Uri) {
        S3Location location = S3Location.parse(s3Uri);
        Optional<Object> local = assembly.flatMap(directory -> directory.find(location));
        if (local.isPresent()) {
            report.accept("Model introspection: read from the cloud assembly " + assembly.get().directory());
            return local.get();
        }
        report.accept("Model introspection: read from " + location + assembly.map(directory -> " (the cloud assembly "
                + directory.directory() + " has no asset." + location.key() + ")").orElse(""));
        return s3.get().read(location.toString());
    }
}
