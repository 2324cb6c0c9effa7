package dev.gen2.backend.auth;

import java.time.Duration;
import java.util.Optional;

/**
 * How long the app client's tokens last. Amplify leaves Cognito's defaults (access and ID tokens one hour,
 * refresh token 30 days, sign-in session 3 minutes); here each can be set. Empty keeps Cognito's default.
 */
public record TokenValidity(Optional<Duration> accessToken, Optional<Duration> idToken,
        Optional<Duration> refreshToken, Optional<Duration> authSession) {

    public static TokenValidity cognitoDefaults() {
        return new TokenValidity(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** 5 minutes to 1 day. */
    public TokenValidity withAccessToken(Duration duration) {
        return new TokenValidity(Optional.of(duration), idToken, refreshToken, authSession);
    }

    /** 5 minutes to 1 day. */
    public TokenValidity withIdToken(Duration duration) {
        return new TokenValidity(accessToken, Optional.of(duration), refreshToken, authSession);
    }

    /** 1 hour to 10 years, and longer than the access and ID tokens. */
    public TokenValidity withRefreshToken(Duration duration) {
        return new TokenValidity(accessToken, idToken, Optional.of(duration), authSession);
    }

    /** 3 to 15 minutes: how long a sign-in may take between its steps. */
    public TokenValidity withAuthSession(Duration duration) {
        return new TokenValidity(accessToken, idToken, refreshToken, Optional.of(duration));
    }
}
