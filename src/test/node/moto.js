'use strict';
// Plain moto's server on a free 127.0.0.1 port, for the tests written against moto itself (the Lambda code we ship,
// the data resolvers): started before a file's tests, stopped by its process id.
const { startLocalAws } = require('./local-aws.js');

/** Starts moto (MOTO_PYTHON names the Python that has it) and resolves once it answers. */
function startMoto() {
  return startLocalAws({}, { plain: true });
}

module.exports = { startMoto };
