package dev.gen2.backend.data;

import java.util.List;
import java.util.Optional;

/**
 * A secondary index of a model, Amplify's {@code index('email').sortKeys(['createdAt'])}: a DynamoDB global
 * secondary index and a query field to read it.
 *
 * @param partitionKey the field the index is keyed on
 * @param sortKeys the index's sort key field; Amplify allows several, this library one at most
 * @param name the index name; Amplify's default is {@code <models>By<Field>And<SortKey>}
 * @param queryField the query reading the index; Amplify's default is {@code list<Model>By<Field>And<SortKey>}
 */
public record SecondaryIndex(String partitionKey, List<String> sortKeys, Optional<String> name,
        Optional<String> queryField) {

    public SecondaryIndex {
        sortKeys = List.copyOf(sortKeys);
    }

    public static SecondaryIndex on(String partitionKey) {
        return new SecondaryIndex(partitionKey, List.of(), Optional.empty(), Optional.empty());
    }

    public SecondaryIndex sortKeys(String... fields) {
        return new SecondaryIndex(partitionKey, List.of(fields), name, queryField);
    }

    public SecondaryIndex name(String indexName) {
        return new SecondaryIndex(partitionKey, sortKeys, Optional.of(indexName), queryField);
    }

    public SecondaryIndex queryField(String fieldName) {
        return new SecondaryIndex(partitionKey, sortKeys, name, Optional.of(fieldName));
    }
}
