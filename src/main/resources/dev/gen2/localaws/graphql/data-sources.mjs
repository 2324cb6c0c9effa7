// AppSync's data sources as the local AWS runs them: one request object (what a function's request handler
// returned) in, `{result}` or `{error: {message, type}}` out, as ctx.result and ctx.error see them.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dynamodb = require('@aws-sdk/client-dynamodb');
const { unmarshall } = require('@aws-sdk/util-dynamodb');

/** The data sources of the local AWS at `aws`: DynamoDB tables, Lambda functions, NONE and HTTP endpoints. */
export function dataSources(aws, invokeLambda) {
  const dynamo = new dynamodb.DynamoDBClient({
    endpoint: aws, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  return async function run(dataSource, request) {
    switch (dataSource?.type) {
      case 'AMAZON_DYNAMODB': return dynamoDb(dynamo, dataSource.tableName, request);
      case 'AWS_LAMBDA': return lambda(invokeLambda, dataSource.lambdaFunctionArn, request);
      case 'NONE': return { result: request?.payload ?? null };
      case 'HTTP': return http(dataSource.httpEndpoint, request);
      default:
        return { error: { message: `The local GraphQL service does not run ${dataSource?.type} data sources`, type: 'UnsupportedDataSource' } };
    }
  };
}

async function lambda(invokeLambda, functionArn, request) {
  if (request?.operation !== 'Invoke' && request?.operation !== 'BatchInvoke') {
    return { error: { message: `Unsupported Lambda operation ${request?.operation}`, type: 'Lambda:InvalidRequest' } };
  }
  return invokeLambda(functionArn, request.payload);
}

async function http(endpoint, request) {
  const url = new URL(request.resourcePath || '/', endpoint);
  for (const [name, value] of Object.entries(request.params?.query || {})) url.searchParams.set(name, value);
  try {
    const response = await fetch(url, { method: request.method || 'GET', headers: request.params?.headers || {}, body: request.params?.body });
    return { result: { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.text() } };
  } catch (error) {
    return { error: { message: error.message, type: 'HttpError' } };
  }
}

function withExpressions(input, ...expressions) {
  const names = {};
  const values = {};
  for (const expression of expressions.filter(Boolean)) {
    Object.assign(names, expression.expressionNames || {});
    Object.assign(values, expression.expressionValues || {});
  }
  if (Object.keys(names).length) input.ExpressionAttributeNames = names;
  if (Object.keys(values).length) input.ExpressionAttributeValues = values;
  return input;
}

const encodeToken = (key) => (key ? Buffer.from(JSON.stringify(key)).toString('base64') : null);
const decodeToken = (token) => (token ? JSON.parse(Buffer.from(token, 'base64').toString('utf8')) : undefined);

async function dynamoDb(dynamo, TableName, req) {
  try {
    switch (req.operation) {
      case 'GetItem': {
        const out = await dynamo.send(new dynamodb.GetItemCommand({ TableName, Key: req.key, ConsistentRead: req.consistentRead }));
        return { result: out.Item ? unmarshall(out.Item) : null };
      }
      case 'PutItem': {
        const Item = { ...req.attributeValues, ...req.key };
        await dynamo.send(new dynamodb.PutItemCommand(withExpressions({ TableName, Item, ConditionExpression: req.condition?.expression }, req.condition)));
        return { result: unmarshall(Item) };
      }
      case 'UpdateItem': {
        const out = await dynamo.send(new dynamodb.UpdateItemCommand(withExpressions({
          TableName, Key: req.key, UpdateExpression: req.update.expression, ConditionExpression: req.condition?.expression, ReturnValues: 'ALL_NEW',
        }, req.update, req.condition)));
        return { result: unmarshall(out.Attributes) };
      }
      case 'DeleteItem': {
        const out = await dynamo.send(new dynamodb.DeleteItemCommand(withExpressions({
          TableName, Key: req.key, ConditionExpression: req.condition?.expression, ReturnValues: 'ALL_OLD',
        }, req.condition)));
        return { result: out.Attributes ? unmarshall(out.Attributes) : null };
      }
      case 'Query':
      case 'Scan': {
        const input = withExpressions({
          TableName, IndexName: req.index, Limit: req.limit, ExclusiveStartKey: decodeToken(req.nextToken),
          FilterExpression: req.filter?.expression, ConsistentRead: req.consistentRead,
        }, req.query, req.filter);
        if (req.operation === 'Query') {
          input.KeyConditionExpression = req.query.expression;
          input.ScanIndexForward = req.scanIndexForward;
        }
        const Command = req.operation === 'Query' ? dynamodb.QueryCommand : dynamodb.ScanCommand;
        const out = await dynamo.send(new Command(input));
        return {
          result: {
            items: (out.Items || []).map((item) => unmarshall(item)),
            nextToken: encodeToken(out.LastEvaluatedKey),
            scannedCount: out.ScannedCount,
          },
        };
      }
      default:
        return { error: { message: `Unsupported DynamoDB operation ${req.operation}`, type: 'DynamoDB:InvalidRequest' } };
    }
  } catch (error) {
    if (!error.$metadata) throw error;
    return { error: { message: error.message, type: `DynamoDB:${error.name}` } };
  }
}
