// A local stand-in for AppSync over our generated API, for the Node tests: it builds the schema from our SDL (with
// AppSync's scalars and directives declared), checks each field's auth directives against the caller's mode as
// AppSync does, runs each field's pipeline resolver (our resolver code, then model-resolver.js) and sends the
// DynamoDB requests they produce to a real DynamoDB API (moto's server), and the Lambda invocations of custom
// operations to their handler's module.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { AppSyncError, EarlyReturn, request } from './runtime.mjs';

const require = createRequire(process.env.DATA_TEST_MODULES + '/');
const graphql = require('graphql');
const dynamodb = require('@aws-sdk/client-dynamodb');
const { unmarshall } = require('@aws-sdk/util-dynamodb');

export const RESOLVER_CODE = path.resolve(import.meta.dirname, '../../../main/resources/dev/gen2/backend/data/model-resolver.js');

const APPSYNC_PRELUDE = `
scalar AWSDate
scalar AWSTime
scalar AWSDateTime
scalar AWSTimestamp
scalar AWSEmail
scalar AWSJSON
scalar AWSPhone
scalar AWSURL
scalar AWSIPAddress
directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION
directive @aws_iam on OBJECT | FIELD_DEFINITION
directive @aws_api_key on OBJECT | FIELD_DEFINITION
directive @aws_cognito_user_pools(cognito_groups: [String]) on OBJECT | FIELD_DEFINITION
directive @aws_oidc on OBJECT | FIELD_DEFINITION
directive @aws_lambda on OBJECT | FIELD_DEFINITION
`;

export const AUTH_TYPES = {
  apiKey: 'API Key Authorization',
  iam: 'IAM Authorization',
  userPools: 'User Pool Authorization',
  oidc: 'Open ID Connect Authorization',
  lambda: 'Lambda Authorization',
};
const DIRECTIVES = {
  [AUTH_TYPES.apiKey]: 'aws_api_key',
  [AUTH_TYPES.iam]: 'aws_iam',
  [AUTH_TYPES.userPools]: 'aws_cognito_user_pools',
  [AUTH_TYPES.oidc]: 'aws_oidc',
  [AUTH_TYPES.lambda]: 'aws_lambda',
};

const moduleDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'gen2-appsync-'));
let moduleCounter = 0;

/** Loads APPSYNC_JS code as a module, its '@aws-appsync/utils' import served by runtime.mjs. */
export async function loadCode(code) {
  const runtimeUrl = pathToFileURL(path.join(import.meta.dirname, 'runtime.mjs')).href;
  const file = path.join(moduleDirectory, `code${moduleCounter++}.mjs`);
  fs.writeFileSync(file, code.replaceAll("'@aws-appsync/utils'", `'${runtimeUrl}'`));
  return import(pathToFileURL(file).href);
}

/** The GraphQL schema AppSync would build from our SDL. */
export function appSyncSchema(sdl) {
  return graphql.buildSchema(APPSYNC_PRELUDE + sdl);
}

function modesOf(astNode) {
  return (astNode?.directives || []).map((directive) => directive.name.value)
    .filter((name) => name.startsWith('aws_') && name !== 'aws_subscribe');
}

/** Callers as AppSync describes them to resolvers. */
export const callers = {
  apiKey: () => ({ authType: AUTH_TYPES.apiKey, identity: null }),
  user: (username, groups = [], sub = `sub-${username}`) => ({
    authType: AUTH_TYPES.userPools,
    identity: { sub, username, groups, claims: { sub, 'cognito:username': username, 'cognito:groups': groups }, defaultAuthStrategy: 'ALLOW' },
  }),
  guest: (identityPoolId) => ({
    authType: AUTH_TYPES.iam,
    identity: { cognitoIdentityPoolId: identityPoolId, cognitoIdentityAuthType: 'unauthenticated', cognitoIdentityId: 'us-east-1:guest' },
  }),
  identityPoolUser: (identityPoolId) => ({
    authType: AUTH_TYPES.iam,
    identity: { cognitoIdentityPoolId: identityPoolId, cognitoIdentityAuthType: 'authenticated', cognitoIdentityId: 'us-east-1:user' },
  }),
  lambda: (resolverContext = {}) => ({ authType: AUTH_TYPES.lambda, identity: { resolverContext } }),
  iamRole: () => ({
    authType: AUTH_TYPES.iam,
    identity: { userArn: 'arn:aws:sts::123456789012:assumed-role/function-role/report', accountId: '123456789012' },
  }),
};

