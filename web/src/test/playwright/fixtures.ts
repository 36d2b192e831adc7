import AxeBuilder from '@axe-core/playwright';
import { APIRequestContext, Browser, BrowserContext, expect, Page, request as newRequest } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

export const BASE = process.env.VERITY_WEB_URL ?? 'http://127.0.0.1:8080';
export const CONTROL = process.env.VERITY_CONTROL_URL ?? '';
const SHOTS = path.resolve(process.cwd(), 'target/screenshots');

/** A word nobody else wrote: this run's cards are found by it among every earlier run's. */
export function uniqueWord(): string {
  const letters = 'bcdfghjklmnpqrstvwxz';
  const vowels = 'aeiou';
  let w = '';
  for (let i = 0; i < 5; i++) w += letters[Math.floor(Math.random() * letters.length)] + vowels[Math.floor(Math.random() * vowels.length)];
  return w;
}

export async function tokenFor(user: string): Promise<string> {
  const api = await newRequest.newContext({ baseURL: BASE });
  const response = await api.post('/auth/dev-sign-in', { data: { user } });
  expect(response.status()).toBe(200);
  const token = (await response.json()).accessToken as string;
  await api.dispose();
  return token;
}

/** The APIs on the web server's origin, as one person (test set-up only; the app uses its generated clients). */
export async function apiAs(user: string): Promise<APIRequestContext> {
  return newRequest.newContext({ baseURL: BASE, extraHTTPHeaders: { Authorization: `Bearer ${await tokenFor(user)}` } });
}

/** A browser page signed in as the person, through the sign-in screen like a person would. */
export async function signedIn(browser: Browser, user: 'alice' | 'bob' | 'admin', viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  (page as Page & { errors?: string[] }).errors = errors;
  await page.goto('/signin');
  await page.getByRole('button', { name: new RegExp(`\\(${user}`) }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return { context, page };
}

/** Every screen: a screenshot to look at, and no serious or critical accessibility violation. */
export async function checkScreen(page: Page, name: string) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), `axe on ${name}`).toEqual([]);
}

export interface Fixture { word: string; collectionId: string; privateCollectionId: string }

/** People, a shared collection (support may author, bob is in support) and a private one of alice's. */
export async function setUp(): Promise<Fixture> {
  const admin = await apiAs('admin');
  for (const [id, name] of [['alice', 'Alice Author'], ['bob', 'Bob Agent'], ['admin', 'Ada Admin']]) {
    const r = await admin.put(`/api/cards/directory/users/${id}`, { data: { name, email: `${id}@verity.dev` } });
    expect([200, 201]).toContain(r.status());
  }
  const g = await admin.put('/api/cards/directory/groups/support', { data: { name: 'Support team', memberIds: ['alice', 'bob'] } });
  expect([200, 201]).toContain(g.status());
  const alice = await apiAs('alice');
  const word = uniqueWord();
  const shared = await alice.post('/api/cards/collections', {
    data: { name: `Support handbook ${word}`, description: 'Answers the support team gives every day', defaultVerifierId: 'alice', defaultVerificationIntervalDays: 90,
      access: [{ principalType: 'GROUP', principalId: 'support', role: 'AUTHOR' }] },
  });
  expect(shared.status()).toBe(201);
  const priv = await alice.post('/api/cards/collections', { data: { name: `Alice private ${word}`, access: [] } });
  expect(priv.status()).toBe(201);
  return { word, collectionId: (await shared.json()).id, privateCollectionId: (await priv.json()).id };
}

export async function createCard(user: string, collectionId: string, card: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const api = await apiAs(user);
  const r = await api.post('/api/cards/cards', { data: { collectionId, status: 'PUBLISHED', verifierId: 'alice', verificationIntervalDays: 30, ...card } });
  expect(r.status(), await r.text()).toBe(201);
  return r.json();
}

/** Waits until search-service has indexed a card (indexing is asynchronous, through Kafka). */
export async function awaitIndexed(user: string, query: string, cardId: string) {
  const api = await apiAs(user);
  await expect.poll(async () => {
    const r = await api.get(`/api/search/search?q=${encodeURIComponent(query)}`);
    if (!r.ok()) return false;
    return ((await r.json()).hits ?? []).some((h: { id: string }) => h.id === cardId);
  }, { timeout: 30_000 }).toBe(true);
}

export async function awaitVerification(user: string, cardId: string) {
  const api = await apiAs(user);
  await expect.poll(async () => (await api.get(`/api/verification/verifications/${cardId}`)).status(), { timeout: 30_000 }).toBe(200);
}
