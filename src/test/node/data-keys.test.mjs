// Keys of several fields through the real aws-amplify v6 client on the local backend: the 'keys' fixture the Java
// tests wrote (DataSchemas.KEYS) deployed to the local AWS. A Release's identifier has a composite sort key (Amplify's
// joined slug#version attribute): get, update and delete by all three fields, list with conditions over the composite.
// A Task has an index with a composite sort key (priority#createdAt, which the client's index query function reads)
// and one with DynamoDB's multi-attribute keys (team and region partition it, priority and dueOn sort it, each its own
// attribute, so priorities compare as numbers), queried through client.graphql.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { deployFixture, startLocalBackend } from './local-graphql.mjs';

const amplifyRequire = createRequire(process.env.AMPLIFY6_MODULES + '/');
const { Amplify } = amplifyRequire('aws-amplify');
const { generateClient } = amplifyRequire('aws-amplify/data');
const dynamodbRequire = createRequire(process.env.DATA_TEST_MODULES + '/');
const { DynamoDBClient, GetItemCommand, CreateTableCommand } = dynamodbRequire('@aws-sdk/client-dynamodb');

let backend;
let keys;
let client;

before(async () => {
  backend = await startLocalBackend();
  keys = await deployFixture(backend, 'keys', { defaultMode: 'API_KEY' });
  Amplify.configure({
    version: '1.4',
    data: {
      url: keys.url, aws_region: 'us-east-1', api_key: keys.ApiKey, default_authorization_type: 'API_KEY',
      authorization_types: ['AWS_IAM'], model_introspection: keys.introspection,
    },
  });
  client = generateClient();
});
after(() => backend?.stop());

function noErrors(result) {
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return result.data;
}

