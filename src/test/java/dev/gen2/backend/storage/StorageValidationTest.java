package dev.gen2.backend.storage;

import static dev.gen2.backend.storage.StorageAction.DELETE;
import static dev.gen2.backend.storage.StorageAction.GET;
import static dev.gen2.backend.storage.StorageAction.READ;
import static dev.gen2.backend.storage.StorageAction.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.TestBackends;
import dev.gen2.backend.auth.AuthResource;
import dev.gen2.backend.function.FunctionResource;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Match;

/** Every storage path and access check of Amplify, with its messages. */
class StorageValidationTest {

    static Stream<Arguments> badDefinitions() {
        return Stream.of(
                bad("storage.name", "A storage resource needs a name", s -> s),
                bad("storage '9media'.name", "Resource name contains invalid characters, found 9media",
                        s -> s.name("9media")),
                bad("storage 'm'.access", "Storage access paths must not start with \"/\". Found [/public/*].",
                        s -> s.name("m").access("/public/*", StorageAccess.guest(READ))),
                bad("storage 'm'.access", "Storage access paths must end with \"/*\". Found [public].",
                        s -> s.name("m").access("public", StorageAccess.guest(READ))),
                bad("storage 'm'.access", "Path cannot contain \"//\". Found [public//x/*].",
                        s -> s.name("m").access("public//x/*", StorageAccess.guest(READ))),
                bad("storage 'm'.access", "Wildcards are only allowed as the final part of a path. Found [p/*/x/*].",
                        s -> s.name("m").access("p/*/x/*", StorageAccess.guest(READ))),
                bad("storage 'm'.access", "For any given path, only one other path can be a prefix of it. Found"
                        + " [a/b/c/*] which has prefixes [a/*, a/b/*].", s -> s.name("m")
                        .access("a/*", StorageAccess.guest(READ)).access("a/b/*", StorageAccess.guest(READ))
                        .access("a/b/c/*", StorageAccess.guest(READ))),
                bad("storage 'm'.access", "A path cannot be a prefix of another path that contains the {entity_id}"
                        + " token.", s -> s.name("m").access("a/*", StorageAccess.guest(READ))
                        .access("a/{entity_id}/*", StorageAccess.entity(READ))),
                bad("storage 'm'.access", "The {entity_id} token can only appear once in a path.",
                        s -> s.name("m").access("a/{entity_id}/{entity_id}/*", StorageAccess.entity(READ))),
                bad("storage 'm'.access", "The {entity_id} token must be the path part right before the ending"
                        + " wildcard. Found [a/{entity_id}/b/*].",
                        s -> s.name("m").access("a/{entity_id}/b/*", StorageAccess.entity(READ))),
                bad("storage 'm'.access", "The {entity_id} token must not be the first path part. Found"
                        + " [{entity_id}/*].", s -> s.name("m").access("{entity_id}/*", StorageAccess.entity(READ))),
                bad("storage 'm'.access", "A path part that includes the {entity_id} token cannot include any other"
                        + " characters. Found [a/x{entity_id}/*].",
                        s -> s.name("m").access("a/x{entity_id}/*", StorageAccess.entity(READ))),
                bad("storage 'm'.access['p/*']", "Entity access definition for authenticated users specified"
                        + " multiple times.", s -> s.name("m").access("p/*", StorageAccess.authenticated(READ),
                        StorageAccess.authenticated(WRITE))),
                bad("storage 'm'.access['p/*']", "Entity access definition for guest users specified multiple"
                        + " times.", s -> s.name("m").access("p/*", StorageAccess.guest(READ), StorageAccess.guest(GET))),
                bad("storage 'm'.access['p/*']", "Group access definition for ADMINS specified multiple times.",
                        s -> s.name("m").access("p/*", StorageAccess.groups(List.of("ADMINS"), READ),
                                StorageAccess.groups(List.of("EDITORS", "ADMINS"), WRITE))),
                bad("storage 'm'.access['p/*']", "read already means get and list",
                        s -> s.name("m").access("p/*", StorageAccess.guest(READ, GET))),
                bad("storage 'm'.access['public/*']", "An entity rule needs the {entity_id} token in its path, and"
                        + " [public/*] has none: every signed-in user would get read, write access to everything"
                        + " under it.", s -> s.name("m").access("public/*", StorageAccess.entity(READ, WRITE))),
                bad("storage 'm'.access['p/*']", "A groups rule names no groups.",
                        s -> s.name("m").access("p/*", StorageAccess.groups(List.of(), READ))),
                bad("storage 'm'.access", "The path is null.", s -> s.name("m").access(null, StorageAccess.guest(READ))),
                bad("storage.access", "The function is null.",
                        s -> s.name("m").access("p/*", StorageAccess.resource(null, READ))),
                bad("storage.access", "An action is null.",
                        s -> s.name("m").access("p/*", StorageAccess.guest((StorageAction) null))),
                bad("storage.access", "The group list is null.",
                        s -> s.name("m").access("p/*", StorageAccess.groups(null, READ))),
                bad("storage 'm'.access['p/*']", "An access rule is null.",
                        s -> s.name("m").access("p/*", StorageAccess.guest(READ), null)));
    }

