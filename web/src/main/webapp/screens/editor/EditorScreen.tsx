import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, etagOf } from '../../api/clients';
import type { card, search } from '../../api/clients';
import { fieldError, Problem, statusOf, toProblem } from '../../api/problems';
import { session } from '../../auth/session';
import { navigate } from '../../router';
import { Link, PersonName, ProblemBox, Spinner } from '../../ui/common';
import { DiffView } from '../../ui/DiffView';

interface Draft {
  collectionId: string;
  folderId: string;
  title: string;
  body: string;
  tags: string;
  verifierId: string;
  intervalDays: string;
  status: string;
}

const BLANK: Draft = { collectionId: '', folderId: '', title: '', body: '', tags: '', verifierId: '', intervalDays: '', status: 'PUBLISHED' };

function request(d: Draft): card.CardRequest {
  return {
    collectionId: d.collectionId || undefined,
    folderIds: d.folderId ? [d.folderId] : [],
    title: d.title,
    body: d.body,
    tags: d.tags.split(',').map((t) => t.trim()).filter(Boolean),
    status: d.status as card.CardStatus,
    verifierId: d.verifierId || undefined,
    verificationIntervalDays: d.intervalDays ? Number(d.intervalDays) : undefined,
  };
}

function fromCard(c: card.Card): Draft {
  return {
    collectionId: c.collectionId ?? '', folderId: c.folderIds?.[0] ?? '', title: c.title ?? '', body: c.body ?? '',
    tags: (c.tags ?? []).join(', '), verifierId: c.verifierId ?? '', intervalDays: c.verificationIntervalDays ? String(c.verificationIntervalDays) : '',
    status: c.status ?? 'PUBLISHED',
  };
}

interface Conflict { theirs: card.Card; etag: string; diff: card.CardDiff | null }

