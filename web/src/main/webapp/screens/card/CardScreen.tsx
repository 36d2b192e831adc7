import { useEffect, useRef, useState } from 'preact/hooks';
import { api, etagOf } from '../../api/clients';
import type { card, verification } from '../../api/clients';
import { Problem, statusOf, toProblem } from '../../api/problems';
import { session } from '../../auth/session';
import { CardHtml, Link, PersonName, ProblemBox, Spinner, Tags, TrustBadge, when } from '../../ui/common';
import { DiffView } from '../../ui/DiffView';
import { MentionTextarea } from './MentionTextarea';
import { AnnouncementBanner, AnnouncePanel } from './Announcements';

/** A card as a reader, verifier or author uses it. */
export function CardScreen({ id }: { id: string }) {
  const [current, setCurrent] = useState<{ card: card.Card; etag: string } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notFound, setNotFound] = useState(false);
  const [tick, setTick] = useState(0);
  const reload = () => setTick((t) => t + 1);

  useEffect(() => {
    let live = true;
    api.cards.getCardRaw({ id }).then(async (raw) => {
      const c = await raw.value();
      if (live) { setCurrent({ card: c, etag: etagOf(raw) }); setProblem(null); document.title = `${c.title} · Verity`; }
    }, async (e) => {
      if (!live) return;
      // a card the person may not read is indistinguishable from one that does not exist
      if (statusOf(e) === 404 || statusOf(e) === 403) setNotFound(true);
      else setProblem(await toProblem(e));
    });
    return () => { live = false; };
  }, [id, tick]);

  if (notFound) {
    return (
      <section>
        <h1>Card not found</h1>
        <p>There is no such card, or it is in a collection you cannot read.</p>
        <Link href="/search">Search instead</Link>
      </section>
    );
  }
  if (!current) return problem ? <ProblemBox problem={problem} /> : <Spinner />;
  const c = current.card;
  return (
    <article class="card-screen" aria-labelledby="card-title">
      <header class="card-head">
        <h1 id="card-title">{c.title}</h1>
        {c.status && c.status !== 'PUBLISHED' && <span class="badge pending">{c.status.toLowerCase()}</span>}
        <Tags tags={c.tags} />
        <div class="actions">
          <Link class="button" href={`/edit/${c.id}`}>Edit</Link>
          <CopyButtons card={c} />
          <FollowButton cardId={c.id!} />
        </div>
      </header>
      <ProblemBox problem={problem} />
      <AnnouncementBanner cardId={c.id!} />
      <div class="card-layout">
        <div>
          <CardHtml html={c.bodyHtml} />
          <AnnouncePanel card={c} />
          <Comments cardId={c.id!} />
          <Versions card={c} etag={current.etag} onRestored={reload} />
        </div>
        <VerificationPanel cardId={c.id!} />
      </div>
    </article>
  );
}

function CopyButtons({ card: c }: { card: card.Card }) {
  const [copied, setCopied] = useState('');
  async function copy(kind: 'text' | 'markdown') {
    let text = c.body ?? '';
    if (kind === 'text') {
      const el = document.querySelector('.card-body') as HTMLElement | null;
      text = `${c.title}\n\n${el?.innerText.trim() ?? ''}`;
    }
    try {
      await navigator.clipboard.writeText(text);
      setCopied(kind === 'text' ? 'Copied as plain text' : 'Copied as Markdown');
      // the card's usage counts copies (authors see them); a copy that could not be counted is still a copy
      api.usage.recordCardCopy({ id: c.id! }).catch(() => undefined);
    } catch {
      setCopied('Copying is blocked in this browser; select the text instead');
    }
  }
  return (
    <>
      <button type="button" onClick={() => copy('text')}>Copy</button>
      <button type="button" onClick={() => copy('markdown')}>Copy Markdown</button>
      <span role="status" class="muted">{copied}</span>
    </>
  );
}

