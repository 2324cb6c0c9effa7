package dev.gen2.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deploy, destroy or bootstrap the CDK toolkit could not finish, as one line: what went wrong and how to fix it.
 * The common CloudFormation and CDK failures (Amplify maps them in its {@code cdk_error_mapper}) are recognized in
 * the toolkit's output; anything else keeps the toolkit's own last error line.
 */
public final class DeployFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("(?:/cdk-bootstrap/hnb659fds/version|has the environment been bootstrapped"
                    + "|bootstrap stack|Is this account bootstrapped)", Pattern.CASE_INSENSITIVE),
                    m -> new DeployFailure("bootstrap", "This account and region are not bootstrapped for the CDK.",
                            "run `npx --yes aws-cdk@" + CdkToolkit.CLI_VERSION + " bootstrap aws://<account>/<region>`"
                                    + " once (or the Amplify console's bootstrap page), then deploy again.")),
            new Rule(Pattern.compile("(ExpiredToken|security token included in the request is (?:expired|invalid)"
                    + "|InvalidClientTokenId|Unable to resolve AWS account to use|no credentials have been configured"
                    + "|SignatureDoesNotMatch)"),
                    m -> new DeployFailure("AWS credentials", "The AWS credentials are missing, expired or invalid ("
                            + m.group(1) + ").", "refresh them (aws sso login, or new keys) or pass --profile,"
                                    + " then deploy again.")),
            new Rule(Pattern.compile("(\\S+) (?:is in|in) (\\w*ROLLBACK_FAILED) state"),
                    m -> new DeployFailure("stack " + m.group(1), "The stack is in " + m.group(2) + ": an earlier"
                            + " failed deploy could not be rolled back.", "continue the rollback (aws cloudformation"
                                    + " continue-update-rollback --stack-name " + m.group(1) + ", skipping the"
                                    + " resources that cannot roll back), then deploy again.")),
            new Rule(Pattern.compile("Updates are not allowed for property - (\\w+)"),
                    m -> new DeployFailure("user pool", "The property " + m.group(1) + " of the user pool cannot"
                            + " change on an existing pool: Cognito does not allow it, so the deploy was rolled back"
                            + " and the pool and its users are unchanged.", "undo that change to the auth definition;"
                                    + " a new sign-in setup needs a new pool and a migration of its users.")),
            new Rule(Pattern.compile("(Unable to find backend secret for backend '[^']*', branch '[^']*', name '([^']+)')"),
                    m -> new DeployFailure("secret " + m.group(2), m.group(1) + ".",
                            "set it with `gen2 sandbox secret set " + m.group(2) + "` (a branch: aws ssm put-parameter"
                                    + " at the path docs/developer-loop.md gives under Secrets), then deploy again.")),
            new Rule(Pattern.compile("(LimitExceeded\\w*|limit exceeded[^.\\n]*|Maximum number of [^.\\n]*)",
                    Pattern.CASE_INSENSITIVE),
                    m -> new DeployFailure("AWS limits", "An AWS service limit was reached: " + m.group(1) + ".",
                            "delete what you no longer use (old sandboxes: gen2 sandbox delete), or ask AWS for a"
                                    + " higher quota, then deploy again.")));

    private final String where;
    private final String problem;
    private final String fix;

    public DeployFailure(String where, String problem, String fix) {
        super(where + ": " + problem + " Fix: " + fix);
        this.where = where;
        this.problem = problem;
        this.fix = fix;
    }

    /**
     * The failure the toolkit's output shows, or its own last error line when none is recognized (then the fix points
     * at {@code log}, where the whole output is).
     */
    static DeployFailure from(String step, String output, Path log) {
        for (Rule rule : RULES) {
            Optional<DeployFailure> failure = rule.match(output);
            if (failure.isPresent()) {
                return failure.get();
            }
        }
        return new DeployFailure("cdk " + step, lastErrorLine(output), "see the CDK CLI's output in " + log
                + " (its last lines are above).");
    }

    public String where() {
        return where;
    }

    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }

    private static String lastErrorLine(String output) {
        List<String> lines = output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (line.contains("❌") || line.startsWith("Error") || line.contains("failed") || line.contains("FAILED")) {
                return line.replace("❌", "").strip();
            }
        }
        return lines.isEmpty() ? "The CDK CLI failed without a message." : lines.get(lines.size() - 1);
    }

    private record Rule(Pattern pattern, Function<Matcher, DeployFailure> failure) {
        Optional<DeployFailure> match(String output) {
            Matcher matcher = pattern.matcher(output);
            return matcher.find() ? Optional.of(failure.apply(matcher)) : Optional.empty();
        }
    }
}
