import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/clients';
import type { card, search } from '../../api/clients';
import { Problem, toProblem } from '../../api/problems';
import { session } from '../../auth/session';
import { Route } from '../../router';
import { Link, ProblemBox, Spinner } from '../../ui/common';

/** Browse collections and folders; import a corpus with a progress bar; org admins see the knowledge gaps. */
export function CollectionsScreen({ route }: { route: Route }) {
  const [collections, setCollections] = useState<card.Collection[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const chosen = route.params.get('collection');
  const folder = route.params.get('folder') ?? undefined;
  useEffect(() => {
    api.collections.listCollections({ limit: 100 }).then((l) => setCollections(l.items ?? []), async (e) => setProblem(await toProblem(e)));
  }, []);
  if (!collections) return problem ? <ProblemBox problem={problem} /> : <Spinner />;
  const current = collections.find((c) => c.id === chosen) ?? collections[0];
  return (
    <section aria-labelledby="collections-heading">
      <h1 id="collections-heading">Collections</h1>
      <nav aria-label="Collections" class="chips">
        {collections.map((c) => (
          <Link href={`/collections?collection=${c.id}`} class={c.id === current?.id ? 'chip active' : 'chip'} aria-current={c.id === current?.id ? 'page' : undefined}>{c.name}</Link>
        ))}
      </nav>
      {current && <CollectionView collection={current} folder={folder} />}
      {session.isAdmin() && <KnowledgeGaps />}
    </section>
  );
}

function CollectionView({ collection, folder }: { collection: card.Collection; folder?: string }) {
  const [tree, setTree] = useState<card.Folder[]>([]);
  const [cards, setCards] = useState<card.CardSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | undefined>();
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    api.folders.getFolderTree({ collectionId: collection.id! }).then(setTree, () => setTree([]));
  }, [collection.id]);
  useEffect(() => {
    setCards(null);
    api.cards.listCards({ collectionId: collection.id!, folderId: folder, limit: 50 }).then(
      (l) => { setCards(l.items ?? []); setCursor(l.nextCursor ?? undefined); setProblem(null); },
      async (e) => setProblem(await toProblem(e)));
  }, [collection.id, folder]);
  async function more() {
    const l = await api.cards.listCards({ collectionId: collection.id!, folderId: folder, cursor, limit: 50 });
    setCards([...(cards ?? []), ...(l.items ?? [])]);
    setCursor(l.nextCursor ?? undefined);
  }
  const base = `/collections?collection=${collection.id}`;
  const writable = collection.yourRole === 'AUTHOR' || collection.yourRole === 'COLLECTION_OWNER';
  return (
    <div class="collection-layout">
      <nav aria-label="Folders" class="folders">
        <h2>Folders</h2>
        <ul>
          <li><Link href={base} aria-current={!folder ? 'page' : undefined}>All cards</Link></li>
          <FolderList folders={tree} base={base} current={folder} />
        </ul>
      </nav>
      <div>
        {collection.description && <p>{collection.description}</p>}
        <ProblemBox problem={problem} />
        {!cards && !problem && <Spinner />}
        {cards && cards.length === 0 && <p>No cards here yet.</p>}
        <ul class="card-list">
          {(cards ?? []).map((c) => <li><Link href={`/cards/${c.id}`}>{c.title}</Link> <span class="muted">{c.status?.toLowerCase()}</span></li>)}
        </ul>
        {cursor && <button type="button" onClick={more}>More cards</button>}
        {writable && <Import collectionId={collection.id!} />}
      </div>
    </div>
  );
}

function FolderList({ folders, base, current }: { folders: card.Folder[]; base: string; current?: string }) {
  return (
    <>
      {folders.map((f) => (
        <li>
          <Link href={`${base}&folder=${f.id}`} aria-current={f.id === current ? 'page' : undefined}>{f.name}</Link>
          {f.children?.length ? <ul><FolderList folders={f.children} base={base} current={current} /></ul> : null}
        </li>
      ))}
    </>
  );
}

/** Upload NDJSON (one card per line); the import runs in the background, its progress polled once a second. */
function Import({ collectionId }: { collectionId: string }) {
  const [job, setJob] = useState<card.ImportProgress | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const timer = useRef<number>();
  useEffect(() => () => window.clearTimeout(timer.current), []);

  function poll(id: string) {
    timer.current = window.setTimeout(async () => {
      try {
        const p = await api.imports.getImport({ id });
        setJob(p);
        if (p.status !== 'COMPLETED') poll(id);
      } catch (e) {
        setProblem(await toProblem(e));
      }
    }, 1000);
  }

  async function start(e: Event) {
    e.preventDefault();
    const f = file.current?.files?.[0];
    if (!f) return;
    try {
      const p = await api.imports.importCards({ collectionId, body: f });
      setJob(p);
      setProblem(null);
      poll(p.id!);
    } catch (err) {
      setProblem(await toProblem(err));
    }
  }
  return (
    <section class="import" aria-labelledby="import-heading">
      <h2 id="import-heading">Import cards</h2>
      <form class="row" onSubmit={start}>
        <label for="import-file">NDJSON file (one card per line)</label>
        <input id="import-file" type="file" accept=".jsonl,.ndjson,application/x-ndjson" ref={file} />
        <button type="submit">Import</button>
      </form>
      <ProblemBox problem={problem} />
      {job && (
        <div>
          <label for="import-progress">Import {job.status?.toLowerCase()}: {job.done ?? 0} of {job.total ?? '?'}</label>
          <progress id="import-progress" max={100} value={job.percent ?? 0}>{job.percent ?? 0}%</progress>
          <p class="muted" role="status">{job.created ?? 0} created · {job.updated ?? 0} updated · {job.failed ?? 0} failed</p>
        </div>
      )}
    </section>
  );
}

/** What people searched for and did not find: each a card to write. */
function KnowledgeGaps() {
  const [report, setReport] = useState<search.Report1 | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    api.gaps.reportKnowledgeGaps({ limit: 20 }).then(setReport, async (e) => setProblem(await toProblem(e)));
  }, []);
  const rows = (list?: search.QueryCount[]) => (list ?? []).map((g) => (
    <li>
      <q>{g.query}</q> <span class="muted">{g.searches} search{g.searches === 1 ? '' : 'es'} by {g.searchers} {g.searchers === 1 ? 'person' : 'people'}</span>{' '}
      <Link href={`/new?title=${encodeURIComponent(g.query ?? '')}`}>Write this card</Link>
    </li>
  ));
  return (
    <section class="gaps" aria-labelledby="gaps-heading">
      <h2 id="gaps-heading">Knowledge gaps</h2>
      <ProblemBox problem={problem} />
      {report && (
        <div class="row wrap">
          <div><h3>Searches that found nothing</h3><ul>{rows(report.zeroResult)}</ul></div>
          <div><h3>Searches nobody opened a result of</h3><ul>{rows(report.noClick)}</ul></div>
        </div>
      )}
    </section>
  );
}
