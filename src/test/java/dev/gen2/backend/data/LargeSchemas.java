package dev.gen2.backend.data;

import java.util.ArrayList;
import java.util.List;

/** Schemas of many models for the scale test and the benchmark. */
final class LargeSchemas {

    private LargeSchemas() {
    }

    /**
     * {@code models} models in pairs: each {@code ParentN} has many {@code ChildN}, each child belongs to its parent,
     * so half the models carry a has-many and half a belongs-to (one relationship per pair, two resolvers). Every
     * model has an owner rule, a group rule, three fields and a secondary index.
     */
    static Schema pairs(int models) {
        List<Model> all = new ArrayList<>();
        for (int pair = 0; pair < models / 2; pair++) {
            all.add(Model.named("Parent" + pair)
                    .field("title", Field.string().required())
                    .field("rank", Field.integer())
                    .field("status", Field.string())
                    .secondaryIndexes(SecondaryIndex.on("status"))
                    .hasMany("children", "Child" + pair, "parentId")
                    .authorization(AuthRule.owner(), AuthRule.groups("ADMINS").to(Operation.READ)));
            all.add(Model.named("Child" + pair)
                    .field("parentId", Field.id())
                    .field("body", Field.string())
                    .field("status", Field.string())
                    .secondaryIndexes(SecondaryIndex.on("status"))
                    .belongsTo("parent", "Parent" + pair, "parentId")
                    .authorization(AuthRule.owner(), AuthRule.groups("ADMINS").to(Operation.READ)));
        }
        return new Schema(all, List.of(), List.of(), List.of(), List.of());
    }
}