const dynamodb = () => new DynamoDBClient({ endpoint: backend.aws, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
const titles = (items) => items.map((item) => item.title);

test('a composite identifier: the joined slug#version key is stored, and get, update and delete take all three fields', async () => {
  for (const [slug, version, title] of [['app', 1, 'app 1'], ['app', 2, 'app 2'], ['app', 10, 'app 10'], ['api', 1, 'api 1']]) {
    noErrors(await client.models.Release.create({ tenant: 'acme', slug, version, title }));
  }
  noErrors(await client.models.Release.create({ tenant: 'other', slug: 'app', version: 1, title: 'other app 1' }));
  const stored = await dynamodb()
    .send(new GetItemCommand({ TableName: keys.tableName('Release'), Key: { tenant: { S: 'acme' }, 'slug#version': { S: 'app#2' } } }));
  assert.equal(stored.Item?.title?.S, 'app 2');
  assert.equal(stored.Item?.version?.N, '2');

  assert.equal(noErrors(await client.models.Release.get({ tenant: 'acme', slug: 'app', version: 2 })).title, 'app 2');
  assert.equal(noErrors(await client.models.Release.update({ tenant: 'acme', slug: 'app', version: 2, title: 'app two' })).title, 'app two');
  assert.equal(noErrors(await client.models.Release.get({ tenant: 'acme', slug: 'app', version: 2 })).title, 'app two');
  assert.equal(noErrors(await client.models.Release.get({ tenant: 'acme', slug: 'app', version: 3 })), null);
  const duplicate = await client.models.Release.create({ tenant: 'acme', slug: 'app', version: 1, title: 'again' });
  assert.match(duplicate.errors?.[0]?.message ?? '', /conditional request failed/i);
});

test('listing by a composite sort key: eq, beginsWith, between, le, lt, ge and gt over the joined values', async () => {
  const list = async (slugVersion, sortDirection) => titles(noErrors(await client.models.Release.list({ tenant: 'acme', slugVersion, sortDirection })));
  assert.deepEqual(await list(undefined), ['api 1', 'app 1', 'app 10', 'app two']);
  assert.deepEqual(await list({ eq: { slug: 'app', version: 10 } }), ['app 10']);
  assert.deepEqual(await list({ beginsWith: { slug: 'app' } }), ['app 1', 'app 10', 'app two']);
  assert.deepEqual(await list({ beginsWith: { slug: 'app', version: 1 } }), ['app 1', 'app 10']);
  assert.deepEqual(await list({ between: [{ slug: 'api' }, { slug: 'app', version: 1 }] }), ['api 1', 'app 1']);
  assert.deepEqual(await list({ le: { slug: 'app', version: 1 } }), ['api 1', 'app 1']);
  assert.deepEqual(await list({ lt: { slug: 'app', version: 1 } }), ['api 1']);
  // joined values compare as strings, as in Amplify: 'app#10' < 'app#2'
  assert.deepEqual(await list({ gt: { slug: 'app', version: 10 } }), ['app two']);
  assert.deepEqual(await list({ ge: { slug: 'app', version: 10 } }), ['app 10', 'app two']);
  assert.deepEqual(await list({ beginsWith: { slug: 'app' } }, 'DESC'), ['app two', 'app 10', 'app 1']);
  noErrors(await client.models.Release.delete({ tenant: 'acme', slug: 'app', version: 10 }));
  assert.deepEqual(await list({ beginsWith: { slug: 'app' } }), ['app 1', 'app two']);
});

test('an index with a composite sort key: the client\'s index query reads priority#createdAt', async () => {
  const created = [];
  for (const [priority, title] of [[1, 'low'], [2, 'mid'], [2, 'mid later'], [3, 'high']]) {
    created.push(noErrors(await client.models.Task.create({ status: 'OPEN', priority, title })));
  }
  noErrors(await client.models.Task.create({ status: 'DONE', priority: 2, title: 'finished' }));
  const byStatus = async (priorityCreatedAt) => titles(noErrors(await client.models.Task.listTaskByStatusAndPriorityAndCreatedAt({ status: 'OPEN', priorityCreatedAt })));
  assert.deepEqual(await byStatus(undefined), ['low', 'mid', 'mid later', 'high']);
  assert.deepEqual(await byStatus({ beginsWith: { priority: 2 } }), ['mid', 'mid later']);
  assert.deepEqual(await byStatus({ eq: { priority: 2, createdAt: created[1].createdAt } }), ['mid']);
  assert.deepEqual(await byStatus({ between: [{ priority: 2 }, { priority: 3 }] }), ['mid', 'mid later']);
  assert.deepEqual(await byStatus({ ge: { priority: 3 } }), ['high']);

  // as in Amplify, a change to part of a composite key must give all of it; createdAt cannot be given
  const partial = await client.models.Task.update({ id: created[0].id, priority: 3 });
  assert.match(partial.errors?.[0]?.message ?? '', /index tasksByStatusAndPriorityAndCreatedAt needs all its fields \(priority, createdAt\): createdAt missing/);
  assert.equal(noErrors(await client.models.Task.update({ id: created[0].id, status: 'DONE' })).status, 'DONE');
  assert.deepEqual(await byStatus({ beginsWith: { priority: 1 } }), []);
  assert.deepEqual(titles(noErrors(await client.models.Task.listTaskByStatusAndPriorityAndCreatedAt({ status: 'DONE', sortDirection: 'DESC' }))),
    ['finished', 'low']);
});

test('a composite sort key follows its fields on update', async () => {
  const task = noErrors(await client.models.Task.create({ status: 'NEW', team: 'ops', region: 'eu', priority: 5, title: 'patch' }));
  const byTeam = async (regionTitle) => titles(noErrors(await client.models.Task.listTaskByTeamAndRegionAndTitle({ team: 'ops', regionTitle })));
  assert.deepEqual(await byTeam({ eq: { region: 'eu', title: 'patch' } }), ['patch']);
  noErrors(await client.models.Task.update({ id: task.id, region: 'us', title: 'hotfix' }));
  assert.deepEqual(await byTeam({ eq: { region: 'eu', title: 'patch' } }), []);
  assert.deepEqual(await byTeam({ eq: { region: 'us', title: 'hotfix' } }), ['hotfix']);
  assert.deepEqual(await byTeam({ beginsWith: { region: 'us' } }), ['hotfix']);
  const partial = await client.models.Task.update({ id: task.id, region: 'eu' });
  assert.match(partial.errors?.[0]?.message ?? '', /index tasksByTeamAndRegionAndTitle needs all its fields \(region, title\): title missing/);
});

const BY_TEAM = `query ($team: String!, $region: String!, $priority: ModelIntKeyConditionInput, $dueOn: ModelStringKeyConditionInput, $sortDirection: ModelSortDirection) {
  listTasksByTeamAndRegion(team: $team, region: $region, priority: $priority, dueOn: $dueOn, sortDirection: $sortDirection) { items { title priority dueOn } }
}`;

test('an index with multi-attribute keys: equality on both partition fields, then left-to-right sort conditions, numbers as numbers', async () => {
  for (const [team, region, priority, dueOn, title] of [
    ['web', 'eu', 2, '2026-01-10', 'two early'], ['web', 'eu', 2, '2026-03-01', 'two late'], ['web', 'eu', 10, '2026-02-01', 'ten'],
    ['web', 'eu', 9, '2026-02-01', 'nine'], ['web', 'us', 1, '2026-01-01', 'elsewhere'], ['app', 'eu', 1, '2026-01-01', 'other team']]) {
    noErrors(await client.models.Task.create({ status: 'NEW', team, region, priority, dueOn, title }));
  }
  const byTeam = async (variables) => titles(noErrors(await client.graphql({ query: BY_TEAM, variables: { team: 'web', region: 'eu', ...variables } }))
    .listTasksByTeamAndRegion.items);
  assert.deepEqual(await byTeam({}), ['two early', 'two late', 'nine', 'ten']);
  assert.deepEqual(await byTeam({ sortDirection: 'DESC' }), ['ten', 'nine', 'two late', 'two early']);
  assert.deepEqual(await byTeam({ priority: { gt: 2 } }), ['nine', 'ten']);
  assert.deepEqual(await byTeam({ priority: { between: [2, 9] } }), ['two early', 'two late', 'nine']);
  assert.deepEqual(await byTeam({ priority: { eq: 2 }, dueOn: { ge: '2026-02-01' } }), ['two late']);
  assert.deepEqual(await byTeam({ priority: { eq: 2 }, dueOn: { beginsWith: '2026-01' } }), ['two early']);

  const skipped = await client.graphql({ query: BY_TEAM, variables: { team: 'web', region: 'eu', dueOn: { eq: '2026-02-01' } } }).catch((error) => error);
  assert.match(skipped.errors?.[0]?.message ?? '', /The key condition on dueOn needs one on priority too/);
  const rangeFirst = await client.graphql({ query: BY_TEAM, variables: { team: 'web', region: 'eu', priority: { gt: 1 }, dueOn: { eq: '2026-02-01' } } }).catch((error) => error);
  assert.match(rangeFirst.errors?.[0]?.message ?? '', /The key condition on priority must be eq/);
});

test('the local DynamoDB refuses a multi-attribute key of more than four attributes, as DynamoDB does', async () => {
  const table = (partitionAttributes) => new CreateTableCommand({
    TableName: `limits-${partitionAttributes.length}`, BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: ['id', ...partitionAttributes].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    GlobalSecondaryIndexes: [{ IndexName: 'byMany', Projection: { ProjectionType: 'ALL' },
      KeySchema: partitionAttributes.map((AttributeName) => ({ AttributeName, KeyType: 'HASH' })) }],
  });
  await dynamodb().send(table(['a', 'b', 'c', 'd']));
  await assert.rejects(dynamodb().send(table(['a', 'b', 'c', 'd', 'e'])),
    /the global secondary index byMany has 5 partition key attributes; a multi-attribute key has at most 4/);
});