/** Write a new card (blank or from a template) or edit one; Markdown with a live preview. */
export function EditorScreen({ id, initialTitle }: { id?: string; initialTitle?: string }) {
  const [draft, setDraft] = useState<Draft>({ ...BLANK, title: initialTitle ?? '' });
  const [base, setBase] = useState<{ card: card.Card; etag: string } | null>(null);
  const [collections, setCollections] = useState<card.Collection[]>([]);
  const [folders, setFolders] = useState<Array<{ id: string; label: string }>>([]);
  const [templates, setTemplates] = useState<card.Template[]>([]);
  const [people, setPeople] = useState<card.User[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saving, setSaving] = useState(false);
  const [loading, setLoading] = useState(!!id);

  useEffect(() => {
    api.directory.listUsers({ limit: 200 }).then((l) => setPeople(l.items ?? []), () => undefined);
    if (id) {
      api.cards.getCardRaw({ id }).then(async (raw) => {
        const c = await raw.value();
        setBase({ card: c, etag: etagOf(raw) });
        setDraft(fromCard(c));
        setLoading(false);
      }, async (e) => { setProblem(await toProblem(e)); setLoading(false); });
    } else {
      api.collections.listCollections({ limit: 100 }).then((l) => {
        const writable = (l.items ?? []).filter((c) => c.yourRole === 'AUTHOR' || c.yourRole === 'COLLECTION_OWNER');
        setCollections(writable);
        if (writable[0]) setDraft((d) => ({ ...d, collectionId: d.collectionId || writable[0].id! }));
      }, async (e) => setProblem(await toProblem(e)));
      api.templates.listTemplates({ limit: 100 }).then((l) => setTemplates(l.items ?? []), () => undefined);
    }
  }, [id]);

  useEffect(() => {
    if (!draft.collectionId) return;
    api.folders.getFolderTree({ collectionId: draft.collectionId }).then((tree) => {
      const flat: Array<{ id: string; label: string }> = [];
      const walk = (list: card.Folder[], trail: string[]) => list.forEach((f) => {
        flat.push({ id: f.id!, label: [...trail, f.name].join(' / ') });
        walk(f.children ?? [], [...trail, f.name!]);
      });
      walk(tree, []);
      setFolders(flat);
    }, () => setFolders([]));
  }, [draft.collectionId]);

  const set = (field: keyof Draft) => (e: Event) => setDraft({ ...draft, [field]: (e.target as HTMLInputElement).value });

  function useTemplate(templateId: string) {
    const t = templates.find((x) => x.id === templateId);
    if (!t) { setDraft({ ...draft, body: '', tags: '' }); return; }
    setDraft({ ...draft, title: draft.title || t.title || '', body: t.body ?? '', tags: (t.tags ?? []).join(', ') });
  }

  async function save(e?: Event, over?: { card: card.Card; etag: string }) {
    e?.preventDefault();
    setSaving(true);
    try {
      if (id) {
        const on = over ?? base!;
        const saved = await api.cards.replaceCardRaw({ id, ifMatch: on.etag, cardRequest: request(draft) });
        const c = await saved.value();
        setConflict(null);
        navigate(`/cards/${c.id}`);
      } else {
        const c = await api.cards.createCard({ cardRequest: request(draft) });
        navigate(`/cards/${c.id}`);
      }
    } catch (err) {
      if (id && statusOf(err) === 412) {
        await showConflict();
      } else {
        setProblem(await toProblem(err));
      }
    } finally {
      setSaving(false);
    }
  }

  /** Someone saved in between: show what they changed since the version this draft started from. */
  async function showConflict() {
    const raw = await api.cards.getCardRaw({ id: id! });
    const theirs = await raw.value();
    let diff: card.CardDiff | null = null;
    try {
      diff = await api.history.diffCardVersions({ id: id!, from: String(base!.card.version), to: String(theirs.version) });
    } catch { /* the diff is a help, not a must */ }
    setConflict({ theirs, etag: etagOf(raw), diff });
    setProblem(null);
  }

  async function reapply() {
    const c = conflict!;
    setBase({ card: c.theirs, etag: c.etag });
    await save(undefined, { card: c.theirs, etag: c.etag });
  }

  function takeTheirs() {
    const c = conflict!;
    setBase({ card: c.theirs, etag: c.etag });
    setDraft(fromCard(c.theirs));
    setConflict(null);
  }

  if (loading) return <Spinner />;
  if (id && !base) return <ProblemBox problem={problem} />;
  const err = (f: string) => fieldError(problem, f);
  const described = (f: string) => (err(f) ? `${f}-error` : undefined);
  // a problem about fields shows next to them; only what names no field here is shown on top
  const FIELDS = ['title', 'body', 'tags', 'collectionId', 'verifierId', 'verificationIntervalDays'];
  const unplaced = problem?.errors.filter((e) => !FIELDS.some((f) => fieldError({ ...problem, errors: [e] }, f))) ?? [];
  const generalProblem = problem && (problem.errors.length === 0 || unplaced.length > 0) ? problem : null;
  return (
    <section aria-labelledby="editor-heading">
      <h1 id="editor-heading">{id ? 'Edit card' : 'New card'}</h1>
      {conflict && (
        <div class="conflict" role="alert">
          <h2>Someone saved a newer version while you were editing</h2>
          <p>Version {conflict.theirs.version} by <PersonName id={conflict.theirs.updatedBy} />. Their change:</p>
          {conflict.diff && <DiffView diff={conflict.diff} label="Their change" />}
          <div class="actions">
            <button type="button" class="primary" onClick={reapply}>Save my version over theirs</button>
            <button type="button" onClick={takeTheirs}>Discard mine, edit theirs</button>
          </div>
        </div>
      )}
      <ProblemBox problem={generalProblem} />
      <div class="editor-layout">
        <form class="stack" onSubmit={save} noValidate>
          {!id && (
            <>
              <label for="collection">Collection</label>
              <select id="collection" value={draft.collectionId} onChange={set('collectionId')} aria-describedby={described('collectionId')}>
                {collections.map((c) => <option value={c.id}>{c.name}</option>)}
              </select>
              <FieldError id="collectionId-error" message={err('collectionId')} />
              <label for="template">Start from</label>
              <select id="template" onChange={(e) => useTemplate((e.target as HTMLSelectElement).value)}>
                <option value="">Blank card</option>
                {templates.map((t) => <option value={t.id}>{t.name}</option>)}
              </select>
            </>
          )}
          <label for="title">Title</label>
          <input id="title" value={draft.title} onInput={set('title')} aria-invalid={err('title') ? 'true' : undefined} aria-describedby={described('title')} />
          <FieldError id="title-error" message={err('title')} />
          <label for="body">Answer (Markdown)</label>
          <textarea id="body" rows={14} value={draft.body} onInput={set('body')} aria-invalid={err('body') ? 'true' : undefined} aria-describedby={described('body')} />
          <FieldError id="body-error" message={err('body')} />
          <label for="tags">Tags (comma-separated)</label>
          <input id="tags" value={draft.tags} onInput={set('tags')} aria-describedby={described('tags')} />
          <FieldError id="tags-error" message={err('tags')} />
          <label for="folder">Folder</label>
          <select id="folder" value={draft.folderId} onChange={set('folderId')}>
            <option value="">No folder</option>
            {folders.map((f) => <option value={f.id}>{f.label}</option>)}
          </select>
          <div class="row">
            <div class="stack">
              <label for="verifier">Verifier</label>
              <input id="verifier" list="people" value={draft.verifierId} onInput={set('verifierId')} placeholder="collection default" aria-describedby={described('verifierId')} />
              <datalist id="people">{people.map((p) => <option value={p.id}>{p.name}</option>)}</datalist>
              <FieldError id="verifierId-error" message={err('verifierId')} />
            </div>
            <div class="stack">
              <label for="interval">Verify every (days)</label>
              <input id="interval" type="number" min={1} value={draft.intervalDays} onInput={set('intervalDays')} placeholder="default" aria-describedby={described('verificationIntervalDays')} />
              <FieldError id="verificationIntervalDays-error" message={err('verificationIntervalDays')} />
            </div>
          </div>
          <label for="status">Status</label>
          <select id="status" value={draft.status} onChange={set('status')}>
            <option value="PUBLISHED">Published</option>
            <option value="DRAFT">Draft</option>
          </select>
          <div class="actions">
            <button type="submit" class="primary" disabled={saving}>{saving ? 'Saving…' : 'Save'}</button>
            <Link class="button" href={id ? `/cards/${id}` : '/'}>Cancel</Link>
          </div>
        </form>
        <div>
          <Similar title={draft.title} body={draft.body} self={id} />
          <section class="preview" aria-labelledby="preview-heading">
            <h2 id="preview-heading">Preview</h2>
            <Preview markdown={draft.body} />
          </section>
        </div>
      </div>
    </section>
  );
}

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? <p id={id} class="field-error" role="alert">{message}</p> : null;
}

function Preview({ markdown }: { markdown: string }) {
  const html = DOMPurify.sanitize(marked.parse(markdown, { async: false }) as string);
  return <div class="card-body" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** "May already exist": cards like the draft, asked while the title and body are typed. */
function Similar({ title, body, self }: { title: string; body: string; self?: string }) {
  const [hits, setHits] = useState<search.SearchHit[]>([]);
  const timer = useRef<number>();
  useEffect(() => {
    window.clearTimeout(timer.current);
    if (title.trim().length < 3) { setHits([]); return; }
    timer.current = window.setTimeout(() => {
      api.search.findPossibleDuplicates({ draft: { title, body }, limit: 5 })
        .then((s) => setHits((s.hits ?? []).filter((h) => h.id !== self)), () => undefined);
    }, 350);
    return () => window.clearTimeout(timer.current);
  }, [title, body]);
  if (!hits.length) return null;
  return (
    <section class="similar" aria-labelledby="similar-heading" aria-live="polite">
      <h2 id="similar-heading">May already exist</h2>
      <ul>{hits.map((h) => <li><a href={`/cards/${h.id}`} target="_blank" rel="noopener">{h.title}</a></li>)}</ul>
    </section>
  );
}
