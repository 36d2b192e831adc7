import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/clients';
import type { notification } from '../../api/clients';
import { Problem, toProblem } from '../../api/problems';
import { Link, ProblemBox, Spinner, when } from '../../ui/common';
import { inbox } from './inboxStream';

const TYPES: Record<string, string> = {
  VERIFICATION_ASSIGNED: 'You verify a card', MENTIONED: 'Mentioned', VERIFICATION_EXPIRED: 'Verification expired',
  VERIFICATION_DUE_SOON: 'Verification due soon', CARD_UNVERIFIED: 'Card flagged or unverified',
  VERIFICATION_REQUESTED: 'Verification requested', CARD_UPDATED: 'Card updated', COMMENTED: 'New comment',
  WEBHOOK_DISABLED: 'Webhook disabled', ANNOUNCED: 'Announced to you', ANNOUNCEMENT_REMINDER: 'Please acknowledge',
};

/** My notifications, newest first; new ones appear as they happen. */
export function InboxScreen() {
  const [items, setItems] = useState<notification.Notification[] | null>(null);
  const [cursor, setCursor] = useState<string | undefined>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [, setTick] = useState(0);

  async function load() {
    try {
      const list = await api.notifications.listNotifications({ limit: 30 });
      setItems(list.items ?? []);
      setCursor(list.nextCursor ?? undefined);
      setProblem(null);
    } catch (e) {
      setProblem(await toProblem(e));
    }
  }
  useEffect(() => { load(); }, []);
  useEffect(() => inbox.subscribe(() => setTick((t) => t + 1)), []);

  const known = new Set((items ?? []).map((n) => n.id));
  const shown = [...inbox.live.filter((n) => !known.has(n.id)), ...(items ?? [])];

  async function read(n: notification.Notification) {
    try {
      await api.notifications.markNotificationRead({ id: n.id! });
      const at = new Date();
      setItems((list) => (list ?? []).map((x) => (x.id === n.id ? { ...x, readAt: at } : x)));
      inbox.live = inbox.live.map((x) => (x.id === n.id ? { ...x, readAt: at } : x));
      inbox.markedRead(1);
    } catch (e) {
      setProblem(await toProblem(e));
    }
  }
  async function readAll() {
    try {
      await api.notifications.markAllNotificationsRead();
      inbox.live = inbox.live.map((x) => ({ ...x, readAt: x.readAt ?? new Date() }));
      await load();
      await inbox.refreshCount();
    } catch (e) {
      setProblem(await toProblem(e));
    }
  }
  async function more() {
    const list = await api.notifications.listNotifications({ limit: 30, cursor });
    setItems([...(items ?? []), ...(list.items ?? [])]);
    setCursor(list.nextCursor ?? undefined);
  }

  return (
    <section aria-labelledby="inbox-heading">
      <div class="title-row">
        <h1 id="inbox-heading">Inbox</h1>
        <span class="muted" role="status">{inbox.unread} unread{inbox.connected ? '' : ' · reconnecting…'}</span>
        <button type="button" onClick={readAll}>Mark all read</button>
        <Link class="button" href="/preferences">Preferences</Link>
      </div>
      <ProblemBox problem={problem} />
      {!items && !problem && <Spinner />}
      {items && shown.length === 0 && <p>Nothing yet. You will hear about cards you verify, follow or are mentioned in.</p>}
      <ul class="notifications">
        {shown.map((n) => (
          <li class={n.readAt ? 'notification' : 'notification is-unread'}>
            <div class="muted">{TYPES[n.type ?? ''] ?? n.type} · {when(n.createdAt)}</div>
            <div>{n.cardId ? <Link href={`/cards/${n.cardId}`}>{n.title}</Link> : n.title}</div>
            {n.message && <p>{n.message}</p>}
            {!n.readAt && <button type="button" onClick={() => read(n)} aria-label={`Mark read: ${n.title ?? ''}`}>Mark read</button>}
          </li>
        ))}
      </ul>
      {cursor && <button type="button" onClick={more}>Older</button>}
    </section>
  );
}

/** Channels per type, the digest hour and the chat webhook. */
export function PreferencesScreen() {
  const [prefs, setPrefs] = useState<notification.Preferences | null>(null);
  const [webhook, setWebhook] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [said, setSaid] = useState('');
  useEffect(() => {
    api.preferences.getPreferences().then(setPrefs, async (e) => setProblem(await toProblem(e)));
    api.preferences.getChatSettings().then((c) => setWebhook(c.webhookUrl ?? ''), () => undefined);
  }, []);
  if (!prefs) return problem ? <ProblemBox problem={problem} /> : <Spinner />;
  const types = prefs.types ?? {};
  function mode(type: string, channel: keyof notification.ChannelModes, value: string) {
    setPrefs({ ...prefs!, types: { ...types, [type]: { ...types[type], [channel]: value } } });
  }
  async function save(e: Event) {
    e.preventDefault();
    try {
      setPrefs(await api.preferences.replacePreferences({ preferences: prefs! }));
      if (webhook) await api.preferences.setChatSettings({ chatSettings: { webhookUrl: webhook } });
      else await api.preferences.removeChatSettings().catch(() => undefined);
      setProblem(null);
      setSaid('Saved');
    } catch (err) {
      setProblem(await toProblem(err));
      setSaid('');
    }
  }
  return (
    <section aria-labelledby="prefs-heading">
      <h1 id="prefs-heading">Notification preferences</h1>
      <form class="stack" onSubmit={save}>
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Channels per notification type</caption>
            <thead><tr><th scope="col">Notification</th><th scope="col">Inbox</th><th scope="col">Email</th><th scope="col">Chat</th></tr></thead>
            <tbody>
              {Object.keys(types).map((t) => (
                <tr>
                  <th scope="row">{TYPES[t] ?? t}</th>
                  {(['inbox', 'email', 'chat'] as const).map((ch) => (
                    <td>
                      <select aria-label={`${TYPES[t] ?? t}: ${ch}`} value={types[t][ch]} onChange={(e) => mode(t, ch, (e.target as HTMLSelectElement).value)}>
                        <option value="IMMEDIATE">Immediately</option>
                        {ch === 'email' && <option value="DIGEST">Daily digest</option>}
                        <option value="OFF">Off</option>
                      </select>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <label for="digest-hour">Daily digest at (hour, {prefs.timeZone ?? 'UTC'})</label>
        <input id="digest-hour" type="number" min={0} max={23} value={prefs.digestHour} onInput={(e) => setPrefs({ ...prefs, digestHour: Number((e.target as HTMLInputElement).value) })} />
        <label for="webhook">Chat webhook (Slack-compatible, https)</label>
        <input id="webhook" type="url" value={webhook} onInput={(e) => setWebhook((e.target as HTMLInputElement).value)} placeholder="https://hooks.slack.com/services/…" />
        <ProblemBox problem={problem} />
        <p role="status" class="muted">{said}</p>
        <button type="submit" class="primary">Save preferences</button>
      </form>
    </section>
  );
}
