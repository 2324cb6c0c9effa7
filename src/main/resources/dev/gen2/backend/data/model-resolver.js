// The APPSYNC_JS function every model operation runs. The pipeline resolver in front of it puts the operation's
// configuration in ctx.stash.gen2: the model, its keys, the index or relationship to read, its defaults and its
// authorization rules. One code file serves all models, so templates stay small however many models there are.
// APPSYNC_JS has no recursion, classic loops, `in`, regular expressions or try/catch; this file uses none.
import { util, runtime, extensions } from '@aws-appsync/utils';

const AUTH_TYPES = {
  'API Key Authorization': 'apiKey',
  'IAM Authorization': 'iam',
  'User Pool Authorization': 'userPools',
  'Open ID Connect Authorization': 'oidc',
  'Lambda Authorization': 'function',
};
const DEFAULT_IDENTITY_CLAIM = 'sub::username';
const DEFAULT_LIMIT = 100;

export function request(ctx) {
  const config = ctx.stash.gen2;
  const caller = callerOf(ctx, config);
  const operation = config.operation;
  if (operation === 'subscribe') {
    requireSome(accessTo(config.rules, caller, 'listen'));
    return { payload: null };
  }
  if (operation === 'invoke') {
    requireSome(accessTo(config.rules, caller, 'invoke'));
    return { operation: 'Invoke', payload: invocationEvent(ctx, config) };
  }
  if (operation === 'create') {
    return createRequest(ctx, config, caller);
  }
  if (operation === 'update' || operation === 'delete') {
    return changeRequest(ctx, config, caller);
  }
  return readRequest(ctx, config, caller);
}

export function response(ctx) {
  const config = ctx.stash.gen2;
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  const caller = callerOf(ctx, config);
  const operation = config.operation;
  if (operation === 'subscribe') {
    setSubscriptionFilter(ctx, config, caller);
    return null;
  }
  if (operation === 'invoke') {
    return ctx.result;
  }
  if (operation === 'list' || operation === 'query' || operation === 'hasMany') {
    const items = (ctx.result.items || []).map((item) => redact(item, config, caller));
    return { items: items, nextToken: ctx.result.nextToken || null };
  }
  if (operation === 'hasOne') {
    const first = (ctx.result.items || [])[0];
    return first ? redact(first, config, caller) : null;
  }
  const item = ctx.result;
  if (!item) {
    return null;
  }
  if (operation === 'get' || operation === 'belongsTo') {
    const access = accessTo(config.rules, caller, 'get');
    if (!access.full && !satisfies(item, access.conditions)) {
      util.unauthorized();
    }
  }
  if (operation === 'create' || operation === 'update' || operation === 'delete') {
    return withoutProtectedFields(item, config);
  }
  return redact(item, config, caller);
}

// --- Who is calling --------------------------------------------------------------------------------------------

function callerOf(ctx, config) {
  const provider = AUTH_TYPES[util.authType()];
  const identity = ctx.identity || {};
  const caller = { provider: provider, admin: false, signedIn: false, identities: {}, groups: [] };
  if (provider === 'iam') {
    const fromPool = config.identityPoolId && identity.cognitoIdentityPoolId === config.identityPoolId;
    caller.admin = !fromPool;
    caller.signedIn = fromPool && identity.cognitoIdentityAuthType === 'authenticated';
    return caller;
  }
  if (provider === 'userPools' || provider === 'oidc') {
    caller.signedIn = true;
    caller.claims = identity.claims || {};
    caller.sub = identity.sub || caller.claims.sub;
    caller.username = identity.username || caller.claims['cognito:username'] || caller.claims.username;
  }
  return caller;
}

function identitiesFor(caller, claim) {
  if (claim === DEFAULT_IDENTITY_CLAIM) {
    const values = [];
    if (caller.sub && caller.username) {
      values.push(caller.sub + '::' + caller.username);
    }
    if (caller.sub) {
      values.push(caller.sub);
    }
    if (caller.username) {
      values.push(caller.username);
    }
    return values;
  }
  const value = claim === 'cognito:username' ? caller.username : caller.claims[claim];
  return value ? [value] : [];
}

