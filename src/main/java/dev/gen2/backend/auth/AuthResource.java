package dev.gen2.backend.auth;

import dev.gen2.backend.BackendAuth;
import dev.gen2.backend.BackendContext;
import dev.gen2.backend.BackendId;
import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.FunctionProvider;
import dev.gen2.backend.Required;
import dev.gen2.backend.ResourceFactory;
import dev.gen2.backend.auth.Senders.CustomSender;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.cognito.CfnUserPool;
import software.amazon.awscdk.services.cognito.CfnUserPoolClient;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.cognito.IUserPoolClient;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolOperation;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * A backend's own authentication, Amplify's {@code defineAuth}: a Cognito user pool with its web client, an
 * identity pool with authenticated, guest and group roles, and optionally external providers, a hosted UI
 * domain, triggers and custom senders. It lives in the {@code auth} nested stack.
 *
 * <pre>{@code
 * AuthResource.Factory AUTH = AuthResource.define(auth -> auth
 *         .loginWithEmail()
 *         .multifactor(Multifactor.optional().totp())
 *         .groups("ADMINS"));
 * }</pre>
 */
public final class AuthResource extends Construct implements BackendAuth {
    /** The nested stack auth lives in. */
    public static final String RESOURCE_GROUP = "auth";
    /** Amplify's construct id when the auth has no name. */
    public static final String DEFAULT_ID = "amplifyAuth";
    private static final String STACK_TYPE = "auth-Cognito";

    private final AuthResources resources;

    private AuthResource(Construct scope, String id, AuthSettings settings, BackendId backendId,
            Map<TriggerEvent, IFunction> triggers, Optional<IFunction> emailSender, Optional<IFunction> smsSender) {
        super(scope, id);
        Optional<IKey> senderKey = customSenderKey(settings, emailSender.or(() -> smsSender));
        AuthSettings.Retention retention = settings.retention(backendId.type());
        UserPool userPool = new UserPoolFactory(settings, relyingPartyId(settings, backendId), retention)
                .create(this, senderKey);
        senderKey.ifPresent(key -> {
            emailSender.ifPresent(handler -> addCustomSender(userPool, key, handler, "customEmailSender"));
            smsSender.ifPresent(handler -> addCustomSender(userPool, key, handler, "customSmsSender"));
        });
        ExternalProviderSetup.Result external = new ExternalProviderSetup(settings, backendId)
                .create(this, userPool);
        UserPoolClient client = new AppClientFactory(settings).create(this, userPool);
        IdentityPoolSetup.Result identity = new IdentityPoolSetup(settings.idPrefix())
                .create(this, userPool, client, external.identityPoolLoginProviders());
        // The identity ids users' data is keyed by (storage's private paths) live as long as the user pool.
        identity.identityPool().applyRemovalPolicy(retention.keepOnDelete() ? RemovalPolicy.RETAIN
                : RemovalPolicy.DESTROY);
        Map<String, AuthResources.Group> groups = UserPoolGroups.create(this, settings.idPrefix(), userPool,
                identity.identityPool(), settings.groups());
        triggers.forEach((event, function) -> userPool.addTrigger(event.toOperation(), function));
        this.resources = new AuthResources(userPool, client, identity.authenticatedRole(),
                identity.unauthenticatedRole(), identity.identityPool().getRef(),
                (CfnUserPool) userPool.getNode().getDefaultChild(),
                (CfnUserPoolClient) client.getNode().getDefaultChild(),
                identity.identityPool(), identity.roleAttachment(), groups, external.providers(), external.domain());
        Tags.of(this).add("amplify:friendly-name", id);
    }

    /** Defines auth with the options set in the given lambda, checked at once. */
    public static Factory define(UnaryOperator<AuthSettings.Builder> definition) {
        return define(Required.argument(definition, "auth", "The definition", "pass a lambda such as"
                + " auth -> auth.loginWithEmail().").apply(AuthSettings.builder()).build());
    }

    /** Defines auth from settings, checked at once. */
    public static Factory define(AuthSettings settings) {
        AuthValidator.validate(settings);
        return new Factory(settings);
    }

    /** The L2 and L1 resources, to change what the options do not reach. */
    public AuthResources resources() {
        return resources;
    }

    @Override
    public IUserPool userPool() {
        return resources.userPool();
    }

    @Override
    public IUserPoolClient userPoolClient() {
        return resources.userPoolClient();
    }

    @Override
    public String identityPoolId() {
        return resources.identityPoolId();
    }

