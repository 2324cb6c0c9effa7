package dev.gen2.backend.storage;

import java.util.List;
import java.util.Locale;

/** What an access rule allows on a path: Amplify's {@code read}, {@code get}, {@code list}, {@code write}, {@code delete}. */
public enum StorageAction {
    /** {@code get} and {@code list}. */
    READ,
    /** Download objects: {@code s3:GetObject}. */
    GET,
    /** List objects under the path: {@code s3:ListBucket} with an {@code s3:prefix} condition. */
    LIST,
    /** Upload objects: {@code s3:PutObject}. */
    WRITE,
    /** Delete objects: {@code s3:DeleteObject}. */
    DELETE;

    /** The actions this stands for, {@code read} being {@code get} and {@code list}. */
    List<StorageAction> expanded() {
        return this == READ ? List.of(GET, LIST) : List.of(this);
    }

    /** The name in {@code amplify_outputs.json}, such as {@code get}. */
    String outputName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
