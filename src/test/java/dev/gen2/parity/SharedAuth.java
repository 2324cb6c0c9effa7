package dev.gen2.parity;

import dev.gen2.backend.auth.AuthResource;

/** The auth most cases share: {@code src/test/parity/cases/shared/amplify/auth/resource.ts} in Java. */
final class SharedAuth {
    static final AuthResource.Factory AUTH = AuthResource.define(auth -> auth.loginWithEmail().groups("ADMINS"));

    private SharedAuth() {
    }
}
