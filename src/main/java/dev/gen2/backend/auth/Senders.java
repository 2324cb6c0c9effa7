package dev.gen2.backend.auth;

import dev.gen2.backend.FunctionProvider;
import dev.gen2.backend.Required;
import dev.gen2.backend.ResourceFactory;
import java.util.Optional;

/**
 * Who sends the pool's email and SMS: Amplify's {@code senders}.
 *
 * @param email SES, or a custom sender function; empty keeps Cognito's own email (50 a day)
 * @param sms SNS with your own role, or a custom sender function; empty keeps the role CDK makes
 */
public record Senders(Optional<EmailSender> email, Optional<SmsSender> sms) {

    public static Senders none() {
        return new Senders(Optional.empty(), Optional.empty());
    }

    /** The KMS key ARN the custom email sender was given, if it is one and was given one. */
    public Optional<String> emailKmsKeyArn() {
        return kmsKeyArnOf(email);
    }

    /** The KMS key ARN the custom SMS sender was given, if it is one and was given one. */
    public Optional<String> smsKmsKeyArn() {
        return kmsKeyArnOf(sms);
    }

    private static Optional<String> kmsKeyArnOf(Optional<?> sender) {
        return sender.filter(CustomSender.class::isInstance).flatMap(custom -> ((CustomSender) custom).kmsKeyArn());
    }

    /** Sends email through Amazon SES, or through a function of yours. */
    public sealed interface EmailSender {
    }

    /** Sends SMS through Amazon SNS, or through a function of yours. */
    public sealed interface SmsSender {
    }

    /** Email from a verified SES identity in the stack's region. */
    public record SesEmail(String fromEmail, Optional<String> fromName, Optional<String> replyTo)
            implements EmailSender {
        public static SesEmail from(String fromEmail) {
            return new SesEmail(Required.argument(fromEmail, "auth.senders.email", "The sender address",
                    "give an address of a verified SES identity, such as \"no-reply@example.com\"."),
                    Optional.empty(), Optional.empty());
        }

        public SesEmail withFromName(String name) {
            return new SesEmail(fromEmail, Optional.of(name), replyTo);
        }

        public SesEmail withReplyTo(String address) {
            return new SesEmail(fromEmail, fromName, Optional.of(address));
        }
    }

    /**
     * SMS through SNS with a role of yours: {@code snsCallerArn} and {@code externalId} go together, and the role's
     * trust policy must require that external id.
     */
    public record SnsSms(Optional<String> externalId, Optional<String> snsCallerArn, Optional<String> snsRegion)
            implements SmsSender {
        public static SnsSms withRole(String snsCallerArn, String externalId) {
            return new SnsSms(Optional.of(externalId), Optional.of(snsCallerArn), Optional.empty());
        }

        public SnsSms inRegion(String region) {
            return new SnsSms(externalId, snsCallerArn, Optional.of(region));
        }
    }

    /**
     * A function that sends the message itself, with Cognito encrypting the code under a KMS key: the one given,
     * or a new key with rotation on.
     */
    public record CustomSender(ResourceFactory<? extends FunctionProvider> handler, Optional<String> kmsKeyArn)
            implements EmailSender, SmsSender {
        public static CustomSender of(ResourceFactory<? extends FunctionProvider> handler) {
            return new CustomSender(handler, Optional.empty());
        }

        public CustomSender withKmsKeyArn(String arn) {
            return new CustomSender(handler, Optional.of(arn));
        }
    }
}
