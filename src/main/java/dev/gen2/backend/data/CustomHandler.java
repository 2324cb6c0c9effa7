package dev.gen2.backend.data;

import dev.gen2.backend.Required;
import java.nio.file.Path;

/**
 * One function of a custom resolver, Amplify's {@code a.handler.custom({ dataSource, entry })}: an APPSYNC_JS file
 * of the project exporting {@code request(ctx)} and {@code response(ctx)}, run over a data source. Several make a
 * pipeline, run in order, each seeing the one before in {@code ctx.prev.result}; the last one's result is the
 * operation's. The file is read at synth and checked with AppSync's rules for its JavaScript runtime.
 *
 * <pre>{@code
 * CustomHandler.entry("src/main/resolvers/post-by-id.js").dataSource(CustomDataSource.model("Post"))
 * }</pre>
 *
 * @param entry the file, relative to the project directory
 * @param dataSource what it runs over: NONE unless given
 */
public record CustomHandler(Path entry, CustomDataSource dataSource) {

    /** The function in {@code path} (from the project directory), over the NONE data source until one is given. */
    public static CustomHandler entry(String path) {
        return new CustomHandler(Path.of(Required.argument(path, "data.schema", "A custom handler's entry",
                "give the path of its .js file from the project directory.")), CustomDataSource.none());
    }

    public CustomHandler dataSource(CustomDataSource source) {
        return new CustomHandler(entry, Required.argument(source, "data.schema", "A custom handler's data source",
                "give CustomDataSource.model(\"Post\"), none() or http(name, endpoint)."));
    }
}
