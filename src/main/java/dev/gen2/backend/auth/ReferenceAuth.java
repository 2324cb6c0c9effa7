package dev.gen2.backend.auth;

import dev.gen2.backend.BackendAuth;
import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.BackendContext;
import dev.gen2.backend.BackendOutputStorage;
import dev.gen2.backend.BundledAsset;
import dev.gen2.backend.Required;
import dev.gen2.backend.ResourceFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.cognito.IUserPoolClient;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.customresources.Provider;
import software.constructs.Construct;

/**
 * Auth made of an existing user pool, app client, identity pool and roles: Amplify's {@code referenceAuth}. Nothing
 * of them is created or changed. At deploy time a custom resource ({@code Custom::AmplifyRefAuth}) describes them,
 * checks that they fit together, and supplies the same auth outputs a backend's own auth records. Unlike Amplify,
 * pools that sign in with alias attributes (a username plus email, phone or preferred username) are accepted.
 */
public final class ReferenceAuth extends Construct implements BackendAuth {
    private static final String STACK_TYPE = "auth-Cognito";
    private static final String RESOURCE_TYPE = "Custom::AmplifyRefAuth";
    private static final Pattern USER_POOL_ID = Pattern.compile("^[\\w-]+_[0-9a-zA-Z]+$");
    private static final Pattern CLIENT_ID = Pattern.compile("^[\\w+]{1,128}$");
    private static final Pattern IDENTITY_POOL_ID = Pattern.compile("^[\\w-]+:[0-9a-f-]+$");
    private static final Pattern ROLE_ARN = Pattern.compile("^arn:aws[\\w-]*:iam::\\d{12}:role/.+$");

    private final IUserPool userPool;
    private final IUserPoolClient userPoolClient;
    private final String identityPoolId;
    private final IRole authenticatedRole;
    private final IRole unauthenticatedRole;
    private final Map<String, IRole> groupRoles = new LinkedHashMap<>();
    private final CustomResource description;

    private ReferenceAuth(Construct scope, String id, ReferenceAuthSettings settings) {
        super(scope, id);
        this.userPool = UserPool.fromUserPoolId(this, "UserPool", settings.userPoolId());
        this.userPoolClient = UserPoolClient.fromUserPoolClientId(this, "UserPoolClient",
                settings.userPoolClientId());
        this.identityPoolId = settings.identityPoolId();
        this.authenticatedRole = Role.fromRoleArn(this, "authenticatedUserRole", settings.authRoleArn());
        this.unauthenticatedRole = Role.fromRoleArn(this, "unauthenticatedUserRole", settings.unauthRoleArn());
        settings.groups().forEach((group, roleArn) ->
                groupRoles.put(group, Role.fromRoleArn(this, group + "GroupRole", roleArn)));
        this.description = describeAtDeployTime(settings);
    }

    /** References existing auth resources, checked at once. */
    public static Factory define(UnaryOperator<ReferenceAuthSettings.Builder> definition) {
        return define(Required.argument(definition, "referenceAuth", "The definition", "pass a lambda such as"
                + " auth -> auth.userPoolId(..).userPoolClientId(..).identityPoolId(..) ...").apply(
                ReferenceAuthSettings.builder()).build());
    }

    public static Factory define(ReferenceAuthSettings settings) {
        validate(settings);
        return new Factory(settings);
    }

    @Override
    public IUserPool userPool() {
        return userPool;
    }

    @Override
    public IUserPoolClient userPoolClient() {
        return userPoolClient;
    }

    @Override
    public String identityPoolId() {
        return identityPoolId;
    }

    @Override
    public IRole authenticatedUserRole() {
        return authenticatedRole;
    }

    @Override
    public IRole unauthenticatedUserRole() {
        return unauthenticatedRole;
    }

    @Override
    public Map<String, IRole> groupRoles() {
        return new LinkedHashMap<>(groupRoles);
    }

    /** The custom resource that describes the referenced resources; its attributes are the auth outputs. */
    public CustomResource description() {
        return description;
    }

