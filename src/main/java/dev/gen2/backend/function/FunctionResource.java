package dev.gen2.backend.function;

import dev.gen2.backend.LogRetention;
import dev.gen2.backend.BackendContext;
import dev.gen2.backend.BackendOutputStorage;
import dev.gen2.backend.FunctionProvider;
import dev.gen2.backend.Required;
import dev.gen2.backend.ResourceFactory;
import dev.gen2.backend.SecurityCheckSuppressions;
import dev.gen2.backend.SsmEnvironment;
import dev.gen2.backend.function.packaging.JavaFunctionPackage;
import dev.gen2.backend.function.packaging.JavaFunctionPackager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awscdk.AssetHashType;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.assets.AssetOptions;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.targets.LambdaInvoke;
import software.constructs.Construct;

/**
 * A Lambda function of the backend, Amplify's {@code defineFunction}: Node.js code from a directory or a file, or a
 * Java handler class of the project (packaged at synth with what it reaches), with Amplify's defaults (Node.js 22, 3 seconds, 512 MB), environment,
 * schedules, layers and logging. It lives in the
 * {@code function} nested stack unless its resource group says otherwise, and other resources grant it access
 * (auth actions, storage paths) through {@link FunctionProvider}.
 *
 * <pre>{@code
 * FunctionResource.Factory REPORT = FunctionResource.define(fn -> fn
 *         .name("report").entry("src/main/functions/report").timeoutSeconds(60).schedule("every 1h"));
 * }</pre>
 */
public final class FunctionResource extends Construct implements FunctionProvider {
    private static final String STACK_TYPE = "function-Lambda";

    private final FunctionSettings settings;
    private final Function lambda;
    private final Optional<JavaFunctionPackage> javaPackage;
    private final Optional<Alias> liveAlias;
    private final List<Schedule> schedules = new ArrayList<>();

    private FunctionResource(Construct scope, FunctionSettings settings) {
        super(scope, settings.name());
        this.settings = settings;
        this.javaPackage = settings.javaHandler().map(handler -> JavaFunctionPackager.build(
                FunctionValidator.where(settings.name()) + ".javaHandler", handler,
                settings.effectiveRuntime().javaVersion()));
        Function.Builder function = Function.Builder.create(this, settings.name() + "-lambda")
                .runtime(settings.effectiveRuntime().toCdk())
                .handler(settings.isJava() ? settings.effectiveHandler() : FunctionCode.RUNTIME_HANDLER)
                .code(javaPackage.map(FunctionResource::javaCode)
                        .orElseGet(() -> Code.fromAsset(FunctionCode.stage(settings.entry()).toString())))
                .timeout(Duration.seconds(settings.timeoutSeconds()))
                .memorySize(settings.memoryMB())
                .ephemeralStorageSize(Size.mebibytes(settings.ephemeralStorageSizeMB()))
                .architecture(settings.architecture() == FunctionSettings.Architecture.ARM64
                        ? Architecture.ARM_64 : Architecture.X86_64)
                .environment(environment())
                .layers(layers());
        if (settings.snapStart()) {
            function.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        }
        settings.logFormat().ifPresent(format -> function.loggingFormat(format == FunctionSettings.LogFormat.JSON
                ? LoggingFormat.JSON : LoggingFormat.TEXT));
        settings.applicationLogLevel().ifPresent(level -> function.applicationLogLevelV2(
                ApplicationLogLevel.valueOf(level.name())));
        settings.logRetentionDays().ifPresent(days -> function.logGroup(LogGroup.Builder
                .create(this, settings.name() + "-lambda-log-group")
                .retention(LogRetention.of(days).orElseThrow())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build()));
        this.lambda = function.build();
        this.liveAlias = settings.snapStart() ? Optional.of(Alias.Builder.create(this, settings.name() + "-live")
                .aliasName("live").version(lambda.getCurrentVersion()).build()) : Optional.empty();
        SecurityCheckSuppressions.suppress((CfnResource) lambda.getNode().getDefaultChild(), "L1", "The runtime"
                + " is the one the function's definition chooses (Amplify's default is Node.js 22); runtimes Lambda"
                + " has deprecated are refused at synth, and the check asks only for the newest.");
        for (int index = 0; index < settings.schedules().size(); index++) {
            FunctionSchedule schedule = settings.schedules().get(index);
            schedules.add(Schedule.Builder.create(lambda, "schedule-" + index)
                    .schedule(ScheduleParser.toExpression(schedule))
                    .target(new LambdaInvoke(invocationTarget()))
                    .build());
        }
        Tags.of(this).add("amplify:friendly-name", settings.name());
    }

