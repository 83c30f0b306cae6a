package io.vpcflow.model;

import java.util.List;

/** Constructor checks shared by the model records; each message names the entity. */
final class Checks {
    private Checks() {
    }

    static String id(String id, String kind) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(kind + " has no id");
        }
        return id;
    }

    static <T> T required(T value, String entity, String field) {
        if (value == null) {
            throw new IllegalArgumentException(entity + " has no " + field);
        }
        return value;
    }

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
