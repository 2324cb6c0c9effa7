'use strict';
// Describes an existing Cognito user pool, app client and identity pool, checks that they fit together, and
// computes the auth outputs a frontend needs. Runs in the Custom::AmplifyRefAuth custom resource of ReferenceAuth.
const {
  DescribeUserPoolCommand,
  DescribeUserPoolClientCommand,
  GetUserPoolMfaConfigCommand,
  ListGroupsCommand,
  ListIdentityProvidersCommand,
} = require('@aws-sdk/client-cognito-identity-provider');
const { DescribeIdentityPoolCommand, GetIdentityPoolRolesCommand } = require('@aws-sdk/client-cognito-identity');

async function listAll(send, makeCommand, key) {
  const items = [];
  let nextToken;
  do {
    const page = await send(makeCommand(nextToken));
    items.push(...(page[key] || []));
    nextToken = page.NextToken;
  } while (nextToken);
  return items;
}

/** The user pool side: pool, MFA settings, identity providers, groups and the app client. */
async function describeUserPool(idp, userPoolId, userPoolClientId) {
  const send = (command) => idp.send(command);
  const { UserPool: userPool } = await send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }));
  if (!userPool) {
    throw new Error(`The user pool ${userPoolId} could not be described.`);
  }
  const mfa = await send(new GetUserPoolMfaConfigCommand({ UserPoolId: userPoolId }));
  const providers = await listAll(send, (NextToken) =>
    new ListIdentityProvidersCommand({ UserPoolId: userPoolId, NextToken }), 'Providers');
  const groups = await listAll(send, (NextToken) =>
    new ListGroupsCommand({ UserPoolId: userPoolId, NextToken }), 'Groups');
  const { UserPoolClient: client } = await send(new DescribeUserPoolClientCommand({
    UserPoolId: userPoolId, ClientId: userPoolClientId,
  }));
  if (!client) {
    throw new Error(`The user pool client ${userPoolClientId} could not be described.`);
  }
  return { userPool, mfa, providers, groups, client };
}

/** The identity pool side: the pool and its authenticated and unauthenticated roles. */
async function describeIdentityPool(identity, identityPoolId) {
  const identityPool = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: identityPoolId }));
  const { Roles: roles } = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: identityPoolId }));
  return { identityPool, roles: roles || {} };
}

/** Fails, in Amplify's words, when the resources do not fit together. Alias-attribute pools are accepted. */
function validate(described, props) {
  const { userPool, providers, groups, client, identityPool, roles } = described;
  const cognitoProviders = identityPool.CognitoIdentityProviders || [];
  if (cognitoProviders.length === 0) {
    throw new Error('The specified identity pool does not have any cognito identity providers.');
  }
  if (providers.length > 0) {
    if (!userPool.Domain && !userPool.CustomDomain) {
      throw new Error('You must configure a domain for your UserPool if external login providers are enabled.');
    }
    if (!client.LogoutURLs || client.LogoutURLs.length === 0) {
      throw new Error('Your UserPool client must have "Allowed sign-out URLs" configured if external login providers are enabled.');
    }
    if (!client.CallbackURLs || client.CallbackURLs.length === 0) {
      throw new Error('Your UserPool client must have "Allowed callback URLs" configured if external login providers are enabled.');
    }
  }
  for (const [groupName, roleArn] of Object.entries(props.groups || {})) {
    if (!groups.some((group) => group.RoleArn === roleArn)) {
      throw new Error(`The group '${groupName}' with role '${roleArn}' does not match any group for the specified user pool.`);
    }
  }
  const providerName = `cognito-idp.${props.region}.amazonaws.com/${userPool.Id}`;
  if (!cognitoProviders.some((p) => p.ProviderName === providerName && p.ClientId === client.ClientId)) {
    throw new Error('The user pool and user pool client pair do not match any cognito identity providers for the specified identity pool.');
  }
  if (roles.authenticated !== props.authRoleArn) {
    throw new Error('The provided authRoleArn does not match the authenticated role for the specified identity pool.');
  }
  if (roles.unauthenticated !== props.unauthRoleArn) {
    throw new Error('The provided unauthRoleArn does not match the unauthenticated role for the specified identity pool.');
  }
  if (client.ClientSecret) {
    throw new Error('The specified user pool client is not configured as a web client.');
  }
}

const SOCIAL_PROVIDER_NAMES = {
  Google: 'GOOGLE', Facebook: 'FACEBOOK', SignInWithApple: 'SIGN_IN_WITH_APPLE', LoginWithAmazon: 'LOGIN_WITH_AMAZON',
};