function groupsFor(caller, claim) {
  const value = caller.claims ? caller.claims[claim] : null;
  if (!value) {
    return [];
  }
  if (Array.isArray(value)) {
    return value;
  }
  return value.startsWith('[') ? JSON.parse(value) : value.split(',');
}

// --- What the rules allow --------------------------------------------------------------------------------------

// A custom operation's rules name no operations: they allow calling it.
function allowsOperation(rule, operation) {
  if (operation === 'invoke') {
    return true;
  }
  const readParts = ['get', 'list', 'listen', 'sync', 'search'];
  return rule.operations.includes(operation) || (rule.operations.includes('read') && readParts.includes(operation));
}

// The caller's access to an operation: full, or only to records meeting one of the conditions (owner or dynamic
// group fields), or none. IAM principals outside the identity pool reach the API only through IAM policies granted
// to them (functions given data access), so they get full access, as Amplify's IAM authorization mode gives.
function accessTo(rules, caller, operation) {
  const access = { full: caller.admin, conditions: [] };
  for (const rule of rules) {
    if (rule.provider === caller.provider && allowsOperation(rule, operation)) {
      addRuleAccess(access, rule, caller);
    }
  }
  return access;
}

function addRuleAccess(access, rule, caller) {
  if (rule.allow === 'public') {
    access.full = access.full || caller.provider === 'apiKey' || (caller.provider === 'iam' && !caller.signedIn);
  } else if (rule.allow === 'private') {
    access.full = access.full || caller.signedIn;
  } else if (rule.allow === 'custom') {
    access.full = true;
  } else if (rule.allow === 'groups' && rule.groups) {
    const mine = groupsFor(caller, rule.groupClaim);
    access.full = access.full || rule.groups.some((group) => mine.includes(group));
  } else if (rule.allow === 'groups') {
    const mine = groupsFor(caller, rule.groupClaim);
    access.conditions.push({ field: rule.groupsField, multiple: rule.multiple, values: mine });
  } else if (rule.allow === 'owner') {
    const values = identitiesFor(caller, rule.identityClaim);
    access.conditions.push({ field: rule.ownerField, multiple: rule.multiple, values: values });
  }
}

function requireSome(access) {
  const conditional = access.conditions.some((condition) => condition.values.length > 0);
  if (!access.full && !conditional) {
    util.unauthorized();
  }
}

function satisfies(item, conditions) {
  return conditions.some((condition) => {
    const stored = item[condition.field];
    if (stored === undefined || stored === null) {
      return false;
    }
    const storedValues = Array.isArray(stored) ? stored : [stored];
    return storedValues.some((value) => condition.values.includes(value));
  });
}

// A DynamoDB condition holding when a record meets one of the conditions; a caller with none to meet is refused.
function conditionExpression(conditions, prefix) {
  const parts = [];
  const names = {};
  const values = {};
  conditions.forEach((condition, c) => {
    if (condition.values.length === 0) {
      return;
    }
    const name = '#' + prefix + c;
    names[name] = condition.field;
    const placeholders = condition.values.map((value, v) => {
      const placeholder = ':' + prefix + c + '_' + v;
      values[placeholder] = util.dynamodb.toDynamoDB(value);
      return placeholder;
    });
    if (condition.multiple) {
      placeholders.forEach((placeholder) => parts.push('contains(' + name + ', ' + placeholder + ')'));
    } else {
      parts.push(name + ' IN (' + placeholders.join(', ') + ')');
    }
  });
  if (parts.length === 0) {
    util.unauthorized();
  }
  return { expression: parts.join(' OR '), expressionNames: names, expressionValues: values };
}

