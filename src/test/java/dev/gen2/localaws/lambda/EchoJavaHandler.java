package dev.gen2.localaws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A Java function for the local runtime's tests: prints a line, answers with what it saw, or sleeps or fails. */
public final class EchoJavaHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        System.out.println("counted " + event.get("count"));
        if (event.containsKey("sleepMillis")) {
            try {
                Thread.sleep(((Number) event.get("sleepMillis")).longValue());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (event.containsKey("fail")) {
            throw new IllegalStateException(String.valueOf(event.get("fail")));
        }
        return Map.of("count", event.get("count"), "table", System.getenv("TABLE_NAME"),
                "functionName", context.getFunctionName(), "maxHeapMegabytes", Runtime.getRuntime().maxMemory() >> 20,
                "requestId", context.getAwsRequestId());
    }
}
