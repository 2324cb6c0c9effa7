package dev.gen2.backend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.IStableStringProducer;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

/**
 * Values a function reads from SSM parameters when it starts, the way Amplify passes other resources' ids to
 * functions without a deploy-time reference between stacks: each variable is set to a placeholder, the variable
 * {@code AMPLIFY_SSM_ENV_CONFIG} maps its name to the parameter path, and the function's role may read those
 * parameters ({@code ssm:GetParameters}).
 */
public final class SsmEnvironment extends Construct {
    /** The value of a variable that is filled in from SSM when the function starts. */
    public static final String PLACEHOLDER = "<value will be resolved during runtime>";
    /** The variable that maps each such variable to its parameter path. */
    public static final String CONFIG_VARIABLE = "AMPLIFY_SSM_ENV_CONFIG";
    private static final String ID = "AmplifySsmEnvironment";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Map<String, String>> config = new LinkedHashMap<>();
    private final PolicyStatement readParameters;
    private final Function function;

    private SsmEnvironment(Function function) {
        super(function, ID);
        this.function = function;
        this.readParameters = PolicyStatement.Builder.create().actions(List.of("ssm:GetParameters")).build();
        function.addToRolePolicy(readParameters);
        function.addEnvironment(CONFIG_VARIABLE, Lazy.string((IStableStringProducer) this::configJson));
    }

    /** The SSM environment of a function, made on first use. */
    public static SsmEnvironment of(Function function) {
        Construct existing = (Construct) function.getNode().tryFindChild(ID);
        return existing instanceof SsmEnvironment environment ? environment : new SsmEnvironment(function);
    }

    /** Sets {@code name} from the SSM parameter at {@code path} when the function starts. */
    public void add(String name, String path) {
        add(name, path, null);
    }

    /**
     * Sets {@code name} from the SSM parameter at {@code path}, or where there is none, at {@code sharedPath}, when the
     * function starts.
     */
    public void add(String name, String path, String sharedPath) {
        if (config.containsKey(name)) {
            throw new BackendConfigException("function " + function.getNode().getPath(),
                    "The environment variable " + name + " is already set from SSM.",
                    "grant each resource to a function once.");
        }
        function.addEnvironment(name, PLACEHOLDER);
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("path", path);
        readParameters.addResources(parameterArn(path));
        if (sharedPath != null) {
            paths.put("sharedPath", sharedPath);
            readParameters.addResources(parameterArn(sharedPath));
        }
        config.put(name, paths);
    }

    private String parameterArn(String path) {
        return Stack.of(function).formatArn(ArnComponents.builder()
                .service("ssm")
                .resource("parameter")
                .resourceName(path.startsWith("/") ? path.substring(1) : path)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build());
    }

    private String configJson() {
        try {
            return JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The SSM environment is plain strings", e);
        }
    }
}