    private static Arguments bad(String where, String message, UnaryOperator<StorageSettings.Builder> definition) {
        return Arguments.of(where, message, definition);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badDefinitions")
    void badDefinitionFailsWithAClearMessage(String where, String message,
            UnaryOperator<StorageSettings.Builder> definition) {
        TestBackends.assertConfigError(() -> StorageResource.define(definition), where, message);
    }

    @Test
    void aNullDefinitionIsAConfigError() {
        TestBackends.assertConfigError(() -> StorageResource.define(null), "storage", "The definition is null.");
    }

    @Test
    void anEntityRuleSaysToPutTheTokenInThePath() {
        assertThatThrownBy(() -> StorageResource.define(s -> s.name("m")
                .access("private/*", StorageAccess.entity(READ, WRITE, DELETE))))
                .isInstanceOf(BackendConfigException.class)
                .hasMessageEndingWith("Fix: put {entity_id} in the path, as in \"private/{entity_id}/*\", or use"
                        + " StorageAccess.authenticated(..) if every signed-in user should have that access.");
    }

    @Test
    void aBadPathGetsTheFixForThatPath() {
        assertThat(pathFix("/public/*")).isEqualTo("remove the leading \"/\": \"public/*\".");
        assertThat(pathFix("public")).isEqualTo("end the path with \"/*\": \"public/*\".");
        assertThat(pathFix("public/")).isEqualTo("end the path with \"/*\": \"public/*\".");
        assertThat(pathFix("public//x/*")).isEqualTo("use a single \"/\" between path parts: \"public/x/*\".");
        assertThat(pathFix("public/*/photos/")).isEqualTo("end the path with \"/*\": \"public/photos/*\".");
        assertThat(pathFix("p/*/x/*")).isEqualTo("Remove all wildcards that are not the final part of the path:"
                + " \"p/x/*\".");
        assertThat(pathFix("/*")).as("nothing is left to offer").isEqualTo("remove the leading \"/\".");
    }

    @Test
    void everyPathAFixOffersIsAcceptedItself() {
        for (String bad : List.of("public/*/photos/", "/public/*/photos", "//a//b*/c/", "a*/*b/*", "/private/{entity_id}",
                "media/", "x/*/y/*/", "/{entity_id}/x/*")) {
            BackendConfigException error = catchConfigError(bad, "other/*");
            String offered = error.replacement().orElse(null);
            if (offered == null) {
                assertThat(error.fix()).as("a fix without a value for %s", bad).doesNotContain(": \"");
                continue;
            }
            assertThat(error.fix()).as("the fix for %s names its value", bad).endsWith(": \"" + offered + "\".");
            StorageResource.define(s -> s.name("m").access(offered, offered.contains("{entity_id}")
                    ? StorageAccess.entity(READ) : StorageAccess.guest(READ)).access("other/*",
                    StorageAccess.guest(READ)));
        }
        assertThat(catchConfigError("public/*/photos/", "other/*").replacement()).hasValue("public/photos/*");
    }

    @Test
    void aPathIsNotOfferedWhenItIsAnotherPathOrFailsAmongTheOthers() {
        assertThat(catchConfigError("/public/*", "public/*").replacement()).as("already a path of the bucket")
                .isEmpty();
        assertThat(catchConfigError("/a/b/c/*", "a/*", "a/b/*").replacement()).as("a third prefix").isEmpty();
    }

    private static BackendConfigException catchConfigError(String bad, String... others) {
        try {
            StorageResource.define(s -> {
                s.name("m").access(bad, bad.contains("{entity_id}") ? StorageAccess.entity(READ)
                        : StorageAccess.guest(READ));
                for (String other : others) {
                    s.access(other, StorageAccess.guest(READ));
                }
                return s;
            });
        } catch (BackendConfigException e) {
            return e;
        }
        throw new AssertionError("The path " + bad + " was accepted.");
    }

    private static String pathFix(String path) {
        try {
            StorageResource.define(s -> s.name("m").access(path, StorageAccess.guest(READ)));
        } catch (BackendConfigException e) {
            return e.fix();
        }
        throw new AssertionError("The path " + path + " was accepted.");
    }

    @Test
    void twoBucketsWithOneNameAreRefused() {
        TestBackends.assertConfigError(() -> TestBackends.sandbox(StorageResource.define(s -> s.name("media")
                .isDefault(true)), StorageResource.define(s -> s.name("media"))), "Backend.define",
                "Two different resources are both storage 'media': the name 'media' is given to two definitions.");
    }

    @Test
    void defaultBucketRules() {
        StorageResource.Factory first = StorageResource.define(s -> s.name("first"));
        StorageResource.Factory second = StorageResource.define(s -> s.name("second"));
        TestBackends.assertConfigError(() -> TestBackends.sandbox(first, second), "storage",
                "No default storage set in the Amplify project: none of first, second is marked.");
        TestBackends.assertConfigError(() -> TestBackends.sandbox(StorageResource.define(s -> s.name("a")
                .isDefault(true)), StorageResource.define(s -> s.name("b").isDefault(true))), "storage",
                "More than one default storage set in the Amplify project: a, b.");
        TestBackends.template(TestBackends.sandbox(StorageResource.define(s -> s.name("a").isDefault(true)),
                StorageResource.define(s -> s.name("b"))).rootStack()).hasOutput("bucketName", Map.of("Value",
                Match.objectLike(Map.of())));
    }

    @Test
    void authRulesNeedAuth() {
        assertThatThrownBy(() -> TestBackends.sandbox(StorageResource.define(s -> s.name("m")
                .access("p/*", StorageAccess.guest(READ)))))
                .isInstanceOf(BackendConfigException.class)
                .hasMessageContaining("Cannot specify auth access for guest users without defining auth.");
        assertThatThrownBy(() -> TestBackends.sandbox(AuthResource.define(a -> a.loginWithEmail()),
                StorageResource.define(s -> s.name("m").access("p/*", StorageAccess.groups(List.of("NOPE"), READ)))))
                .hasMessageContaining("No auth IAM role found for \"NOPE\".");
    }

    @Test
    void triggersRunFunctionsOnUploadAndDelete() {
        FunctionResource.Factory thumbnail = FunctionResource.define(fn -> fn.name("thumbnail")
                .entry("src/test/resources/functions/hello"));
        var backend = TestBackends.sandbox(StorageResource.define(s -> s.name("m").onUpload(thumbnail)
                .onDelete(thumbnail)));
        var storage = TestBackends.nestedTemplate(backend, "storage");
        storage.resourceCountIs("Custom::S3BucketNotifications", 1);
        storage.hasResourceProperties("Custom::S3BucketNotifications", Map.of("NotificationConfiguration", Map.of(
                "LambdaFunctionConfigurations", List.of(
                        Map.of("Events", List.of("s3:ObjectCreated:*"), "LambdaFunctionArn", Match.anyValue()),
                        Map.of("Events", List.of("s3:ObjectRemoved:*"), "LambdaFunctionArn", Match.anyValue())))));
        storage.hasResourceProperties("AWS::Lambda::Permission", Map.of("Principal", "s3.amazonaws.com"));
        TestBackends.template(backend.rootStack());
    }
}