export class Api {
  constructor(fixture, endpoint, tablePrefix) {
    const directory = path.join(process.env.DATA_FIXTURES, fixture);
    this.sdl = fs.readFileSync(path.join(directory, 'schema.graphql'), 'utf8');
    this.plan = JSON.parse(fs.readFileSync(path.join(directory, 'plan.json'), 'utf8'));
    this.introspection = JSON.parse(fs.readFileSync(path.join(directory, 'modelIntrospection.json'), 'utf8'));
    this.schema = appSyncSchema(this.sdl);
    this.tablePrefix = tablePrefix;
    this.dynamo = new dynamodb.DynamoDBClient({
      endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    this.defaultMode = null;
  }

  /** Loads the code of every resolver and makes the tables. */
  async start(defaultAuthType) {
    this.defaultMode = DIRECTIVES[defaultAuthType];
    this.functionCode = await loadCode(fs.readFileSync(RESOLVER_CODE, 'utf8'));
    this.resolvers = {};
    for (const [model, definition] of Object.entries(this.plan.models)) {
      for (const resolver of definition.resolvers) {
        this.resolvers[`${resolver.typeName}.${resolver.fieldName}`] = { model, code: await loadCode(resolver.code), subscription: resolver.subscription };
      }
      await this.dynamo.send(new dynamodb.CreateTableCommand(tableDefinition(this.tableName(model), definition)));
    }
    for (const operation of this.plan.operations || []) {
      this.resolvers[`${operation.typeName}.${operation.fieldName}`] = { code: await loadCode(operation.code), handler: operation.handler };
    }
    return this;
  }

  tableName(model) {
    return `${this.tablePrefix}${model}`;
  }

  /** Runs a query or mutation as AppSync would for the caller: validation, mode checks, resolvers. */
  async run(source, variables, caller) {
    const document = graphql.parse(source);
    const errors = graphql.validate(this.schema, document);
    if (errors.length) {
      return { errors: errors.map((error) => ({ message: error.message, errorType: 'ValidationError' })) };
    }
    const result = await graphql.execute({
      schema: this.schema,
      document,
      variableValues: variables,
      contextValue: caller,
      fieldResolver: (parent, args, context, info) => this.resolveField(parent, args, context, info),
    });
    return {
      data: result.data,
      ...(result.errors ? { errors: result.errors.map((error) => ({ message: error.message, errorType: error.originalError?.type, path: error.path })) } : {}),
    };
  }

  /** Starts a subscription: runs its resolver, and returns the filter AppSync would deliver mutations through. */
  async subscribe(source, variables, caller) {
    const document = graphql.parse(source);
    const errors = graphql.validate(this.schema, document);
    if (errors.length) {
      throw new Error(errors.map((error) => error.message).join('; '));
    }
    const operation = document.definitions.find((definition) => definition.kind === 'OperationDefinition');
    const field = operation.selectionSet.selections[0];
    const args = graphql.getArgumentValues(this.schema.getSubscriptionType().getFields()[field.name.value], field, variables);
    this.checkMode(this.schema.getSubscriptionType(), field.name.value, caller);
    request.subscriptionFilter = null;
    await this.runPipeline(this.resolvers[`Subscription.${field.name.value}`], { args, source: null }, caller);
    return request.subscriptionFilter;
  }

  checkMode(parentType, fieldName, caller) {
    const field = parentType.getFields()[fieldName];
    const fieldModes = modesOf(field.astNode);
    const modes = fieldModes.length ? fieldModes : modesOf(parentType.astNode);
    const allowed = modes.length ? modes : [this.defaultMode];
    if (!allowed.includes(DIRECTIVES[caller.authType])) {
      throw new AppSyncError(`Not Authorized to access ${fieldName} on type ${parentType.name}`, 'Unauthorized');
    }
  }

  async resolveField(parent, args, caller, info) {
    this.checkMode(info.parentType, info.fieldName, caller);
    const resolver = this.resolvers[`${info.parentType.name}.${info.fieldName}`];
    if (!resolver) {
      return parent ? parent[info.fieldName] : null;
    }
    return this.runPipeline(resolver, { args, source: parent }, caller);
  }

  async runPipeline(resolver, { args, source }, caller) {
    request.authType = caller.authType;
    const ctx = { args, arguments: args, source, identity: caller.identity, stash: {}, prev: {}, request: { headers: {} }, info: {} };
    resolver.code.request(ctx);
    let result;
    try {
      const dataSourceRequest = this.functionCode.request(ctx);
      const answer = resolver.subscription ? { result: null }
        : resolver.handler ? await invokeHandler(resolver.handler, dataSourceRequest)
          : await this.dataSource(resolver.model, dataSourceRequest);
      ctx.result = answer.result;
      ctx.error = answer.error;
      result = this.functionCode.response(ctx);
    } catch (error) {
      if (!(error instanceof EarlyReturn)) {
        throw error;
      }
      result = error.value;
    }
    ctx.prev = { result };
    return resolver.code.response(ctx);
  }

  /** AppSync's DynamoDB data source: one request object in, the item or page out, errors as ctx.error. */
  async dataSource(model, req) {
    const TableName = this.tableName(model);
    const withExpressions = (input, ...expressions) => {
      const names = {};
      const values = {};
      for (const expression of expressions.filter(Boolean)) {
        Object.assign(names, expression.expressionNames || {});
        Object.assign(values, expression.expressionValues || {});
      }
      if (Object.keys(names).length) input.ExpressionAttributeNames = names;
      if (Object.keys(values).length) input.ExpressionAttributeValues = values;
      return input;
    };
    try {
      switch (req.operation) {
        case 'GetItem': {
          const out = await this.dynamo.send(new dynamodb.GetItemCommand({ TableName, Key: req.key, ConsistentRead: req.consistentRead }));
          return { result: out.Item ? unmarshall(out.Item) : null };
        }
        case 'PutItem': {
          const Item = { ...req.attributeValues, ...req.key };
          await this.dynamo.send(new dynamodb.PutItemCommand(withExpressions({ TableName, Item, ConditionExpression: req.condition?.expression }, req.condition)));
          return { result: unmarshall(Item) };
        }
        case 'UpdateItem': {
          const out = await this.dynamo.send(new dynamodb.UpdateItemCommand(withExpressions({
            TableName, Key: req.key, UpdateExpression: req.update.expression, ConditionExpression: req.condition?.expression, ReturnValues: 'ALL_NEW',
          }, req.update, req.condition)));
          return { result: unmarshall(out.Attributes) };
        }
        case 'DeleteItem': {
          const out = await this.dynamo.send(new dynamodb.DeleteItemCommand(withExpressions({
            TableName, Key: req.key, ConditionExpression: req.condition?.expression, ReturnValues: 'ALL_OLD',
          }, req.condition)));
          return { result: out.Attributes ? unmarshall(out.Attributes) : null };
        }
        case 'Query':
        case 'Scan': {
          const input = withExpressions({
            TableName,
            IndexName: req.index,
            Limit: req.limit,
            ExclusiveStartKey: req.nextToken ? JSON.parse(Buffer.from(req.nextToken, 'base64').toString('utf8')) : undefined,
            FilterExpression: req.filter?.expression,
          }, req.query, req.filter);
          if (req.operation === 'Query') {
            input.KeyConditionExpression = req.query.expression;
            input.ScanIndexForward = req.scanIndexForward;
          }
          const Command = req.operation === 'Query' ? dynamodb.QueryCommand : dynamodb.ScanCommand;
          const out = await this.dynamo.send(new Command(input));
          return {
            result: {
              items: (out.Items || []).map((item) => unmarshall(item)),
              nextToken: out.LastEvaluatedKey ? Buffer.from(JSON.stringify(out.LastEvaluatedKey)).toString('base64') : null,
            },
          };
        }
        default:
          throw new Error(`Unsupported DynamoDB operation ${req.operation}`);
      }
    } catch (error) {
      if (!error.$metadata) {
        throw error;
      }
      return { error: { message: error.message, type: `DynamoDB:${error.name}` } };
    }
  }
}

/** AppSync's Lambda data source: the function's module run in this process with the request's payload. */
async function invokeHandler(handlerDirectory, req) {
  if (req.operation !== 'Invoke') {
    throw new Error(`Unsupported Lambda operation ${req.operation}`);
  }
  try {
    return { result: await createRequire(handlerDirectory + '/')('./index.js').handler(req.payload) };
  } catch (error) {
    return { error: { message: error.message, type: 'Lambda:Unhandled' } };
  }
}

function tableDefinition(TableName, definition) {
  const attributes = {};
  const keySchema = (keys, types) => keys.map((key, i) => {
    attributes[key] = types[i];
    return { AttributeName: key, KeyType: i === 0 ? 'HASH' : 'RANGE' };
  });
  const table = {
    TableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: keySchema(definition.keys, definition.keyTypes),
  };
  if (definition.indexes.length) {
    table.GlobalSecondaryIndexes = definition.indexes.map((index) => ({
      IndexName: index.name, KeySchema: keySchema(index.keys, index.keyTypes), Projection: { ProjectionType: 'ALL' },
    }));
  }
  table.AttributeDefinitions = Object.entries(attributes).map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
  return table;
}
