// Our APPSYNC_JS resolvers executed, not just printed: the blog schema the Java tests wrote (target/data-fixtures/blog)
// is deployed to the local AWS through CloudFormation, and every GraphQL operation goes over HTTP (and WebSocket, for
// subscriptions) to the local GraphQL service, which authorizes it as AppSync does and runs the deployed pipeline
// resolvers on the local DynamoDB tables. Callers are real: users signed in to the deployed user pool, the deployed
// API key, guests and signed-in users of the deployed identity pool and a function's role, whose requests are signed
// with SigV4 and allowed or denied field by field by their roles' policies. Each authorization rule is tried as
// allowed and denied.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
  deployFixture, identityPoolCredentials, post, roleCredentials, signedWith, signIn, startLocalBackend, subscribe,
} from './local-graphql.mjs';

const dataRequire = createRequire(process.env.DATA_TEST_MODULES + '/');
const dynamodb = dataRequire('@aws-sdk/client-dynamodb');
const { unmarshall } = dataRequire('@aws-sdk/util-dynamodb');

let backend;
let api;
let dynamo;
const users = {};

// A caller as the HTTP headers it sends: a signed-in user of the deployed pool, the deployed API key, or a request
// signed with IAM credentials: a guest's or a signed-in user's from the deployed identity pool, a function role's.
const callers = {
  user: async (name, groups = []) => {
    users[name] ??= await signIn(backend, api, name, groups);
    return { name, headers: { authorization: users[name].accessToken }, ...users[name] };
  },
  apiKey: () => ({ headers: { 'x-api-key': api.ApiKey } }),
  guest: async () => ({ headers: signedWith(await identityPoolCredentials(backend, api)) }),
  identityPoolUser: async (name) => {
    const user = await callers.user(name);
    return { headers: signedWith(await identityPoolCredentials(backend, api, user.idToken)) };
  },
  iamRole: async () => ({ headers: signedWith(await roleCredentials(backend, api.ApiCallerRoleArn)) }),
};
let alice;
let bob;
let admin;

