package dev.gen2.cli;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.deploy.SandboxLock;
import dev.gen2.localaws.LocalAws;
import dev.gen2.localaws.LocalSchedules;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gen2 sandbox schedules [--run NAME]}: the schedules of the project's running local sandbox
 * ({@code sandbox --local}) with their next due time, or one fired now with its function's answer printed. The
 * sandbox is found through the project's sandbox lock; its local AWS answers on {@link LocalAws#SANDBOX_PORT}.
 */
@Command(name = "schedules", mixinStandardHelpOptions = true, description = "List the running local sandbox's"
        + " schedules with their next due time, or fire one now.")
final class SandboxSchedulesCommand implements Callable<Integer> {
    /** Where the local sandbox's AWS answers; replaced by tests. */
    static URI endpoint = URI.create("http://localhost:" + LocalAws.SANDBOX_PORT);

    @Spec
    private CommandSpec spec;

    @Option(names = "--run", paramLabel = "NAME", description = "Fire the schedule NAME now (whatever its state)"
            + " and print its function's answer.")
    private String run;

    @Override
    public Integer call() throws IOException, InterruptedException {
        SandboxLock.Holder sandbox = SandboxLock.holder(Path.of("")).orElseThrow(() -> new BackendConfigException(
                "sandbox schedules", "No sandbox of this project is running.",
                "start one with `gen2 sandbox --local` in another terminal, then run this again."));
        if (!sandbox.local()) {
            throw new BackendConfigException("sandbox schedules", "The running " + sandbox.describe()
                    + " deploys to AWS, where EventBridge Scheduler fires the schedules.",
                    "run it with --local to fire schedules on your machine.");
        }
        PrintWriter out = spec.commandLine().getOut();
        LocalSchedules schedules = new LocalSchedules(endpoint);
        try {
            return run == null ? list(schedules.list(), out) : run(schedules.run(run), out);
        } catch (LocalSchedules.LocalSchedulesException e) {
            throw new BackendConfigException("sandbox schedules", e.getMessage(), "check the name with"
                    + " `gen2 sandbox schedules`.");
        } catch (ConnectException e) {
            throw new BackendConfigException("sandbox schedules", "The local AWS of " + sandbox.describe()
                    + " does not answer at " + endpoint + ".", "wait until it has started, then run this again.");
        }
    }

    private static int list(List<LocalSchedules.Schedule> schedules, PrintWriter out) {
        if (schedules.isEmpty()) {
            out.println("The local sandbox has no schedules.");
            return 0;
        }
        out.printf("%-40s %-28s %-9s %s%n", "SCHEDULE", "EXPRESSION", "STATE", "NEXT DUE (UTC)");
        for (LocalSchedules.Schedule schedule : schedules) {
            String next = schedule.problem().map(p -> "never: " + p)
                    .orElse(schedule.state().equals("ENABLED") ? schedule.nextDue().orElse("never") : "-");
            out.printf("%-40s %-28s %-9s %s%n", schedule.name(), schedule.expression()
                    + ("UTC".equals(schedule.timezone()) ? "" : " " + schedule.timezone()), schedule.state(), next);
        }
        return 0;
    }

    private static int run(LocalSchedules.Run fired, PrintWriter out) {
        out.println(fired.payload());
        fired.functionError().ifPresent(error -> out.println("The function " + fired.function() + " failed ("
                + error + ")."));
        return fired.functionError().isPresent() ? 1 : 0;
    }
}
