package dev.gen2.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.constructs.IValidation;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.CfnRole;
import software.constructs.IConstruct;

/**
 * Amplify's guard against roles any identity pool could assume: a role that trusts
 * {@code cognito-identity.amazonaws.com} for {@code sts:AssumeRoleWithWebIdentity} must carry the
 * {@code cognito-identity.amazonaws.com:aud} and {@code :amr} conditions. Checked at synth, after every
 * override.
 */
final class CognitoTrustPolicyValidation implements IValidation {
    private static final String COGNITO_IDENTITY = "cognito-identity.amazonaws.com";
    private static final String WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";

    private final Stack rootStack;

    CognitoTrustPolicyValidation(Stack rootStack) {
        this.rootStack = rootStack;
    }

    @Override
    public List<String> validate() {
        List<String> errors = new ArrayList<>();
        for (IConstruct construct : rootStack.getNode().findAll()) {
            if (construct instanceof CfnRole role && trustsCognitoWithoutConditions(role)) {
                errors.add("The role " + role.getNode().getPath() + " trusts " + COGNITO_IDENTITY
                        + " without the conditions that tie it to one identity pool. Fix: add a StringEquals "
                        + COGNITO_IDENTITY + ":aud condition naming the identity pool and a ForAnyValue:StringLike "
                        + COGNITO_IDENTITY + ":amr condition.");
            }
        }
        return errors;
    }

    private static boolean trustsCognitoWithoutConditions(CfnRole role) {
        Object document = Stack.of(role).resolve(role.getAssumeRolePolicyDocument());
        if (!(document instanceof Map<?, ?> policy) || !(policy.get("Statement") instanceof List<?> statements)) {
            return false;
        }
        for (Object item : statements) {
            if (item instanceof Map<?, ?> statement && isCognitoWebIdentityAllow(statement)
                    && !(hasCondition(statement, "StringEquals", COGNITO_IDENTITY + ":aud")
                    && hasCondition(statement, "ForAnyValue:StringLike", COGNITO_IDENTITY + ":amr"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCognitoWebIdentityAllow(Map<?, ?> statement) {
        return "Allow".equals(statement.get("Effect"))
                && contains(statement.get("Action"), WEB_IDENTITY)
                && statement.get("Principal") instanceof Map<?, ?> principal
                && contains(principal.get("Federated"), COGNITO_IDENTITY);
    }

    private static boolean hasCondition(Map<?, ?> statement, String operator, String key) {
        if (statement.get("Condition") instanceof Map<?, ?> conditions
                && conditions.get(operator) instanceof Map<?, ?> values) {
            Object value = values.get(key);
            return value != null && !value.toString().isEmpty() && !"[]".equals(value.toString());
        }
        return false;
    }

    private static boolean contains(Object valueOrList, String expected) {
        if (valueOrList instanceof List<?> list) {
            return list.contains(expected);
        }
        return expected.equals(valueOrList);
    }
}
