package dev.gen2.guard;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.DeploymentType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The guard every deploy passes before anything reaches CloudFormation: it compares the assembly about to be
 * deployed with what is deployed (or with a baseline assembly) and, for a branch or standalone backend, refuses any
 * change that would delete or replace a stateful resource unless {@code --allow-replacement} names that resource.
 * A sandbox only warns: it is the developer's own, and deleting its data is how one starts over. A change that
 * cannot be made to the deployed resource (Cognito's fixed settings, a named table's new key) is refused everywhere
 * and cannot be allowed: the deploy would only fail and roll back.
 */
public final class DataLossGuard {
    private final Baseline baseline;
    private final List<String> allowReplacement;
    private final Consumer<String> out;

    /** Where the templates to compare against come from: what is deployed, or a baseline assembly. */
    @FunctionalInterface
    public interface Baseline {
        /** The templates of the stack {@code stackName} as deployed; empty when it is not deployed yet. */
        Optional<StackTemplates> templates(String stackName);

        /** A baseline cloud assembly directory, whatever stack name it was synthesized for. */
        static Baseline assembly(Path directory) {
            return stackName -> Optional.of(StackTemplates.fromAssembly(directory));
        }
    }

    /**
     * What the guard decided.
     *
     * @param refused the findings that stop the deploy
     * @param allowed the findings {@code --allow-replacement} let through
     * @param warned the findings of a sandbox, printed and let through
     */
    public record Verdict(List<Finding> refused, List<Finding> allowed, List<Finding> warned) {
        public boolean passes() {
            return refused.isEmpty();
        }
    }

    /**
     * @param allowReplacement the resources whose loss is intended (address, logical id or construct path)
     * @param out receives the guard's lines
     */
    public DataLossGuard(Baseline baseline, List<String> allowReplacement, Consumer<String> out) {
        this.baseline = baseline;
        this.allowReplacement = List.copyOf(allowReplacement);
        this.out = out;
    }

    /**
     * Checks the assembly about to be deployed; prints what it found and returns the verdict, or throws the
     * refusal (one message naming every resource, what would be lost and the safe way) when it refuses.
     */
    public Verdict check(Path assembly) {
        StackTemplates proposed = StackTemplates.fromAssembly(assembly);
        Optional<StackTemplates> deployed = baseline.templates(proposed.stackName());
        if (deployed.isEmpty()) {
            out.accept("[gen2] check: " + proposed.stackName() + " is not deployed yet; nothing to lose.");
            return new Verdict(List.of(), List.of(), List.of());
        }
        List<Finding> findings = DataLossCheck.compare(deployed.get(), proposed);
        DeploymentType type = deploymentType(proposed.stackName());
        List<Finding> refused = new ArrayList<>();
        List<Finding> allowed = new ArrayList<>();
        List<Finding> warned = new ArrayList<>();
        for (Finding finding : findings) {
            boolean named = allowReplacement.stream().anyMatch(finding::isNamedBy);
            if (named && finding.canBeAllowed()) {
                allowed.add(finding);
                out.accept("[gen2] check: allowed by --allow-replacement: " + finding.message());
            } else if (type == DeploymentType.SANDBOX && finding.canBeAllowed()) {
                warned.add(finding);
                out.accept("[gen2] warning: " + finding.message());
            } else {
                refused.add(finding);
            }
        }
        allowReplacement.stream().filter(value -> findings.stream().noneMatch(finding -> finding.isNamedBy(value)))
                .forEach(value -> out.accept("[gen2] check: --allow-replacement " + value + " names no resource"
                        + " this deploy deletes or replaces."));
        if (!refused.isEmpty()) {
            throw new BackendConfigException("check " + proposed.stackName(), "Refused: deploying this to the "
                    + type.value() + " backend would lose data or fail:\n" + refused.stream()
                            .map(finding -> "  - " + finding.message()).collect(Collectors.joining("\n")) + "\n",
                    "make each change the safe way its line gives; to lose a resource's data on purpose, pass"
                            + " --allow-replacement naming it (a change that would fail cannot be allowed).");
        }
        if (findings.isEmpty()) {
            out.accept("[gen2] check: no stateful resource (" + StatefulType.allNouns() + ") is deleted or"
                    + " replaced.");
        }
        return new Verdict(refused, allowed, warned);
    }

    /**
     * The deployment type in an Amplify stack name ({@code amplify-<namespace>-<name>-<type>-<hash>}); a stack not
     * named so is treated as standalone, the strict way.
     */
    static DeploymentType deploymentType(String stackName) {
        String[] parts = stackName.split("-");
        String value = parts.length >= 5 ? parts[parts.length - 2] : "";
        return Arrays.stream(DeploymentType.values()).filter(type -> type.value().equals(value)).findFirst()
                .orElse(DeploymentType.STANDALONE);
    }
}
