package dev.gen2.guard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares the templates a backend is deployed with and the ones a deploy would send, and finds every change that
 * would delete or replace a {@link StatefulType stateful resource}, or that Cognito refuses on an existing user pool.
 * Reads templates only; decides nothing (see {@link DataLossGuard}).
 */
public final class DataLossCheck {
    private DataLossCheck() {
    }

    /** The findings, in the deployed templates' order. */
    public static List<Finding> compare(StackTemplates deployed, StackTemplates proposed) {
        Map<String, StackTemplates.Resource> proposedByAddress = proposed.resources().stream()
                .collect(Collectors.toMap(StackTemplates.Resource::address, Function.identity()));
        Map<String, StackTemplates.Resource> deployedByAddress = deployed.resources().stream()
                .collect(Collectors.toMap(StackTemplates.Resource::address, Function.identity()));
        List<Finding> findings = new ArrayList<>();
        for (StackTemplates.Resource before : deployed.resources()) {
            Optional<StatefulType> stateful = StatefulType.of(before.type());
            if (stateful.isEmpty()) {
                continue;
            }
            StatefulType type = stateful.get();
            StackTemplates.Resource after = proposedByAddress.get(before.address());
            if (after == null) {
                findings.add(new Finding(before, type, Finding.Change.DELETED, whereItWent(type, proposed,
                        deployedByAddress)));
            } else if (!after.type().equals(before.type())) {
                findings.add(new Finding(before, type, Finding.Change.DELETED, "its logical id now holds a "
                        + after.type()));
            } else {
                replacement(type, before.properties(), after.properties()).ifPresent(reason -> findings.add(
                        fixedName(type, before.properties(), after.properties())
                                .map(name -> new Finding(before, type, Finding.Change.UPDATE_FAILS, reason
                                        + "; CloudFormation cannot replace a resource whose name is given (" + name
                                        + ")"))
                                .orElseGet(() -> new Finding(before, type, Finding.Change.REPLACED, reason))));
                if (type == StatefulType.USER_POOL) {
                    List<String> refusals = CognitoUpdateRules.refusals(before.properties(), after.properties());
                    if (!refusals.isEmpty()) {
                        findings.add(new Finding(before, type, Finding.Change.UPDATE_FAILS, String.join("; ",
                                refusals)));
                    }
                }
            }
        }
        return findings;
    }

    /** The reason a resource would be replaced: the replacing properties that change, with their sources. */
    private static Optional<String> replacement(StatefulType type, JsonNode before, JsonNode after) {
        List<String> changed = new ArrayList<>();
        ReplacingProperties.of(type).forEach((property, sources) -> {
            if (!Objects.equals(before.get(property), after.get(property))) {
                changed.add(property + " changes, and a change to it creates a new resource (" + String.join(", ",
                        sources) + ")");
            }
        });
        return changed.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", changed));
    }

    /** The name property a resource keeps while being replaced, which makes CloudFormation fail the update. */
    private static Optional<String> fixedName(StatefulType type, JsonNode before, JsonNode after) {
        return type.nameProperty().filter(name -> before.has(name) && Objects.equals(before.get(name),
                after.get(name)));
    }

    /** Why a resource's address disappears: renamed or moved when a new one of its type appears, else removed. */
    private static String whereItWent(StatefulType type, StackTemplates proposed,
            Map<String, StackTemplates.Resource> deployedByAddress) {
        List<String> newOnes = proposed.resources().stream()
                .filter(resource -> resource.type().equals(type.cloudFormationType()))
                .map(StackTemplates.Resource::address)
                .filter(address -> !deployedByAddress.containsKey(address))
                .toList();
        return newOnes.isEmpty() ? "it is no longer in the backend"
                : "renamed or moved: a new " + type.noun() + " " + String.join(", ", newOnes) + " takes its place";
    }
}
