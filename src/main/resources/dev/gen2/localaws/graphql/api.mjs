// One deployed GraphQL API, run as AppSync runs it: its schema (with AppSync's scalars and directives), field
// authorization on every field, and its unit and pipeline APPSYNC_JS resolvers over its data sources.
import { createRequire } from 'node:module';
import { EarlyReturn, ResolverError, withInvocation } from './appsync-utils.mjs';
import { mayAccess } from './authorization.mjs';
import { APPSYNC_PRELUDE } from './appsync-prelude.mjs';
import { loadCode } from './code-loader.mjs';
import { checkSubscriptionFilter } from './subscription-filters.mjs';

const require = createRequire(import.meta.url);
const graphql = require('graphql');


/** An error of one field, as AppSync lists it. */
export function appSyncError(error) {
  const original = error.originalError || error;
  return {
    path: error.path ?? null,
    data: original.data ?? null,
    errorType: original.type ?? original.errorType ?? null,
    errorInfo: original.info ?? null,
    locations: (error.locations || []).map((l) => ({ ...l, sourceName: null })),
    message: error.message,
  };
}

function notAuthorized(fieldName, typeName) {
  return new ResolverError(`Not Authorized to access ${fieldName} on type ${typeName}`, 'Unauthorized');
}

function selectionSetList(fieldNodes, prefix = '') {
  const list = [];
  for (const node of fieldNodes) {
    for (const selection of node.selectionSet?.selections || []) {
      if (selection.kind !== 'Field') continue;
      const name = `${prefix}${selection.name.value}`;
      list.push(name);
      list.push(...selectionSetList([selection], `${name}/`));
    }
  }
  return list;
}

export class DeployedApi {
  /** `definition`: one API of GET /_gen2/appsync; `services`: {runDataSource, iam}. */
  constructor(definition, services) {
    this.definition = definition;
    this.services = services;
    this.apiId = definition.apiId;
  }

  async load() {
    const d = this.definition;
    if (!d.schema) throw new Error(`the API ${d.apiId} has no schema`);
    this.schema = graphql.buildSchema(APPSYNC_PRELUDE + d.schema);
    const dataSources = new Map(d.dataSources.map((source) => [source.name, source]));
    const functions = new Map();
    for (const fn of d.functions) {
      functions.set(fn.functionId, { name: fn.name, dataSource: dataSources.get(fn.dataSourceName), module: fn.code ? await loadCode(fn.code) : null });
    }
    this.resolvers = new Map();
    for (const r of d.resolvers) {
      this.resolvers.set(`${r.typeName}.${r.fieldName}`, {
        kind: r.kind,
        module: r.code ? await loadCode(r.code) : null,
        dataSource: dataSources.get(r.dataSourceName),
        functions: (r.functions || []).map((id) => functions.get(id) || { missing: id }),
      });
    }
    // mutation name -> the subscription fields it publishes to
    this.subscribersOf = new Map();
    const subscriptionType = this.schema.getSubscriptionType();
    for (const field of Object.values(subscriptionType?.getFields() || {})) {
      const directive = field.astNode?.directives?.find((x) => x.name.value === 'aws_subscribe');
      const mutations = directive?.arguments?.find((a) => a.name.value === 'mutations')?.value?.values || [];
      for (const mutation of mutations) {
        if (!this.subscribersOf.has(mutation.value)) this.subscribersOf.set(mutation.value, []);
        this.subscribersOf.get(mutation.value).push(field.name);
      }
    }
    return this;
  }

  /** Parses and validates a request; an array of AppSync errors when it does not validate. */
  parse(query) {
    let document;
    try {
      document = graphql.parse(query);
    } catch (error) {
      return { errors: [{ ...appSyncError(error), errorType: 'MalformedHttpRequestException' }] };
    }
    const errors = graphql.validate(this.schema, document);
    if (errors.length) {
      return { errors: errors.map((error) => ({ ...appSyncError(error), errorType: 'ValidationError' })) };
    }
    return { document };
  }

  /** Runs a query or mutation for the caller; the answer's `published` lists the mutations' results. */
  async execute({ document, variables, operationName, caller, request }) {
    const state = { errors: [], caller, request, variables: variables || {} };
    const result = await graphql.execute({
      schema: this.schema, document, variableValues: variables, operationName, contextValue: state,
      fieldResolver: (parent, args, context, info) => this.resolveField(parent, args, context, info),
    });
    const errors = [...(result.errors || []).map(appSyncError), ...state.errors.map((e) => appSyncError(e))];
    const operation = graphql.getOperationAST(document, operationName);
    const published = [];
    if (operation?.operation === 'mutation' && result.data) {
      for (const selection of operation.selectionSet.selections) {
        if (selection.kind !== 'Field') continue;
        const key = selection.alias?.value || selection.name.value;
        if (result.data[key] != null) published.push({ mutation: selection.name.value, value: result.data[key] });
      }
    }
    return { answer: { data: result.data ?? null, ...(errors.length ? { errors } : {}) }, published };
  }

