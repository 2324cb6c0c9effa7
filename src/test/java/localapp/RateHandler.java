package localapp;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code rate} mutation of the local app story's backend ({@code dev.gen2.localaws.app.AppBackend}), a Java
 * function: answers AppSync's Lambda resolver event. It lives outside {@code dev.gen2}, as a user's handler does.
 */
public final class RateHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> arguments = (Map<String, Object>) event.get("arguments");
        Map<String, Object> rating = new LinkedHashMap<>();
        rating.put("postId", arguments.get("postId"));
        rating.put("stars", arguments.get("stars"));
        return rating;
    }
}
