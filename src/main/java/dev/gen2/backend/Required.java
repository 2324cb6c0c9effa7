package dev.gen2.backend;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks of what the public API is given: a missing (null) argument fails as a {@link BackendConfigException} that
 * says where and how to give it, never as a {@code NullPointerException} from deep inside a builder or CDK.
 */
public final class Required {

    private Required() {
    }

    /**
     * The value, unless it is null.
     *
     * @param where the part of the definition, such as {@code auth.triggers.PRE_SIGN_UP}
     * @param what the argument, as the message names it, such as {@code The trigger function}
     * @param fix how to give it
     */
    public static <T> T argument(T value, String where, String what, String fix) {
        if (value == null) {
            throw missing(where, what, fix);
        }
        return value;
    }

    /** The values of a varargs parameter as a list, unless the array or any value in it is null. */
    @SafeVarargs
    public static <T> List<T> each(String where, String what, String fix, T... values) {
        if (values == null) {
            throw missing(where, what, fix);
        }
        List<T> list = new ArrayList<>(values.length);
        for (T value : values) {
            list.add(argument(value, where, what, fix));
        }
        return List.copyOf(list);
    }

    private static BackendConfigException missing(String where, String what, String fix) {
        return new BackendConfigException(where, what + " is null.", fix);
    }
}
