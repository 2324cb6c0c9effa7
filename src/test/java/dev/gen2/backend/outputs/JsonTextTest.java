package dev.gen2.backend.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Our JSON printing against Node's own {@code JSON.stringify}, which is what Amplify writes files with. */
class JsonTextTest {
    private static final String SAMPLE = "{\"a\":\"quote \\\" backslash \\\\ tab \\t newline \\n bell \\u0007 é ✓ /\","
            + "\"list\":[1,2.5,-3,true,false,null,[],{}],\"nested\":{\"empty\":{},\"deep\":[{\"x\":[\"y\"]}]},"
            + "\"big\":12345678901234}";

    @Test
    void printsExactlyAsJavaScriptDoes() throws Exception {
        Object parsed = JsonText.parse(SAMPLE);
        for (int indent : new int[] {0, 2, 4}) {
            assertThat(JsonText.stringify(parsed, indent)).as("indent %d", indent)
                    .isEqualTo(node("process.stdout.write(JSON.stringify(JSON.parse(process.argv[1]), null, "
                            + indent + "))", SAMPLE));
        }
    }

    @Test
    void keepsTheOrderOfKeys() {
        assertThat(JsonText.stringify(JsonText.parseObject("{\"z\":1,\"a\":2}"), 0)).isEqualTo("{\"z\":1,\"a\":2}");
        assertThat(JsonText.stringify(Map.of(), 2)).isEqualTo("{}");
    }

    private static String node(String script, String argument) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("node", "-e", script, argument).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
