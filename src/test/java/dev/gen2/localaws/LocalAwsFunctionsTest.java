package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminRespondToAuthChallengeRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

/**
 * Functions deployed to the local AWS run for real: through Lambda's Invoke API (moto's, answered by the local Lambda
 * runtime) and as the triggers of a local user pool.
 */
class LocalAwsFunctionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LOGS = new CopyOnWriteArrayList<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalAws aws;

    @BeforeAll
    static void start() throws Exception {
        aws = LocalAws.start(LocalAws.Options.defaults().withLogs(LOGS::add));
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void theInvokeApiRunsTheFunctionWithItsLogTailAndAnUpdatedCodeRunsNext() throws Exception {
        createFunction("amplify-app-report-fn", "report", """
                exports.handler = async (event) => { console.log('counted ' + event.count);
                  return { count: event.count, table: process.env.TABLE_NAME }; };
                """);

        HttpResponse<String> invoked = invoke("amplify-app-report-fn", "RequestResponse", "{\"count\":3}");
        assertThat(invoked.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(invoked.body()).path("count").asInt()).isEqualTo(3);
        assertThat(JSON.readTree(invoked.body()).path("table").asText()).isEqualTo("Todo-local");
        assertThat(invoked.headers().firstValue("X-Amz-Function-Error")).isEmpty();
        String tail = new String(Base64.getDecoder().decode(invoked.headers().firstValue("X-Amz-Log-Result")
                .orElseThrow()), StandardCharsets.UTF_8);
        assertThat(tail).contains("counted 3").contains("REPORT RequestId:");
        awaitLog("[report] counted 3");

        assertThat(invoke("amplify-app-report-fn", "DryRun", "{}").statusCode()).isEqualTo(204);
        assertThat(invoke("amplify-app-report-fn", "Event", "{\"count\":4}").statusCode()).isEqualTo(202);

        lambdaCall("PUT", "/2015-03-31/functions/amplify-app-report-fn/code", Map.of("ZipFile",
                zip("exports.handler = async () => { throw new RangeError('version two refuses'); };")));
        HttpResponse<String> failed = invoke("amplify-app-report-fn", "RequestResponse", "{}");
        assertThat(failed.headers().firstValue("X-Amz-Function-Error")).contains("Unhandled");
        assertThat(JSON.readTree(failed.body()).path("errorMessage").asText()).isEqualTo("version two refuses");
        awaitLog("[report] counted 4");
    }

    @Test
    void theUserPoolsTriggersRunRefuseAndAddClaims() throws Exception {
        String preSignUp = createFunction("amplify-app-presignup-fn", "pre-sign-up", """
                exports.handler = async (event) => {
                  if (event.request.userAttributes.email.endsWith('@example.org')) {
                    throw new Error('Sign-ups from example.org are not allowed');
                  }
                  return event; };
                """);
        String postConfirmation = createFunction("amplify-app-postconfirm-fn", "post-confirmation", """
                exports.handler = async (event) => {
                  console.log('welcome ' + event.request.userAttributes.email + ' via ' + event.triggerSource);
                  return event; };
                """);
        String preToken = createFunction("amplify-app-pretoken-fn", "pre-token", """
                exports.handler = async (event) => {
                  event.response = { claimsOverrideDetails: { claimsToAddOrOverride: { plan: 'free' },
                    claimsToSuppress: ['email_verified'] } };
                  return event; };
                """);
        String preAuthentication = createFunction("amplify-app-preauth-fn", "pre-authentication", """
                exports.handler = async (event) => {
                  if (event.request.userAttributes.email.startsWith('banned')) {
                    throw new Error(event.request.userAttributes.email + ' may not sign in');
                  }
                  return event; };
                """);
        String customMessage = createFunction("amplify-app-message-fn", "custom-message", """
                exports.handler = async (event) => {
                  event.response.emailSubject = 'Welcome to Notes';
                  event.response.emailMessage = 'Your code is ' + event.request.codeParameter;
                  return event; };
                """);
        try (CognitoIdentityProviderClient cognito = new LocalAwsApi(aws)
                .configure(CognitoIdentityProviderClient.builder()).build()) {
            String poolId = cognito.createUserPool(request -> request.poolName("triggers")
                    .usernameAttributes(software.amazon.awssdk.services.cognitoidentityprovider.model
                            .UsernameAttributeType.EMAIL)
                    .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                    .lambdaConfig(config -> config.preSignUp(preSignUp).postConfirmation(postConfirmation)
                            .preTokenGeneration(preToken).customMessage(customMessage)
                            .preAuthentication(preAuthentication))).userPool().id();
            String clientId = cognito.createUserPoolClient(request -> request.userPoolId(poolId).clientName("web")
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                            ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient().clientId();

            assertThatThrownBy(() -> cognito.signUp(request -> request.clientId(clientId)
                    .username("eve@example.org").password("Passw0rd!long")
                    .userAttributes(AttributeType.builder().name("email").value("eve@example.org").build())))
                    .isInstanceOf(UserLambdaValidationException.class)
                    .hasMessageStartingWith("PreSignUp failed with error Sign-ups from example.org are not allowed.");

            cognito.signUp(request -> request.clientId(clientId).username("ann@example.com")
                    .password("Passw0rd!long")
                    .userAttributes(AttributeType.builder().name("email").value("ann@example.com").build()));
            JsonNode sent = new LocalAwsApi(aws).inbox("ann@example.com").get(0);
            assertThat(sent.path("kind").asText()).isEqualTo("sign-up");
            assertThat(sent.path("triggerSource").asText()).isEqualTo("CustomMessage_SignUp");
            assertThat(sent.path("subject").asText()).isEqualTo("Welcome to Notes");
            assertThat(sent.path("body").asText()).isEqualTo("Your code is " + LocalAws.CONFIRMATION_CODE);
            awaitLog("[inbox] sign-up code " + LocalAws.CONFIRMATION_CODE + " to ann@example.com");

            cognito.confirmSignUp(request -> request.clientId(clientId).username("ann@example.com")
                    .confirmationCode(LocalAws.CONFIRMATION_CODE));
            awaitLog("[post-confirmation] welcome ann@example.com via PostConfirmation_ConfirmSignUp");

            String idToken = cognito.initiateAuth(request -> request.clientId(clientId)
                    .authFlow(AuthFlowType.USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", "ann@example.com",
                            "PASSWORD", "Passw0rd!long"))).authenticationResult().idToken();
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(idToken.split("\\.")[1]));
            assertThat(claims.path("plan").asText()).isEqualTo("free");
            assertThat(claims.has("email_verified")).as("suppressed by the trigger").isFalse();
            assertThat(claims.path("email").asText()).isEqualTo("ann@example.com");

            cognito.signUp(request -> request.clientId(clientId).username("banned@example.com")
                    .password("Passw0rd!long")
                    .userAttributes(AttributeType.builder().name("email").value("banned@example.com").build()));
            cognito.confirmSignUp(request -> request.clientId(clientId).username("banned@example.com")
                    .confirmationCode(LocalAws.CONFIRMATION_CODE));
            assertThatThrownBy(() -> cognito.initiateAuth(request -> request.clientId(clientId)
                    .authFlow(AuthFlowType.USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", "banned@example.com",
                            "PASSWORD", "a wrong password"))))
                    .as("pre authentication runs before the password is checked")
                    .isInstanceOf(UserLambdaValidationException.class)
                    .hasMessageStartingWith("PreAuthentication failed with error banned@example.com may not sign in.");
        }
    }

    @Test
    void theCustomAuthFlowAsksTheChallengeTriggersAndHonoursTheirAnswers() throws Exception {
        String define = createFunction("amplify-app-define-fn", "define-challenge", """
                exports.handler = async (event) => {
                  const session = event.request.session;
                  console.log(event.triggerSource + ' ' + event.userName + ' ' + JSON.stringify(session)
                    + ' ' + JSON.stringify(event.request.clientMetadata));
                  const last = session[session.length - 1];
                  if (last && last.challengeResult) {
                    event.response.issueTokens = true;
                  } else if (session.length >= 3) {
                    event.response.failAuthentication = true;
                  } else {
                    event.response.challengeName = 'CUSTOM_CHALLENGE';
                  }
                  return event; };
                """);
        String create = createFunction("amplify-app-create-fn", "create-challenge", """
                exports.handler = async (event) => {
                  console.log(event.triggerSource + ' ' + event.request.challengeName + ' after '
                    + event.request.session.length + ' for ' + event.request.userAttributes.email);
                  event.response.publicChallengeParameters = { question: 'What is 6 times 7?' };
                  event.response.privateChallengeParameters = { answer: '42' };
                  event.response.challengeMetadata = 'ROUND-' + (event.request.session.length + 1);
                  return event; };
                """);
        String verify = createFunction("amplify-app-verify-fn", "verify-challenge", """
                exports.handler = async (event) => {
                  console.log(event.triggerSource + ' ' + event.request.challengeAnswer + ' against '
                    + event.request.privateChallengeParameters.answer);
                  event.response.answerCorrect = event.request.challengeAnswer
                    === event.request.privateChallengeParameters.answer;
                  return event; };
                """);
        String preToken = createFunction("amplify-app-custom-token-fn", "custom-token", """
                exports.handler = async (event) => {
                  event.response = { claimsOverrideDetails: { claimsToAddOrOverride: { via: event.triggerSource } } };
                  return event; };
                """);
        String postAuthentication = createFunction("amplify-app-post-auth-fn", "post-auth", """
                exports.handler = async (event) => { console.log('signed in ' + event.request.userAttributes.email);
                  return event; };
                """);
        try (CognitoIdentityProviderClient cognito = new LocalAwsApi(aws)
                .configure(CognitoIdentityProviderClient.builder()).build()) {
            String poolId = cognito.createUserPool(request -> request.poolName("custom-auth")
                    .usernameAttributes(software.amazon.awssdk.services.cognitoidentityprovider.model
                            .UsernameAttributeType.EMAIL)
                    .lambdaConfig(config -> config.defineAuthChallenge(define).createAuthChallenge(create)
                            .verifyAuthChallengeResponse(verify).preTokenGeneration(preToken)
                            .postAuthentication(postAuthentication))).userPool().id();
            String clientId = cognito.createUserPoolClient(request -> request.userPoolId(poolId).clientName("web")
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH,
                            ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient().clientId();
            cognito.signUp(request -> request.clientId(clientId).username("cal@example.com").password("Passw0rd!long")
                    .userAttributes(AttributeType.builder().name("email").value("cal@example.com").build()));
            cognito.adminConfirmSignUp(request -> request.userPoolId(poolId).username("cal@example.com"));
            Map<String, String> cal = Map.of("USERNAME", "cal@example.com");

            InitiateAuthResponse asked = cognito.initiateAuth(request -> request.clientId(clientId)
                    .authFlow(AuthFlowType.CUSTOM_AUTH).authParameters(cal).clientMetadata(Map.of("app", "notes")));
            assertThat(asked.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
            assertThat(asked.challengeParameters()).containsEntry("question", "What is 6 times 7?")
                    .containsKey("USERNAME").doesNotContainKey("answer");
            String username = asked.challengeParameters().get("USERNAME");
            String defined = "[define-challenge] DefineAuthChallenge_Authentication " + username + " ";
            awaitLog(defined + "[] {\"app\":\"notes\"}");
            awaitLog("[create-challenge] CreateAuthChallenge_Authentication CUSTOM_CHALLENGE after 0 for "
                    + "cal@example.com");
            RespondToAuthChallengeResponse askedAgain = answer(cognito, clientId, asked.session(), username, "41");
            assertThat(askedAgain.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
            assertThat(askedAgain.session()).isNotEqualTo(asked.session());
            awaitLog("[verify-challenge] VerifyAuthChallengeResponse_Authentication 41 against 42");
            awaitLog(defined + "[" + result(false, "ROUND-1") + "] {}");
            assertThatThrownBy(() -> answer(cognito, clientId, asked.session(), username, "42"))
                    .as("a session is used once").isInstanceOf(NotAuthorizedException.class)
                    .hasMessageStartingWith("Invalid session for the user. ");

            String idToken = answer(cognito, clientId, askedAgain.session(), username, "42").authenticationResult()
                    .idToken();
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(idToken.split("\\.")[1]));
            assertThat(claims.path("via").asText()).isEqualTo("TokenGeneration_Authentication");
            assertThat(claims.path("email").asText()).isEqualTo("cal@example.com");
            awaitLog(defined + "[" + result(false, "ROUND-1") + "," + result(true, "ROUND-2") + "] {}");
            awaitLog("[post-auth] signed in cal@example.com");

            AdminInitiateAuthResponse again = cognito.adminInitiateAuth(request -> request.userPoolId(poolId)
                    .clientId(clientId).authFlow(AuthFlowType.CUSTOM_AUTH).authParameters(cal));
            String session = again.session();
            for (String wrong : List.of("1", "2")) {
                session = cognito.adminRespondToAuthChallenge(adminAnswer(poolId, clientId, session, username, wrong))
                        .session();
            }
            String lastSession = session;
            assertThatThrownBy(() -> cognito.adminRespondToAuthChallenge(adminAnswer(poolId, clientId, lastSession,
                    username, "3"))).as("three wrong answers").isInstanceOf(NotAuthorizedException.class)
                    .hasMessageStartingWith("Incorrect username or password. ");

            assertThatThrownBy(() -> cognito.initiateAuth(request -> request.clientId(clientId)
                    .authFlow(AuthFlowType.CUSTOM_AUTH).authParameters(Map.of("USERNAME", "nobody@example.com"))))
                    .isInstanceOf(UserNotFoundException.class).hasMessageStartingWith("User does not exist. ");
            String passwordClient = cognito.createUserPoolClient(request -> request.userPoolId(poolId)
                    .clientName("passwords").explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH))
                    .userPoolClient().clientId();
            assertThatThrownBy(() -> cognito.initiateAuth(request -> request.clientId(passwordClient)
                    .authFlow(AuthFlowType.CUSTOM_AUTH).authParameters(cal)))
                    .isInstanceOf(InvalidParameterException.class)
                    .hasMessageStartingWith("CUSTOM_AUTH flow not enabled for this client");
            String plainPool = cognito.createUserPool(request -> request.poolName("no-triggers")).userPool().id();
            String plainClient = cognito.createUserPoolClient(request -> request.userPoolId(plainPool)
                    .clientName("web")).userPoolClient().clientId();
            assertThatThrownBy(() -> cognito.initiateAuth(request -> request.clientId(plainClient)
                    .authFlow(AuthFlowType.CUSTOM_AUTH).authParameters(cal)))
                    .isInstanceOf(InvalidParameterException.class)
                    .hasMessageStartingWith("Custom auth lambda trigger is not configured for the user pool.");
        }
    }

    /** A custom challenge's entry in the session DefineAuthChallenge is given, as JSON.stringify writes it. */
    private static String result(boolean correct, String metadata) {
        return "{\"challengeName\":\"CUSTOM_CHALLENGE\",\"challengeResult\":" + correct + ",\"challengeMetadata\":\""
                + metadata + "\"}";
    }

    private static RespondToAuthChallengeResponse answer(CognitoIdentityProviderClient cognito, String clientId,
            String session, String username, String answer) {
        return cognito.respondToAuthChallenge(request -> request.clientId(clientId)
                .challengeName(ChallengeNameType.CUSTOM_CHALLENGE).session(session)
                .challengeResponses(Map.of("USERNAME", username, "ANSWER", answer)));
    }

    private static AdminRespondToAuthChallengeRequest adminAnswer(String poolId, String clientId, String session,
            String username, String answer) {
        return AdminRespondToAuthChallengeRequest.builder().userPoolId(poolId).clientId(clientId)
                .challengeName(ChallengeNameType.CUSTOM_CHALLENGE).session(session)
                .challengeResponses(Map.of("USERNAME", username, "ANSWER", answer)).build();
    }

    @Test
    void schedulesFireWhenDueWithTheirInputAndOnDemandWhateverTheirState() throws Exception {
        String target = createFunction("amplify-app-tick-fn", "tick", """
                exports.handler = async (event) => { console.log('tick ' + JSON.stringify(event));
                  return { got: event }; };
                """);
        String soon = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(3)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
        createSchedule("tick-soon", "at(" + soon + ")", "ENABLED", target,
                "{\"job\":\"soon\",\"arn\":\"<aws.scheduler.schedule-arn>\"}");
        createSchedule("tick-hourly", "rate(1 hour)", "ENABLED", target, null);
        createSchedule("tick-disabled", "cron(*/1 * * * ? *)", "DISABLED", target, "{\"job\":\"off\"}");

        LocalSchedules schedules = new LocalSchedules(aws.endpoint());
        Map<String, LocalSchedules.Schedule> listed = new java.util.HashMap<>();
        schedules.list().forEach(schedule -> listed.put(schedule.name(), schedule));
        assertThat(listed.get("tick-hourly").nextDue()).hasValueSatisfying(due -> assertThat(
                java.time.Instant.parse(due)).isBetween(java.time.Instant.now().plusSeconds(3590),
                java.time.Instant.now().plusSeconds(3601)));
        assertThat(listed.get("tick-disabled").state()).isEqualTo("DISABLED");

        awaitLog("[tick] tick {\"job\":\"soon\",\"arn\":\"arn:aws:scheduler:" + LocalAws.REGION + ":"
                + LocalAws.ACCOUNT_ID + ":schedule/default/tick-soon\"}");
        assertThat(LOGS).noneMatch(line -> line.contains("\"off\""));

        LocalSchedules.Run run = schedules.run("tick-disabled");
        assertThat(JSON.readTree(run.payload()).path("got").path("job").asText()).isEqualTo("off");
        assertThat(run.functionError()).isEmpty();
        assertThat(JSON.readTree(schedules.run("tick-hourly").payload()).path("got").size())
                .as("no Input: EventBridge Scheduler sends {}").isZero();
        assertThatThrownBy(() -> schedules.run("no-such-schedule"))
                .isInstanceOf(LocalSchedules.LocalSchedulesException.class)
                .hasMessageStartingWith("No schedule named 'no-such-schedule'. Schedules: ");
    }

    @Test
    void customResourcesRunTheirFunctionWithCloudFormationsRequestAndItsAnswerDecides() throws Exception {
        // a plain handler answers at the ResponseURL; a CDK provider framework's onEvent handler returns its answer
        String direct = createFunction("amplify-app-cr-direct", "cr-direct", """
                exports.handler = async (event) => {
                  const size = event.ResourceProperties.size;
                  console.log(event.RequestType + ' ' + event.LogicalResourceId + ' size=' + size
                    + ' old=' + (event.OldResourceProperties || {}).size + ' id=' + event.PhysicalResourceId);
                  const failed = size === '13';
                  const answer = { Status: failed ? 'FAILED' : 'SUCCESS',
                    Reason: failed ? 'thirteen is unlucky' : undefined, PhysicalResourceId: 'direct-' + size,
                    StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId,
                    Data: { Doubled: String(2 * size) } };
                  await fetch(event.ResponseURL, { method: 'PUT', body: JSON.stringify(answer) });
                };
                """);
        String onEvent = createFunction("amplify-app-cr-onevent", "cr-on-event", """
                exports.handler = async (event) => {
                  if (event.ResourceProperties.name === 'missing') {
                    throw new Error('Unable to find backend secret X');
                  }
                  return { PhysicalResourceId: 'on-event-' + event.ResourceProperties.name,
                    Data: { Greeting: 'hello ' + event.ResourceProperties.name } };
                };
                """);
        String framework = createFunction("amplify-app-cr-framework", "cr-framework",
                "exports.handler = async () => { throw new Error('the local AWS does the framework part'); };",
                Map.of("USER_ON_EVENT_FUNCTION_ARN", onEvent));
        try (software.amazon.awssdk.services.cloudformation.CloudFormationClient cfn = new LocalAwsApi(aws)
                .configure(software.amazon.awssdk.services.cloudformation.CloudFormationClient.builder()).build()) {
            cfn.createStack(request -> request.stackName("custom").templateBody(template(direct, framework, 21,
                    "ada")));
            var stack = cfn.describeStacks(request -> request.stackName("custom")).stacks().get(0);
            assertThat(stack.stackStatusAsString()).as(stack.stackStatusReason()).isEqualTo("CREATE_COMPLETE");
            Map<String, String> outputs = new java.util.HashMap<>();
            stack.outputs().forEach(output -> outputs.put(output.outputKey(), output.outputValue()));
            assertThat(outputs).containsEntry("Doubled", "42").containsEntry("DirectId", "direct-21")
                    .containsEntry("Greeting", "hello ada").containsEntry("FrameworkId", "on-event-ada");
            awaitLog("[cr-direct] Create Direct size=21 old=undefined id=undefined");

            cfn.updateStack(request -> request.stackName("custom").templateBody(template(direct, framework, 22,
                    "ada")));
            awaitLog("[cr-direct] Update Direct size=22 old=21 id=direct-21");

            cfn.updateStack(request -> request.stackName("custom").templateBody(template(direct, framework, 13,
                    "ada")));
            stack = cfn.describeStacks(request -> request.stackName("custom")).stacks().get(0);
            assertThat(stack.stackStatusReason()).contains("Received response status [FAILED] from custom resource."
                    + " Message returned: thirteen is unlucky (Direct, Custom::Thing)");

            cfn.createStack(request -> request.stackName("missing").templateBody(template(direct, framework, 1,
                    "missing")));
            stack = cfn.describeStacks(request -> request.stackName("missing")).stacks().get(0);
            assertThat(stack.stackStatusAsString()).isEqualTo("ROLLBACK_COMPLETE");
            assertThat(stack.stackStatusReason()).contains("Message returned: Unable to find backend secret X");

            cfn.deleteStack(request -> request.stackName("custom"));
            assertThat(LOGS).anyMatch(line -> line.startsWith("[cr-direct] Delete Direct"));
        }
    }

    private static String template(String direct, String framework, int size, String name) {
        return dev.gen2.backend.outputs.JsonText.stringify(Map.of("Resources", Map.of(
                "Direct", Map.of("Type", "Custom::Thing", "Properties", Map.of("ServiceToken", direct, "size", size)),
                "Framework", Map.of("Type", "AWS::CloudFormation::CustomResource", "Properties",
                        Map.of("ServiceToken", framework, "name", name))),
                "Outputs", Map.of(
                        "Doubled", Map.of("Value", Map.of("Fn::GetAtt", List.of("Direct", "Doubled"))),
                        "DirectId", Map.of("Value", Map.of("Ref", "Direct")),
                        "Greeting", Map.of("Value", Map.of("Fn::GetAtt", List.of("Framework", "Greeting"))),
                        "FrameworkId", Map.of("Value", Map.of("Ref", "Framework")))), 0);
    }

    /** CreateSchedule through EventBridge Scheduler's REST API. */
    private static void createSchedule(String name, String expression, String state, String target, String input)
            throws Exception {
        Map<String, Object> targetFields = new java.util.HashMap<>(Map.of("Arn", target, "RoleArn",
                "arn:aws:iam::" + LocalAws.ACCOUNT_ID + ":role/scheduler"));
        if (input != null) {
            targetFields.put("Input", input);
        }
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(aws.endpoint() + "/schedules/"
                + name)).header("Authorization", "AWS4-HMAC-SHA256 Credential=" + LocalAws.ACCESS_KEY_ID
                + "/20260101/" + LocalAws.REGION + "/scheduler/aws4_request, SignedHeaders=host, Signature=0")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("ScheduleExpression", expression, "State", state,
                                "FlexibleTimeWindow", Map.of("Mode", "OFF"), "Target", targetFields)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    }

    @Test
    void aFunctionSignsAsItsRoleWhosePolicyAllowsReadingItsPrefixAndNothingElse() throws Exception {
        for (String key : List.of("", "/reports/q1.txt", "/private/secret.txt")) {
            HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(aws.endpoint() + "/fn-reports" + key))
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + LocalAws.ACCESS_KEY_ID + "/20260101/"
                            + LocalAws.REGION + "/s3/aws4_request, SignedHeaders=host, Signature=0")
                    .PUT(HttpRequest.BodyPublishers.ofString(key.isEmpty() ? "" : "content of " + key)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        }
        createFunction("amplify-app-reader-fn", "reader", """
                const { S3Client, GetObjectCommand, PutObjectCommand } = require('@aws-sdk/client-s3');
                const s3 = new S3Client({ forcePathStyle: true });
                const attempt = (command) => s3.send(command).then(async (out) => out.Body ? out.Body.transformToString() : 'ok',
                  (error) => error.name + ': ' + error.message);
                exports.handler = async () => ({
                  read: await attempt(new GetObjectCommand({ Bucket: 'fn-reports', Key: 'reports/q1.txt' })),
                  write: await attempt(new PutObjectCommand({ Bucket: 'fn-reports', Key: 'reports/q2.txt', Body: 'x' })),
                  outside: await attempt(new GetObjectCommand({ Bucket: 'fn-reports', Key: 'private/secret.txt' })),
                });
                """);
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::fn-reports/reports/*\"}]}";
        HttpResponse<String> granted = HTTP.send(HttpRequest.newBuilder(aws.endpoint())
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + LocalAws.ACCESS_KEY_ID + "/20260101/"
                        + LocalAws.REGION + "/iam/aws4_request, SignedHeaders=host, Signature=0")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=PutRolePolicy&Version=2010-05-08&RoleName="
                        + "amplify-app-reader-fn-role&PolicyName=reports&PolicyDocument="
                        + java.net.URLEncoder.encode(policy, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);

        HttpResponse<String> invoked = invoke("amplify-app-reader-fn", "RequestResponse", "{}");
        JsonNode answer = JSON.readTree(invoked.body());
        assertThat(answer.path("read").asText()).as(invoked.body()).isEqualTo("content of /reports/q1.txt");
        String role = "arn:aws:sts::" + LocalAws.ACCOUNT_ID + ":assumed-role/amplify-app-reader-fn-role/";
        assertThat(answer.path("write").asText()).startsWith("AccessDenied: User: " + role)
                .contains("s3:PutObject on resource: \"arn:aws:s3:::fn-reports/reports/q2.txt\"");
        assertThat(answer.path("outside").asText()).startsWith("AccessDenied: User: " + role)
                .contains("s3:GetObject on resource: \"arn:aws:s3:::fn-reports/private/secret.txt\"");
    }

    /** CreateFunction through Lambda's REST API, with a role Lambda may assume; returns the function's ARN. */
    private static String createFunction(String name, String friendlyName, String source) throws Exception {
        return createFunction(name, friendlyName, source, Map.of("TABLE_NAME", "Todo-local"));
    }

    private static String createFunction(String name, String friendlyName, String source,
            Map<String, String> environment) throws Exception {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
        HttpResponse<String> role = HTTP.send(HttpRequest.newBuilder(aws.endpoint())
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + LocalAws.ACCESS_KEY_ID + "/20260101/"
                        + LocalAws.REGION + "/iam/aws4_request, SignedHeaders=host, Signature=0")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=CreateRole&Version=2010-05-08&RoleName=" + name
                        + "-role&AssumeRolePolicyDocument=" + java.net.URLEncoder.encode(trust,
                        StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(role.statusCode()).as(role.body()).isEqualTo(200);
        JsonNode created = JSON.readTree(lambdaCall("POST", "/2015-03-31/functions", Map.of(
                "FunctionName", name, "Runtime", "nodejs20.x", "Handler", "index.handler",
                "Role", "arn:aws:iam::" + LocalAws.ACCOUNT_ID + ":role/" + name + "-role",
                "Code", Map.of("ZipFile", zip(source)), "Timeout", 5, "MemorySize", 256,
                "Environment", Map.of("Variables", environment),
                "Tags", Map.of("amplify:friendly-name", friendlyName))).body());
        return created.path("FunctionArn").asText();
    }

    private static HttpResponse<String> invoke(String name, String type, String event) throws Exception {
        return HTTP.send(signed(HttpRequest.newBuilder(URI.create(aws.endpoint() + "/2015-03-31/functions/" + name
                + "/invocations"))).header("X-Amz-Invocation-Type", type).header("X-Amz-Log-Type", "Tail")
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> lambdaCall(String method, String path, Map<String, Object> body)
            throws Exception {
        HttpResponse<String> response = HTTP.send(signed(HttpRequest.newBuilder(URI.create(aws.endpoint() + path)))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return response;
    }

    /** The local AWS tells services apart by the signature's credential scope; it does not check the signature. */
    private static HttpRequest.Builder signed(HttpRequest.Builder request) {
        return request.header("Authorization", "AWS4-HMAC-SHA256 Credential=" + LocalAws.ACCESS_KEY_ID
                + "/20260101/" + LocalAws.REGION + "/lambda/aws4_request, SignedHeaders=host, Signature=0");
    }

    private static String zip(String indexJs) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zipped = new ZipOutputStream(bytes)) {
            zipped.putNextEntry(new ZipEntry("index.js"));
            zipped.write(indexJs.getBytes(StandardCharsets.UTF_8));
            zipped.closeEntry();
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /**
     * Waits up to 15 s for a function's log line: lines are read from the function's output as it prints them, so
     * one may arrive after the invocation's answer.
     */
    private static void awaitLog(String line) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!LOGS.contains(line) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(LOGS).contains(line);
    }
}
