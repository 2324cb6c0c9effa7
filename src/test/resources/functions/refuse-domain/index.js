// A pre sign-up trigger for the local app story: refuses e-mail addresses of one domain; Cognito then refuses the
// sign-up with this message.
exports.handler = async (event) => {
  const email = (event.request.userAttributes.email || '').toLowerCase();
  if (email.endsWith('@blocked.example')) {
    throw new Error(`sign-ups from blocked.example are closed`);
  }
  return event;
};
