package dev.gen2.backend.function.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.handlers.CdkReachingHandler;
import com.example.handlers.JacksonHandler;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** What a class file names, read from its constant pool: sorted, descriptors included, string constants not. */
class ClassReferencesTest {

    @Test
    void typesInInstructionsAndDescriptorsAreNamedSortedAndTheClassItselfIsNot() throws IOException {
        ClassReferences references = ClassReferences.of(classFile(JacksonHandler.class));

        assertThat(references.names()).contains("com/fasterxml/jackson/databind/ObjectMapper",
                "com/amazonaws/services/lambda/runtime/Context", "java/io/InputStream", "java/io/OutputStream")
                .doesNotContain("com/example/handlers/JacksonHandler")
                .isSorted();
        assertThat(references.serviceCandidate()).isFalse();
    }

    @Test
    void aStringShapedLikeADescriptorNamesNoType() throws IOException {
        ClassReferences references = ClassReferences.of(classFile(StringConstants.class));

        assertThat(references.names()).doesNotContain("software/amazon/awscdk/Stack");
    }

    @Test
    void interfacesAreLookedUpAsServices() throws IOException {
        assertThat(ClassReferences.of(classFile(Runnable.class)).serviceCandidate()).isTrue();
        assertThat(ClassReferences.of(classFile(CdkReachingHandler.class)).names())
                .contains("com/example/handlers/CdkReachingHandler$TimeoutSetting");
    }

    /** Holds a text that looks like a type descriptor. */
    static final class StringConstants {
        static final String TEXT = "(Lsoftware/amazon/awscdk/Stack;)V";

        String text() {
            return TEXT + System.lineSeparator();
        }
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }
}