function and(first, second) {
  if (!first) {
    return second;
  }
  if (!second) {
    return first;
  }
  return {
    expression: wrapped(first.expression) + ' AND ' + wrapped(second.expression),
    expressionNames: Object.assign({}, first.expressionNames, second.expressionNames),
    expressionValues: Object.assign({}, first.expressionValues || {}, second.expressionValues || {}),
  };
}

// An expression in parentheses, unless it is in them already: DynamoDB refuses redundant parentheses.
function wrapped(expression) {
  let depth = 0;
  let closedEarly = false;
  let position = 0;
  for (const character of expression) {
    if (character === '(') {
      depth = depth + 1;
    } else if (character === ')') {
      depth = depth - 1;
      closedEarly = closedEarly || (depth === 0 && position < expression.length - 1);
    }
    position = position + 1;
  }
  return expression.startsWith('(') && !closedEarly ? expression : '(' + expression + ')';
}

function parsed(expressionJson) {
  if (!expressionJson) {
    return null;
  }
  const expression = JSON.parse(expressionJson);
  return expression && expression.expression ? expression : null;
}

// --- Reads -----------------------------------------------------------------------------------------------------

function readRequest(ctx, config, caller) {
  const operation = config.operation;
  const access = accessTo(config.rules, caller, operation === 'get' || operation === 'belongsTo' || operation === 'hasOne' ? 'get' : 'list');
  requireSome(access);
  if (operation === 'get') {
    return { operation: 'GetItem', key: keyOf(ctx.args, config.keys) };
  }
  if (operation === 'belongsTo') {
    const key = {};
    config.keys.forEach((field, k) => {
      key[field] = ctx.source[config.references[k]];
    });
    if (Object.values(key).some((value) => value === undefined || value === null)) {
      runtime.earlyReturn(null);
    }
    return { operation: 'GetItem', key: util.dynamodb.toMapValues(key) };
  }
  const filter = and(parsed(ctx.args.filter ? util.transform.toDynamoDBFilterExpression(ctx.args.filter) : null),
    access.full ? null : conditionExpression(access.conditions, 'gen2auth'));
  const page = { limit: ctx.args.limit || DEFAULT_LIMIT, nextToken: ctx.args.nextToken || null };
  if (filter) {
    page.filter = filter;
  }
  const keyCondition = keyConditionOf(ctx, config);
  if (!keyCondition) {
    return Object.assign({ operation: 'Scan' }, page);
  }
  if (keyCondition.empty) {
    runtime.earlyReturn(operation === 'hasOne' ? { items: [] } : { items: [], nextToken: null });
  }
  const query = Object.assign({ operation: 'Query', query: keyCondition, scanIndexForward: ctx.args.sortDirection !== 'DESC' }, page);
  if (config.index) {
    query.index = config.index;
  }
  return query;
}

// The key condition of a list, index query or relationship read; null for a list that scans the table.
function keyConditionOf(ctx, config) {
  const keys = config.queryKeys || config.keys;
  let partitionValue;
  let sortCondition = null;
  if (config.operation === 'hasMany' || config.operation === 'hasOne') {
    partitionValue = ctx.source[config.parentKeys[0]];
    if (keys.length > 1 && config.parentKeys.length > 1) {
      sortCondition = { eq: ctx.source[config.parentKeys[1]] };
    }
    if (partitionValue === undefined || partitionValue === null) {
      return { empty: true };
    }
  } else {
    partitionValue = ctx.args[keys[0]];
    sortCondition = keys.length > 1 ? ctx.args[keys[1]] : null;
    if (partitionValue === undefined || partitionValue === null) {
      return null;
    }
  }
  const condition = {
    expression: '#pk = :pk',
    expressionNames: { '#pk': keys[0] },
    expressionValues: { ':pk': util.dynamodb.toDynamoDB(partitionValue) },
  };
  if (sortCondition) {
    addSortCondition(condition, keys[1], sortCondition);
  }
  return condition;
}

