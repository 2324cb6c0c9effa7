package dev.gen2.deploy.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The editors' and tools' temporary files the watcher ignores, by name, and real sources that still count. */
class EditorTemporaryFilesTest {
    @ParameterizedTest(name = "{0} is ignored")
    @ValueSource(strings = {
        "sedkgroTH", "sed0AbC9z", // GNU sed -i: sed + 6 random letters and digits
        ".!12345!FunctionConfig.java", // BSD and macOS sed -i
        ".FunctionConfig.java.swp", ".FunctionConfig.java.swo", ".FunctionConfig.java.swn", // vim and nano swap
        ".FunctionConfig.java.swx", "4913", "5036", // vim's checks that it may write in the directory
        "FunctionConfig.java~", "FunctionConfig.java.~1~", // vim's and emacs's backups
        "#FunctionConfig.java#", ".#FunctionConfig.java", // emacs's auto-save file and lock
        "FunctionConfig.java___jb_tmp___", "FunctionConfig.java___jb_old___", // JetBrains' safe write
        "FunctionConfig.java.vsctmp", // VS Code's atomic save
        ".FunctionConfig.java.kate-swp", // Kate
        ".goutputstream-Q1W2E3" // gedit and other GLib editors
    })
    void temporaryFilesAreIgnored(String name) {
        assertThat(EditorTemporaryFiles.matches(Path.of("/project/src/main/java/amplify/functions", name))).isTrue();
    }

    @ParameterizedTest(name = "{0} counts")
    @ValueSource(strings = {
        "FunctionConfig.java", "index.js", "handler.mjs", "schema.graphql", "package.json", ".gitignore", ".env",
        "sedan", "sedimentary", "sedkgroTH.java", "seds", // like sed's, but not its name
        "Foo.swift", "data.swp.json", // a swap suffix that is not at the end
        "4913.json", "4914", "123", // numbers vim does not use
        "~", "notes#", "#notes", "a#b#", "issue-#12", // a ~ or # that is not an editor's
        "jb_tmp", "FunctionConfig.java.tmpl", "vsctmp"
    })
    void sourcesCount(String name) {
        assertThat(EditorTemporaryFiles.matches(Path.of("/project/src/main/java/amplify/functions", name))).isFalse();
    }
}
