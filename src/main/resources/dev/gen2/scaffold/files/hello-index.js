// The hello function's handler (Node.js); FunctionEnvironment's values arrive as process.env.
exports.handler = async (event) => {
  return { message: 'Hello from {{namespace}}', received: event };
};
