package dev.gen2.backend.data;

import dev.gen2.backend.Required;

/**
 * What a custom resolver's function reads or calls, Amplify's {@code dataSource} of {@code a.handler.custom}: a
 * model's DynamoDB table, the NONE data source (the function's request is its result), or an HTTP endpoint.
 */
public sealed interface CustomDataSource permits CustomDataSource.None, CustomDataSource.ModelTable,
        CustomDataSource.Http {

    /** The NONE data source, Amplify's {@code a.handler.custom} without a {@code dataSource}. */
    static CustomDataSource none() {
        return new None();
    }

    /** The DynamoDB table of the schema's model {@code model}, Amplify's {@code dataSource: a.ref('Post')}. */
    static CustomDataSource model(String model) {
        return new ModelTable(Required.argument(model, "data.schema", "The data source's model",
                "give the model's name: CustomDataSource.model(\"Post\")."));
    }

    /**
     * An HTTP data source named {@code name} calling {@code endpoint} (the scheme and host, such as
     * {@code https://api.example.com}; a request gives its {@code resourcePath}), Amplify's
     * {@code backend.data.addHttpDataSource(name, endpoint)} referred to by {@code dataSource: name}.
     */
    static CustomDataSource http(String name, String endpoint) {
        return new Http(Required.argument(name, "data.schema", "The HTTP data source's name",
                "give one: CustomDataSource.http(\"Weather\", \"https://api.example.com\")."),
                Required.argument(endpoint, "data.schema", "The HTTP data source's endpoint",
                        "give its URL: CustomDataSource.http(\"Weather\", \"https://api.example.com\")."));
    }

    /** The NONE data source. */
    record None() implements CustomDataSource {
    }

    /** A model's table, by the model's name. */
    record ModelTable(String model) implements CustomDataSource {
    }

    /** An HTTP endpoint, under a data source name. */
    record Http(String name, String endpoint) implements CustomDataSource {
    }
}