    /** A Java function's zip, its asset hash the hash of its contents rather than of the compressed bytes. */
    private static Code javaCode(JavaFunctionPackage javaPackage) {
        return Code.fromAsset(javaPackage.zip().toString(), AssetOptions.builder()
                .assetHashType(AssetHashType.CUSTOM).assetHash(javaPackage.contentHash()).build());
    }

    /** Defines a function with the options set in the given lambda, checked at once. */
    public static Factory define(UnaryOperator<FunctionSettings.Builder> definition) {
        FunctionSettings settings = Required.argument(definition, "function", "The definition", "pass a lambda such"
                + " as fn -> fn.name(\"report\").entry(\"src/main/functions/report\").")
                .apply(FunctionSettings.builder()).build();
        FunctionValidator.validate(settings);
        return new Factory(settings);
    }

    @Override
    public Function lambda() {
        return lambda;
    }

    /** The alias {@code live} with SnapStart, the function itself otherwise: what its invokers call. */
    @Override
    public IFunction invocationTarget() {
        return liveAlias.<IFunction>map(alias -> alias).orElse(lambda);
    }

    /** A Java function's package: its zip, the classes and the jars in it. Empty for a Node.js function. */
    public Optional<JavaFunctionPackage> javaPackage() {
        return javaPackage;
    }

    /** The L1 function, for properties the options do not reach. */
    public CfnFunction cfnFunction() {
        return (CfnFunction) lambda.getNode().getDefaultChild();
    }

    /** The EventBridge Scheduler schedules that run the function, in the order given. */
    public List<Schedule> schedules() {
        return List.copyOf(schedules);
    }

    /** Adds an environment variable, Amplify's {@code backend.<fn>.addEnvironment}. */
    public void addEnvironment(String key, String value) {
        lambda.addEnvironment(key, value);
    }

    public FunctionSettings settings() {
        return settings;
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>(settings.environment());
        if (!settings.isJava()) {
            environment.put(FunctionCode.HANDLER_VARIABLE, settings.effectiveHandler());
        }
        return environment;
    }

    private List<ILayerVersion> layers() {
        Stack stack = Stack.of(this);
        List<ILayerVersion> layers = new ArrayList<>();
        new LinkedHashMap<>(settings.layers()).values().stream().distinct().forEach(layer -> {
            String arn = layer.startsWith("arn:") ? layer
                    : "arn:" + stack.getPartition() + ":lambda:" + stack.getRegion() + ":" + stack.getAccount()
                            + ":layer:" + layer;
            layers.add(LayerVersion.fromLayerVersionArn(this, settings.name() + "-layer-" + layers.size(), arn));
        });
        return layers;
    }

    /** Builds a function once, in its resource group's nested stack. */
    public static final class Factory implements ResourceFactory<FunctionResource> {
        private final FunctionSettings settings;

        private Factory(FunctionSettings settings) {
            this.settings = settings;
        }

        public FunctionSettings settings() {
            return settings;
        }

        @Override
        public FunctionResource build(BackendContext backend) {
            Stack stack = backend.stackFor(settings.resourceGroupName(), STACK_TYPE);
            FunctionResource function = new FunctionResource(stack, settings);
            settings.secrets().forEach((key, secret) -> SsmEnvironment.of(function.lambda()).add(key,
                    secret.path(backend.backendId()), secret.sharedPath(backend.backendId())));
            backend.outputs().appendToList(BackendOutputStorage.FUNCTION_KEY, "1", "definedFunctions",
                    function.lambda().getFunctionName());
            return function;
        }

        @Override
        public Optional<String> name() {
            return Optional.of(settings.name());
        }

        @Override
        public String describe() {
            return "function '" + settings.name() + "'";
        }
    }
}
