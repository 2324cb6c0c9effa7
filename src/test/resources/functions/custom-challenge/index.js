// Cognito's three custom-auth challenge triggers in one function, for the local app story: a question whose answer
// signs the user in, three tries at most, after the password when the client starts with SRP (CUSTOM_WITH_SRP).
// Cognito tells the triggers apart by the event's triggerSource.
const QUESTION = 'What is six times seven?';
const ANSWER = '42';
const TRIES = 3;

function define(event) {
  const session = event.request.session;
  const last = session[session.length - 1];
  if (last && last.challengeName === 'SRP_A') { // CUSTOM_WITH_SRP: the password first, then the question
    event.response.challengeName = 'PASSWORD_VERIFIER';
    return event;
  }
  event.response.issueTokens = Boolean(last && last.challengeName === 'CUSTOM_CHALLENGE' && last.challengeResult);
  const questions = session.filter((entry) => entry.challengeName === 'CUSTOM_CHALLENGE').length;
  event.response.failAuthentication = !event.response.issueTokens && questions >= TRIES;
  if (!event.response.issueTokens && !event.response.failAuthentication) {
    event.response.challengeName = 'CUSTOM_CHALLENGE';
  }
  return event;
}

function create(event) {
  event.response.publicChallengeParameters = { question: QUESTION };
  event.response.privateChallengeParameters = { answer: ANSWER };
  event.response.challengeMetadata = `QUESTION-${event.request.session.length + 1}`;
  return event;
}

function verify(event) {
  event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
  return event;
}

const HANDLERS = {
  DefineAuthChallenge_Authentication: define,
  CreateAuthChallenge_Authentication: create,
  VerifyAuthChallengeResponse_Authentication: verify,
};

exports.handler = async (event) => {
  const handle = HANDLERS[event.triggerSource];
  if (!handle) throw new Error(`not a custom-auth challenge trigger: ${event.triggerSource}`);
  return handle(event);
};
