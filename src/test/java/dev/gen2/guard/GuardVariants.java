package dev.gen2.guard;

import static dev.gen2.backend.storage.StorageAction.DELETE;
import static dev.gen2.backend.storage.StorageAction.READ;
import static dev.gen2.backend.storage.StorageAction.WRITE;

import amplify.functions.FunctionConfig;
import dev.gen2.backend.Backend;
import dev.gen2.backend.auth.AuthResource;
import dev.gen2.backend.auth.CustomAttribute;
import dev.gen2.backend.auth.StandardAttribute;
import dev.gen2.backend.auth.TriggerEvent;
import dev.gen2.backend.data.AuthRule;
import dev.gen2.backend.data.DataResource;
import dev.gen2.backend.data.Field;
import dev.gen2.backend.data.Model;
import dev.gen2.backend.data.Operation;
import dev.gen2.backend.data.Schema;
import dev.gen2.backend.storage.StorageAccess;
import dev.gen2.backend.storage.StorageResource;
import java.util.List;
import software.amazon.awscdk.App;

/**
 * The sample backend (email sign-in, the ADMINS group, a post-confirmation trigger, the Todo model, the media bucket,
 * the report function) and variants of it that each change one thing, chosen by the CDK context key
 * {@value #VARIANT_KEY}: the guard's test matrix, and a backend class a test project's {@code cdk.json} can name.
 */
public final class GuardVariants {
    public static final String VARIANT_KEY = "guard-variant";

    /** The variants: each changes the sample in one way. */
    public enum Variant {
        SAMPLE, AUTH_RENAMED, LOGIN_WITH_PHONE, REQUIRED_ATTRIBUTE_ADDED, CUSTOM_ATTRIBUTE_ADDED, MODEL_ADDED,
        MODEL_IDENTIFIER_CHANGED, BUCKET_RENAMED, GROUP_RENAMED;

        /** The context value that selects it: {@code auth-renamed}. */
        public String value() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    private GuardVariants() {
    }

    /** The variant the app's context names ({@code sample} when none). */
    public static Backend define(App app) {
        Object value = app.getNode().tryGetContext(VARIANT_KEY);
        Variant variant = value == null ? Variant.SAMPLE : Variant.valueOf(value.toString().toUpperCase()
                .replace('-', '_'));
        return Backend.define(app, auth(variant), data(variant), storage(variant), FunctionConfig.POST_CONFIRMATION,
                FunctionConfig.REPORT);
    }

    private static AuthResource.Factory auth(Variant variant) {
        return AuthResource.define(auth -> {
            if (variant == Variant.LOGIN_WITH_PHONE) {
                auth.loginWithPhone();
            } else {
                auth.loginWithEmail();
            }
            auth.groups(adminGroup(variant))
                    .trigger(TriggerEvent.POST_CONFIRMATION, FunctionConfig.POST_CONFIRMATION);
            return switch (variant) {
                case AUTH_RENAMED -> auth.name("myAuth");
                case REQUIRED_ATTRIBUTE_ADDED -> auth.userAttribute(StandardAttribute.GIVEN_NAME, true, true);
                case CUSTOM_ATTRIBUTE_ADDED -> auth.customAttribute(CustomAttribute.string("department"));
                default -> auth;
            };
        });
    }

    private static DataResource.Factory data(Variant variant) {
        Model todo = Model.named("Todo")
                .field("content", Field.string())
                .field("done", Field.bool().required().defaultValue(false))
                .authorization(AuthRule.owner(), AuthRule.groups("ADMINS").to(Operation.READ));
        if (variant == Variant.MODEL_IDENTIFIER_CHANGED) {
            todo = todo.field("todoId", Field.id().required()).identifier("todoId");
        }
        Schema schema = Schema.of(todo);
        if (variant == Variant.MODEL_ADDED) {
            schema = schema.models(Model.named("Note").field("text", Field.string()).authorization(AuthRule.owner()));
        }
        Schema chosen = schema;
        return DataResource.define(data -> data.schema(chosen));
    }

    private static StorageResource.Factory storage(Variant variant) {
        return StorageResource.define(storage -> storage
                .name(variant == Variant.BUCKET_RENAMED ? "pictures" : "media")
                .access("public/*", StorageAccess.guest(READ), StorageAccess.authenticated(READ, WRITE, DELETE))
                .access("private/{entity_id}/*", StorageAccess.entity(READ, WRITE, DELETE))
                .access("admin/*", StorageAccess.groups(List.of(adminGroup(variant)), READ, WRITE, DELETE))
                .access("reports/*", StorageAccess.resource(FunctionConfig.REPORT, READ),
                        StorageAccess.groups(List.of(adminGroup(variant)), READ)));
    }

    private static String adminGroup(Variant variant) {
        return variant == Variant.GROUP_RENAMED ? "ADMIN" : "ADMINS";
    }
}
