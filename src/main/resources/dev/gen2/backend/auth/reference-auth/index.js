'use strict';
// Lambda entry point of the Custom::AmplifyRefAuth custom resource.
const { CognitoIdentityProviderClient } = require('@aws-sdk/client-cognito-identity-provider');
const { CognitoIdentityClient } = require('@aws-sdk/client-cognito-identity');
const { handleEvent } = require('./reference-auth');

exports.handler = async (event) => handleEvent(event, {
  idp: new CognitoIdentityProviderClient({}),
  identity: new CognitoIdentityClient({}),
});
