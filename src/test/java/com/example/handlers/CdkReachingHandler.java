package com.example.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** A handler that, through a helper, uses aws-cdk-lib: something Lambda cannot run. */
public class CdkReachingHandler implements RequestHandler<String, String> {
    @Override
    public String handleRequest(String input, Context context) {
        return TimeoutSetting.describe();
    }

    /** A helper shared with a backend definition. */
    static final class TimeoutSetting {
        static String describe() {
            return software.amazon.awscdk.Duration.seconds(30).toHumanString();
        }
    }
}
