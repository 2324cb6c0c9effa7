package dev.gen2.backend.auth;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.BackendId;
import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.ResourceNames;
import dev.gen2.backend.auth.AuthSettings.PreferredChallenge;
import dev.gen2.backend.auth.IdentityProvider.Oidc;
import dev.gen2.backend.auth.Senders.SesEmail;
import dev.gen2.backend.auth.Senders.SnsSms;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every check Amplify makes of {@code defineAuth}, with Amplify's messages, plus checks of the options it lacks,
 * so that a bad definition fails before anything is synthesized or deployed.
 */
final class AuthValidator {
    private static final Pattern RELYING_PARTY_ID = Pattern.compile(
            "^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*$");
    private static final Pattern DOMAIN_PREFIX = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$");
    private static final Pattern LINK_PLACEHOLDER = Pattern.compile("\\{##[^#]+?##}");
    private static final Pattern GROUP_NAME = Pattern.compile("^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}$");
    private static final Pattern CUSTOM_ATTRIBUTE_NAME = Pattern.compile("^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,20}$");

    private AuthValidator() {
    }

    /** Checks what the settings alone decide. */
    static void validate(AuthSettings settings) {
        settings.name().ifPresent(name -> ResourceNames.validate("auth.name", name));
        requireLoginMethod(settings);
        settings.email().ifPresent(AuthValidator::validateEmail);
        settings.phone().ifPresent(AuthValidator::validatePhone);
        settings.multifactor().ifPresent(mfa -> validateMultifactor(mfa, settings));
        settings.externalProviders().ifPresent(AuthValidator::validateExternalProviders);
        validateWebAuthn(settings);
        validatePreferredChallenge(settings);
        validateSenders(settings.senders());
        validateAttributes(settings.userAttributes());
        validateGroups(settings.groups());
        settings.access().stream().filter(rule -> rule.actions().isEmpty()).findFirst().ifPresent(rule ->
                fail("auth.access", "At least one action must be specified.",
                        "give each access rule one or more AuthAction values."));
        validatePasswordPolicy(settings.passwordPolicy());
        validateTokenValidity(settings.tokenValidity());
    }

    /** Checks what depends on where the backend is deployed. */
    static void validateFor(AuthSettings settings, BackendId backendId) {
        settings.webAuthn().filter(webAuthn -> WebAuthn.AUTO.equals(webAuthn.relyingPartyId()))
                .filter(webAuthn -> backendId.type() == DeploymentType.STANDALONE)
                .ifPresent(webAuthn -> fail("auth.loginWith.webAuthn.relyingPartyId",
                        "WebAuthn relyingPartyId \"AUTO\" is not supported for standalone deployments because there"
                                + " is no Amplify Hosting domain to resolve against.",
                        "set WebAuthn.forDomain(\"your-app.example.com\") to the domain your frontend is served from."));
    }

    private static void requireLoginMethod(AuthSettings settings) {
        if (settings.email().isEmpty() && settings.phone().isEmpty()) {
            fail("auth.loginWith", "At least one of email or phone must be enabled.",
                    "call loginWithEmail() or loginWithPhone() (or both).");
        }
    }

    private static void validateEmail(EmailLogin email) {
        boolean linkStyle = email.verificationStyle().filter(EmailLogin.VerificationStyle.LINK::equals).isPresent();
        email.verificationBody().ifPresent(body -> {
            if (linkStyle && !LINK_PLACEHOLDER.matcher(body).find()) {
                fail("auth.loginWith.email.verificationEmailBody",
                        "Invalid email settings. Property 'verificationEmailBody' must utilize the 'link' parameter at"
                                + " least once as a placeholder for the verification link.",
                        "put Placeholders.link() or Placeholders.link(\"text\") in the body.");
            }
            if (!linkStyle && !body.contains(Placeholders.CODE)) {
                fail("auth.loginWith.email.verificationEmailBody",
                        "Invalid email settings. Property 'verificationEmailBody' must utilize the 'code' parameter at"
                                + " least once as a placeholder for the verification code.",
                        "put Placeholders.CODE (" + Placeholders.CODE + ") in the body.");
            }
        });
    }