function FollowButton({ cardId }: { cardId: string }) {
  const [following, setFollowing] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    api.follows.getFollowState({ cardId }).then((state) => setFollowing(!!state.following), () => setFollowing(false));
  }, [cardId]);
  async function toggle() {
    setBusy(true);
    try {
      if (following) await api.follows.unfollowCard({ cardId });
      else await api.follows.followCard({ cardId });
      setFollowing(!following);
      setProblem(null);
    } catch (e) {
      setProblem(await toProblem(e));
    } finally {
      setBusy(false);
    }
  }
  // disabled until the state is known: a click before it arrived was overwritten by the late answer
  return (
    <>
      <button type="button" aria-pressed={following ? 'true' : 'false'} disabled={following === null || busy}
        onClick={toggle}>{following ? 'Following' : 'Follow'}</button>
      <ProblemBox problem={problem} />
    </>
  );
}

function VerificationPanel({ cardId }: { cardId: string }) {
  const [v, setV] = useState<verification.Verification | null>(null);
  const [history, setHistory] = useState<verification.VerificationHistoryEntry[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [missing, setMissing] = useState(false);
  const [reason, setReason] = useState('');
  const [flagging, setFlagging] = useState(false);
  const [said, setSaid] = useState('');
  const me = session.person()?.id;

  async function load() {
    try {
      setV(await api.verifications.getVerification({ cardId }));
      setHistory((await api.verifications.getVerificationHistory({ cardId, limit: 20 })).items ?? []);
      setMissing(false);
    } catch (e) {
      if (statusOf(e) === 404) setMissing(true); else setProblem(await toProblem(e));
    }
  }
  useEffect(() => { load(); }, [cardId]);

  async function act(what: () => Promise<unknown>, done: string) {
    try {
      await what();
      setProblem(null);
      setSaid(done);
      await load();
    } catch (e) {
      setProblem(await toProblem(e));
    }
  }

  if (missing) return <aside class="panel" aria-label="Verification"><h2>Verification</h2><p class="muted">Not set up yet for this card (it appears within a few seconds of publishing).</p></aside>;
  if (!v) return <aside class="panel" aria-label="Verification"><h2>Verification</h2><ProblemBox problem={problem} />{!problem && <Spinner />}</aside>;
  return (
    <aside class="panel" aria-label="Verification">
      <h2>Verification</h2>
      <TrustBadge trust={v} />
      <dl class="facts">
        <dt>Verifier</dt><dd><PersonName id={v.verifierId} /></dd>
        <dt>Interval</dt><dd>every {v.intervalDays} days</dd>
        {v.lastVerifiedAt && <><dt>Last verified</dt><dd>{when(v.lastVerifiedAt)} by <PersonName id={v.lastVerifiedBy} /></dd></>}
        {v.nextDueAt && <><dt>Next due</dt><dd>{when(v.nextDueAt)}</dd></>}
      </dl>
      {(v.openFlags ?? []).length > 0 && (
        <div>
          <h3>Open flags</h3>
          <ul class="flags">{v.openFlags!.map((f) => <li><q>{f.reason}</q> — <PersonName id={f.flaggedBy} />, {when(f.flaggedAt)}</li>)}</ul>
        </div>
      )}
      <ProblemBox problem={problem} />
      <p role="status" class="muted">{said}</p>
      <div class="actions">
        {v.verifierId === me && <button type="button" class="primary" onClick={() => act(() => api.verifications.verifyCard({ cardId, verifyRequest: {} }), 'Verified')}>Verify</button>}
        <button type="button" aria-expanded={flagging ? 'true' : 'false'} onClick={() => setFlagging(!flagging)}>Flag</button>
        <button type="button" onClick={() => act(() => api.verifications.requestVerification({ cardId, verificationRequestRequest: {} }), 'Verification requested')}>Request verification</button>
      </div>
      {flagging && (
        <form class="stack" onSubmit={(e) => { e.preventDefault(); act(() => api.verifications.flagCard({ cardId, unverifyRequest: { reason } }), 'Flagged').then(() => { setFlagging(false); setReason(''); }); }}>
          <label for="flag-reason">What is wrong?</label>
          <textarea id="flag-reason" rows={3} value={reason} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
          <button type="submit" class="danger">Flag this card</button>
        </form>
      )}
      <h3>History</h3>
      <ol class="history">
        {history.map((h) => (
          <li><span class="kind">{(h.kind ?? '').toLowerCase().replace(/_/g, ' ')}</span> · <PersonName id={h.actorId} /> · {when(h.at)}{h.comment ? <> — <q>{h.comment}</q></> : null}</li>
        ))}
      </ol>
    </aside>
  );
}

function Comments({ cardId }: { cardId: string }) {
  const [comments, setComments] = useState<card.Comment[]>([]);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const load = () => api.comments.listComments({ cardId, limit: 100 }).then((l) => setComments(l.items ?? []), async (e) => setProblem(await toProblem(e)));
  useEffect(() => { load(); }, [cardId]);
  async function add(e: Event) {
    e.preventDefault();
    try {
      await api.comments.addComment({ cardId, commentRequest: { body: text } });
      setText('');
      setProblem(null);
      await load();
    } catch (err) {
      setProblem(await toProblem(err));
    }
  }
  return (
    <section class="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Comments</h2>
      <ul class="comment-list">
        {comments.map((c) => (
          <li class="comment">
            <div class="muted"><PersonName id={c.authorId} /> · {when(c.createdAt)}{c.status === 'RESOLVED' ? ' · resolved' : ''}</div>
            <p class="comment-body">{c.body}</p>
          </li>
        ))}
      </ul>
      <form class="stack" onSubmit={add}>
        <label for="new-comment">Add a comment (type @ to mention someone)</label>
        <MentionTextarea id="new-comment" value={text} onValue={setText} />
        <ProblemBox problem={problem} />
        <button type="submit" disabled={!text.trim()}>Comment</button>
      </form>
    </section>
  );
}

function Versions({ card: c, etag, onRestored }: { card: card.Card; etag: string; onRestored: () => void }) {
  const [versions, setVersions] = useState<card.CardVersionSummary[]>([]);
  const [diff, setDiff] = useState<card.CardDiff | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const opened = useRef(false);
  async function load() {
    try {
      setVersions((await api.history.listCardVersions({ id: c.id!, limit: 50 })).items ?? []);
    } catch (err) {
      setProblem(await toProblem(err));
    }
  }
  async function open(e: Event) {
    if (opened.current || !(e.target as HTMLDetailsElement).open) return;
    opened.current = true;
    await load();
  }
  async function compare(v: number) {
    try {
      setDiff(await api.history.diffCardVersions({ id: c.id!, from: String(v), to: String(c.version) }));
    } catch (err) {
      setProblem(await toProblem(err));
    }
  }
  async function restore(v: number) {
    try {
      await api.history.restoreCardVersion({ id: c.id!, version: String(v), ifMatch: etag });
      setDiff(null);
      onRestored();
      // the restore is the newest version now: the open history shows it
      await load();
    } catch (err) {
      setProblem(await toProblem(err));
    }
  }
  return (
    <details class="versions" onToggle={open}>
      <summary>Version history</summary>
      <ProblemBox problem={problem} />
      <ol class="version-list" reversed>
        {versions.map((v) => (
          <li>
            <strong>v{v.version}</strong> {v.change?.toLowerCase().replace(/_/g, ' ')} · <PersonName id={v.authorId} /> · {when(v.createdAt)}
            {v.summary ? <> — {v.summary}</> : null}
            {v.version !== c.version && (
              <span class="actions">
                <button type="button" onClick={() => compare(v.version!)}>Compare with current</button>
                <button type="button" onClick={() => restore(v.version!)}>Restore v{v.version}</button>
              </span>
            )}
          </li>
        ))}
      </ol>
      {diff && <DiffView diff={diff} />}
    </details>
  );
}
