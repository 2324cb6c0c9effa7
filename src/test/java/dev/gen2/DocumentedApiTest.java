package dev.gen2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.ApiReferences.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every {@code Type.method(} the README (and any page under docs/) names in its inline code exists in the library's
 * public API, by reflection ({@link ApiReferences} says what is checked and what is not). The whole-file snippets
 * are compiled by {@link ReadmeSnippetsTest}.
 */
class DocumentedApiTest {
    private static final ApiReferences API = ApiReferences.ofLibrary();

    @Test
    void everyTypeAndMethodTheDocumentationNamesInItsTextExists() {
        List<Reference> references = new ArrayList<>();
        ApiReferences.documentation(Path.of("")).forEach((file, text) -> references.addAll(
                ApiReferences.find(file, text)));
        List<Reference> java = references.stream().filter(ApiReferences::isJava).toList();
        assertThat(API.libraryTypeCount()).as("the library's public types were found").isGreaterThan(50);
        assertThat(java).as("the README's inline Type.method( references").hasSizeGreaterThan(40);
        List<String> problems = java.stream().map(API::problem).flatMap(Optional::stream).toList();
        assertThat(problems).as("documented calls the public API does not have").isEmpty();
    }

    @Test
    void aNestedTypeNamedAloneIsRefusedWithItsOuterType() {
        Reference alone = only("`apiKey(ApiKey.expiresInDays(30))`");
        assertThat(API.problem(alone)).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("t.md:1: `ApiKey.expiresInDays(`: ApiKey is not a top-level type of the library")
                .contains("nested in AuthorizationModes")
                .endsWith("Fix: write `AuthorizationModes.ApiKey.expiresInDays(`."));
        assertThat(API.problem(only("`AuthorizationModes.ApiKey.expiresInDays(30)`"))).isEmpty();
    }

    @Test
    void aMissingMethodAnInstanceMethodCalledOnATypeAndAnUnknownTypeAreRefused() {
        assertThat(API.problem(only("`Secret.named(\"X\")`"))).hasValueSatisfying(problem -> assertThat(problem)
                .contains("dev.gen2.backend.Secret has no public method named.").contains("Fix: name one of its"
                        + " methods: ").contains("of"));
        assertThat(API.problem(only("`Field.required()`"))).hasValueSatisfying(problem -> assertThat(problem)
                .contains("dev.gen2.backend.data.Field.required is not static"));
        assertThat(API.problem(only("`Secrets.of(\"X\")`"))).hasValueSatisfying(problem -> assertThat(problem)
                .contains("Secrets is neither a public type of the library (dev.gen2) nor a name this check knows"));
    }

    @Test
    void constantsOutsideTypesAndJavaScriptAreResolvedAsDocumented() {
        assertThat(API.problem(only("`PasswordPolicy.AMPLIFY_DEFAULT.withMinLength(12)`"))).isEmpty();
        assertThat(API.problem(only("`PasswordPolicy.AMPLIFY_DEFAULT.withLength(12)`"))).isPresent();
        assertThat(API.problem(only("`SecretValue.unsafePlainText(..)`"))).isEmpty();
        assertThat(API.problem(only("`SecretValue.unsafe(..)`"))).isPresent();
        Reference javascript = only("`Amplify.configure(outputs)`");
        assertThat(ApiReferences.isJava(javascript)).isFalse();
        assertThat(API.problem(javascript)).isEmpty();
    }

    @Test
    void onlyInlineCodeOutsideFencedBlocksIsRead() {
        String markdown = String.join("\n", "Prose Backend.define(app) and `Backend.define(app, X)`.",
                "```java", "Backend.nothing(app);", "```", "| `Field.id()` and `Schema.of(Model.named(\"A\"))` |");
        assertThat(ApiReferences.find("t.md", markdown)).extracting(Reference::where, Reference::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("t.md:1", "Backend.define("),
                        org.assertj.core.groups.Tuple.tuple("t.md:5", "Field.id("),
                        org.assertj.core.groups.Tuple.tuple("t.md:5", "Schema.of("),
                        org.assertj.core.groups.Tuple.tuple("t.md:5", "Model.named("));
        assertThat(ApiReferences.documentation(Path.of(""))).containsKey("README.md");
    }

    private static Reference only(String markdown) {
        List<Reference> found = ApiReferences.find("t.md", markdown);
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
