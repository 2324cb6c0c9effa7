'use strict';
// Cognito post-confirmation trigger of the sample backend: runs once a user has confirmed the sign-up code.
// It must return the event for Cognito to complete the sign-up.
exports.handler = async (event) => {
  console.log(JSON.stringify({
    message: 'user confirmed',
    userPoolId: event.userPoolId,
    sub: event.request && event.request.userAttributes && event.request.userAttributes.sub,
  }));
  return event;
};
