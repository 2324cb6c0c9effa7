package dev.gen2.backend.data;

import dev.gen2.backend.Backend;
import software.amazon.awscdk.App;

/**
 * A CDK app of the richest test schema (enums, custom types, every relationship, custom operations), for tests
 * that run the real CDK CLI on something bigger than the sample; its identity comes from the CDK context.
 */
public final class BlogBackendApp {

    private BlogBackendApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        Backend.define(app, DataSchemas.AUTH, DataSchemas.BLOG_DATA);
        app.synth();
    }
}
