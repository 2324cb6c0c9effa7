// The seed story in a real browser: examples/web (Amplify's Authenticator, a live Todo list, a picture) against
// `sandbox --local`, driven in Debian's headless Chromium by playwright-core. Run by BrowserStoryIT, which serves the
// built app with the sandbox's outputs beside it. Environment:
//   APP_URL          the served app;  INBOX_URL  the local inbox the sandbox printed (INBOX_URL=...)
//   SHOTS_DIR        where each step's screenshot goes (NN-step.png)
//   CHROMIUM         the browser's executable;  BROWSER_MODULES  node_modules holding playwright-core
//   STORY_ID         (optional) in the users' addresses: ann.<id>@example.com, bob.<id>@example.com
// Every code is read from the inbox, as a person would read their e-mail. Each step prints `step NN <name>: <ms> ms`;
// the first failed step stops the story with its screenshot and a non-zero exit.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const { chromium } = createRequire(path.join(process.env.BROWSER_MODULES, 'noop.js'))('playwright-core');
const APP = required('APP_URL');
const INBOX = required('INBOX_URL');
const SHOTS = required('SHOTS_DIR');
mkdirSync(SHOTS, { recursive: true });

const run = Date.now();
const id = process.env.STORY_ID ?? String(run);
const ann = { email: `ann.${id}@example.com`, password: 'Correct-h0rse!', newPassword: 'Newer-h0rse-2!' };
const bob = { email: `bob.${id}@example.com`, password: 'Battery-st4ple!' };
const STEP_TIMEOUT = 20_000;
const PICTURE = { width: 480, height: 200 };
/** What the pages said (errors, failed requests), printed when a step fails: refusals log 400s on the way. */
const diagnostics = [];

const browser = await chromium.launch({
  executablePath: required('CHROMIUM'),
  // headless in a container: no sandbox, no GPU, and none of the browser's own traffic (updates, sync, QUIC probes)
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
// the local GraphQL port's certificate (wss:// for live updates) is self-signed
const newContext = () => browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1000, height: 760 } });
const context = await newContext();
const page = await watched(await context.newPage(), 'page');

let stepCount = 0;
/**
 * One step of the story: timed, with a screenshot of the page it returns (the main page by default), which is closed
 * after it.
 */
async function step(name, action) {
  const number = String(++stepCount).padStart(2, '0');
  const start = Date.now();
  let shown = page;
  try {
    shown = (await action()) ?? page;
  } catch (failure) {
    console.log(`step ${number} ${name}: FAILED after ${Date.now() - start} ms`);
    // the page the step was on: the newest one still open
    const last = browser.contexts().flatMap((c) => c.pages()).filter((p) => !p.isClosed()).at(-1) ?? page;
    await last.screenshot({ path: path.join(SHOTS, `${number}-${name}-failed.png`), fullPage: true }).catch(() => {});
    throw failure;
  }
  const took = Date.now() - start;
  await shown.screenshot({ path: path.join(SHOTS, `${number}-${name}.png`), fullPage: true });
  console.log(`step ${number} ${name}: ${took} ms`);
  if (shown !== page) { // a step's own tab or browser context ends with it
    await (shown.context() === context ? shown.close() : shown.context().close());
  }
}

