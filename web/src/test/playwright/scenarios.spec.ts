import { expect, request as newRequest, test } from '@playwright/test';
import { apiAs, awaitIndexed, awaitVerification, checkScreen, CONTROL, createCard, Fixture, setUp, signedIn } from './fixtures';

// One set-up per worker (again after a failed test): people, a shared collection and a private one, found by this run's unique word.
let fx: Fixture;
test.beforeAll(async () => { fx = await setUp(); });

function typo(word: string) {
  // two neighbouring letters swapped, as fast typing does
  return word.slice(0, 3) + word[4] + word[3] + word.slice(5);
}

test('an agent searches with a typo and copies an answer', async ({ browser }) => {
  const title = `How do I refund a ${fx.word} order?`;
  const card = await createCard('alice', fx.collectionId, {
    title, body: `Open the order, choose **Refund**, pick the items.\n\n- Refunds reach the card in 5 days`, tags: ['billing', 'refunds'],
  });
  await awaitIndexed('bob', fx.word, card.id);
  await awaitVerification('alice', card.id);

  const { page } = await signedIn(browser, 'bob');
  await checkScreen(page, 'search-empty');
  // suggestions as the title is typed, chosen with the keyboard alone
  const box = page.getByRole('combobox', { name: 'Search cards' });
  await box.focus();
  await box.pressSequentially(`How do I refund a ${fx.word.slice(0, 5)}`, { delay: 20 });
  await expect(page.getByRole('option', { name: title })).toBeVisible();
  await checkScreen(page, 'search-suggestions');
  await box.press('ArrowDown');
  await expect(page.getByRole('option', { name: title })).toHaveAttribute('aria-selected', 'true');
  await box.press('Escape');

  // a typo still finds it
  await box.fill(typo(fx.word));
  await box.press('Enter');
  const hit = page.getByRole('link', { name: title });
  await expect(hit).toBeVisible();
  await expect(page.locator('.hit', { has: hit }).locator('.badge')).toContainText(/Verified by Alice · due in \d+ days|Unverified|Not yet checked/);
  await checkScreen(page, 'search-results');

  await hit.click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Verification' })).toContainText('Alice Author');
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied as plain text' })).toBeVisible();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toContain('Open the order, choose Refund, pick the items.');
  expect(text).not.toContain('**');
  await page.getByRole('button', { name: 'Copy Markdown' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('choose **Refund**');
  await checkScreen(page, 'card');

  // bob's view and his two copies are in the card's usage, which its author sees (counted in batches, within seconds)
  const author = await apiAs('alice');
  await expect.poll(async () => {
    const r = await author.get(`/api/cards/cards/${card.id}/usage`);
    return r.ok() ? (await r.json()).totals : r.status();
  }, { timeout: 30_000 }).toMatchObject({ views: 1, uniqueViewers: 1, copies: 2 });
});

test('a search without results offers to write the card, and "did you mean" corrects', async ({ browser }) => {
  const { page } = await signedIn(browser, 'bob');
  const missing = `${fx.word} zzqx teleport`;
  await page.goto(`/search?q=${encodeURIComponent(missing)}`);
  await expect(page.getByText(/No card answers/)).toBeVisible();
  await page.getByRole('link', { name: 'Write this card' }).click();
  await expect(page.getByLabel('Title')).toHaveValue(missing);
});

test('an author starts from a template, sees a duplicate warning and saves', async ({ browser }) => {
  const existing = await createCard('alice', fx.collectionId, { title: `Reset the ${fx.word} router password`, body: 'Hold the reset button for 10 seconds.' });
  await awaitIndexed('alice', fx.word, existing.id);

  const { page } = await signedIn(browser, 'alice');
  await page.getByRole('link', { name: 'New card' }).click();
  await page.getByLabel('Collection').selectOption({ label: `Support handbook ${fx.word}` });
  await page.getByLabel('Start from').selectOption({ label: 'Feature Breakdown' });
  await expect(page.getByLabel('Answer (Markdown)')).not.toHaveValue('');
  // a problem+json names the field it is about; the message appears next to it
  await page.getByLabel('Title').fill('');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#title-error')).toBeVisible();

  await page.getByLabel('Title').pressSequentially(`Resetting the ${fx.word} router password`, { delay: 10 });
  // the template's headings stay; the answer goes under them
  await page.getByLabel('Answer (Markdown)').fill('## Overview\n\nHold the reset button for 10 seconds, then choose a new password.');
  const similar = page.getByRole('region', { name: 'May already exist' });
  await expect(similar.getByRole('link', { name: `Reset the ${fx.word} router password` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Preview' }).getByRole('heading', { name: 'Overview' })).toBeVisible();
  await page.getByLabel('Tags (comma-separated)').fill('router, wifi');
  await checkScreen(page, 'editor');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Resetting the ${fx.word} router password` })).toBeVisible();
  await expect(page.locator('.tags')).toContainText('router');
});

test("bob flags a card, alice's inbox shows it without a reload, and she verifies it from her queue", async ({ browser }) => {
  const title = `Warranty of ${fx.word} headphones`;
  const card = await createCard('alice', fx.collectionId, { title, body: 'Two years from the date of purchase.' });
  await awaitVerification('alice', card.id);
  await (await apiAs('alice')).post(`/api/verification/verifications/${card.id}/verify`, { data: {} });

  const alice = await signedIn(browser, 'alice');
  await alice.page.getByRole('link', { name: /Inbox/ }).click();
  await expect(alice.page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  await expect(alice.page.getByText('reconnecting')).toHaveCount(0);
  const before = Number(await alice.page.getByTestId('unread-count').textContent());

  const bob = await signedIn(browser, 'bob');
  await bob.page.goto(`/cards/${card.id}`);
  await bob.page.getByRole('button', { name: 'Flag' }).click();
  await bob.page.getByLabel('What is wrong?').fill('The warranty is three years since May');
  await bob.page.getByRole('button', { name: 'Flag this card' }).click();
  await expect(bob.page.getByRole('complementary', { name: 'Verification' }).locator('.badge').first()).toHaveText(/Unverified: flagged/);

  // live: no reload on alice's page
  await expect(alice.page.locator('.notification', { hasText: title }).first()).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => Number(await alice.page.getByTestId('unread-count').textContent())).toBeGreaterThan(before);
  await checkScreen(alice.page, 'inbox');

  await alice.page.getByRole('link', { name: 'My queue' }).click();
  const flagged = alice.page.getByRole('region', { name: 'Flagged' });
  await expect(flagged.getByRole('link', { name: title })).toBeVisible();
  await checkScreen(alice.page, 'queue');
  await flagged.getByRole('button', { name: `Verify ${title}` }).click();
  await expect(alice.page.getByText('1 card verified')).toBeVisible();
  const api = await apiAs('alice');
  expect((await (await api.get(`/api/verification/verifications/${card.id}`)).json()).status).toBe('VERIFIED');
});

test('a reader follows a card, asks for verification and mentions a colleague; the author restores an older version', async ({ browser }) => {
  const first = `Opening hours of the ${fx.word} shop`;
  const card = await createCard('alice', fx.collectionId, { title: first, body: 'Monday to Friday, 9 to 17.' });
  await awaitVerification('alice', card.id);
  const alice = await apiAs('alice');
  const second = `Opening hours of the ${fx.word} shop in summer`;
  const edited = await alice.put(`/api/cards/cards/${card.id}`, {
    headers: { 'If-Match': `"${card.version}"` }, data: { title: second, body: 'Monday to Saturday, 8 to 18.' },
  });
  expect(edited.status(), await edited.text()).toBe(200);

  const bob = await signedIn(browser, 'bob');
  await bob.page.goto(`/cards/${card.id}`);
  await expect(bob.page.getByRole('heading', { level: 1, name: second })).toBeVisible();
  await bob.page.getByRole('button', { name: 'Follow', exact: true }).click();
  await expect(bob.page.getByRole('button', { name: 'Following' })).toHaveAttribute('aria-pressed', 'true');
  await bob.page.reload();
  // remembered, not just toggled on the page
  await expect(bob.page.getByRole('button', { name: 'Following' })).toBeVisible();

  await bob.page.getByRole('button', { name: 'Request verification' }).click();
  await expect(bob.page.getByRole('status').filter({ hasText: 'Verification requested' })).toBeVisible();

  // @mention completion with the keyboard alone
  const comment = bob.page.getByLabel('Add a comment (type @ to mention someone)');
  await comment.pressSequentially('Is Saturday right? @al', { delay: 10 });
  await expect(bob.page.getByRole('option', { name: /@alice/ })).toBeVisible();
  await comment.press('Enter');
  await expect(comment).toHaveValue('Is Saturday right? @alice ');
  await bob.page.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(bob.page.locator('.comment-body', { hasText: 'Is Saturday right? @alice' })).toBeVisible();
  await checkScreen(bob.page, 'card-comments');

  // the verifier is told of the request and of the mention
  type Note = { cardId?: string; type?: string };
  const told = async (api: typeof alice) => ((await (await api.get('/api/notifications/notifications?limit=100')).json()).items ?? []) as Note[];
  await expect.poll(async () => (await told(alice)).filter((n) => n.cardId === card.id).map((n) => n.type),
    { timeout: 30_000 }).toEqual(expect.arrayContaining(['VERIFICATION_REQUESTED', 'MENTIONED']));

  // the author restores the first version from the history
  const author = await signedIn(browser, 'alice');
  await author.page.goto(`/cards/${card.id}`);
  await author.page.getByText('Version history').click();
  await author.page.getByRole('button', { name: 'Compare with current' }).first().click();
  await expect(author.page.locator('.versions')).toContainText('Saturday');
  await author.page.getByRole('button', { name: 'Restore v1' }).click();
  await expect(author.page.getByRole('heading', { level: 1, name: first })).toBeVisible();
  // the history shows the restore as the newest version
  await expect(author.page.locator('.version-list li').first()).toContainText('v3 restored version');
  await checkScreen(author.page, 'card-history');
  const restored = await (await alice.get(`/api/cards/cards/${card.id}`)).json();
  expect([restored.title, restored.version]).toEqual([first, 3]);

  // bob follows the card: the restore reaches his inbox
  const bobApi = await apiAs('bob');
  await expect.poll(async () => (await told(bobApi)).some((n) => n.cardId === card.id && n.type === 'CARD_UPDATED'),
    { timeout: 30_000 }).toBe(true);
});

test('an author announces a card to bob, bob says "Got it" and the author sees it acknowledged', async ({ browser }) => {
  const title = `Returns of ${fx.word} gift cards`;
  const card = await createCard('alice', fx.collectionId, { title, body: 'Gift cards are not refundable.' });

  const alice = await signedIn(browser, 'alice');
  await alice.page.goto(`/cards/${card.id}`);
  const panel = alice.page.getByRole('region', { name: 'Announcements' });
  await panel.getByRole('button', { name: 'Announce', exact: true }).click();
  await panel.getByLabel('People (ids, separated by commas)').fill('bob');
  await panel.getByLabel('Message (optional)').fill('Please read before your next shift');
  await panel.getByRole('button', { name: 'Announce to them' }).click();
  await expect(panel.getByText('0 of 1 acknowledged')).toBeVisible();
  await checkScreen(alice.page, 'card-announce');

  const bob = await signedIn(browser, 'bob');
  await bob.page.goto(`/cards/${card.id}`);
  const banner = bob.page.getByRole('region', { name: 'Announcement', exact: true });
  await expect(banner).toContainText('Please read before your next shift');
  await checkScreen(bob.page, 'card-announcement-banner');
  await banner.getByRole('button', { name: 'Got it' }).click();
  await expect(bob.page.getByRole('status').filter({ hasText: 'the author sees you have read it' })).toBeVisible();
  await expect(bob.page.getByRole('region', { name: 'Announcement', exact: true })).toHaveCount(0);

  await alice.page.reload();
  await expect(alice.page.getByRole('region', { name: 'Announcements' }).getByText('1 of 1 acknowledged')).toBeVisible();
});

test('two editors collide and the second resolves the conflict', async ({ browser }) => {
  const card = await createCard('alice', fx.collectionId, { title: `Shipping ${fx.word} abroad`, body: 'We ship to the EU.\n\nCustoms are paid by the buyer.' });
  const alice = await signedIn(browser, 'alice');
  const bob = await signedIn(browser, 'bob');
  await alice.page.goto(`/edit/${card.id}`);
  await bob.page.goto(`/edit/${card.id}`);
  await expect(alice.page.getByLabel('Title')).toHaveValue(`Shipping ${fx.word} abroad`);
  await expect(bob.page.getByLabel('Title')).toHaveValue(`Shipping ${fx.word} abroad`);

  await bob.page.getByLabel('Answer (Markdown)').fill('We ship to the EU and the UK.\n\nCustoms are paid by the buyer.');
  await bob.page.getByRole('button', { name: 'Save' }).click();
  await expect(bob.page.getByRole('heading', { level: 1, name: `Shipping ${fx.word} abroad` })).toBeVisible();

  await alice.page.getByLabel('Title').fill(`Shipping ${fx.word} outside the EU`);
  await alice.page.getByRole('button', { name: 'Save' }).click();
  const conflict = alice.page.locator('.conflict');
  await expect(conflict).toContainText('Someone saved a newer version');
  await expect(conflict.locator('.line.added')).toContainText('We ship to the EU and the UK.');
  await checkScreen(alice.page, 'editor-conflict');
  // she takes their text and reapplies her own change to it
  await alice.page.getByRole('button', { name: 'Discard mine, edit theirs' }).click();
  await alice.page.getByLabel('Title').fill(`Shipping ${fx.word} outside the EU`);
  await alice.page.getByRole('button', { name: 'Save' }).click();
  await expect(alice.page.getByRole('heading', { level: 1, name: `Shipping ${fx.word} outside the EU` })).toBeVisible();
  await expect(alice.page.locator('.card-body')).toContainText('and the UK');
});

test('a stranger finds no private card by search, suggestions or a guessed URL', async ({ browser }) => {
  const title = `Secret ${fx.word} salary bands`;
  const card = await createCard('alice', fx.privateCollectionId, { title, body: 'Confidential.' });
  await awaitIndexed('alice', fx.word + ' salary', card.id);

  const { page } = await signedIn(browser, 'bob');
  await page.goto(`/search?q=${encodeURIComponent(fx.word + ' salary bands')}`);
  await expect(page.getByRole('status').filter({ hasText: /result/ })).toBeVisible();
  await expect(page.getByRole('link', { name: title })).toHaveCount(0);
  const box = page.getByRole('combobox', { name: 'Search cards' });
  await box.fill('');
  await box.pressSequentially(`Secret ${fx.word}`, { delay: 10 });
  await page.waitForResponse((r) => r.url().includes('/search/suggest') && r.url().includes(fx.word));
  await expect(page.getByRole('option', { name: title })).toHaveCount(0);
  await page.goto(`/cards/${card.id}`);
  await expect(page.getByRole('heading', { name: 'Card not found' })).toBeVisible();
  await expect(page.getByText('Confidential.')).toHaveCount(0);
  await checkScreen(page, 'card-not-found');
});

test('the inbox stream recovers after notification-service restarts', async ({ browser }) => {
  expect(CONTROL, 'VERITY_CONTROL_URL (set by BrowserIT)').not.toBe('');
  const title = `Returns of ${fx.word} gift cards`;
  const card = await createCard('alice', fx.collectionId, { title, body: 'Gift cards cannot be returned.' });
  await awaitVerification('alice', card.id);
  const alice = await signedIn(browser, 'alice');
  await alice.page.goto('/inbox');
  await expect(alice.page.getByText('reconnecting')).toHaveCount(0);

  const control = await newRequest.newContext();
  const restarted = await control.post(`${CONTROL}/restart/notification-service`, { timeout: 180_000 });
  expect(restarted.status()).toBe(200);

  const bob = await apiAs('bob');
  const flagged = await bob.post(`/api/verification/verifications/${card.id}/unverify`, { data: { reason: 'Since June they can be, within 14 days' } });
  expect(flagged.status()).toBe(200);
  await expect(alice.page.locator('.notification', { hasText: title }).first()).toBeVisible({ timeout: 60_000 });
  await expect(alice.page.getByText('reconnecting')).toHaveCount(0);

  // her queue: tick every flagged card and verify them at once
  await alice.page.getByRole('link', { name: 'My queue' }).click();
  const flaggedCards = alice.page.getByRole('region', { name: 'Flagged' });
  await expect(flaggedCards.getByRole('link', { name: title })).toBeVisible();
  const boxes = flaggedCards.getByRole('checkbox');
  const n = await boxes.count();
  for (let i = 0; i < n; i++) await boxes.nth(i).check();
  await alice.page.getByRole('button', { name: `Verify selected (${n})` }).click();
  await expect(alice.page.getByText(`${n} card${n === 1 ? '' : 's'} verified`)).toBeVisible();
  await expect(alice.page.getByRole('region', { name: 'Flagged' })).toHaveCount(0);
});

test('XSS vectors in titles, comments and tags render as text', async ({ browser }) => {
  const title = `<img src=x onerror="window.__xss=1"> ${fx.word} <script>window.__xss=2</script>`;
  const card = await createCard('alice', fx.collectionId, {
    title, body: `Hello <script>window.__xss=3</script> <img src=x onerror="window.__xss=4"> [x](javascript:window.__xss=5)`,
    tags: ['x-ss.tag_1'],
  });
  const { page } = await signedIn(browser, 'alice');
  await page.goto(`/cards/${card.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('.tags')).toContainText('x-ss.tag_1');
  await page.getByLabel(/Add a comment/).fill('<img src=x onerror="window.__xss=6"> nice <script>window.__xss=7</script>');
  await page.getByRole('button', { name: 'Comment' }).click();
  await expect(page.locator('.comment-body').last()).toHaveText('<img src=x onerror="window.__xss=6"> nice <script>window.__xss=7</script>');
  // card-service refuses markup in tags; its problem appears next to the tags field
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Tags (comma-separated)').fill('<b onmouseover=alert(1)>tag</b>');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#tags-error')).toContainText('must start with a letter or digit');
  await expect(page.getByLabel('Tags (comma-separated)')).toHaveAttribute('aria-describedby', 'tags-error');
  await awaitIndexed('alice', fx.word, card.id);
  await page.goto(`/search?q=${encodeURIComponent(fx.word)}`);
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await page.goto('/inbox');
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect((page as unknown as { errors: string[] }).errors).toEqual([]);
});

test('collections, an import with a progress bar, and the knowledge gaps for an org admin', async ({ browser }) => {
  const alice = await signedIn(browser, 'alice');
  await alice.page.getByRole('link', { name: 'Collections' }).click();
  await alice.page.getByRole('link', { name: `Support handbook ${fx.word}` }).click();
  const lines = [1, 2, 3].map((i) => JSON.stringify({ id: `${fx.word}-${i}`, title: `Imported ${fx.word} answer ${i}`, markdown: `# Imported ${i}\n\nText ${i}.` }));
  await alice.page.getByLabel('NDJSON file (one card per line)').setInputFiles({ name: 'cards.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.join('\n') + '\n') });
  await alice.page.getByRole('button', { name: 'Import' }).click();
  await expect(alice.page.locator('#import-progress')).toBeVisible();
  await expect(alice.page.getByText(/Import completed/)).toBeVisible({ timeout: 60_000 });
  await checkScreen(alice.page, 'collections');

  const admin = await signedIn(browser, 'admin');
  await admin.page.goto(`/search?q=${encodeURIComponent(fx.word + ' quantum banana')}`);
  await expect(admin.page.getByText(/No card answers/)).toBeVisible();
  await admin.page.goto('/collections');
  await expect(admin.page.getByRole('heading', { name: 'Knowledge gaps' })).toBeVisible();
  await checkScreen(admin.page, 'collections-gaps');
});

test('preferences and sign-in screens; failures show a message, never a blank page', async ({ browser }) => {
  const { page } = await signedIn(browser, 'bob');
  await page.goto('/preferences');
  await expect(page.getByRole('heading', { name: 'Notification preferences' })).toBeVisible();
  await page.getByLabel(/Daily digest at/).fill('7');
  await page.getByRole('button', { name: 'Save preferences' }).click();
  await expect(page.getByText('Saved')).toBeVisible();
  await checkScreen(page, 'preferences');
  // a bad webhook: the service's problem detail is shown
  await page.getByLabel(/Chat webhook/).fill('http://not-https.example');
  await page.getByRole('button', { name: 'Save preferences' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  // a service down (5xx from the proxy) and a network failure: a sentence, not a blank page
  await page.route('**/api/search/search?**', (route) => route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ status: 503, title: 'Service Unavailable', detail: 'search-service is restarting' }) }));
  await page.goto('/search?q=anything');
  await expect(page.getByRole('alert')).toContainText('search-service is restarting');
  await page.route('**/api/cards/cards/**', (route) => route.abort('connectionrefused'));
  await page.goto('/cards/3f1c0000-0000-4000-8000-000000000000');
  await expect(page.getByRole('alert')).toContainText('cannot be reached');
  await page.unroute('**/api/cards/cards/**');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Verity' })).toBeVisible();
  await checkScreen(page, 'signin');
});

test('an expired session goes to sign-in and back to the same page', async ({ browser }) => {
  const { page } = await signedIn(browser, 'bob');
  await page.goto('/queue');
  await expect(page.getByRole('heading', { name: 'My queue' })).toBeVisible();
  // the token runs out (as after 8 hours): the next call is rejected
  await page.evaluate(() => {
    const s = JSON.parse(sessionStorage.getItem('verity.session')!);
    s.token = s.token.slice(0, -4) + 'AAAA';
    sessionStorage.setItem('verity.session', JSON.stringify(s));
  });
  await page.goto('/inbox');
  await expect(page.getByRole('heading', { name: 'Sign in to Verity' })).toBeVisible();
  await page.getByRole('button', { name: /\(bob/ }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
});

test('every screen works on a 375 px wide phone', async ({ browser }) => {
  const { page } = await signedIn(browser, 'alice', { width: 375, height: 800 });
  for (const [path, name] of [['/search?q=' + fx.word, 'phone-search'], ['/queue', 'phone-queue'], ['/inbox', 'phone-inbox'], ['/new', 'phone-editor'], ['/collections', 'phone-collections']]) {
    await page.goto(path);
    await expect(page.locator('main h1, main .title-row h1').first()).toBeAttached();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
    await checkScreen(page, name);
  }
});