    private static void validatePhone(PhoneLogin phone) {
        phone.verificationMessage().filter(message -> !message.contains(Placeholders.CODE)).ifPresent(message ->
                fail("auth.loginWith.phone.verificationMessage",
                        "Invalid phone settings. Property 'verificationMessage' must utilize the 'code' parameter at"
                                + " least once as a placeholder for the verification code.",
                        "put Placeholders.CODE (" + Placeholders.CODE + ") in the message."));
    }

    private static void validateMultifactor(Multifactor mfa, AuthSettings settings) {
        if (mfa.mode() == Multifactor.Mode.OFF) {
            return;
        }
        if (!mfa.anyFactor()) {
            fail("auth.multifactor", "MFA mode " + mfa.mode() + " needs at least one of totp, sms or email.",
                    "add .totp(), .sms() or .email(), or use Multifactor.off().");
        }
        if (settings.phone().isPresent() && !mfa.smsEnabled()) {
            fail("auth.multifactor",
                    "Invalid MFA settings. SMS must be enabled in multiFactor if loginWith phone is enabled",
                    "add .sms() to the multifactor settings, or turn MFA off.");
        }
        mfa.smsMessage().filter(message -> !message.contains(Placeholders.CODE)).ifPresent(message ->
                fail("auth.multifactor.sms.smsMessage",
                        "Invalid MFA settings. Property 'smsMessage' must utilize the 'code' parameter at least once"
                                + " as a placeholder for the verification code.",
                        "put Placeholders.CODE (" + Placeholders.CODE + ") in the message."));
        boolean sesEmail = settings.senders().email().filter(SesEmail.class::isInstance).isPresent();
        if (mfa.emailEnabled() && !sesEmail) {
            fail("auth.multifactor.email",
                    "To enable email-based MFA, set `email` property to the Amazon SES email-sending configuration.",
                    "add emailSender(Senders.SesEmail.from(\"no-reply@your-domain\")) with a verified SES identity.");
        }
        if (mfa.mode() == Multifactor.Mode.REQUIRED && settings.passwordless()) {
            fail("auth.multifactor", "Passwordless authentication (Email OTP, SMS OTP, WebAuthn) cannot be used when"
                            + " MFA is set to REQUIRED.",
                    "set MFA to optional, or turn the passwordless sign-in methods off.");
        }
    }

    private static void validateExternalProviders(ExternalProviders external) {
        if (!external.providers().isEmpty()) {
            if (external.callbackUrls().isEmpty()) {
                fail("auth.loginWith.externalProviders.callbackUrls",
                        "You must define callbackUrls when configuring external login providers.",
                        "call callbackUrls(\"https://your-app.example.com/\", \"http://localhost:3000/\").");
            }
            if (external.logoutUrls().isEmpty()) {
                fail("auth.loginWith.externalProviders.logoutUrls",
                        "You must define logoutUrls when configuring external login providers.",
                        "call logoutUrls(\"https://your-app.example.com/\", \"http://localhost:3000/\").");
            }
        }
        String where = "auth.loginWith.externalProviders";
        external.callbackUrls().forEach(url -> validateRedirectUrl(where + ".callbackUrls", url));
        external.logoutUrls().forEach(url -> validateRedirectUrl(where + ".logoutUrls", url));
        Set<Class<?>> single = new HashSet<>();
        for (IdentityProvider provider : external.providers()) {
            if (!(provider instanceof Oidc) && !single.add(provider.getClass())) {
                fail("auth.loginWith.externalProviders", "The " + provider.getClass().getSimpleName()
                        + " provider is configured twice.", "configure each social provider once.");
            }
        }
        List<String> oidcNames = external.providersOf(Oidc.class).map(Oidc::name).toList();
        Set<String> seen = new HashSet<>();
        for (String name : oidcNames) {
            if (name == null || name.length() < 3 || name.length() > 32) {
                fail("auth.loginWith.externalProviders.oidc", "OIDC provider name '" + name
                        + "' must be 3 to 32 characters long.", "give each OIDC provider a name of 3 to 32 characters.");
            }
            if (!seen.add(name)) {
                fail("auth.loginWith.externalProviders.oidc", "OIDC provider name '" + name + "' is used twice.",
                        "give each OIDC provider a name of its own.");
            }
        }
        external.domainPrefix().ifPresent(AuthValidator::validateDomainPrefix);
        external.customDomain().ifPresent(AuthValidator::validateCustomDomain);
        if (external.domainPrefix().isPresent() && external.customDomain().isPresent()) {
            fail("auth.loginWith.externalProviders", "Both a domain prefix and a custom domain are set.",
                    "choose one: domainPrefix(...) for a Cognito domain, or customDomain(...) for your own.");
        }
    }

