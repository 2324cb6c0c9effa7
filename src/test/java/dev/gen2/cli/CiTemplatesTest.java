package dev.gen2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gen2.deploy.CdkToolkit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The CI templates a team copies ({@code src/main/ci/github-actions.yml}, {@code src/main/ci/gitlab-ci.yml}): every
 * {@code gen2.sh} command in them is checked against the CLI's own picocli model (the subcommand exists, every
 * option is one of its options, the required ones are given), every CDK CLI command against the pinned CLI and the
 * branch environment's context keys, and the OIDC, artifact, concurrency and delete/stop wiring of each service.
 */
class CiTemplatesTest {
    private static final Path GITHUB = Path.of("src/main/ci/github-actions.yml");
    private static final Path GITLAB = Path.of("src/main/ci/gitlab-ci.yml");
    private static final String PINNED_CDK = "aws-cdk@" + CdkToolkit.CLI_VERSION;
    private static final String OUTPUTS_FILE = "amplify_outputs.json";
    /** GitLab's top-level keywords: every other top-level key not starting with a dot is a job. */
    private static final Set<String> GITLAB_KEYWORDS = Set.of("default", "include", "stages", "variables", "workflow",
            "image", "services", "cache", "before_script", "after_script", "spec");
    private static final Pattern GITHUB_EXPRESSION = Pattern.compile("\\$\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

    /** A shell script of a template: where it is, its text, and the variables its environment sets. */
    record Script(String where, String text, Map<String, String> env) {
    }

    /** One simple command of a script, as its words (quotes removed, variables left unexpanded). */
    record Command(String where, List<String> words, Map<String, String> env) {
        /** A word with a variable its environment sets ({@code $X} or {@code ${X}}, the whole word) replaced. */
        String resolve(String word) {
            Matcher matcher = VARIABLE.matcher(word);
            if (matcher.matches() && env.containsKey(matcher.group(1))) {
                return env.get(matcher.group(1));
            }
            return word;
        }

        /** The value of {@code --name value} or {@code --name=value}, resolved; null when absent. */
        String option(String name) {
            for (int i = 0; i < words.size(); i++) {
                if (words.get(i).equals(name) && i + 1 < words.size()) {
                    return resolve(words.get(i + 1));
                }
                if (words.get(i).startsWith(name + "=")) {
                    return resolve(words.get(i).substring(name.length() + 1));
                }
            }
            return null;
        }

        /** The CDK CLI's context, from {@code -c key=value}, {@code --context key=value} or {@code --context=...}. */
        Map<String, String> context() {
            Map<String, String> context = new LinkedHashMap<>();
            for (int i = 0; i < words.size(); i++) {
                String pair = null;
                if ((words.get(i).equals("-c") || words.get(i).equals("--context")) && i + 1 < words.size()) {
                    pair = words.get(++i);
                } else if (words.get(i).startsWith("--context=")) {
                    pair = words.get(i).substring("--context=".length());
                }
                if (pair != null) {
                    int equals = pair.indexOf('=');
                    context.put(equals < 0 ? pair : pair.substring(0, equals),
                            equals < 0 ? "" : resolve(pair.substring(equals + 1)));
                }
            }
            return context;
        }

        /** The arguments after the {@code gen2.sh} word (this command must be a gen2 call). */
        List<String> gen2Args() {
            return words.subList(gen2Index(words) + 1, words.size());
        }
    }

    // ---------------------------------------------------------------- GitHub Actions

    @Test
    void githubWorkflowRunsOnlyGen2CommandsAndOptionsTheCliHas() throws IOException {
        List<Command> calls = gen2Calls(githubScripts(read(GITHUB)));

        assertThat(calls).as("gen2.sh calls in %s", GITHUB).isNotEmpty();
        for (Command call : calls) {
            assertThat(gen2Problems(call.gen2Args())).as("%s: %s", call.where(), call.words()).isEmpty();
        }
        assertThat(calls).as("a pipeline-deploy call").anyMatch(call -> isSubcommand(call, "pipeline-deploy"));
    }

    @Test
    void githubDeployJobDeploysThePushedBranchAndUploadsItsOutputs() throws IOException {
        JsonNode workflow = yaml(read(GITHUB));
        JsonNode on = on(workflow);
        assertThat(on.has("push")).as("on: push").isTrue();

        List<Script> scripts = githubScripts(workflow);
        Command deploy = single(gen2Calls(scripts), call -> isSubcommand(call, "pipeline-deploy"));
        assertThat(deploy.option("--branch")).as("--branch of %s", deploy.where()).isEqualTo("${{github.ref_name}}");
        assertThat(deploy.option("--app-id")).as("--app-id of %s", deploy.where())
                .isEqualTo("${{vars.AMPLIFY_APP_ID}}");

        String jobName = jobOf(deploy.where());
        JsonNode job = workflow.path("jobs").path(jobName);
        assertThat(compact(job.path("if").asText())).as("if of job %s", jobName).contains("github.event_name=='push'");
        assertThat(compact(workflow.path("concurrency").path("group").asText())).as("concurrency.group")
                .contains("github.ref_name");
        assertThat(workflow.path("concurrency").path("cancel-in-progress").asBoolean(true))
                .as("concurrency.cancel-in-progress (a cancelled runner leaves a deploy half done)").isFalse();

        List<JsonNode> steps = list(job.path("steps"));
        int deployStep = stepIndex(deploy.where());
        assertThat(indexOfUses(steps, "actions/checkout@")).as("checkout in job %s", jobName)
                .isBetween(0, deployStep - 1);
        int setupJava = indexOfUses(steps, "actions/setup-java@");
        assertThat(setupJava).as("setup-java in job %s", jobName).isBetween(0, deployStep - 1);
        JsonNode java = steps.get(setupJava).path("with");
        assertThat(java.path("distribution").asText()).as("setup-java distribution").isEqualTo("temurin");
        assertThat(java.path("java-version").asText()).as("setup-java java-version").isEqualTo("17");
        assertThat(java.path("cache").asText()).as("setup-java cache").isEqualTo("maven");
        int node = indexOfUses(steps, "actions/setup-node@");
        assertThat(node).as("setup-node in job %s", jobName).isBetween(0, deployStep - 1);
        assertThat(Integer.parseInt(steps.get(node).path("with").path("node-version").asText("0").split("\\.")[0]))
                .as("setup-node node-version").isGreaterThanOrEqualTo(20);
        assertThat(indexOfRun(steps, "mvn -B -q process-classes")).as("the build step, before the deploy")
                .isBetween(0, deployStep - 1);

        int upload = indexOfUses(steps, "actions/upload-artifact@");
        assertThat(upload).as("actions/upload-artifact after the deploy in job %s", jobName).isGreaterThan(deployStep);
        assertThat(steps.get(upload).path("with").path("path").asText().lines().map(String::strip))
                .as("upload-artifact path").contains(outputsPath(deploy));
    }

    @Test
    void githubWorkflowTakesCredentialsFromOidcOnly() throws IOException {
        JsonNode workflow = yaml(read(GITHUB));
        assertThat(workflow.path("permissions").path("id-token").asText()).as("permissions.id-token")
                .isEqualTo("write");
        assertThat(workflow.path("permissions").path("contents").asText()).as("permissions.contents")
                .isEqualTo("read");

        List<Script> scripts = githubScripts(workflow);
        List<Command> awsCalls = new ArrayList<>(gen2Calls(scripts));
        awsCalls.addAll(cdkCalls(scripts));
        assertThat(awsCalls).isNotEmpty();
        for (Command call : awsCalls) {
            List<JsonNode> steps = list(workflow.path("jobs").path(jobOf(call.where())).path("steps"));
            int credentials = indexOfUses(steps, "aws-actions/configure-aws-credentials@");
            assertThat(credentials).as("configure-aws-credentials before %s", call.where())
                    .isBetween(0, stepIndex(call.where()) - 1);
            JsonNode with = steps.get(credentials).path("with");
            assertThat(with.path("role-to-assume").asText()).as("role-to-assume in %s", call.where())
                    .startsWith("${{").contains("vars.");
            assertThat(with.path("aws-region").asText()).as("aws-region in %s", call.where()).isNotBlank();
            assertThat(with.has("aws-access-key-id") || with.has("aws-secret-access-key"))
                    .as("long-lived keys in %s", call.where()).isFalse();
        }
    }

    @Test
    void githubDeleteJobDestroysTheDeletedBranchWithThePinnedCdkCli() throws IOException {
        JsonNode workflow = yaml(read(GITHUB));
        assertThat(on(workflow).has("delete")).as("on: delete").isTrue();

        List<Command> cdk = cdkCalls(githubScripts(workflow));
        assertThat(cdk).as("CDK CLI calls in %s", GITHUB).isNotEmpty();
        for (Command call : cdk) {
            assertThat(cdkProblems(call.words())).as("%s: %s", call.where(), call.words()).isEmpty();
        }
        Command destroy = single(cdk, call -> call.words().contains("destroy"));
        String jobName = jobOf(destroy.where());
        assertThat(compact(workflow.path("jobs").path(jobName).path("if").asText())).as("if of job %s", jobName)
                .contains("github.event_name=='delete'").contains("github.event.ref_type=='branch'");
        assertThat(destroy.context()).as("context of %s", destroy.where())
                .containsEntry("amplify-backend-name", "${{github.event.ref}}")
                .containsEntry("amplify-backend-namespace", "${{vars.AMPLIFY_APP_ID}}");
        assertThat(compact(workflow.path("concurrency").path("group").asText()))
                .as("concurrency.group also serializes a branch's delete").contains("github.event.ref");
        List<JsonNode> steps = list(workflow.path("jobs").path(jobName).path("steps"));
        assertThat(indexOfRun(steps, "mvn -B -q process-classes")).as("the build step, before the destroy")
                .isBetween(0, stepIndex(destroy.where()) - 1);
        assertThat(indexOfUses(steps, "actions/setup-node@")).as("setup-node before the destroy")
                .isBetween(0, stepIndex(destroy.where()) - 1);
    }

    // ---------------------------------------------------------------- GitLab CI

    @Test
    void gitlabPipelineRunsOnlyGen2CommandsAndOptionsTheCliHas() throws IOException {
        List<Command> calls = gen2Calls(gitlabScripts(yaml(read(GITLAB))));

        assertThat(calls).as("gen2.sh calls in %s", GITLAB).isNotEmpty();
        for (Command call : calls) {
            assertThat(gen2Problems(call.gen2Args())).as("%s: %s", call.where(), call.words()).isEmpty();
        }
        assertThat(calls).as("a pipeline-deploy call").anyMatch(call -> isSubcommand(call, "pipeline-deploy"));
    }

    @Test
    void gitlabDeployJobDeploysTheBranchAndKeepsItsOutputs() throws IOException {
        JsonNode pipeline = yaml(read(GITLAB));
        Command deploy = single(gen2Calls(gitlabScripts(pipeline)), call -> isSubcommand(call, "pipeline-deploy"));
        assertThat(deploy.option("--branch")).as("--branch of %s", deploy.where()).isEqualTo("$CI_COMMIT_REF_NAME");
        assertThat(deploy.option("--app-id")).as("--app-id of %s", deploy.where()).isEqualTo("$AMPLIFY_APP_ID");

        JsonNode job = pipeline.path(jobOf(deploy.where()));
        assertThat(list(job.path("artifacts").path("paths")).stream().map(JsonNode::asText))
                .as("artifacts.paths of %s", jobOf(deploy.where())).contains(outputsPath(deploy));
        assertThat(job.path("resource_group").asText()).as("resource_group of %s", jobOf(deploy.where()))
                .contains("$CI_COMMIT_REF_");
        List<String> script = list(job.path("script")).stream().map(JsonNode::asText).toList();
        assertThat(script.indexOf("mvn -B -q process-classes")).as("the build, before the deploy")
                .isBetween(0, scriptIndex(deploy.where()) - 1);
    }

    @Test
    void gitlabJobsTakeCredentialsFromTheirOidcToken() throws IOException {
        JsonNode pipeline = yaml(read(GITLAB));
        List<Script> scripts = gitlabScripts(pipeline);
        List<Command> assumeRole = commands(scripts).stream()
                .filter(command -> command.words().containsAll(List.of("sts", "assume-role-with-web-identity")))
                .toList();
        assertThat(assumeRole).as("aws sts assume-role-with-web-identity in %s", GITLAB).isNotEmpty();

        List<Command> awsCalls = new ArrayList<>(gen2Calls(scripts));
        awsCalls.addAll(cdkCalls(scripts));
        assertThat(awsCalls).isNotEmpty();
        for (Command call : awsCalls) {
            String jobName = jobOf(call.where());
            JsonNode tokens = pipeline.path(jobName).path("id_tokens");
            Command exchange = assumeRole.stream().filter(command -> jobOf(command.where()).equals(jobName))
                    .findFirst().orElse(null);
            assertThat(exchange).as("an assume-role-with-web-identity in job %s", jobName).isNotNull();
            String token = exchange.option("--web-identity-token");
            Matcher variable = VARIABLE.matcher(token == null ? "" : token);
            assertThat(variable.matches()).as("--web-identity-token is a variable: %s", token).isTrue();
            assertThat(tokens.path(variable.group(1)).path("aud").asText())
                    .as("id_tokens.%s.aud of job %s", variable.group(1), jobName).isEqualTo("sts.amazonaws.com");
            assertThat(exchange.option("--role-arn")).as("--role-arn").startsWith("$");
        }
    }

    @Test
    void gitlabStopJobDestroysTheBranchWithThePinnedCdkCli() throws IOException {
        JsonNode pipeline = yaml(read(GITLAB));
        List<Script> scripts = gitlabScripts(pipeline);
        List<Command> cdk = cdkCalls(scripts);
        assertThat(cdk).as("CDK CLI calls in %s", GITLAB).isNotEmpty();
        for (Command call : cdk) {
            assertThat(cdkProblems(call.words())).as("%s: %s", call.where(), call.words()).isEmpty();
        }
        Command destroy = single(cdk, call -> call.words().contains("destroy"));
        assertThat(destroy.context()).as("context of %s", destroy.where())
                .containsEntry("amplify-backend-name", "$CI_COMMIT_REF_NAME")
                .containsEntry("amplify-backend-namespace", "$AMPLIFY_APP_ID");

        Command deploy = single(gen2Calls(scripts), call -> isSubcommand(call, "pipeline-deploy"));
        JsonNode deployJob = pipeline.path(jobOf(deploy.where()));
        String stopName = deployJob.path("environment").path("on_stop").asText();
        assertThat(stopName).as("environment.on_stop of %s", jobOf(deploy.where())).isEqualTo(jobOf(destroy.where()));
        JsonNode stopJob = pipeline.path(stopName);
        assertThat(stopJob.path("environment").path("action").asText()).as("environment.action of %s", stopName)
                .isEqualTo("stop");
        assertThat(stopJob.path("environment").path("name").asText()).as("environment.name of %s", stopName)
                .isEqualTo(deployJob.path("environment").path("name").asText()).contains("$CI_COMMIT_REF_");
        assertThat(stopJob.path("when").asText()).as("when of %s (else it runs in every pipeline)", stopName)
                .isEqualTo("manual");
        assertThat(stopJob.path("stage").asText()).as("stage of %s", stopName)
                .isEqualTo(deployJob.path("stage").asText());
        assertThat(stopJob.path("resource_group").asText()).as("resource_group of %s", stopName)
                .isEqualTo(deployJob.path("resource_group").asText());
        List<String> script = list(stopJob.path("script")).stream().map(JsonNode::asText).toList();
        assertThat(script.indexOf("mvn -B -q process-classes")).as("the build, before the destroy")
                .isBetween(0, scriptIndex(destroy.where()) - 1);
        if (stopJob.path("variables").path("GIT_STRATEGY").asText().equals("none")) {
            assertThat(script).as("with no checkout, %s clones the code itself", stopName)
                    .anyMatch(line -> line.startsWith("git clone"));
        }
    }

    // ---------------------------------------------------------------- Node.js

    @Test
    void theTemplatesAndTheReadmesNameNodeJs22() throws IOException {
        int lts = CdkToolkit.NODE_MAJOR;
        JsonNode workflow = yaml(read(GITHUB));
        List<JsonNode> setupNode = new ArrayList<>();
        workflow.path("jobs").forEach(job -> list(job.path("steps")).stream()
                .filter(step -> step.path("uses").asText().startsWith("actions/setup-node@")).forEach(setupNode::add));
        assertThat(setupNode).as("setup-node steps in %s", GITHUB).isNotEmpty()
                .allSatisfy(step -> assertThat(step.path("with").path("node-version").asText()).as("node-version")
                        .isEqualTo(String.valueOf(lts)));

        List<String> gitlabScript = new ArrayList<>();
        flatten(yaml(read(GITLAB)).path("default").path("before_script"), gitlabScript);
        assertThat(gitlabScript).as("the Node.js the GitLab jobs install")
                .anyMatch(line -> line.contains("deb.nodesource.com/setup_" + lts + ".x"));
        assertThat(read(GITLAB)).as(GITLAB + "'s comments").contains("Node.js " + lts).doesNotContain("20+");

        for (Path readme : List.of(Path.of("README.md"), Path.of("src/main/resources/dev/gen2/scaffold/files/README.md"))) {
            String text = read(readme);
            assertThat(text.lines().filter(line -> line.contains("Needs Java 17")).findFirst())
                    .as("the requirements line of %s", readme)
                    .hasValueSatisfying(line -> assertThat(line).contains("Node.js " + lts + " LTS"));
            assertThat(text).as(readme.toString()).doesNotContain("Node.js 20+");
        }
    }

    // ---------------------------------------------------------------- the checks themselves can fail

    @Test
    void anUnknownOptionInATemplateFailsTheCheck() throws IOException {
        String github = read(GITHUB);
        String misspelt = github.replace("--outputs-out-dir", "--outputs-dir");
        assertThat(misspelt).isNotEqualTo(github);
        List<String> problems = gen2Calls(githubScripts(yaml(misspelt))).stream()
                .flatMap(call -> gen2Problems(call.gen2Args()).stream()).toList();
        assertThat(problems).anyMatch(problem -> problem.contains("--outputs-dir"));

        String gitlab = read(GITLAB);
        String unknown = gitlab.replace("--branch \"$CI_COMMIT_REF_NAME\"",
                "--branch \"$CI_COMMIT_REF_NAME\" --no-such-flag");
        assertThat(unknown).isNotEqualTo(gitlab);
        assertThat(gen2Calls(gitlabScripts(yaml(unknown))).stream()
                .flatMap(call -> gen2Problems(call.gen2Args()).stream()))
                .anyMatch(problem -> problem.contains("--no-such-flag"));
    }

    @Test
    void gen2CheckRejectsUnknownSubcommandsAndMissingRequiredOptions() {
        assertThat(gen2Problems(List.of("pipeline-deploy", "--app-id", "a", "--branch", "b"))).isEmpty();
        assertThat(gen2Problems(List.of("pipeline-deploy", "--app-id=a", "--branch=b", "--outputs-out-dir", "o",
                "--region", "eu-west-1"))).isEmpty();
        assertThat(gen2Problems(List.of("pipeline-deploy", "--app-id", "a", "--branch", "b", "--bogus")))
                .anyMatch(problem -> problem.contains("--bogus"));
        assertThat(gen2Problems(List.of("pipeline-delete", "--app-id", "a", "--branch", "b")))
                .anyMatch(problem -> problem.contains("pipeline-delete"));
        assertThat(gen2Problems(List.of("pipeline-deploy", "--branch", "b")))
                .anyMatch(problem -> problem.contains("--app-id"));
        // an option of another subcommand is no option of this one
        assertThat(gen2Problems(List.of("pipeline-deploy", "--app-id", "a", "--branch", "b", "--out-dir", "o")))
                .anyMatch(problem -> problem.contains("--out-dir"));
        assertThat(gen2Problems(List.of("generate", "outputs", "--app-id", "a", "--branch", "b", "--out-dir", "o")))
                .isEmpty();
    }

    @Test
    void cdkCheckRejectsAnotherCliVersionOrAnotherEnvironmentType() {
        List<String> good = words("npx --yes aws-cdk@" + CdkToolkit.CLI_VERSION + " destroy --all --force"
                + " -c amplify-backend-namespace=app -c amplify-backend-name=main -c amplify-backend-type=branch");
        assertThat(cdkProblems(good)).isEmpty();
        assertThat(cdkProblems(words("npx --yes aws-cdk@latest destroy --all --force -c amplify-backend-namespace=a"
                + " -c amplify-backend-name=b -c amplify-backend-type=branch"))).isNotEmpty();
        assertThat(cdkProblems(words("npx --yes aws-cdk@" + CdkToolkit.CLI_VERSION + " destroy --all --force"
                + " -c amplify-backend-namespace=a -c amplify-backend-name=b -c amplify-backend-type=sandbox")))
                .anyMatch(problem -> problem.contains("amplify-backend-type"));
        assertThat(cdkProblems(words("npx --yes aws-cdk@" + CdkToolkit.CLI_VERSION + " destroy --all --force"
                + " -c amplify-backend-namespace=a -c amplify-backend-type=branch")))
                .anyMatch(problem -> problem.contains("amplify-backend-name"));
        assertThat(cdkProblems(words("npx --yes aws-cdk@" + CdkToolkit.CLI_VERSION + " destroy --all"
                + " -c amplify-backend-namespace=a -c amplify-backend-name=b -c amplify-backend-type=branch")))
                .anyMatch(problem -> problem.contains("--force"));
    }

    @Test
    void shellLineContinuationsAreJoinedBeforeACommandIsParsed() {
        List<Command> commands = commands(List.of(new Script("s", """
                bash src/main/scripts/gen2.sh pipeline-deploy --app-id "$APP" \\
                  --branch 'feature x' \\
                  --outputs-out-dir out # a comment --not-an-option
                echo done && bash src/main/scripts/gen2.sh generate outputs --app-id a --branch b
                """, Map.of("APP", "app-1"))));

        List<Command> calls = gen2CallsAmong(commands);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).gen2Args()).containsExactly("pipeline-deploy", "--app-id", "$APP", "--branch",
                "feature x", "--outputs-out-dir", "out");
        assertThat(calls.get(0).option("--app-id")).isEqualTo("app-1");
        assertThat(calls.get(1).gen2Args()).containsExactly("generate", "outputs", "--app-id", "a", "--branch", "b");
    }

    // ---------------------------------------------------------------- the checks

    /** What is wrong with {@code gen2 <args>}, by the CLI's own picocli model; empty when nothing is. */
    static List<String> gen2Problems(List<String> args) {
        List<String> problems = new ArrayList<>();
        CommandLine command = new CommandLine(new Gen2Cli());
        int i = 0;
        while (i < args.size() && !args.get(i).startsWith("-")) {
            CommandLine sub = command.getSubcommands().get(args.get(i));
            if (sub == null) {
                problems.add("`" + command.getCommandSpec().qualifiedName() + "` has no subcommand `" + args.get(i)
                        + "` (it has " + command.getSubcommands().keySet() + ")");
                return problems;
            }
            command = sub;
            i++;
        }
        CommandSpec spec = command.getCommandSpec();
        if (!(spec.userObject() instanceof Callable || spec.userObject() instanceof Runnable)) {
            problems.add("`" + spec.qualifiedName() + "` runs nothing by itself (it has "
                    + command.getSubcommands().keySet() + ")");
        }
        for (; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-")) {
                problems.add("`" + spec.qualifiedName() + "` takes no argument `" + arg + "` here");
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            OptionSpec option = spec.optionsMap().get(name);
            if (option == null) {
                problems.add("`" + spec.qualifiedName() + "` has no option `" + name + "` (it has "
                        + spec.optionsMap().keySet() + ")");
            } else if (equals < 0 && option.arity().max() > 0) {
                i++; // its value
            }
        }
        if (problems.isEmpty()) {
            // The whole line as picocli parses it: required options, values, arity.
            try {
                new CommandLine(new Gen2Cli()).parseArgs(args.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                problems.add("picocli: " + e.getMessage());
            }
        }
        return problems;
    }

    /** What is wrong with a CDK CLI command for a branch environment; empty when nothing is. */
    static List<String> cdkProblems(List<String> words) {
        List<String> problems = new ArrayList<>();
        if (!words.contains(PINNED_CDK)) {
            problems.add("not the pinned CDK CLI " + PINNED_CDK);
        }
        Map<String, String> context = new Command("", words, Map.of()).context();
        for (String key : List.of("amplify-backend-namespace", "amplify-backend-name", "amplify-backend-type")) {
            if (context.getOrDefault(key, "").isBlank()) {
                problems.add("no -c " + key + "=...");
            }
        }
        if (context.containsKey("amplify-backend-type") && !context.get("amplify-backend-type").equals("branch")) {
            problems.add("amplify-backend-type is " + context.get("amplify-backend-type") + ", not branch");
        }
        if (words.contains("destroy") && !(words.contains("--force") || words.contains("-f"))) {
            problems.add("destroy without --force asks for a confirmation no one gives in CI");
        }
        return problems;
    }

    // ---------------------------------------------------------------- reading the templates

    private static String read(Path template) throws IOException {
        return Files.readString(template, StandardCharsets.UTF_8);
    }

    private static JsonNode yaml(String text) throws IOException {
        return new YAMLMapper().readTree(text);
    }

    private static JsonNode on(JsonNode workflow) {
        // YAML 1.1 readers take a bare `on` for true; Jackson keeps it as the key "on".
        return workflow.has("on") ? workflow.path("on") : workflow.path("true");
    }

    /** Every {@code run:} of every step, with the workflow's, job's and step's {@code env}. */
    private static List<Script> githubScripts(String text) throws IOException {
        return githubScripts(yaml(text));
    }

    private static List<Script> githubScripts(JsonNode workflow) {
        List<Script> scripts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> job : workflow.path("jobs").properties()) {
            List<JsonNode> steps = list(job.getValue().path("steps"));
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).has("run")) {
                    Map<String, String> env = new LinkedHashMap<>(env(workflow.path("env")));
                    env.putAll(env(job.getValue().path("env")));
                    env.putAll(env(steps.get(i).path("env")));
                    scripts.add(new Script(job.getKey() + ".steps[" + i + "]",
                            normalizeExpressions(steps.get(i).path("run").asText()), env));
                }
            }
        }
        return scripts;
    }

    /** Every {@code before_script}, {@code script} and {@code after_script} entry of every job. */
    private static List<Script> gitlabScripts(JsonNode pipeline) {
        List<Script> scripts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : pipeline.properties()) {
            String name = entry.getKey();
            JsonNode job = entry.getValue();
            if (GITLAB_KEYWORDS.contains(name) || name.startsWith(".") || !job.isObject()) {
                continue;
            }
            Map<String, String> env = new LinkedHashMap<>(env(pipeline.path("variables")));
            env.putAll(env(job.path("variables")));
            for (String key : List.of("before_script", "script", "after_script")) {
                JsonNode lines = job.has(key) || key.equals("script") ? job.path(key) : pipeline.path("default")
                        .path(key);
                List<String> entries = new ArrayList<>();
                flatten(lines, entries);
                for (int i = 0; i < entries.size(); i++) {
                    scripts.add(new Script(name + "." + key + "[" + i + "]", entries.get(i), env));
                }
            }
        }
        return scripts;
    }

    private static void flatten(JsonNode node, List<String> into) {
        if (node.isArray()) {
            node.forEach(element -> flatten(element, into));
        } else if (node.isValueNode()) {
            into.add(node.asText());
        }
    }

    private static Map<String, String> env(JsonNode variables) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> variable : variables.properties()) {
            JsonNode value = variable.getValue().isObject() ? variable.getValue().path("value") : variable.getValue();
            env.put(variable.getKey(), normalizeExpressions(value.asText()));
        }
        return env;
    }

    /** {@code ${{ github.ref_name }}} as {@code ${{github.ref_name}}}: one shell word, compared without spaces. */
    private static String normalizeExpressions(String text) {
        Matcher matcher = GITHUB_EXPRESSION.matcher(text);
        StringBuilder normalized = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(normalized,
                    Matcher.quoteReplacement("${{" + matcher.group(1).replaceAll("[\\s'\"]", "") + "}}"));
        }
        return matcher.appendTail(normalized).toString();
    }

    private static String compact(String expression) {
        return expression.replaceAll("\\s+", "");
    }

    // ---------------------------------------------------------------- shell commands

    private static List<Command> commands(List<Script> scripts) {
        List<Command> commands = new ArrayList<>();
        for (Script script : scripts) {
            for (String line : joinContinuations(script.text()).split("\n")) {
                for (List<String> words : simpleCommands(line)) {
                    commands.add(new Command(script.where(), words, script.env()));
                }
            }
        }
        return commands;
    }

    private static List<Command> gen2Calls(List<Script> scripts) {
        return gen2CallsAmong(commands(scripts));
    }

    private static List<Command> gen2CallsAmong(List<Command> commands) {
        return commands.stream().filter(command -> gen2Index(command.words()) >= 0).toList();
    }

    private static List<Command> cdkCalls(List<Script> scripts) {
        return commands(scripts).stream().filter(command -> command.words().stream()
                .anyMatch(word -> word.startsWith("aws-cdk") || word.equals("cdk"))).toList();
    }

    /**
     * The index of the {@code gen2.sh} word when the command runs it ({@code bash .../gen2.sh ...},
     * {@code ./gen2.sh ...}, after variable assignments), else -1.
     */
    private static int gen2Index(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.endsWith("gen2.sh")) {
                return i;
            }
            if (!(Set.of("bash", "sh", "exec", "env", "time").contains(word) || word.matches("[A-Za-z_]\\w*=.*"))) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean isSubcommand(Command call, String name) {
        List<String> args = call.gen2Args();
        return !args.isEmpty() && args.get(0).equals(name);
    }

    /** Joins lines ending with an odd number of backslashes (a shell line continuation) to the next. */
    static String joinContinuations(String script) {
        StringBuilder joined = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            int backslashes = 0;
            while (backslashes < line.length() && line.charAt(line.length() - 1 - backslashes) == '\\') {
                backslashes++;
            }
            if (backslashes % 2 == 1) {
                joined.append(line, 0, line.length() - 1).append(' ');
            } else {
                joined.append(line).append('\n');
            }
        }
        return joined.toString();
    }

    /** One line as shell words, split into simple commands at unquoted {@code ; & | && ||}; a comment ends it. */
    static List<List<String>> simpleCommands(String line) {
        List<List<String>> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed ' in: " + line);
                }
                word.append(line, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                i++;
                while (i < line.length() && line.charAt(i) != '"') {
                    if (line.charAt(i) == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                        i++;
                    }
                    word.append(line.charAt(i++));
                }
                if (i >= line.length()) {
                    throw new IllegalArgumentException("unclosed \" in: " + line);
                }
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (c == '#' && !inWord) {
                break;
            } else if (Character.isWhitespace(c) || c == ';' || c == '&' || c == '|') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                if (!Character.isWhitespace(c) && !words.isEmpty()) {
                    commands.add(words);
                    words = new ArrayList<>();
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (!words.isEmpty()) {
            commands.add(words);
        }
        return commands;
    }

    private static List<String> words(String line) {
        List<List<String>> commands = simpleCommands(line);
        assertThat(commands).hasSize(1);
        return commands.get(0);
    }

    // ---------------------------------------------------------------- small helpers

    private static Command single(List<Command> commands, Predicate<Command> filter) {
        List<Command> matching = commands.stream().filter(filter).toList();
        assertThat(matching).as("matching commands among %s", commands.stream().map(Command::words).toList())
                .hasSize(1);
        return matching.get(0);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    /** The job of a script's location, {@code job.steps[3]} or {@code job.script[1]}. */
    private static String jobOf(String where) {
        return where.substring(0, where.lastIndexOf('.'));
    }

    private static int stepIndex(String where) {
        assertThat(where).contains(".steps[");
        return Integer.parseInt(where.substring(where.lastIndexOf('[') + 1, where.length() - 1));
    }

    private static int scriptIndex(String where) {
        assertThat(where).contains(".script[");
        return Integer.parseInt(where.substring(where.lastIndexOf('[') + 1, where.length() - 1));
    }

    private static int indexOfUses(List<JsonNode> steps, String prefix) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).path("uses").asText().startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfRun(List<JsonNode> steps, String command) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).path("run").asText().strip().equals(command)) {
                return i;
            }
        }
        return -1;
    }

    /** Where pipeline-deploy writes the outputs: {@code <--outputs-out-dir>/amplify_outputs.json}. */
    private static String outputsPath(Command deploy) {
        String dir = deploy.option("--outputs-out-dir");
        if (dir == null || dir.equals(".") || dir.equals("./")) {
            return OUTPUTS_FILE;
        }
        return dir.replaceAll("/+$", "") + "/" + OUTPUTS_FILE;
    }
}
