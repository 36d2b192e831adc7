import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/clients';
import type { search } from '../../api/clients';
import { Problem, toProblem } from '../../api/problems';
import { navigate, Route } from '../../router';
import { Highlighted, Link, ProblemBox, Spinner, Tags, TrustBadge } from '../../ui/common';

type Hit = search.SearchHit;

/** Search: suggestions as you type, results with their trust, facets as filters, "did you mean", more by cursor. */
export function SearchScreen({ route }: { route: Route }) {
  const q = route.params.get('q') ?? '';
  const tags = route.params.getAll('tag');
  const verification = route.params.get('verification') ?? '';
  const [results, setResults] = useState<search.SearchResults | null>(null);
  const [hits, setHits] = useState<Hit[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(false);
  const [resultsFor, setResultsFor] = useState('');

  useEffect(() => {
    if (!q) { setResults(null); setHits([]); return; }
    let live = true;
    setLoading(true);
    api.search.searchCards({ q, tag: tags.length ? tags : undefined, verification: (verification || undefined) as never, limit: 10 })
      .then((r) => { if (live) { setResults(r); setHits(r.hits ?? []); setProblem(null); setResultsFor(q); } },
        async (e) => { if (live) { setProblem(await toProblem(e)); setResults(null); setHits([]); setResultsFor(q); } })
      .finally(() => live && setLoading(false));
    return () => { live = false; };
  }, [q, tags.join('\u0000'), verification]);

  async function more() {
    if (!results?.nextCursor) return;
    try {
      const r = await api.search.searchCards({ q, cursor: results.nextCursor ?? undefined, tag: tags.length ? tags : undefined, verification: (verification || undefined) as never, limit: 10 });
      setResults({ ...results, nextCursor: r.nextCursor });
      setHits((h) => [...h, ...(r.hits ?? [])]);
    } catch (e) {
      setProblem(await toProblem(e));
    }
  }

  function filterHref(name: string, value: string) {
    const p = new URLSearchParams(route.params);
    const values = p.getAll(name);
    p.delete(name);
    if (name === 'tag') {
      const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
      next.forEach((v) => p.append('tag', v));
    } else if (!values.includes(value)) {
      p.set(name, value);
    }
    return `/search?${p}`;
  }

  function opened(hit: Hit) {
    if (results?.searchId && hit.id) {
      api.gaps.recordSearchClick({ searchClick: { searchId: results.searchId, cardId: hit.id } }).catch(() => undefined);
    }
  }

  const facets = results?.facets ?? {};
  return (
    <section aria-labelledby="search-heading" data-settled={resultsFor}>
      <h1 id="search-heading" class="visually-hidden">Search</h1>
      <SearchBox initial={q} />
      <ProblemBox problem={problem} />
      {loading && !results && <Spinner label="Searching…" />}
      {results && (
        <div class="search-layout">
          {(facets.tag?.length || facets.verification?.length) ? (
            <aside class="facets" aria-label="Filters">
              {Object.entries(facets).filter(([name, counts]) => (name === 'tag' || name === 'verification') && counts.length > 0).map(([name, counts]) => (
                <fieldset>
                  <legend>{name === 'tag' ? 'Tags' : 'Trust'}</legend>
                  {counts.map((c) => {
                    const active = name === 'tag' ? tags.includes(c.value!) : verification === c.value;
                    return (
                      <Link href={filterHref(name, c.value!)} class={active ? 'facet active' : 'facet'} aria-current={active ? 'true' : undefined}>
                        {name === 'verification' ? (c.value === 'VERIFIED' ? 'Verified' : 'Unverified') : c.value} <span class="count">{c.count}</span>
                      </Link>
                    );
                  })}
                </fieldset>
              ))}
            </aside>
          ) : null}
          <div class="results" data-query={resultsFor}>
            <p class="muted" role="status" aria-live="polite">
              {results.total === 0 ? 'No results' : `${results.total}${results.totalExact === false ? '+' : ''} result${results.total === 1 ? '' : 's'}`}
              {results.typoTolerant ? ' (allowing for typos)' : ''}
            </p>
            {results.didYouMean && (
              <p class="did-you-mean">Did you mean <Link href={`/search?q=${encodeURIComponent(results.didYouMean)}`}><strong>{results.didYouMean}</strong></Link>?</p>
            )}
            {hits.length === 0 && (
              <div class="empty">
                <p>No card answers “{q}” yet.</p>
                <Link class="button primary" href={`/new?title=${encodeURIComponent(q)}`}>Write this card</Link>
              </div>
            )}
            <ol class="hits">
              {hits.map((hit) => (
                <li class="hit">
                  <h2><Link href={`/cards/${hit.id}`} onClick={() => opened(hit)}><Highlighted html={hit.titleHighlight} fallback={hit.title} /></Link></h2>
                  <TrustBadge trust={{ status: hit.verification, verifierId: hit.verifierId, nextDueAt: hit.dueAt, reason: hit.unverifiedReason }} />
                  {hit.snippet && <p class="snippet"><Highlighted html={hit.snippet} /></p>}
                  <Tags tags={hit.tags} />
                </li>
              ))}
            </ol>
            {results.nextCursor && <button type="button" onClick={more}>More results</button>}
          </div>
        </div>
      )}
    </section>
  );
}

/** The search field: a combobox whose list is the titles search-service suggests for what is typed so far. */
export function SearchBox({ initial }: { initial: string }) {
  const [text, setText] = useState(initial);
  const [suggestions, setSuggestions] = useState<search.TitleSuggestion[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const [answered, setAnswered] = useState('');
  const asked = useRef(0);

  useEffect(() => { setText(initial); }, [initial]);

  function typed(value: string) {
    setText(value);
    setActive(-1);
    const prefix = value.trim();
    const ticket = ++asked.current;
    if (!prefix) { setSuggestions([]); setOpen(false); return; }
    api.search.suggestTitles({ prefix, limit: 6 }).then((s) => {
      // an older answer arriving after a newer keystroke's must not replace it
      if (ticket === asked.current) { setSuggestions(s.suggestions ?? []); setOpen(true); setAnswered(prefix); }
    }, () => { if (ticket === asked.current) setAnswered(prefix); });
  }

  function submit(e: Event) {
    e.preventDefault();
    if (active >= 0 && suggestions[active]) {
      navigate(`/cards/${suggestions[active].id}`);
    } else if (text.trim()) {
      navigate(`/search?q=${encodeURIComponent(text.trim())}`);
    }
    setOpen(false);
  }

  function keys(e: KeyboardEvent) {
    if (!open || !suggestions.length) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => (a + 1) % suggestions.length); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => (a <= 0 ? suggestions.length - 1 : a - 1)); }
    else if (e.key === 'Escape') { setOpen(false); setActive(-1); }
  }

  const expanded = open && suggestions.length > 0;
  return (
    <form class="search-box" role="search" onSubmit={submit}>
      <label for="q" class="visually-hidden">Search cards</label>
      <input id="q" name="q" type="search" autocomplete="off" placeholder="Search answers…" value={text}
        role="combobox" aria-autocomplete="list" aria-expanded={expanded ? 'true' : 'false'} aria-controls="suggestions"
        aria-activedescendant={active >= 0 ? `suggestion-${active}` : undefined}
        onInput={(e) => typed((e.target as HTMLInputElement).value)} onKeyDown={keys}
        onBlur={() => setTimeout(() => setOpen(false), 150)} onFocus={() => suggestions.length && setOpen(true)} />
      <button type="submit" class="primary">Search</button>
      <ul id="suggestions" role="listbox" aria-label="Suggestions" data-prefix={answered} class={expanded ? 'suggestions' : 'suggestions hidden'}>
        {expanded && suggestions.map((s, i) => (
          <li id={`suggestion-${i}`} role="option" aria-selected={i === active ? 'true' : 'false'} class={i === active ? 'active' : ''}
            onMouseDown={(e) => { e.preventDefault(); navigate(`/cards/${s.id}`); setOpen(false); }}>
            {s.title}
          </li>
        ))}
      </ul>
    </form>
  );
}