    /**
     * Cognito's rules for callback and sign-out URLs: absolute, at most 1024 characters, no fragment, and HTTPS
     * except for {@code http://localhost}; an app's own scheme ({@code myapp://callback/}) is fine for mobile apps.
     */
    private static void validateRedirectUrl(String where, String url) {
        redirectUrlProblem(url).ifPresent(problem -> fail(where, "'" + url + "' is not a URL Cognito accepts: "
                + problem + ".", "give absolute URLs: https://your-app.example.com/, http://localhost:3000/ for"
                        + " local development, or an app's own scheme such as myapp://callback/."));
    }

    private static Optional<String> redirectUrlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of(e.getReason().toLowerCase(Locale.ROOT) + " at index " + e.getIndex());
        }
        if (!uri.isAbsolute()) {
            return Optional.of("it has no scheme (https://, or an app's own such as myapp://)");
        }
        if (url.length() > 1024) {
            return Optional.of("it is longer than 1024 characters");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("it has a fragment (#...)");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if ((scheme.equals("http") || scheme.equals("https")) && (uri.getHost() == null || uri.getHost().isEmpty())) {
            return Optional.of("it has no host");
        }
        if (scheme.equals("http") && !"localhost".equalsIgnoreCase(uri.getHost())) {
            return Optional.of("plain http is allowed for localhost only");
        }
        return Optional.empty();
    }

    private static void validateDomainPrefix(String prefix) {
        if (!DOMAIN_PREFIX.matcher(prefix).matches() || Stream.of("aws", "amazon", "cognito").anyMatch(prefix::contains)) {
            fail("auth.loginWith.externalProviders.domainPrefix", "Invalid Cognito domain prefix '" + prefix + "'.",
                    "use 1 to 63 lower-case letters, digits and hyphens, not starting or ending with a hyphen, and"
                            + " without 'aws', 'amazon' or 'cognito'.");
        }
    }

    private static void validateCustomDomain(ExternalProviders.CustomDomain domain) {
        if (!RELYING_PARTY_ID.matcher(domain.domainName()).matches() || !domain.domainName().contains(".")) {
            fail("auth.loginWith.externalProviders.customDomain", "Invalid custom domain name '"
                    + domain.domainName() + "'.", "give a fully qualified domain name such as auth.example.com.");
        }
        String arn = domain.certificateArn();
        if (arn == null || !arn.startsWith("arn:") || !arn.contains(":acm:")) {
            fail("auth.loginWith.externalProviders.customDomain", "Invalid certificate ARN '" + arn + "'.",
                    "give the ARN of an ACM certificate, arn:aws:acm:us-east-1:<account>:certificate/<id>.");
        }
        String[] parts = arn.split(":");
        if (parts.length < 6 || !"us-east-1".equals(parts[3])) {
            fail("auth.loginWith.externalProviders.customDomain", "The certificate " + arn
                    + " is not in us-east-1; Cognito serves custom domains through CloudFront, which only takes"
                    + " certificates from us-east-1.", "issue or import the certificate in us-east-1 and use its ARN.");
        }
    }

    private static void validateWebAuthn(AuthSettings settings) {
        Optional<WebAuthn> webAuthn = settings.webAuthn();
        if (webAuthn.isEmpty()) {
            return;
        }
        String id = webAuthn.get().relyingPartyId();
        if (id == null || id.contains("://")) {
            fail("auth.loginWith.webAuthn.relyingPartyId", "Invalid relying party ID: \"" + id
                    + "\". Must be a valid domain without protocol.", "give a domain such as example.com, or AUTO.");
        }
        if (!WebAuthn.AUTO.equals(id) && !"localhost".equals(id) && !RELYING_PARTY_ID.matcher(id).matches()) {
            fail("auth.loginWith.webAuthn.relyingPartyId", "Invalid relying party ID: \"" + id
                    + "\". Must be a valid domain format.", "give a domain such as example.com, or AUTO.");
        }
    }

    private static void validatePreferredChallenge(AuthSettings settings) {
        settings.preferredChallenge().ifPresent(challenge -> {
            List<PreferredChallenge> enabled = enabledChallenges(settings);
            if (!enabled.contains(challenge)) {
                fail("auth.passwordlessOptions.preferredChallenge", "Preferred challenge \"" + challenge
                                + "\" is not enabled in your authentication configuration. Enabled challenges: "
                                + enabled.stream().map(Enum::name).collect(Collectors.joining(", "))
                                + ". This will result in a broken authentication flow in the frontend.",
                        "enable that sign-in method, or prefer one of the enabled challenges.");
            }
        });
    }

    static List<PreferredChallenge> enabledChallenges(AuthSettings settings) {
        List<PreferredChallenge> enabled = new ArrayList<>(List.of(PreferredChallenge.PASSWORD));
        if (settings.email().map(EmailLogin::otpLogin).orElse(false)) {
            enabled.add(PreferredChallenge.EMAIL_OTP);
        }
        if (settings.phone().map(PhoneLogin::otpLogin).orElse(false)) {
            enabled.add(PreferredChallenge.SMS_OTP);
        }
        if (settings.webAuthn().isPresent()) {
            enabled.add(PreferredChallenge.WEB_AUTHN);
        }
        return enabled;
    }

    private static void validateSenders(Senders senders) {
        senders.sms().filter(SnsSms.class::isInstance).map(SnsSms.class::cast)
                .filter(sns -> sns.externalId().isPresent() != sns.snsCallerArn().isPresent())
                .ifPresent(sns -> fail("auth.senders.sms", "Both externalId and snsCallerArn are required when"
                        + " providing a custom IAM role. Ensure that your IAM role trust policy have an"
                        + " sts:ExternalId condition and is equal to the externalId value",
                        "use SnsSms.withRole(snsCallerArn, externalId)."));
        Optional<String> emailKey = senders.emailKmsKeyArn();
        Optional<String> smsKey = senders.smsKmsKeyArn();
        if (emailKey.isPresent() && smsKey.isPresent() && !emailKey.equals(smsKey)) {
            fail("auth.senders", "KMS key ARN must be the same for both email and sms senders",
                    "give both custom senders the same kmsKeyArn, or give it to one of them only.");
        }
    }

    private static void validateAttributes(UserAttributes attributes) {
        Set<String> names = new HashSet<>();
        for (CustomAttribute attribute : attributes.custom()) {
            String name = attribute.bareName();
            if (!CUSTOM_ATTRIBUTE_NAME.matcher(name).matches()) {
                fail("auth.userAttributes['custom:" + name + "']", "Invalid custom attribute name '" + name + "'.",
                        "use 1 to 20 letters, digits or punctuation after the custom: prefix.");
            }
            Arrays.stream(StandardAttribute.values()).filter(standard -> standard.cognitoName().equals(name))
                    .findFirst().ifPresent(standard -> fail("auth.userAttributes['custom:" + name + "']",
                            "Custom attribute '" + name + "' has the name of the standard attribute " + name + ".",
                            "use userAttribute(StandardAttribute." + standard.name() + ", required, mutable) for the"
                                    + " standard one, or give the custom attribute another name."));
            if (!names.add(name)) {
                fail("auth.userAttributes['custom:" + name + "']", "Custom attribute '" + name
                        + "' is defined twice.", "define each custom attribute once.");
            }
            attribute.boundsError().ifPresent(error -> fail("auth.userAttributes['custom:" + name + "']", error,
                    "give Number or String attributes least and greatest bounds in order."));
        }
    }

    private static void validateGroups(List<String> groups) {
        Set<String> seen = new HashSet<>();
        for (String group : groups) {
            if (group == null || !GROUP_NAME.matcher(group).matches()) {
                fail("auth.groups", "Invalid group name '" + group + "'.",
                        "use 1 to 128 letters, digits or punctuation, without spaces.");
            }
            if (!seen.add(group)) {
                fail("auth.groups", "Group '" + group + "' is listed twice.", "list each group once.");
            }
        }
    }

    private static void validatePasswordPolicy(PasswordPolicy policy) {
        if (policy.minLength() < 6 || policy.minLength() > 99) {
            fail("auth.passwordPolicy.minLength", "The minimum password length must lie between 6 and 99, found "
                    + policy.minLength() + ".", "choose a length from 6 to 99 (Amplify's is 8).");
        }
        policy.temporaryPasswordValidityDays().ifPresent(days -> {
            if (days < 1 || days > 365) {
                fail("auth.passwordPolicy.temporaryPasswordValidityDays", "Temporary passwords must last 1 to 365"
                        + " days, found " + days + ".", "choose 1 to 365 days (Cognito's default is 7).");
            }
        });
    }

    private static void validateTokenValidity(TokenValidity validity) {
        requireWithin("auth.tokenValidity.accessToken", validity.accessToken(), Duration.ofMinutes(5),
                Duration.ofDays(1));
        requireWithin("auth.tokenValidity.idToken", validity.idToken(), Duration.ofMinutes(5), Duration.ofDays(1));
        requireWithin("auth.tokenValidity.refreshToken", validity.refreshToken(), Duration.ofHours(1),
                Duration.ofDays(3650));
        requireWithin("auth.tokenValidity.authSession", validity.authSession(), Duration.ofMinutes(3),
                Duration.ofMinutes(15));
        validity.refreshToken().ifPresent(refresh -> Stream.of(validity.accessToken(), validity.idToken())
                .flatMap(Optional::stream)
                .filter(token -> token.compareTo(refresh) > 0)
                .findFirst()
                .ifPresent(token -> fail("auth.tokenValidity.refreshToken", "The refresh token (" + refresh
                        + ") must last at least as long as the access and ID tokens (" + token + ").",
                        "lengthen the refresh token or shorten the others.")));
    }

    private static void requireWithin(String where, Optional<Duration> value, Duration least, Duration most) {
        value.filter(duration -> duration.compareTo(least) < 0 || duration.compareTo(most) > 0)
                .ifPresent(duration -> fail(where, "Must lie between " + least + " and " + most + ", found "
                        + duration + ".", "choose a duration from " + least + " to " + most + "."));
        value.filter(duration -> duration.toSeconds() % 60 != 0)
                .ifPresent(duration -> fail(where, "Token validity is set in whole minutes, found " + duration + ".",
                        "give a whole number of minutes."));
    }

    private static void fail(String where, String problem, String fix) {
        throw new BackendConfigException(where, problem, fix);
    }
}
