package com.example.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A test handler outside this library's packages (as a user's is) that uses Jackson: it answers with the event's {@code name} greeted. */
public class JacksonHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String name = JSON.readTree(input).path("name").asText("nobody");
        ObjectNode answer = JSON.createObjectNode().put("greeting", "Hello, " + name)
                .put("function", context.getFunctionName());
        JSON.writeValue(output, answer);
    }
}
