// Calls the HTTP data source's endpoint for the city's forecast and returns its body.
import { util } from '@aws-appsync/utils';

export function request(ctx) {
  return { method: 'GET', resourcePath: '/forecast', params: { query: { city: ctx.args.city } } };
}

export function response(ctx) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result.body;
}
