package dev.gen2.backend.data;

import dev.gen2.backend.data.ModelShape.IndexShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every resolver of the API, by the model whose table it reads: the model's own operations and index queries, and
 * the relationship fields of other models that resolve to it. Subscriptions run on the API's NONE data source.
 */
final class ResolverPlan {

    /**
     * One pipeline resolver.
     *
     * @param typeName the GraphQL type: {@code Query}, {@code Mutation}, {@code Subscription} or a model
     * @param fieldName the field it resolves
     * @param code the resolver's code, which hands the shared function its configuration
     * @param subscription whether it runs on the NONE data source rather than the model's table
     */
    record PlannedResolver(String typeName, String fieldName, String code, boolean subscription) {
    }

    private ResolverPlan() {
    }

    /** The resolvers of each model's stack, by model name, in declaration order. */
    static Map<String, List<PlannedResolver>> of(Map<String, ModelShape> shapes, Optional<String> identityPoolId) {
        Map<String, List<PlannedResolver>> plan = new LinkedHashMap<>();
        Map<String, ResolverConfigs> configs = new LinkedHashMap<>();
        for (ModelShape shape : shapes.values()) {
            ResolverConfigs config = new ResolverConfigs(shape, identityPoolId);
            configs.put(shape.name(), config);
            List<PlannedResolver> resolvers = new ArrayList<>();
            String name = shape.name();
            resolvers.add(new PlannedResolver("Query", shape.getQuery(), config.operation("get"), false));
            resolvers.add(new PlannedResolver("Query", shape.listQuery(), config.operation("list"), false));
            for (String verb : ModelShape.MUTATION_VERBS) {
                resolvers.add(new PlannedResolver("Mutation", shape.mutation(verb), config.operation(verb), false));
            }
            for (String verb : ModelShape.MUTATION_VERBS) {
                resolvers.add(new PlannedResolver("Subscription", shape.subscription(verb),
                        config.operation("subscribe"), true));
            }
            for (IndexShape index : shape.indexes()) {
                index.queryField().ifPresent(queryField -> resolvers.add(new PlannedResolver("Query", queryField,
                        config.indexQuery(index), false)));
            }
            plan.put(name, resolvers);
        }
        for (ModelShape shape : shapes.values()) {
            shape.model().relationships().forEach((field, relationship) -> plan.get(relationship.relatedModel())
                    .add(new PlannedResolver(shape.name(), field, configs.get(relationship.relatedModel())
                            .relationship(shape, field, relationship), false)));
        }
        return plan;
    }
}
