package dev.gen2.cli;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.BackendId;
import dev.gen2.backend.DeploymentType;
import dev.gen2.deploy.AwsConnection;
import dev.gen2.deploy.ProjectConfig;
import dev.gen2.deploy.SandboxSecrets;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * {@code gen2 sandbox secret set|get|list|remove}: Amplify's {@code ampx sandbox secret}. Acts on the secrets of
 * the sandbox backend {@code (namespace from ./cdk.json, identifier, sandbox)} in SSM Parameter Store. Only
 * {@code get} prints a value.
 */
@Command(name = "secret", mixinStandardHelpOptions = true, description = "Manage the sandbox's secrets.",
        subcommands = {SandboxSecretCommand.Set.class, SandboxSecretCommand.Get.class,
            SandboxSecretCommand.ListCommand.class, SandboxSecretCommand.Remove.class})
final class SandboxSecretCommand implements Runnable {

    /** The terminal {@code set} prompts on, if any; replaced by tests. */
    static Supplier<Console> console = System::console;
    /** Where {@code set} reads the value from when there is no terminal; replaced by tests. */
    static Supplier<InputStream> standardInput = () -> System.in;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: set, get, list or remove.");
    }

    /** What every subcommand takes: the sandbox's identifier and the AWS options. */
    abstract static class SecretSubcommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--identifier", description = "The sandbox's identifier (default: your user name).")
        String identifier;

        @Mixin
        AwsOptions aws;

        @Override
        public Integer call() {
            String sandbox = identifier();
            BackendId backendId = new BackendId(ProjectConfig.read(Path.of("")).namespace(), sandbox,
                    DeploymentType.SANDBOX);
            AwsConnection connection = aws.connection();
            try (SsmClient ssm = connection.configure(SsmClient.builder()).build()) {
                run(new SandboxSecrets(ssm, backendId), sandbox, spec.commandLine().getOut());
            } catch (SdkClientException e) {
                throw connection.explain(e);
            }
            return 0;
        }

        abstract void run(SandboxSecrets secrets, String sandbox, PrintWriter out);

        private String identifier() {
            return SandboxIdentifier.resolve(identifier);
        }
    }

    /** {@code secret set NAME}: the value from a hidden prompt, or one line of standard input. */
    @Command(name = "set", mixinStandardHelpOptions = true, description = "Set a secret's value: typed at a hidden"
            + " prompt on a terminal, else read as one line of standard input.")
    static final class Set extends SecretSubcommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name: letters, digits, _ . -")
        String name;

        @Override
        void run(SandboxSecrets secrets, String sandbox, PrintWriter out) {
            secrets.path(name); // the name is checked before the value is asked for
            String value = readValue();
            if (value.isBlank()) {
                throw new BackendConfigException("secret " + name, "The secret value is empty.",
                        "type a value at the prompt, or pipe one line: printf '%s\\n' \"$VALUE\" | gen2 sandbox"
                                + " secret set " + name + ".");
            }
            long version = secrets.set(name, value);
            out.println("Successfully created version " + version + " of secret " + name);
        }

        private static String readValue() {
            Console terminal = console.get();
            if (terminal != null) {
                char[] typed = terminal.readPassword("Enter secret value: ");
                return typed == null ? "" : new String(typed);
            }
            InputStream input = standardInput.get();
            // Not closed: it is the process's standard input.
            BufferedReader reader = new BufferedReader(new InputStreamReader(input, Charset.defaultCharset()));
            try {
                String line = reader.readLine();
                return line == null ? "" : line;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the secret value from standard input", e);
            }
        }
    }

    /** {@code secret get NAME}: the one command that prints a value. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print a secret: its name, version, when"
            + " it was last set, and its value.")
    static final class Get extends SecretSubcommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name.")
        String name;

        @Override
        void run(SandboxSecrets secrets, String sandbox, PrintWriter out) {
            SandboxSecrets.SecretRecord secret = secrets.require(name);
            out.println("name: " + secret.name());
            out.println("version: " + secret.version());
            out.println("lastUpdated: " + secret.lastUpdated());
            out.println("value: " + secret.value());
        }
    }

    /** {@code secret list}: the names, one a line. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the names of the sandbox's"
            + " secrets.")
    static final class ListCommand extends SecretSubcommand {
        @Override
        void run(SandboxSecrets secrets, String sandbox, PrintWriter out) {
            List<String> names = secrets.list();
            if (names.isEmpty()) {
                out.println("No secrets set for sandbox " + sandbox + ".");
            }
            names.forEach(out::println);
        }
    }

    /** {@code secret remove NAME} or {@code secret remove --all}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a secret, or every secret of"
            + " the sandbox with --all.")
    static final class Remove extends SecretSubcommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The secret's name.")
        String name;

        @Option(names = "--all", description = "Remove every secret of the sandbox.")
        boolean all;

        @Override
        public Integer call() {
            if (all && name != null) {
                throw new BackendConfigException("sandbox secret remove", "Give a secret NAME or --all, not both.",
                        "run `gen2 sandbox secret remove " + name + "`, or `gen2 sandbox secret remove --all`.");
            }
            if (!all && name == null) {
                throw new BackendConfigException("sandbox secret remove", "No secret to remove was given.",
                        "run `gen2 sandbox secret remove NAME`, or `gen2 sandbox secret remove --all`.");
            }
            return super.call();
        }

        @Override
        void run(SandboxSecrets secrets, String sandbox, PrintWriter out) {
            if (!all) {
                secrets.remove(name);
                out.println("Successfully removed secret " + name);
                return;
            }
            List<String> removed = secrets.removeAll();
            if (removed.isEmpty()) {
                out.println("No secrets set for sandbox " + sandbox + ".");
                return;
            }
            out.println("Successfully removed " + removed.size() + (removed.size() == 1 ? " secret" : " secrets")
                    + " of sandbox " + sandbox + ": " + String.join(", ", removed));
        }
    }
}
