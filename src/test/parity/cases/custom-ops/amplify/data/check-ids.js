// The first step of a pipeline, on the NONE data source: refuses an empty or too long list of ids.
import { util } from '@aws-appsync/utils';

export function request(ctx) {
  if (ctx.args.ids.length === 0 || ctx.args.ids.length > 25) {
    util.error('Give between 1 and 25 ids.', 'BadRequest');
  }
  return { payload: ctx.args.ids.length };
}

export function response(ctx) {
  return ctx.result;
}
