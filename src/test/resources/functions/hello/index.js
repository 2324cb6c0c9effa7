'use strict';
// A test function: says hello, and reports the variables it was given.
exports.handler = async (event) => ({
  hello: event.name,
  table: process.env.TABLE_NAME,
  userPoolId: process.env.AMPLIFY_AUTH_USERPOOL_ID,
});
