package dev.gen2.backend.data;

import java.util.List;
import java.util.Optional;

/**
 * A secondary index of a model, Amplify's {@code index('status').sortKeys(['priority', 'createdAt'])}: a DynamoDB
 * global secondary index and a query field to read it.
 *
 * <p>Several sort key fields make, as in Amplify, a composite sort key: one string attribute
 * {@code priority#createdAt} holding the joined values, kept in sync on create and update. With
 * {@link #multiAttributeKeys()} (DynamoDB's multi-attribute keys, which Amplify lacks), the index is keyed on the
 * fields themselves, with their own types, no joined attribute, and up to four partition key fields.
 *
 * @param partitionKeys the fields the index is partitioned on: one, or up to four with multi-attribute keys
 * @param sortKeys the index's sort key fields, in order
 * @param multiAttribute whether the index uses DynamoDB's multi-attribute keys instead of a joined attribute
 * @param name the index name; Amplify's default is {@code <models>By<Field>And<SortKey>}
 * @param queryField the query reading the index; Amplify's default is {@code list<Model>By<Field>And<SortKey>}
 */
public record SecondaryIndex(List<String> partitionKeys, List<String> sortKeys, boolean multiAttribute,
        Optional<String> name, Optional<String> queryField) {

    /** DynamoDB's limit on the attributes of a multi-attribute partition key, and of its sort key. */
    public static final int MAX_KEY_ATTRIBUTES = 4;

    public SecondaryIndex {
        partitionKeys = List.copyOf(partitionKeys);
        sortKeys = List.copyOf(sortKeys);
    }

    /** An index partitioned on one field, or, with {@link #multiAttributeKeys()}, on up to four. */
    public static SecondaryIndex on(String... partitionKeys) {
        return new SecondaryIndex(List.of(partitionKeys), List.of(), false, Optional.empty(), Optional.empty());
    }

    public SecondaryIndex sortKeys(String... fields) {
        return new SecondaryIndex(partitionKeys, List.of(fields), multiAttribute, name, queryField);
    }

    /**
     * Keys the index on the fields themselves, with DynamoDB's multi-attribute keys (November 2025): up to four
     * partition key and four sort key fields, each stored as itself, queried with equality on every partition key
     * field and on the leading sort key fields, and a range condition on the last one given.
     */
    public SecondaryIndex multiAttributeKeys() {
        return new SecondaryIndex(partitionKeys, sortKeys, true, name, queryField);
    }

    public SecondaryIndex name(String indexName) {
        return new SecondaryIndex(partitionKeys, sortKeys, multiAttribute, Optional.of(indexName), queryField);
    }

    public SecondaryIndex queryField(String fieldName) {
        return new SecondaryIndex(partitionKeys, sortKeys, multiAttribute, name, Optional.of(fieldName));
    }

    /** The first partition key field, the only one without multi-attribute keys. */
    public String partitionKey() {
        return partitionKeys.isEmpty() ? null : partitionKeys.get(0);
    }
}
