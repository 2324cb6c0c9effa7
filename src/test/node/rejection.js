'use strict';
const assert = require('node:assert/strict');

/** Resolves to the error a promise rejects with; fails the test when it resolves instead. */
async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection, but the call succeeded');
}

module.exports = { rejection };
