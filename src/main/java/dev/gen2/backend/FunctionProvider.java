package dev.gen2.backend;

import software.amazon.awscdk.services.lambda.IFunction;

/** A resource that is, or owns, a Lambda function: what auth triggers and custom senders run. */
@FunctionalInterface
public interface FunctionProvider {

    IFunction lambda();
}
