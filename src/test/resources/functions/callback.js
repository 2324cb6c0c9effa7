'use strict';
// A test function in the callback style.
exports.run = (event, context, callback) => callback(null, { callback: true, value: event.value });
