package dev.gen2.deploy;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.BackendId;
import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.Secret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The secrets of one backend in SSM Parameter Store, Amplify's {@code ampx sandbox secret}: SecureString parameters
 * at {@link Secret#path(BackendId)}, {@code /amplify/<namespace>/<name>-<type>-<hash10>/<NAME>}, written with
 * {@code Overwrite}, read with decryption, listed with {@code GetParametersByPath} (not recursive). A value never
 * reaches a log, an exception message or a {@code toString}.
 */
public final class SandboxSecrets {
    /** The CDK context key the sandbox passes {@link #lastUpdated()} under, as epoch milliseconds. */
    public static final String LAST_UPDATED_CONTEXT_KEY = "secretLastUpdated";

    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_.-]+$");
    /** The most {@code GetParametersByPath} answers per page, and {@code DeleteParameters} takes per call. */
    private static final int PAGE = 10;

    private final SsmClient ssm;
    private final BackendId backendId;

    public SandboxSecrets(SsmClient ssm, BackendId backendId) {
        this.ssm = Objects.requireNonNull(ssm, "ssm");
        this.backendId = Objects.requireNonNull(backendId, "backendId");
    }

    /**
     * One secret as stored.
     *
     * @param name the secret's name
     * @param value its value, decrypted
     * @param version the parameter version, 1 for the first value set
     * @param lastUpdated when the value was last set
     */
    public record SecretRecord(String name, String value, long version, Instant lastUpdated) {
        /** Everything but the value, so that printing or logging a record never shows it. */
        @Override
        public String toString() {
            return "SecretRecord[name=" + name + ", value=****, version=" + version + ", lastUpdated=" + lastUpdated
                    + "]";
        }
    }

    /** The backend the secrets belong to. */
    public BackendId backendId() {
        return backendId;
    }

    /** The parameter path of a secret of this backend (the name checked first). */
    public String path(String name) {
        return Secret.of(checkedName(name)).path(backendId);
    }

    /** Sets a secret's value (a SecureString, overwriting any earlier value) and returns the version written. */
    public long set(String name, String value) {
        String path = path(name);
        if (value == null || value.isEmpty()) {
            throw new BackendConfigException("secret " + name, "The secret value is empty.",
                    "give a non-empty value.");
        }
        try {
            return ssm.putParameter(request -> request.name(path).value(value).type(ParameterType.SECURE_STRING)
                    .overwrite(true)).version();
        } catch (AwsServiceException e) {
            throw failed("PutParameter", path, e, value);
        }
    }

    /** A secret with its value, or empty when it is not set. */
    public Optional<SecretRecord> get(String name) {
        String path = path(name);
        try {
            Parameter parameter = ssm.getParameter(request -> request.name(path).withDecryption(true)).parameter();
            return Optional.of(new SecretRecord(name, parameter.value(), parameter.version(),
                    parameter.lastModifiedDate()));
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        } catch (AwsServiceException e) {
            throw failed("GetParameter", path, e, null);
        }
    }

    /** A secret with its value; a secret that is not set is a {@link BackendConfigException} saying how to set it. */
    public SecretRecord require(String name) {
        return get(name).orElseThrow(() -> notSet(name));
    }

    /** The names of the backend's secrets, sorted. */
    public List<String> list() {
        return parameters().stream().map(parameter -> nameOf(parameter.name())).sorted().toList();
    }

    /** Removes a secret; one that is not set is a {@link BackendConfigException}. */
    public void remove(String name) {
        String path = path(name);
        try {
            ssm.deleteParameter(request -> request.name(path));
        } catch (ParameterNotFoundException e) {
            throw notSet(name);
        } catch (AwsServiceException e) {
            throw failed("DeleteParameter", path, e, null);
        }
    }

    /** Removes every secret of the backend and returns their names, sorted. */
    public List<String> removeAll() {
        List<String> paths = parameters().stream().map(Parameter::name).sorted().toList();
        for (int start = 0; start < paths.size(); start += PAGE) {
            List<String> batch = paths.subList(start, Math.min(paths.size(), start + PAGE));
            try {
                ssm.deleteParameters(request -> request.names(batch));
            } catch (AwsServiceException e) {
                throw failed("DeleteParameters", parentPath(), e, null);
            }
        }
        return paths.stream().map(SandboxSecrets::nameOf).toList();
    }

    /**
     * When a secret of the backend was last set: the newest {@code LastModifiedDate} among them, or empty when there
     * is none. The sandbox passes it to synth as {@link #LAST_UPDATED_CONTEXT_KEY}, see {@link #lastUpdatedContext()}.
     */
    public Optional<Instant> lastUpdated() {
        return parameters().stream().map(Parameter::lastModifiedDate).filter(Objects::nonNull)
                .max(Comparator.naturalOrder());
    }

    /**
     * {@link #lastUpdated()} as the CDK context value {@code secretLastUpdated}: epoch milliseconds, as Amplify
     * passes it; {@code SecretFetcher} copies it into its custom resource's properties, so a newer value makes the
     * next deploy fetch the secrets again.
     */
    public Optional<String> lastUpdatedContext() {
        return lastUpdated().map(instant -> Long.toString(instant.toEpochMilli()));
    }

    private List<Parameter> parameters() {
        String parent = parentPath();
        List<Parameter> parameters = new ArrayList<>();
        try {
            ssm.getParametersByPathPaginator(request -> request.path(parent).recursive(false).withDecryption(false)
                    .maxResults(PAGE)).forEach(page -> parameters.addAll(page.parameters()));
        } catch (AwsServiceException e) {
            throw failed("GetParametersByPath", parent, e, null);
        }
        return parameters;
    }

    /** {@code /amplify/<namespace>/<name>-<type>-<hash10>}, the folder of the backend's secrets. */
    private String parentPath() {
        return "/amplify/" + backendId.pathPart();
    }

    private static String nameOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String checkedName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new BackendConfigException("secret name", "Invalid secret name provided: " + name + ".",
                    "use letters, digits, '_', '.' and '-' only (" + NAME.pattern() + ").");
        }
        return name;
    }

    private BackendConfigException notSet(String name) {
        return new BackendConfigException("secret " + name, "The secret " + name + " is not set for "
                + backendId.type().value() + " '" + backendId.name() + "' (" + path(name) + ").",
                "set it with: gen2 sandbox secret set " + name
                        + (backendId.type() == DeploymentType.SANDBOX ? " --identifier " + backendId.name() : "")
                        + ".");
    }

    /** An SSM error as one line, with any trace of the value taken out of AWS's message. */
    private static BackendConfigException failed(String operation, String path, AwsServiceException e,
            String value) {
        String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : String.valueOf(e.getMessage());
        String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : null;
        if (value != null && !value.isEmpty()) {
            message = message.replace(value, "****");
        }
        String firstLine = message.lines().findFirst().orElse("");
        return new BackendConfigException(path, "SSM " + operation + " failed" + (code != null ? " (" + code + ")" : "")
                + ": " + firstLine, "check that your AWS credentials allow ssm:" + operation + " on " + path
                + " and that --region is the sandbox's.");
    }
}