  async resolveField(parent, args, state, info) {
    if (!(await mayAccess(this.definition, this.schema, state.caller, info.parentType, info.fieldName, this.services.iam))) {
      throw notAuthorized(info.fieldName, info.parentType.name);
    }
    if (state.publishing) {
      // a subscriber receives what the mutation selected; no resolver runs again
      return parent[info.fieldName];
    }
    const resolver = this.resolvers.get(`${info.parentType.name}.${info.fieldName}`);
    if (!resolver) {
      return parent ? parent[info.fieldName] : null;
    }
    return (await this.runResolver(resolver, { args, source: parent ?? null, info }, state)).value;
  }

  context({ args, source, info }, state) {
    return {
      arguments: args, args, source, identity: state.caller.identity, stash: {}, prev: { result: null },
      request: { headers: state.request?.headers || {}, domainName: null },
      info: {
        fieldName: info.fieldName, parentTypeName: info.parentType.name, variables: state.variables,
        selectionSetList: selectionSetList(info.fieldNodes),
        selectionSetGraphQL: info.fieldNodes[0].selectionSet ? graphql.print(info.fieldNodes[0].selectionSet) : '',
      },
    };
  }

  /** Runs a unit or pipeline resolver; `value` is the field's value, `invocation` what the code reported. */
  async runResolver(resolver, field, state) {
    if (!resolver.module) {
      throw new ResolverError(`The resolver of ${field.info.parentType.name}.${field.info.fieldName} is not APPSYNC_JS code; the local GraphQL service runs APPSYNC_JS only.`, 'UnsupportedResolver');
    }
    const ctx = this.context(field, state);
    const invocation = { authType: state.caller.authType, errors: state.errors, subscriptionFilter: null };
    const call = (handler) => withInvocation(invocation, () => handler(ctx));
    const step = async (module, dataSource) => {
      let request;
      try {
        request = call(module.request);
      } catch (error) {
        if (error instanceof EarlyReturn) return { early: error.value };
        throw error;
      }
      const answer = await this.services.runDataSource(dataSource, request);
      ctx.result = answer.result ?? null;
      ctx.error = answer.error ?? undefined;
      return { value: call(module.response) };
    };
    if (resolver.kind !== 'PIPELINE') {
      const { early, value } = await step(resolver.module, resolver.dataSource);
      return { value: early !== undefined ? early : value, invocation };
    }
    try {
      call(resolver.module.request);
    } catch (error) {
      if (error instanceof EarlyReturn) return { value: error.value, invocation };
      throw error;
    }
    for (const fn of resolver.functions) {
      if (!fn.module) throw new ResolverError(`A function of ${field.info.parentType.name}.${field.info.fieldName} is not deployed or not APPSYNC_JS.`, 'UnsupportedResolver');
      ctx.result = undefined;
      ctx.error = undefined;
      const { early, value } = await step(fn.module, fn.dataSource);
      ctx.prev = { result: early !== undefined ? early : value };
    }
    ctx.result = ctx.prev.result;
    ctx.error = undefined;
    return { value: call(resolver.module.response), invocation };
  }

  /**
   * Starts a subscription for the caller: validates it, checks the field's modes, runs its resolver (which may set
   * an enhanced filter). Resolves with {fieldName, args, filter} or throws a ResolverError.
   */
  async subscribe({ document, variables, operationName, caller, request }) {
    const operation = graphql.getOperationAST(document, operationName);
    if (operation?.operation !== 'subscription') {
      throw new ResolverError('Only subscriptions are started over this connection.', 'UnsupportedOperation');
    }
    const subscriptionType = this.schema.getSubscriptionType();
    const selection = operation.selectionSet.selections[0];
    const fieldName = selection.name.value;
    const field = subscriptionType.getFields()[fieldName];
    const args = graphql.getArgumentValues(field, selection, variables || {});
    const state = { errors: [], caller, request, variables: variables || {} };
    if (!(await mayAccess(this.definition, this.schema, caller, subscriptionType, fieldName, this.services.iam))) {
      throw notAuthorized(fieldName, subscriptionType.name);
    }
    const resolver = this.resolvers.get(`${subscriptionType.name}.${fieldName}`);
    let filter = null;
    if (resolver) {
      const info = { fieldName, parentType: subscriptionType, fieldNodes: [selection] };
      const { invocation } = await this.runResolver(resolver, { args, source: null, info }, state);
      filter = invocation.subscriptionFilter;
      if (state.errors.length) throw state.errors[0];
      checkSubscriptionFilter(filter);
    }
    return { fieldName, args, filter, mutations: this.mutationsOf(fieldName) };
  }

  mutationsOf(subscriptionField) {
    return [...this.subscribersOf.entries()].filter(([, fields]) => fields.includes(subscriptionField)).map(([m]) => m);
  }

  /** The subscription's payload for a published record: its selection over the record, field rules applied. */
  async payload({ document, variables, operationName, caller }, fieldName, value) {
    const state = { errors: [], caller, variables: variables || {}, publishing: true };
    const result = await graphql.execute({
      schema: this.schema, document, variableValues: variables, operationName, rootValue: { [fieldName]: value },
      contextValue: state,
      fieldResolver: (parent, args, context, info) => this.resolveField(parent, args, context, info),
    });
    const errors = (result.errors || []).map(appSyncError);
    return { data: result.data ?? null, ...(errors.length ? { errors } : {}) };
  }
}
