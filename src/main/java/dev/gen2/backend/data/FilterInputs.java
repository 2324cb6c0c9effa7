package dev.gen2.backend.data;

import java.util.Optional;

/** Which filter inputs a field gets: scalars and enums are filterable, custom types are not. */
final class FilterInputs {

    private FilterInputs() {
    }

    /** The list query's filter and mutation condition input of a field, if it can be filtered on. */
    static Optional<String> filterInput(Field field) {
        if (field.type() instanceof Scalar scalar) {
            return Optional.of(scalar.filterInput());
        }
        if (field.type() instanceof FieldType.EnumRef ref) {
            return Optional.of("Model" + ref.name() + "Input");
        }
        return Optional.empty();
    }

    /** The subscription filter input of a field, if it can be filtered on. */
    static Optional<String> subscriptionInput(Field field) {
        if (field.type() instanceof Scalar scalar) {
            return Optional.of(scalar.subscriptionFilterInput());
        }
        if (field.type() instanceof FieldType.EnumRef) {
            return Optional.of("ModelSubscriptionStringInput");
        }
        return Optional.empty();
    }
}
