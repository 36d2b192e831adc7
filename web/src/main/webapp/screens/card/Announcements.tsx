import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/clients';
import type { card } from '../../api/clients';
import { Problem, toProblem } from '../../api/problems';
import { PersonName, ProblemBox, when } from '../../ui/common';

/** "Got it": the announcements of this card waiting for the signed-in person's acknowledgement. */
export function AnnouncementBanner({ cardId }: { cardId: string }) {
  const [open, setOpen] = useState<card.Announcement[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [said, setSaid] = useState('');
  useEffect(() => {
    api.announcements.listMyAnnouncements({ state: 'OPEN', cardId, limit: 20 })
      .then((page) => setOpen(page.items ?? []), () => setOpen([]));
  }, [cardId]);
  async function gotIt(id: string) {
    try {
      await api.announcements.acknowledgeAnnouncement({ id });
      setOpen(open.filter((a) => a.id !== id));
      setProblem(null);
      setSaid('Thanks: the author sees you have read it.');
    } catch (e) {
      setProblem(await toProblem(e));
    }
  }
  if (open.length === 0) return said ? <p role="status" class="muted">{said}</p> : null;
  return (
    <section class="announcement-banner" aria-label="Announcement">
      {open.map((a) => (
        <div class="announcement">
          <p><strong><PersonName id={a.authorId} /> announced this card to you</strong> · {when(a.updatedAt)}</p>
          {a.message && <p class="announcement-message">{a.message}</p>}
          <button type="button" class="primary" onClick={() => gotIt(a.id!)}>Got it</button>
        </div>
      ))}
      <ProblemBox problem={problem} />
    </section>
  );
}

function ids(text: string): string[] {
  return text.split(/[\s,]+/).map((s) => s.replace(/^@/, '')).filter((s) => s.length > 0);
}

/** For authors: announce the card to users and groups, see who acknowledged, remind those who have not. */
export function AnnouncePanel({ card: c }: { card: card.Card }) {
  const [author, setAuthor] = useState(false);
  const [list, setList] = useState<card.Announcement[]>([]);
  const [opened, setOpened] = useState(false);
  const [users, setUsers] = useState('');
  const [groups, setGroups] = useState('');
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [said, setSaid] = useState('');
  const cardId = c.id!;

  const load = () => api.announcements.listCardAnnouncements({ cardId, limit: 20 })
    .then((page) => setList(page.items ?? []), () => setList([]));
  useEffect(() => {
    api.collections.getCollection({ id: c.collectionId! }).then((col) => {
      const may = col.yourRole === 'AUTHOR' || col.yourRole === 'COLLECTION_OWNER';
      setAuthor(may);
      if (may) load();
    }, () => setAuthor(false));
  }, [cardId]);

  async function act(what: () => Promise<unknown>, done: string) {
    try {
      await what();
      setProblem(null);
      setSaid(done);
      await load();
    } catch (e) {
      setSaid('');
      setProblem(await toProblem(e));
    }
  }
  async function announce(e: Event) {
    e.preventDefault();
    await act(() => api.announcements.announceCard({
      cardId, announcementRequest: { userIds: ids(users), groupIds: ids(groups), message: message.trim() || undefined },
    }), 'Announced');
    setUsers(''); setGroups(''); setMessage(''); setOpened(false);
  }

  if (!author) return null;
  return (
    <section class="announcements" aria-labelledby="announcements-heading">
      <h2 id="announcements-heading">Announcements</h2>
      <div class="actions">
        <button type="button" aria-expanded={opened ? 'true' : 'false'} onClick={() => setOpened(!opened)}>Announce</button>
      </div>
      {opened && (
        <form class="stack" onSubmit={announce}>
          <label for="announce-users">People (ids, separated by commas)</label>
          <input id="announce-users" value={users} onInput={(e) => setUsers((e.target as HTMLInputElement).value)} />
          <label for="announce-groups">Groups (ids, separated by commas)</label>
          <input id="announce-groups" value={groups} onInput={(e) => setGroups((e.target as HTMLInputElement).value)} />
          <label for="announce-message">Message (optional)</label>
          <textarea id="announce-message" rows={2} maxLength={2000} value={message} onInput={(e) => setMessage((e.target as HTMLTextAreaElement).value)} />
          <button type="submit" class="primary" disabled={!users.trim() && !groups.trim()}>Announce to them</button>
        </form>
      )}
      <ProblemBox problem={problem} />
      <p role="status" class="muted">{said}</p>
      <ul class="announcement-list">
        {list.map((a) => (
          <li>
            <span>{when(a.createdAt)}{a.round && a.round > 1 ? ` · round ${a.round}` : ''} · {a.acknowledgedCount} of {a.recipientCount} acknowledged</span>
            <span class="actions">
              {(a.pendingCount ?? 0) > 0 && <button type="button" onClick={() => act(() => api.announcements.remindAnnouncement({ id: a.id! }), 'Reminded')}>Remind {a.pendingCount}</button>}
              {(c.version ?? 0) > (a.announcedVersion ?? 0) && <button type="button" onClick={() => act(() => api.announcements.renewAnnouncement({ id: a.id! }), 'Everyone is asked again')}>Ask again</button>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