    @Override
    public IRole authenticatedUserRole() {
        return resources.authenticatedUserIamRole();
    }

    @Override
    public IRole unauthenticatedUserRole() {
        return resources.unauthenticatedUserIamRole();
    }

    @Override
    public Map<String, IRole> groupRoles() {
        Map<String, IRole> roles = new LinkedHashMap<>();
        resources.groups().forEach((name, group) -> roles.put(name, group.role()));
        return roles;
    }

    /** The WebAuthn relying party: as given, or for AUTO the branch's Amplify Hosting domain, else localhost. */
    static String relyingPartyId(AuthSettings settings, BackendId backendId) {
        return settings.webAuthn().map(WebAuthn::relyingPartyId)
                .map(id -> !WebAuthn.AUTO.equals(id) ? id
                        : backendId.type() == DeploymentType.BRANCH
                                ? backendId.name() + "." + backendId.namespace() + ".amplifyapp.com"
                                : "localhost")
                .orElse("");
    }

    /** The KMS key custom senders encrypt with: the one given, or a new one with rotation in the handler's stack. */
    private Optional<IKey> customSenderKey(AuthSettings settings, Optional<IFunction> anyHandler) {
        if (anyHandler.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> givenArn = settings.senders().emailKmsKeyArn().or(settings.senders()::smsKmsKeyArn);
        String keyId = settings.idPrefix() + "CustomSenderKey";
        return Optional.of(givenArn.<IKey>map(arn -> Key.fromKeyArn(this, keyId, arn))
                .orElseGet(() -> Key.Builder.create(Stack.of(anyHandler.get()), keyId)
                        .enableKeyRotation(true).build()));
    }

    private static void addCustomSender(UserPool userPool, IKey key, IFunction handler, String operation) {
        // Cognito encrypts the code with the key; the sender only decrypts it (Amplify also grants encrypt)
        key.grantDecrypt(handler);
        userPool.addTrigger(UserPoolOperation.of(operation), handler);
    }

    /** Builds the auth of a backend once, in the {@code auth} nested stack. */
    public static final class Factory implements ResourceFactory<AuthResource> {
        private final AuthSettings settings;

        private Factory(AuthSettings settings) {
            this.settings = settings;
        }

        public AuthSettings settings() {
            return settings;
        }

        @Override
        public AuthResource build(BackendContext backend) {
            AuthValidator.validateFor(settings, backend.backendId());
            // the auth stack first, so that it is described as auth even when triggers live in it
            Stack stack = backend.stackFor(RESOURCE_GROUP, STACK_TYPE);
            Map<TriggerEvent, IFunction> triggers = new LinkedHashMap<>();
            settings.triggers().forEach((event, function) -> triggers.put(event, backend.get(function).invocationTarget()));
            Optional<IFunction> emailSender = customSenderHandler(backend, settings.senders().email());
            Optional<IFunction> smsSender = customSenderHandler(backend, settings.senders().sms());
            AuthResource auth = new AuthResource(stack, settings.name().orElse(DEFAULT_ID), settings,
                    backend.backendId(), triggers, emailSender, smsSender);
            warnAboutRelyingParty(auth);
            new AuthOutputs(auth.resources(), settings.preferredChallenge()).record(backend.outputs());
            UserPoolAccessGrants.grant(backend, auth, auth.getNode().getId(), settings.access());
            return auth;
        }

        @Override
        public Optional<String> singletonKind() {
            return Optional.of("auth");
        }

        private static Optional<IFunction> customSenderHandler(BackendContext backend, Optional<?> sender) {
            return sender.filter(CustomSender.class::isInstance)
                    .map(custom -> ((CustomSender) custom).handler())
                    .map(handler -> resolveHandler(backend, handler));
        }

        private static IFunction resolveHandler(BackendContext backend,
                ResourceFactory<? extends FunctionProvider> handler) {
            return backend.get(handler).invocationTarget();
        }

        private void warnAboutRelyingParty(AuthResource auth) {
            settings.webAuthn().filter(webAuthn -> !WebAuthn.AUTO.equals(webAuthn.relyingPartyId()))
                    .ifPresent(webAuthn -> Annotations.of(auth).addWarningV2("gen2-backend:webauthn-relying-party",
                            "WebAuthn relying party ID is set to \"" + webAuthn.relyingPartyId() + "\". Changing this"
                                    + " value after deployment will invalidate all existing passkeys."));
        }
    }
}