function addSortCondition(condition, sortKey, sortCondition) {
  const comparisons = { eq: '=', le: '<=', lt: '<', ge: '>=', gt: '>' };
  condition.expressionNames['#sk'] = sortKey;
  for (const operator of Object.keys(sortCondition)) {
    const value = sortCondition[operator];
    if (operator === 'between') {
      condition.expression += ' AND #sk BETWEEN :sk0 AND :sk1';
      condition.expressionValues[':sk0'] = util.dynamodb.toDynamoDB(value[0]);
      condition.expressionValues[':sk1'] = util.dynamodb.toDynamoDB(value[1]);
    } else if (operator === 'beginsWith') {
      condition.expression += ' AND begins_with(#sk, :sk)';
      condition.expressionValues[':sk'] = util.dynamodb.toDynamoDB(value);
    } else {
      condition.expression += ' AND #sk ' + comparisons[operator] + ' :sk';
      condition.expressionValues[':sk'] = util.dynamodb.toDynamoDB(value);
    }
  }
}

function keyOf(values, keys) {
  const key = {};
  for (const field of keys) {
    key[field] = values[field];
  }
  return util.dynamodb.toMapValues(key);
}

// Field-level rules: a field the caller may not read comes back null.
function redact(item, config, caller) {
  const result = Object.assign({}, item);
  for (const field of Object.keys(config.fieldRules || {})) {
    const access = accessTo(config.fieldRules[field], caller, 'get');
    if (!access.full && !satisfies(item, access.conditions)) {
      result[field] = null;
    }
  }
  return result;
}

// A mutation's result is also what its subscribers receive, whoever they are: fields with rules of their own come
// back null from mutations, as in Amplify, and are read with a query.
function withoutProtectedFields(item, config) {
  const result = Object.assign({}, item);
  for (const field of Object.keys(config.fieldRules || {})) {
    result[field] = null;
  }
  return result;
}

// --- Writes ----------------------------------------------------------------------------------------------------

function createRequest(ctx, config, caller) {
  const access = accessTo(config.rules, caller, 'create');
  requireSome(access);
  const now = util.time.nowISO8601();
  const item = Object.assign({}, config.defaults || {}, ctx.args.input);
  if (config.generatedId && !item.id) {
    item.id = util.autoId();
  }
  item.createdAt = item.createdAt || now;
  item.updatedAt = item.updatedAt || now;
  item.__typename = config.model;
  if (!access.full) {
    claimOwnership(item, access.conditions);
  }
  checkFieldWrites(ctx.args.input, item, config, caller, 'create');
  const key = {};
  config.keys.forEach((field) => {
    key[field] = item[field];
  });
  const attributes = Object.assign({}, item);
  config.keys.forEach((field) => {
    attributes[field] = undefined;
  });
  const names = { '#key': config.keys[0] };
  const notExists = { expression: 'attribute_not_exists(#key)', expressionNames: names, expressionValues: {} };
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues(key),
    attributeValues: util.dynamodb.toMapValues(withoutUndefined(attributes)),
    condition: and(notExists, parsed(ctx.args.condition ? util.transform.toDynamoDBConditionExpression(ctx.args.condition) : null)),
  };
}

// An owner or dynamic-group record made by a caller with only that access: the owner field is filled with the
// caller's identity when left out, and must name the caller (or one of the caller's groups) when given.
function claimOwnership(item, conditions) {
  const usable = conditions.filter((condition) => condition.values.length > 0);
  if (satisfies(item, usable)) {
    return;
  }
  const fillable = usable.find((condition) => item[condition.field] === undefined || item[condition.field] === null);
  if (!fillable) {
    util.unauthorized();
  }
  item[fillable.field] = fillable.multiple ? [fillable.values[0]] : fillable.values[0];
}

function checkFieldWrites(input, item, config, caller, operation) {
  for (const field of Object.keys(config.fieldRules || {})) {
    if (input[field] !== undefined) {
      const access = accessTo(config.fieldRules[field], caller, operation);
      if (!access.full && !(operation === 'create' && satisfies(item, access.conditions))) {
        util.unauthorized();
      }
    }
  }
}

