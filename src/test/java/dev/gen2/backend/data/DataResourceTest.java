package dev.gen2.backend.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.Backend;
import dev.gen2.backend.TestBackends;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class DataResourceTest {
    private static Backend backend;
    private static DataResource data;
    private static Template dataStack;

    @BeforeAll
    static void synthesize() throws Exception {
        backend = TestBackends.sandbox(DataSchemas.AUTH, DataSchemas.BLOG_DATA);
        data = backend.get(DataSchemas.BLOG_DATA);
        dataStack = TestBackends.nestedTemplate(backend, "data");
        Files.createDirectories(Path.of("target/data-debug"));
        Files.writeString(Path.of("target/data-debug/schema.graphql"), data.graphqlSchema());
        Files.writeString(Path.of("target/data-debug/data.json"), dataStack.toJSON().toString());
        Files.writeString(Path.of("target/data-debug/todo.json"), Template.fromStack(software.amazon.awscdk.Stack.of(data.tables().get("Todo"))).toJSON().toString());
        Files.writeString(Path.of("target/data-debug/root.json"), Template.fromStack(backend.rootStack()).toJSON().toString());
    }

    @Test
    void synthesizes() {
        assertThat(data.graphqlSchema()).contains("type Todo");
        dataStack.resourceCountIs("AWS::AppSync::GraphQLApi", 1);
    }
}
