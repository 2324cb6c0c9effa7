package dev.gen2.localaws.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.testing.SynthesizedBackend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** The local app story's second backend synthesizes with what the story relies on. */
class AppBackendTest {
    private static final SynthesizedBackend APP = SynthesizedBackend.sandbox(AppBackend::define);

    @Test
    void thePreSignUpTriggerIsTheNodeFunction() {
        APP.template("auth").hasResourceProperties("AWS::Cognito::UserPool", Map.of("LambdaConfig",
                Map.of("PreSignUp", Match.anyValue())));
    }

    @Test
    void oneFunctionAnswersTheThreeCustomAuthChallengeTriggers() {
        APP.template("auth").hasResourceProperties("AWS::Cognito::UserPool", Map.of("LambdaConfig", Map.of(
                "DefineAuthChallenge", Match.anyValue(), "CreateAuthChallenge", Match.anyValue(),
                "VerifyAuthChallengeResponse", Match.anyValue())));
        assertThat(APP.template("auth").findResources("AWS::Lambda::Function")).hasSize(2);
    }

    @Test
    void theRateMutationIsAnsweredByAJavaFunction() {
        assertThat(APP.template("function").findResources("AWS::Lambda::Function", Map.of("Properties",
                Map.of("Runtime", Match.stringLikeRegexp("java.*"))))).hasSize(1);
        assertThat(APP.template("function").findResources("AWS::Lambda::Function", Map.of("Properties",
                Map.of("Runtime", Match.stringLikeRegexp("nodejs.*"))))).hasSize(1);
    }

    @Test
    void theEchoFunctionIsGrantedListingUsersAndTheApisQueriesOnly() {
        APP.template("auth").hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement",
                List.of(Map.of("Action", "cognito-idp:ListUsers", "Effect", "Allow")))));
        APP.template("data").hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Action", "appsync:GraphQL",
                        "Resource", Map.of("Fn::Join", List.of("", Match.arrayWith(
                                List.of("/types/Query/*")))))))))));
    }
}