before(async () => {
  backend = await startLocalBackend();
  api = await deployFixture(backend, 'blog');
  dynamo = new dynamodb.DynamoDBClient({ endpoint: backend.aws, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
  alice = await callers.user('alice');
  bob = await callers.user('bob');
  admin = await callers.user('ada', ['ADMINS']);
});
after(() => backend?.stop());


async function run(source, variables, caller) {
  const { status, body } = await post(api.url, caller.headers, source, variables);
  assert.equal(status, 200, JSON.stringify(body));
  return body;
}

async function stored(model, id) {
  const out = await dynamo.send(new dynamodb.GetItemCommand({ TableName: api.tableName(model), Key: { id: { S: id } } }));
  return out.Item ? unmarshall(out.Item) : null;
}

const TODO_FIELDS = 'id content done priority status owner createdAt updatedAt';

async function ok(source, variables, caller) {
  const result = await run(source, variables, caller);
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return JSON.parse(JSON.stringify(result.data));
}

async function fails(source, variables, caller, errorType) {
  const result = await run(source, variables, caller);
  assert.ok(result.errors, `expected ${errorType}, got ${JSON.stringify(result.data)}`);
  assert.equal(result.errors[0].errorType, errorType, JSON.stringify(result.errors));
  return result;
}

async function createTodo(caller, input) {
  const data = await ok(`mutation($input: CreateTodoInput!) { createTodo(input: $input) { ${TODO_FIELDS} } }`, { input }, caller);
  return data.createTodo;
}

test('create stores the owner, the timestamps, the typename and the field defaults', async () => {
  const todo = await createTodo(alice, { content: 'write tests' });
  assert.equal(todo.owner, alice.owner);
  assert.equal(todo.owner, `${alice.sub}::alice`);
  assert.equal(todo.done, false);
  assert.equal(todo.priority, 1);
  assert.equal(todo.status, 'OPEN');
  assert.match(todo.id, /^[0-9a-f-]{36}$/);
  assert.equal(todo.createdAt, todo.updatedAt);
  assert.equal((await stored('Todo', todo.id)).__typename, 'Todo');
});

test('an owner rule: the owner gets, updates and deletes; another user is refused each', async () => {
  const todo = await createTodo(alice, { content: 'mine' });
  const get = `query($id: ID!) { getTodo(id: $id) { id content owner } }`;
  assert.equal((await ok(get, { id: todo.id }, alice)).getTodo.content, 'mine');
  await fails(get, { id: todo.id }, bob, 'Unauthorized');
  const update = `mutation($input: UpdateTodoInput!) { updateTodo(input: $input) { content done updatedAt } }`;
  await fails(update, { input: { id: todo.id, content: 'stolen' } }, bob, 'DynamoDB:ConditionalCheckFailedException');
  const updated = (await ok(update, { input: { id: todo.id, done: true } }, alice)).updateTodo;
  assert.equal(updated.done, true);
  assert.equal(updated.content, 'mine');
  assert.ok(updated.updatedAt >= todo.updatedAt);
  const remove = `mutation($input: DeleteTodoInput!) { deleteTodo(input: $input) { id } }`;
  await fails(remove, { input: { id: todo.id } }, bob, 'DynamoDB:ConditionalCheckFailedException');
  assert.equal((await ok(remove, { input: { id: todo.id } }, alice)).deleteTodo.id, todo.id);
  assert.equal((await ok(get, { id: todo.id }, alice)).getTodo, null);
});

test('a user cannot create a record owned by someone else', async () => {
  await fails(`mutation { createTodo(input: {content: "x", owner: "sub-bob::bob"}) { id } }`, {}, alice, 'ValidationError');
  await fails(`mutation { createPost(input: {title: "x", editors: ["sub-zed::zed"]}) { id } }`, {}, await callers.user('ed'), 'Unauthorized');
});

test('list returns only the records the caller owns; a group with read sees all and cannot write others\'', async () => {
  await createTodo(bob, { content: 'bob 1' });
  await createTodo(bob, { content: 'bob 2' });
  const list = `query($filter: ModelTodoFilterInput) { listTodos(filter: $filter, limit: 100) { items { content owner } nextToken } }`;
  const bobs = (await ok(list, {}, bob)).listTodos.items;
  assert.ok(bobs.length >= 2);
  assert.ok(bobs.every((todo) => todo.owner === bob.owner));
  const all = (await ok(list, {}, admin)).listTodos.items;
  assert.ok(all.some((todo) => todo.owner === bob.owner));
  assert.ok(all.some((todo) => todo.owner === alice.owner));
  const bobsTodo = (await ok(list, { filter: { content: { eq: 'bob 1' } } }, bob)).listTodos.items;
  assert.deepEqual(bobsTodo.map((todo) => todo.content), ['bob 1']);
});

test('the API key cannot reach a model with no API key rule: AppSync refuses it by its directives', async () => {
  const result = await fails(`query { listTodos { items { id } } }`, {}, callers.apiKey(), 'Unauthorized');
  assert.match(result.errors[0].message, /Not Authorized to access listTodos on type Query/);
});

test('filters, limits and next tokens page through a list', async () => {
  const pager = await callers.user('pager');
  for (const content of ['p1', 'p2', 'p3']) {
    await createTodo(pager, { content, priority: 7 });
  }
  const list = `query($token: String) { listTodos(filter: {priority: {eq: 7}}, limit: 1, nextToken: $token) { items { content } nextToken } }`;
  const seen = [];
  let token = null;
  for (let page = 0; page < 20 && (page === 0 || token); page++) {
    const result = (await ok(list, { token }, pager)).listTodos;
    seen.push(...result.items.map((todo) => todo.content));
    token = result.nextToken;
  }
  assert.deepEqual(seen.sort(), ['p1', 'p2', 'p3']);
});

test('a mutation condition that does not hold is refused', async () => {
  const todo = await createTodo(alice, { content: 'conditional' });
  await fails(`mutation($id: ID!) { updateTodo(input: {id: $id, done: true}, condition: {content: {eq: "other"}}) { id } }`,
    { id: todo.id }, alice, 'DynamoDB:ConditionalCheckFailedException');
  const data = await ok(`mutation($id: ID!) { updateTodo(input: {id: $id, done: true}, condition: {content: {beginsWith: "cond"}}) { done } }`,
    { id: todo.id }, alice);
  assert.equal(data.updateTodo.done, true);
});

test('a secondary index query reads by status, sorted and bounded by createdAt', async () => {
  const carol = await callers.user('carol');
  await createTodo(carol, { content: 'c-open' });
  await createTodo(carol, { content: 'c-done', status: 'DONE' });
  const query = `query { listTodoByStatusAndCreatedAt(status: DONE, createdAt: {gt: "2000-01-01"}, sortDirection: DESC) { items { content status } } }`;
  const items = (await ok(query, {}, carol)).listTodoByStatusAndCreatedAt.items;
  assert.deepEqual(items.map((todo) => todo.content), ['c-done']);
});

test('a public API key rule allows reading posts and nothing else', async () => {
  const editor = await callers.user('ed');
  const post = (await ok(`mutation($editors: [String]) { createPost(input: {title: "Hello", tags: ["a"], editors: $editors, location: {lat: 1.5, lng: 2}}) { id title location { lat lng } } }`,
    { editors: [editor.owner] }, editor)).createPost;
  assert.deepEqual(post.location, { lat: 1.5, lng: 2 });
  const get = `query($id: ID!) { getPost(id: $id) { title } }`;
  assert.equal((await ok(get, { id: post.id }, callers.apiKey())).getPost.title, 'Hello');
  await fails(`mutation { createPost(input: {title: "spam"}) { id } }`, {}, callers.apiKey(), 'Unauthorized');
});

test('a guest rule allows reading posts and nothing else: the guest role\'s policy grants the reads, not the writes', async () => {
  const post = (await ok(`mutation { createPost(input: {title: "Hello"}) { id } }`, {}, await callers.user('ed'))).createPost;
  const guest = await callers.guest();
  assert.equal((await ok(`query($id: ID!) { getPost(id: $id) { title } }`, { id: post.id }, guest)).getPost.title, 'Hello');
  const listed = (await ok(`query { listPosts(limit: 100) { items { id title } } }`, {}, guest)).listPosts.items;
  assert.ok(listed.some((item) => item.id === post.id), JSON.stringify(listed));
  const refused = await fails(`mutation { createPost(input: {title: "spam"}) { id } }`, {}, guest, 'Unauthorized');
  assert.match(refused.errors[0].message, /Not Authorized to access createPost on type Mutation/);
});

test('IAM requests the local AWS did not sign off are refused as a whole: an unknown key, a wrong secret', async () => {
  const unknown = { accessKeyId: 'ASIAUNKNOWNKEY000000', secretAccessKey: 'x'.repeat(40), sessionToken: 'token' };
  const query = `query { listPosts { items { id } } }`;
  const foreign = await post(api.url, signedWith(unknown), query);
  assert.equal(foreign.status, 401, JSON.stringify(foreign.body));
  assert.equal(foreign.body.errors[0].errorType, 'UnauthorizedException');
  const guest = await identityPoolCredentials(backend, api);
  const forged = await post(api.url, signedWith({ ...guest, secretAccessKey: 'y'.repeat(40) }), query);
  assert.equal(forged.status, 401, JSON.stringify(forged.body));
  assert.equal((await post(api.url, signedWith(guest), query)).status, 200);
});

test('an IAM principal outside the identity pool, a function granted access, may do anything', async () => {
  const role = await callers.iamRole();
  const post = (await ok(`mutation { createPost(input: {title: "by a function"}) { id } }`, {}, role)).createPost;
  assert.ok(post.id);
  await ok(`mutation($id: ID!) { updatePost(input: {id: $id, title: "edited by a function"}) { id } }`, { id: post.id }, role);
  assert.equal((await stored('Post', post.id)).title, 'edited by a function');
});

test('a signed-in user of the identity pool is refused a field the authenticated role\'s policy lacks', async () => {
  const member = await callers.identityPoolUser('irene');
  const refused = await fails(`query { listTags { items { id } } }`, {}, member, 'Unauthorized');
  assert.match(refused.errors[0].message, /Not Authorized to access listTags on type Query/);
  const created = (await ok(`mutation { createProfile(input: {tenant: "irene", slug: "home"}) { slug } }`, {}, member)).createProfile;
  assert.equal(created.slug, 'home');
});

test('owners defined in a list field: listed users update, others are refused; field rules hide a field from reads, mutation results and subscribers', async () => {
  const [ed, fay, gus] = [await callers.user('ed'), await callers.user('fay'), await callers.user('gus')];
  const post = (await ok(`mutation($editors: [String]) { createPost(input: {title: "shared", editors: $editors, secret: "s3"}) { id secret } }`,
    { editors: [ed.owner, fay.owner] }, ed)).createPost;
  assert.equal(post.secret, null, 'a mutation result, which subscribers receive too, leaves protected fields out');
  const update = `mutation($id: ID!) { updatePost(input: {id: $id, title: "edited"}) { title } }`;
  assert.equal((await ok(update, { id: post.id }, fay)).updatePost.title, 'edited');
  await fails(update, { id: post.id }, gus, 'DynamoDB:ConditionalCheckFailedException');
  const read = `query($id: ID!) { getPost(id: $id) { title secret } }`;
  assert.equal((await ok(read, { id: post.id }, gus)).getPost.secret, null);
  assert.equal((await ok(read, { id: post.id }, fay)).getPost.secret, 's3');
});

test('has-many and belongs-to relationships resolve through the relationship index', async () => {
  const post = (await ok(`mutation { createPost(input: {title: "with comments"}) { id } }`, {}, await callers.user('ed'))).createPost;
  for (const body of ['first', 'second']) {
    await ok(`mutation($postId: ID!, $body: String!) { createComment(input: {postId: $postId, body: $body}) { id } }`, { postId: post.id, body }, alice);
  }
  const data = await ok(`query($id: ID!) { getPost(id: $id) { title comments { items { body post { title } } } } }`, { id: post.id }, callers.apiKey());
  assert.deepEqual(data.getPost.comments.items.map((comment) => comment.body).sort(), ['first', 'second']);
  assert.equal(data.getPost.comments.items[0].post.title, 'with comments');
});

test('a dynamic group rule: members of the group named in the record may change it', async () => {
  const comment = (await ok(`mutation { createComment(input: {body: "team note"}) { id team } }`, {}, alice)).createComment;
  const setTeam = await dynamo.send(new dynamodb.UpdateItemCommand({
    TableName: api.tableName('Comment'), Key: { id: { S: comment.id } }, UpdateExpression: 'SET #t = :t',
    ExpressionAttributeNames: { '#t': 'team' }, ExpressionAttributeValues: { ':t': { S: 'EDITORS' } }, ReturnValues: 'ALL_NEW',
  }));
  assert.equal(unmarshall(setTeam.Attributes).team, 'EDITORS');
  const update = `mutation($id: ID!) { updateComment(input: {id: $id, body: "changed"}) { body } }`;
  assert.equal((await ok(update, { id: comment.id }, await callers.user('eve', ['EDITORS']))).updateComment.body, 'changed');
  await fails(update, { id: comment.id }, await callers.user('mallory', ['OTHERS']), 'DynamoDB:ConditionalCheckFailedException');
});

test('a custom identifier: get by both keys, list by partition key and sort key condition', async () => {
  const member = await callers.identityPoolUser('ivan');
  for (const slug of ['alpha', 'beta', 'gamma']) {
    await ok(`mutation($slug: String!) { createProfile(input: {tenant: "acme", slug: $slug, bio: "hi"}) { slug } }`, { slug }, member);
  }
  await fails(`mutation { createProfile(input: {tenant: "acme", slug: "alpha"}) { slug } }`, {}, member, 'DynamoDB:ConditionalCheckFailedException');
  assert.equal((await ok(`query { getProfile(tenant: "acme", slug: "beta") { bio } }`, {}, member)).getProfile.bio, 'hi');
  const listed = (await ok(`query { listProfiles(tenant: "acme", slug: {beginsWith: "g"}) { items { slug } } }`, {}, member)).listProfiles.items;
  assert.deepEqual(listed.map((profile) => profile.slug), ['gamma']);
  await fails(`mutation { createProfile(input: {tenant: "acme", slug: "delta"}) { slug } }`, {}, await callers.guest(), 'Unauthorized');
  const read = (await ok(`query { listProfiles(tenant: "acme") { items { slug } } }`, {}, await callers.guest())).listProfiles.items;
  assert.deepEqual(read.map((profile) => profile.slug).sort(), ['alpha', 'beta', 'gamma'], 'a guest reads profiles');
});

test('an owner\'s subscription receives only the owner\'s records over WebSocket; a group reader receives all; a filter argument filters', async () => {
  const subscription = `subscription { onCreateTodo { id owner content } }`;
  const alices = await subscribe(api.url, alice.headers, subscription);
  const admins = await subscribe(api.url, admin.headers, subscription);
  const doneOnly = await subscribe(api.url, alice.headers, `subscription { onUpdateTodo(filter: {done: {eq: true}}) { id done } }`);
  try {
    assert.equal(alices.ack.payload.connectionTimeoutMs, 300000);
    for (const started of [alices.started, admins.started, doneOnly.started]) assert.equal(started.type, 'start_ack', JSON.stringify(started));
    const bobs = await createTodo(bob, { content: 'from bob' });
    const alicesTodo = await createTodo(alice, { content: 'from alice' });
    const toAlice = await alices.next();
    assert.deepEqual(toAlice.payload.data.onCreateTodo, { id: alicesTodo.id, owner: alice.owner, content: 'from alice' });
    assert.equal(await alices.next(300), null, 'alice does not receive bob\'s record');
    const toAdmin = [await admins.next(), await admins.next()].map((message) => message.payload.data.onCreateTodo.id).sort();
    assert.deepEqual(toAdmin, [bobs.id, alicesTodo.id].sort());
    const update = `mutation($input: UpdateTodoInput!) { updateTodo(input: $input) { id done owner } }`;
    await ok(update, { input: { id: alicesTodo.id, content: 'still open' } }, alice);
    await ok(update, { input: { id: alicesTodo.id, done: true } }, alice);
    const done = await doneOnly.next();
    assert.deepEqual(done.payload.data.onUpdateTodo, { id: alicesTodo.id, done: true });
    assert.equal(await doneOnly.next(300), null, 'the update that left done false was filtered out');
  } finally {
    for (const s of [alices, admins, doneOnly]) s.close();
  }
  const refused = await subscribe(api.url, callers.apiKey().headers, subscription);
  refused.close();
  assert.equal(refused.started.type, 'error');
  assert.match(refused.started.payload.errors[0].message, /Not Authorized to access onCreateTodo on type Subscription/);
});

test('custom operations: their rules decide, then their function answers with the caller in its event', async () => {
  assert.equal((await ok(`query { echo(message: "hi") }`, {}, alice)).echo, 'hi, said alice');
  assert.equal((await ok(`query { echo(message: "hi") }`, {}, callers.apiKey())).echo, 'hi, said a guest');
  const rating = (await ok(`mutation { rate(postId: "p1", stars: 5) { postId stars } }`, {}, admin)).rate;
  assert.deepEqual(rating, { postId: 'p1', stars: 5 });
  await fails(`mutation { rate(postId: "p1", stars: 1) { postId } }`, {}, alice, 'Unauthorized');
});

test('a has-one relationship reads the one related record through its index', async () => {
  const writer = await callers.user('wanda');
  const author = (await ok(`mutation { createAuthor(input: {name: "Wanda"}) { id account } }`, {}, writer)).createAuthor;
  assert.equal(author.account, writer.owner);
  await ok(`mutation($authorId: ID!) { createBio(input: {authorId: $authorId, text: "Writes tests"}) { id } }`, { authorId: author.id }, writer);
  const read = (await ok(`query($id: ID!) { getAuthor(id: $id) { name bio { text author { name } } } }`, { id: author.id }, bob)).getAuthor;
  assert.deepEqual(read, { name: 'Wanda', bio: { text: 'Writes tests', author: { name: 'Wanda' } } });
  await fails(`mutation($id: ID!) { updateAuthor(input: {id: $id, name: "Bob"}) { id } }`, { id: author.id }, bob,
    'DynamoDB:ConditionalCheckFailedException');
});

test('a many-to-many relationship goes through its join model from either side', async () => {
  const post = (await ok(`mutation { createPost(input: {title: "tagged"}) { id } }`, {}, await callers.user('ed'))).createPost;
  const tags = [];
  for (const label of ['java', 'cdk']) {
    tags.push((await ok(`mutation($label: String!) { createTag(input: {label: $label}) { id } }`, { label }, alice)).createTag);
  }
  for (const tag of tags) {
    await ok(`mutation($postId: ID!, $tagId: ID!) { createPostTag(input: {postId: $postId, tagId: $tagId}) { id } }`,
      { postId: post.id, tagId: tag.id }, alice);
  }
  const labels = (await ok(`query($id: ID!) { getPost(id: $id) { postTags { items { tag { label } } } } }`, { id: post.id }, alice))
    .getPost.postTags.items.map((item) => item.tag.label).sort();
  assert.deepEqual(labels, ['cdk', 'java']);
  const titles = (await ok(`query($id: ID!) { getTag(id: $id) { postTags { items { post { title } } } } }`, { id: tags[0].id }, alice))
    .getTag.postTags.items.map((item) => item.post.title);
  assert.deepEqual(titles, ['tagged']);
});

test('a custom rule: whoever the Lambda authorizer lets in may write; the API key only reads', async () => {
  const authorized = await deployFixture(backend, 'authorized', { defaultMode: 'AWS_LAMBDA' });
  const letIn = { headers: { authorization: 'let-me-in' } };
  const created = await post(authorized.url, letIn.headers, `mutation { createNote(input: {text: "from the authorizer"}) { id text } }`);
  assert.equal(created.body.errors, undefined, JSON.stringify(created.body.errors));
  const listed = await post(authorized.url, { 'x-api-key': authorized.ApiKey }, `query { listNotes { items { text } } }`);
  assert.deepEqual(listed.body.data.listNotes.items.map((note) => note.text), ['from the authorizer']);
  const refused = await post(authorized.url, { 'x-api-key': authorized.ApiKey }, `mutation { createNote(input: {text: "spam"}) { id } }`);
  assert.equal(refused.body.errors[0].errorType, 'Unauthorized');
  const keptOut = await post(authorized.url, { authorization: 'wrong' }, `query { listNotes { items { text } } }`);
  assert.equal(keptOut.status, 401);
  assert.equal(keptOut.body.errors[0].errorType, 'UnauthorizedException');
});
