// A custom operation's handler for the data tests: answers AppSync's direct Lambda resolver event.
exports.handler = async (event) => {
  if (event.fieldName === 'rate') {
    return { postId: event.arguments.postId, stars: event.arguments.stars };
  }
  const caller = event.identity && event.identity.username ? event.identity.username : 'a guest';
  return `${event.arguments.message}, said ${caller}`;
};
