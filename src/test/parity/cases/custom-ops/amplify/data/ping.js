// Answers on the NONE data source, whose result is the request's payload.
export function request() {
  return { payload: 'pong' };
}

export function response(ctx) {
  return ctx.result;
}
