package dev.gen2.backend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.IStableAnyProducer;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.customresources.Provider;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.constructs.Construct;

/**
 * Resolves secrets at deploy time, Amplify's {@code AmplifySecretFetcherResource}: one custom resource per stack
 * that reads the stack's secrets from SSM and returns them with NoEcho, for properties that must hold the value
 * itself (an external provider's client secret). The template holds only the secrets' names and paths. Changing a
 * secret's value reaches the stack on the next deploy that changes the CDK context value {@code secretLastUpdated}.
 */
public final class SecretFetcher extends Construct {
    private static final String ID = "AmplifySecretFetcherResource";
    private static final String LAST_UPDATED_KEY = "secretLastUpdated";

    private final BackendId backendId;
    private final PolicyStatement readSecrets;
    private final Map<String, Secret> secrets = new LinkedHashMap<>();
    private final CustomResource resource;

    private SecretFetcher(Stack stack, BackendId backendId) {
        super(stack, ID + "Scope");
        this.backendId = backendId;
        Function handler = Function.Builder.create(this, ID + "ProviderLambda")
                .runtime(Runtime.NODEJS_24_X)
                .handler("index.handler")
                .timeout(Duration.seconds(10))
                .code(Code.fromAsset(BundledAsset.directory(SecretFetcher.class,
                        List.of("secret-fetcher/index.js", "ssm-values.js")).toString()))
                .build();
        // the fetcher is made at a secret's first use, and each secret adds its two parameters (resolve)
        this.readSecrets = PolicyStatement.Builder.create().actions(List.of("ssm:GetParameters")).build();
        handler.addToRolePolicy(readSecrets);
        Provider provider = Provider.Builder.create(this, ID + "Provider").onEventHandler(handler).build();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("namespace", backendId.namespace());
        properties.put("name", backendId.name());
        properties.put("type", backendId.type().value());
        properties.put("secrets", Lazy.any((IStableAnyProducer) this::secretList));
        Object lastUpdated = getNode().tryGetContext(LAST_UPDATED_KEY);
        if (lastUpdated != null) {
            properties.put(LAST_UPDATED_KEY, lastUpdated.toString());
        }
        this.resource = CustomResource.Builder.create(this, ID)
                .serviceToken(provider.getServiceToken())
                .resourceType("Custom::AmplifySecretFetcherResource")
                .properties(properties)
                .build();
    }

    /** The fetcher of a stack, made on first use. */
    public static SecretFetcher of(Stack stack, BackendId backendId) {
        Object existing = stack.getNode().tryFindChild(ID + "Scope");
        return existing instanceof SecretFetcher fetcher ? fetcher : new SecretFetcher(stack, backendId);
    }

    /** The secret's value at deploy time, as a token that never holds the value in the template. */
    public SecretValue resolve(Secret secret) {
        if (secrets.putIfAbsent(secret.name(), secret) == null) {
            Stack stack = Stack.of(this);
            readSecrets.addResources(stack.formatArn(parameter(secret.path(backendId).substring(1))),
                    stack.formatArn(parameter(secret.sharedPath(backendId).substring(1))));
        }
        return SecretValue.unsafePlainText(resource.getAttString(secret.name()));
    }

    private List<Map<String, String>> secretList() {
        List<Map<String, String>> list = new ArrayList<>();
        secrets.values().forEach(secret -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("name", secret.name());
            entry.put("path", secret.path(backendId));
            entry.put("sharedPath", secret.sharedPath(backendId));
            list.add(entry);
        });
        return list;
    }

    private static ArnComponents parameter(String name) {
        return ArnComponents.builder().service("ssm").resource("parameter")
                .resourceName(name).arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build();
    }
}