    private CustomResource describeAtDeployTime(ReferenceAuthSettings settings) {
        Stack stack = Stack.of(this);
        Function handler = Function.Builder.create(this, "AmplifyRefAuthCustomResourceProviderLambda")
                .runtime(Runtime.NODEJS_24_X)
                .handler("index.handler")
                .timeout(Duration.seconds(10))
                .code(Code.fromAsset(BundledAsset.directory(ReferenceAuth.class, "reference-auth",
                        List.of("index.js", "reference-auth.js")).toString()))
                .build();
        handler.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("cognito-idp:DescribeUserPool", "cognito-idp:GetUserPoolMfaConfig",
                        "cognito-idp:ListIdentityProviders", "cognito-idp:ListGroups",
                        "cognito-idp:DescribeUserPoolClient"))
                .resources(List.of(userPool.getUserPoolArn()))
                .build());
        handler.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("cognito-identity:DescribeIdentityPool", "cognito-identity:GetIdentityPoolRoles"))
                .resources(List.of(stack.formatArn(ArnComponents.builder()
                        .service("cognito-identity")
                        .resource("identitypool")
                        .resourceName(settings.identityPoolId())
                        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                        .build())))
                .build());
        Provider provider = Provider.Builder.create(this, "AmplifyRefAuthCustomResourceProvider")
                .onEventHandler(handler)
                .build();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("userPoolId", settings.userPoolId());
        properties.put("identityPoolId", settings.identityPoolId());
        properties.put("userPoolClientId", settings.userPoolClientId());
        properties.put("authRoleArn", settings.authRoleArn());
        properties.put("unauthRoleArn", settings.unauthRoleArn());
        properties.put("groups", settings.groups());
        properties.put("region", stack.getRegion());
        return CustomResource.Builder.create(this, "AmplifyRefAuthCustomResource")
                .serviceToken(provider.getServiceToken())
                .resourceType(RESOURCE_TYPE)
                .properties(properties)
                .build();
    }

    private void recordOutputs(BackendOutputStorage storage) {
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("userPoolId", userPool.getUserPoolId());
        payload.put("webClientId", userPoolClient.getUserPoolClientId());
        payload.put("identityPoolId", identityPoolId);
        payload.put("authRegion", Stack.of(this).getRegion());
        for (String field : AuthOutputs.DESCRIBED_FIELDS) {
            payload.put(field, description.getAttString(field));
        }
        storage.addEntry(BackendOutputStorage.AUTH_KEY, AuthOutputs.VERSION, payload);
    }

    private static void validate(ReferenceAuthSettings settings) {
        requireMatch("referenceAuth.userPoolId", settings.userPoolId(), USER_POOL_ID,
                "give the user pool id, such as us-east-1_Ab12Cd34E.");
        requireMatch("referenceAuth.userPoolClientId", settings.userPoolClientId(), CLIENT_ID,
                "give the id of the pool's web app client.");
        requireMatch("referenceAuth.identityPoolId", settings.identityPoolId(), IDENTITY_POOL_ID,
                "give the identity pool id, such as us-east-1:0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b.");
        requireMatch("referenceAuth.authRoleArn", settings.authRoleArn(), ROLE_ARN,
                "give the ARN of the identity pool's authenticated role.");
        requireMatch("referenceAuth.unauthRoleArn", settings.unauthRoleArn(), ROLE_ARN,
                "give the ARN of the identity pool's unauthenticated role.");
        settings.groups().forEach((group, roleArn) -> requireMatch("referenceAuth.groups['" + group + "']", roleArn,
                ROLE_ARN, "give the ARN of the role the group '" + group + "' has in the user pool."));
    }

    private static void requireMatch(String where, String value, Pattern pattern, String fix) {
        if (value == null || value.isBlank()) {
            throw new BackendConfigException(where, "The value is missing.", fix);
        }
        if (!Token.isUnresolved(value) && !pattern.matcher(value).matches()) {
            throw new BackendConfigException(where, "'" + value + "' is not a valid value here.", fix);
        }
    }

    /** Builds the referenced auth of a backend once, in the {@code auth} nested stack. */
    public static final class Factory implements ResourceFactory<ReferenceAuth> {
        private final ReferenceAuthSettings settings;

        private Factory(ReferenceAuthSettings settings) {
            this.settings = settings;
        }

        public ReferenceAuthSettings settings() {
            return settings;
        }

        @Override
        public ReferenceAuth build(BackendContext backend) {
            Stack stack = backend.stackFor(AuthResource.RESOURCE_GROUP, STACK_TYPE);
            ReferenceAuth auth = new ReferenceAuth(stack, AuthResource.DEFAULT_ID, settings);
            auth.recordOutputs(backend.outputs());
            return auth;
        }

        @Override
        public Optional<String> singletonKind() {
            return Optional.of("auth");
        }
    }
}