try {
  await step('open', async () => {
    await page.goto(APP);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.match(await page.getByTestId('backend').textContent(), /the local AWS at http:\/\//);
  });

  await step('weak-password', async () => {
    await page.getByRole('tab', { name: 'Create Account' }).click();
    await page.getByLabel('Email').fill(ann.email);
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Confirm Password').fill('short');
    await page.getByLabel('Confirm Password').blur();
    await expectVisible(page, 'Password must have at least 8 characters');
    assert.ok(await page.getByRole('button', { name: 'Create Account' }).isDisabled(), 'Create Account stays disabled');
  });

  let signUpCode;
  await step('sign-up', async () => {
    await page.getByLabel('Password', { exact: true }).fill(ann.password);
    await page.getByLabel('Confirm Password').fill(ann.password);
    await page.getByRole('button', { name: 'Create Account' }).click();
    await page.getByLabel('Confirmation Code').waitFor();
    signUpCode = (await inboxMessage(ann.email, 'sign-up')).code;
    assert.match(signUpCode, /^\d{6}$/);
    await expectVisible(page, 'Your code is on the way. To log in, enter the code we emailed to', { partial: true });
  });

  await step('inbox', async () => {
    const inbox = await watched(await context.newPage(), 'inbox');
    await inbox.goto(`${INBOX}?to=${encodeURIComponent(ann.email)}`);
    await expectVisible(inbox, signUpCode, { partial: true });
    return inbox;
  });

  await step('wrong-code', async () => {
    await page.bringToFront();
    await page.getByLabel('Confirmation Code').fill(otherThan(signUpCode));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expectAlert(page, 'Invalid verification code provided, please try again.');
  });

  await step('confirm', async () => {
    await page.getByLabel('Confirmation Code').fill(signUpCode);
    await page.getByRole('button', { name: 'Confirm' }).click();
    assert.equal(await page.getByTestId('signed-in-user').textContent(), ann.email);
    await page.getByTestId('no-todos').waitFor();
  });

  await step('todos', async () => {
    for (const text of ['buy milk', 'write the browser test']) {
      await addTodo(page, text);
    }
    await page.getByLabel('Done: buy milk').click();
    await page.locator('[data-testid=todo-item][data-done=true]').filter({ hasText: 'buy milk' }).waitFor();
    assert.deepEqual(await todoTexts(page), ['buy milk', 'write the browser test']);
    assert.equal(await page.locator('[data-testid=todo-item][data-done=false]').count(), 1);
  });

  await step('second-tab', async () => {
    const tab = await watched(await context.newPage(), 'tab');
    await tab.goto(APP);
    await tab.getByTestId('todo-item').nth(1).waitFor();
    await tab.locator('[data-testid=live-updates][data-state=Connected]').waitFor();
    await tab.evaluate(() => { window.loadedOnce = true; }); // gone if the tab reloads
    await page.bringToFront();
    await page.getByLabel('New todo').fill('seen in the other tab');
    const start = Date.now();
    await page.getByRole('button', { name: 'Add' }).click();
    await tab.getByTestId('todo-item').filter({ hasText: 'seen in the other tab' }).waitFor();
    console.log(`  the second tab showed the new Todo ${Date.now() - start} ms after Add was clicked in the first`);
    assert.equal(await tab.evaluate(() => window.loadedOnce), true, 'the second tab was not reloaded');
    assert.equal(await tab.getByTestId('todo-item').count(), 3);
    return tab;
  });

  await step('picture', async () => {
    await page.bringToFront();
    const picture = await drawPicture(context);
    await page.getByLabel('Upload a picture').setInputFiles({ name: 'my-picture.png', mimeType: 'image/png', buffer: picture });
    await page.getByTestId('picture').waitFor();
    await page.waitForFunction(() => {
      const image = document.querySelector('[data-testid=picture]');
      return image && image.complete && image.naturalWidth > 0;
    });
    assert.equal(await page.getByTestId('picture-status').textContent(), 'Uploaded my-picture.png');
    assert.equal(await page.getByTestId('picture').evaluate((image) => image.naturalWidth), PICTURE.width);
  });

  await step('other-user', async () => {
    const other = await newContext();
    const bobs = await watched(await other.newPage(), 'other user');
    await bobs.goto(APP);
    await signUp(bobs, bob);
    await bobs.getByLabel('Confirmation Code').fill((await inboxMessage(bob.email, 'sign-up')).code);
    await bobs.getByRole('button', { name: 'Confirm' }).click();
    assert.equal(await bobs.getByTestId('signed-in-user').textContent(), bob.email);
    await bobs.getByTestId('no-todos').waitFor();
    assert.equal(await bobs.getByTestId('todo-item').count(), 0);
    assert.equal(await bobs.getByTestId('picture').count(), 0);
    return bobs;
  });

  await step('sign-out', async () => {
    await page.bringToFront();
    await page.getByTestId('sign-out').click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  await step('wrong-password', async () => {
    await signIn(page, ann.email, 'Wrong-h0rse-9!');
    await expectAlert(page, 'Incorrect username or password.');
  });

  let resetCode;
  await step('forgot-password', async () => {
    await page.getByRole('button', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Email').fill(ann.email);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByRole('textbox', { name: 'Code' }).waitFor();
    resetCode = (await inboxMessage(ann.email, 'forgot-password')).code;
    assert.match(resetCode, /^\d{6}$/);
  });

  await step('reset-weak-password', async () => {
    await fillReset(page, resetCode, 'weak');
    // the Authenticator checks the new password against the outputs' policy and does not send it
    for (const rule of ['at least 8 characters', 'upper case letters', 'numbers', 'special characters']) {
      await expectVisible(page, `Password must have ${rule}`);
    }
    await page.getByRole('heading', { name: 'Reset Password' }).waitFor();
  });

  await step('reset-wrong-code', async () => {
    await fillReset(page, otherThan(resetCode), ann.newPassword);
    await expectAlert(page, 'Invalid verification code provided, please try again.');
  });

  await step('reset', async () => {
    await fillReset(page, resetCode, ann.newPassword);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  await step('old-password', async () => {
    await signIn(page, ann.email, ann.password);
    await expectAlert(page, 'Incorrect username or password.');
  });

  await step('new-password', async () => {
    await page.getByLabel('Password', { exact: true }).fill(ann.newPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.equal(await page.getByTestId('signed-in-user').textContent(), ann.email);
    await page.getByTestId('todo-item').nth(2).waitFor();
    assert.deepEqual(await todoTexts(page), ['buy milk', 'write the browser test', 'seen in the other tab']);
    await page.waitForFunction(() => document.querySelector('[data-testid=picture]')?.naturalWidth > 0);
  });
  console.log(`total: ${Date.now() - run} ms`);
  console.log('the browser story passed');
} catch (failure) {
  console.log(diagnostics.join('\n'));
  console.log(`the browser story failed: ${failure.message.split('\n').slice(0, 8).join('\n')}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}

/** A PNG made by the browser itself: a small card, as a user's picture. */
async function drawPicture(browserContext) {
  const scratch = await browserContext.newPage();
  await scratch.setContent(`<body style="margin:0"><div style="width:${PICTURE.width}px;height:${PICTURE.height}px;
    display:flex;align-items:center;justify-content:center;font:bold 28px sans-serif;color:white;
    background:linear-gradient(135deg,#0b7285,#f08c00)">uploaded from headless Chromium</div></body>`);
  const png = await scratch.screenshot({ clip: { x: 0, y: 0, ...PICTURE } });
  await scratch.close();
  return png;
}

async function signUp(tab, user) {
  await tab.getByRole('tab', { name: 'Create Account' }).click();
  await tab.getByLabel('Email').fill(user.email);
  await tab.getByLabel('Password', { exact: true }).fill(user.password);
  await tab.getByLabel('Confirm Password').fill(user.password);
  await tab.getByRole('button', { name: 'Create Account' }).click();
  await tab.getByLabel('Confirmation Code').waitFor();
}

async function signIn(tab, email, password) {
  await tab.getByLabel('Email').fill(email);
  await tab.getByLabel('Password', { exact: true }).fill(password);
  await tab.getByRole('button', { name: 'Sign in' }).click();
}

async function fillReset(tab, code, password) {
  await tab.getByRole('textbox', { name: 'Code' }).fill(code);
  await tab.getByLabel('New Password', { exact: true }).fill(password);
  await tab.getByLabel('Confirm Password').fill(password);
  await tab.getByRole('button', { name: 'Submit' }).click();
}

async function addTodo(tab, text) {
  await tab.getByLabel('New todo').fill(text);
  await tab.getByRole('button', { name: 'Add' }).click();
  await tab.getByTestId('todo-item').filter({ hasText: text }).waitFor();
}

async function todoTexts(tab) {
  return (await tab.getByTestId('todo-item').locator('span').allTextContents()).map((text) => text.trim());
}

/** The Authenticator's error alert, with exactly this text. */
async function expectAlert(tab, text) {
  const alert = tab.locator('.amplify-alert').filter({ hasText: text });
  await alert.waitFor();
  assert.equal((await alert.textContent()).trim(), text);
}

async function expectVisible(tab, text, { partial = false } = {}) {
  await tab.getByText(text, { exact: !partial }).first().waitFor({ state: 'visible' });
}

/**
 * The newest message of this kind to this address, as the inbox serves it to a script; waited for, since the
 * message may land just after the screen changed.
 */
async function inboxMessage(to, kind) {
  const deadline = Date.now() + STEP_TIMEOUT;
  for (;;) {
    const response = await fetch(`${INBOX}?to=${encodeURIComponent(to)}`, { headers: { Accept: 'application/json' } });
    assert.equal(response.status, 200, `the inbox at ${INBOX} answered ${response.status}`);
    const message = (await response.json()).messages.find((m) => m.kind === kind);
    if (message) {
      assert.equal(message.to.toLowerCase(), to.toLowerCase());
      assert.ok(message.body.includes(message.code), `the ${kind} message's body holds its code: ${message.body}`);
      return message;
    }
    assert.ok(Date.now() < deadline, `no ${kind} message to ${to} in the inbox`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A six-digit code that is not the one sent. */
function otherThan(code) {
  return code === '000000' ? '111111' : '000000';
}

/** A page with a default timeout whose errors and failed requests are kept, printed if a step fails. */
async function watched(tab, name) {
  tab.setDefaultTimeout(STEP_TIMEOUT);
  tab.on('pageerror', (error) => diagnostics.push(`  ${name}: page error: ${error.message}`));
  tab.on('console', (message) => {
    if (message.type() === 'error') {
      diagnostics.push(`  ${name}: console.error: ${message.text()}`);
    }
  });
  tab.on('requestfailed', (request) => diagnostics.push(`  ${name}: request failed: ${request.method()} ${request.url()}`
    + ` ${request.failure()?.errorText}`));
  return tab;
}

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`story.mjs: set ${name} (BrowserStoryIT sets it)`);
    process.exit(2);
  }
  return value;
}
