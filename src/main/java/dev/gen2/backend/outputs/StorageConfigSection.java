package dev.gen2.backend.outputs;

import dev.gen2.backend.outputs.BackendOutput.Entry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code storage} section, from the {@code AWS::Amplify::Storage} outputs: the default bucket, and from 1.1
 * every bucket, with its path rules from 1.2.
 *
 * <p>Amplify writes each path's group and owner rules under the keys {@code groups<Name>} and
 * {@code entityidentity}, which the 1.2 and 1.3 schemas reject (they allow only {@code groups} and
 * {@code entity}). For those two versions we write the schema's keys ({@code groups} holding the actions of any
 * group); from 1.4, whose schema allows them, Amplify's own keys.
 */
final class StorageConfigSection {

    private StorageConfigSection() {
    }

    static Map<String, Object> build(Entry storage, ClientConfigVersion version) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("aws_region", storage.field("storageRegion").orElse(""));
        section.put("bucket_name", storage.field("bucketName").orElse(""));
        if (!version.atLeast(ClientConfigVersion.V1_1)) {
            return section;
        }
        List<Object> buckets = new ArrayList<>();
        for (Object item : (List<?>) JsonText.parse(storage.field("buckets").filter(v -> !v.isEmpty()).orElse("[]"))) {
            Map<?, ?> recorded = item instanceof String text ? JsonText.parseObject(text) : (Map<?, ?>) item;
            Map<String, Object> bucket = new LinkedHashMap<>();
            bucket.put("name", recorded.get("name"));
            bucket.put("bucket_name", recorded.get("bucketName"));
            bucket.put("aws_region", recorded.get("storageRegion"));
            if (version.atLeast(ClientConfigVersion.V1_2) && recorded.get("paths") instanceof Map<?, ?> paths) {
                bucket.put("paths", version.atLeast(ClientConfigVersion.V1_4) ? paths : schemaKeys(paths));
            }
            buckets.add(bucket);
        }
        section.put("buckets", buckets);
        return section;
    }

    /** Path rules with the 1.2 and 1.3 schemas' keys: {@code groups<Name>} into groups, entity rules into entity. */
    private static Map<String, Object> schemaKeys(Map<?, ?> paths) {
        Map<String, Object> converted = new LinkedHashMap<>();
        paths.forEach((path, rule) -> {
            Map<String, Set<Object>> merged = new LinkedHashMap<>();
            ((Map<?, ?>) rule).forEach((key, actions) -> {
                String name = key.toString();
                String schemaKey = name.startsWith("groups") ? "groups" : name.startsWith("entity") ? "entity" : name;
                merged.computeIfAbsent(schemaKey, k -> new LinkedHashSet<>()).addAll((List<?>) actions);
            });
            Map<String, Object> schemaRule = new LinkedHashMap<>();
            merged.forEach((key, actions) -> schemaRule.put(key, new ArrayList<>(actions)));
            converted.put(path.toString(), schemaRule);
        });
        return converted;
    }
}
