// A custom operation's handler for the data tests: answers with the caller's identity as AppSync's direct Lambda
// resolver event carries it (ctx.identity), so a test can compare it with AppSync's shape for each mode.
exports.handler = async (event) => JSON.stringify(event.identity);