/** The auth outputs, with the same keys and formats as a backend's own auth records. */
function outputs(described, props) {
  const { userPool, mfa, providers, groups, client, identityPool } = described;
  const policy = (userPool.Policies && userPool.Policies.PasswordPolicy) || {};
  const requirements = [];
  if (policy.RequireNumbers) requirements.push('REQUIRES_NUMBERS');
  if (policy.RequireLowercase) requirements.push('REQUIRES_LOWERCASE');
  if (policy.RequireUppercase) requirements.push('REQUIRES_UPPERCASE');
  if (policy.RequireSymbols) requirements.push('REQUIRES_SYMBOLS');
  const mfaTypes = [];
  if (mfa.SmsMfaConfiguration && mfa.SmsMfaConfiguration.SmsConfiguration) mfaTypes.push('SMS');
  if (mfa.SoftwareTokenMfaConfiguration && mfa.SoftwareTokenMfaConfiguration.Enabled) mfaTypes.push('TOTP');
  if (mfa.EmailMfaConfiguration) mfaTypes.push('EMAIL');
  const signInPolicy = userPool.Policies && userPool.Policies.SignInPolicy;
  const factors = (signInPolicy && signInPolicy.AllowedFirstAuthFactors) || [];
  let passwordless = '';
  if (factors.length > 1) {
    const options = { emailOtpEnabled: factors.includes('EMAIL_OTP'), smsOtpEnabled: factors.includes('SMS_OTP') };
    if (factors.includes('WEB_AUTHN')) {
      const webAuthn = mfa.WebAuthnConfiguration || {};
      options.webAuthn = {
        relyingPartyId: webAuthn.RelyingPartyId || '',
        userVerification: webAuthn.UserVerification || 'preferred',
      };
    }
    passwordless = JSON.stringify(options);
  }
  const socialProviders = providers.map((p) => SOCIAL_PROVIDER_NAMES[p.ProviderType] || p.ProviderName);
  const domain = userPool.CustomDomain
    ? userPool.CustomDomain
    : userPool.Domain ? `${userPool.Domain}.auth.${props.region}.amazoncognito.com` : '';
  const sortedGroups = [...groups].sort((a, b) =>
    (a.Precedence ?? Number.MAX_SAFE_INTEGER) - (b.Precedence ?? Number.MAX_SAFE_INTEGER)
      || a.GroupName.localeCompare(b.GroupName));
  return {
    allowUnauthenticatedIdentities: identityPool.AllowUnauthenticatedIdentities === true ? 'true' : 'false',
    signupAttributes: JSON.stringify((userPool.SchemaAttributes || [])
      .filter((a) => a.Required && a.Name).map((a) => a.Name.toLowerCase())),
    usernameAttributes: JSON.stringify((userPool.UsernameAttributes || []).map((a) => a.toLowerCase())),
    verificationMechanisms: JSON.stringify(userPool.AutoVerifiedAttributes || []),
    passwordPolicyMinLength: policy.MinimumLength === undefined ? '' : String(policy.MinimumLength),
    passwordPolicyRequirements: JSON.stringify(requirements),
    mfaConfiguration: userPool.MfaConfiguration || 'OFF',
    mfaTypes: JSON.stringify(mfaTypes),
    passwordlessOptions: passwordless,
    socialProviders: socialProviders.length > 0 ? JSON.stringify(socialProviders) : '',
    oauthCognitoDomain: domain,
    oauthScope: JSON.stringify(client.AllowedOAuthScopes || []),
    oauthRedirectSignIn: (client.CallbackURLs || []).join(','),
    oauthRedirectSignOut: (client.LogoutURLs || []).join(','),
    oauthResponseType: (client.AllowedOAuthFlows || []).join(','),
    oauthClientId: client.ClientId,
    groups: JSON.stringify(sortedGroups.map((g) => ({ [g.GroupName]: { precedence: g.Precedence } }))),
  };
}

/** The custom resource's event handler, for the CDK provider framework. */
async function handleEvent(event, clients) {
  if (event.RequestType === 'Delete') {
    return { PhysicalResourceId: event.PhysicalResourceId };
  }
  const props = event.ResourceProperties;
  const described = {
    ...(await describeUserPool(clients.idp, props.userPoolId, props.userPoolClientId)),
    ...(await describeIdentityPool(clients.identity, props.identityPoolId)),
  };
  validate(described, props);
  return {
    PhysicalResourceId: event.PhysicalResourceId || `${props.userPoolId}:${props.userPoolClientId}`,
    Data: outputs(described, props),
  };
}

module.exports = { describeUserPool, describeIdentityPool, validate, outputs, handleEvent };