function changeRequest(ctx, config, caller) {
  const operation = config.operation;
  const access = accessTo(config.rules, caller, operation);
  requireSome(access);
  const input = ctx.args.input;
  const exists = { expression: 'attribute_exists(#key)', expressionNames: { '#key': config.keys[0] }, expressionValues: {} };
  let condition = and(exists, access.full ? null : conditionExpression(access.conditions, 'gen2auth'));
  condition = and(condition, parsed(ctx.args.condition ? util.transform.toDynamoDBConditionExpression(ctx.args.condition) : null));
  if (operation === 'delete') {
    return { operation: 'DeleteItem', key: keyOf(input, config.keys), condition: condition };
  }
  condition = and(condition, fieldWriteConditions(input, config, caller));
  const changes = Object.assign({}, input, { updatedAt: util.time.nowISO8601() });
  const sets = [];
  const removes = [];
  const names = {};
  const values = {};
  Object.keys(changes).forEach((field, f) => {
    if (config.keys.includes(field)) {
      return;
    }
    names['#u' + f] = field;
    if (changes[field] === null) {
      removes.push('#u' + f);
    } else {
      values[':u' + f] = util.dynamodb.toDynamoDB(changes[field]);
      sets.push('#u' + f + ' = :u' + f);
    }
  });
  const expression = 'SET ' + sets.join(', ') + (removes.length ? ' REMOVE ' + removes.join(', ') : '');
  return {
    operation: 'UpdateItem',
    key: keyOf(input, config.keys),
    update: { expression: expression, expressionNames: names, expressionValues: values },
    condition: condition,
  };
}

// Field-level rules on an update: each protected field given needs full access or a record meeting its conditions.
function fieldWriteConditions(input, config, caller) {
  let condition = null;
  Object.keys(config.fieldRules || {}).forEach((field, f) => {
    if (input[field] === undefined) {
      return;
    }
    const access = accessTo(config.fieldRules[field], caller, 'update');
    if (!access.full) {
      requireSome(access);
      condition = and(condition, conditionExpression(access.conditions, 'gen2field' + f + '_'));
    }
  });
  return condition;
}

function withoutUndefined(object) {
  const result = {};
  for (const field of Object.keys(object)) {
    if (object[field] !== undefined) {
      result[field] = object[field];
    }
  }
  return result;
}

// --- Custom operations ----------------------------------------------------------------------------------------

// The event a custom operation's function receives: AppSync's direct Lambda resolver event.
function invocationEvent(ctx, config) {
  return {
    typeName: config.typeName,
    fieldName: config.field,
    arguments: ctx.args,
    identity: ctx.identity,
    source: ctx.source,
    request: ctx.request,
    info: ctx.info,
    prev: ctx.prev,
  };
}

// --- Subscriptions ---------------------------------------------------------------------------------------------

// Subscribers with only owner or group access receive only the records they could read: the rule becomes a
// subscription filter that at least one of the owner or group fields must pass.
function setSubscriptionFilter(ctx, config, caller) {
  const access = accessTo(config.rules, caller, 'listen');
  const filter = Object.assign({}, ctx.args.filter || {});
  const ownerArguments = [];
  for (const argument of Object.keys(ctx.args)) {
    if (argument !== 'filter' && ctx.args[argument] !== undefined && ctx.args[argument] !== null) {
      ownerArguments.push(argument);
    }
  }
  ownerArguments.forEach((argument) => {
    filter[argument] = { eq: ctx.args[argument] };
  });
  if (access.full) {
    if (Object.keys(filter).length) {
      extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter(filter));
    }
    return;
  }
  const rules = {};
  access.conditions.forEach((condition) => {
    if (condition.values.length) {
      rules[condition.field] = condition.multiple ? { containsAny: condition.values } : { in: condition.values };
    }
  });
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter(filter, [], rules));
}
