import DOMPurify from 'dompurify';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/clients';
import { Problem, toProblem } from '../api/problems';
import { onLink } from '../router';

/** A problem's detail where the person is looking; role=alert so a screen reader says it too. */
export function ProblemBox({ problem }: { problem: Problem | null }) {
  if (!problem) return null;
  return (
    <div class="problem" role="alert">
      <strong>{problem.status >= 500 || problem.status === 0 ? 'Something went wrong. ' : ''}</strong>
      {problem.detail}
    </div>
  );
}

export function Link({ href, children, class: cls, ...rest }: { href: string; children: ComponentChildren; class?: string; [k: string]: unknown }) {
  return <a href={href} class={cls} onClick={onLink} {...rest}>{children}</a>;
}

/** Highlighted text from search-service: HTML-escaped by the server with <mark>; only <mark> survives here. */
export function Highlighted({ html, fallback }: { html?: string | null; fallback?: string }) {
  if (!html) return <>{fallback ?? ''}</>;
  const clean = DOMPurify.sanitize(html, { ALLOWED_TAGS: ['mark'], ALLOWED_ATTR: [] });
  return <span dangerouslySetInnerHTML={{ __html: clean }} />;
}

/** Card HTML: card-service sanitises it; DOMPurify again here, so nothing else can ever run in the page. */
export function CardHtml({ html }: { html?: string | null }) {
  const clean = DOMPurify.sanitize(html ?? '', { USE_PROFILES: { html: true } });
  return <div class="card-body" dangerouslySetInnerHTML={{ __html: clean }} />;
}

export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; problem: Problem | null; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data: T | null; problem: Problem | null; loading: boolean }>({ data: null, problem: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, problem: null, loading: false }),
      async (e) => { const p = await toProblem(e); if (live) setState({ data: null, problem: p, loading: false }); },
    );
    return () => { live = false; };
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

// ---- people: ids in the APIs, names on screen (directory of card-service), asked once per id ----
const names = new Map<string, Promise<string>>();

export function nameOf(id: string): Promise<string> {
  let name = names.get(id);
  if (!name) {
    name = api.directory.getUser({ id }).then((u) => u.name || id, () => id);
    names.set(id, name);
  }
  return name;
}

export function PersonName({ id }: { id?: string | null }) {
  const [name, setName] = useState(id ?? '');
  useEffect(() => {
    if (id) nameOf(id).then(setName);
  }, [id]);
  return <>{name}</>;
}

export function firstName(name: string) {
  return name.split(' ')[0];
}

const DAY = 86_400_000;

export function daysFromNow(date?: Date | string | null): number | null {
  if (!date) return null;
  const t = typeof date === 'string' ? Date.parse(date) : date.getTime();
  return Math.round((t - Date.now()) / DAY);
}

export function dueText(date?: Date | string | null): string {
  const days = daysFromNow(date);
  if (days === null) return '';
  if (days > 1) return `due in ${days} days`;
  if (days === 1) return 'due tomorrow';
  if (days === 0) return 'due today';
  return `overdue by ${-days} day${days === -1 ? '' : 's'}`;
}

export function when(date?: Date | string | null): string {
  if (!date) return '';
  const d = typeof date === 'string' ? new Date(date) : date;
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

const REASONS: Record<string, string> = {
  NEW: 'new', EXPIRED: 'expired', FLAGGED: 'flagged', EDITED_BY_NON_VERIFIER: 'edited',
  VERIFIER_CHANGED: 'new verifier', VERIFIER_LOST_ACCESS: 'verifier lost access',
};

export interface Trust { status?: string | null; reason?: string | null; verifierId?: string | null; nextDueAt?: Date | string | null }

/** "Verified by Alice · due in 12 days" or "Unverified: flagged". */
export function TrustBadge({ trust }: { trust: Trust }) {
  const [verifier, setVerifier] = useState(trust.verifierId ?? '');
  useEffect(() => {
    if (trust.verifierId) nameOf(trust.verifierId).then((n) => setVerifier(firstName(n)));
  }, [trust.verifierId]);
  if (trust.status === 'VERIFIED') {
    const due = dueText(trust.nextDueAt);
    return <span class="badge verified">✓ Verified{verifier ? ` by ${verifier}` : ''}{due ? ` · ${due}` : ''}</span>;
  }
  if (trust.status === 'UNVERIFIED') {
    return <span class="badge unverified">! Unverified{trust.reason ? `: ${REASONS[trust.reason] ?? trust.reason.toLowerCase()}` : ''}</span>;
  }
  return <span class="badge pending">Not yet checked</span>;
}

export function Tags({ tags }: { tags?: string[] | null }) {
  if (!tags?.length) return null;
  return <ul class="tags" aria-label="Tags">{tags.map((t) => <li class="tag">{t}</li>)}</ul>;
}

export function Spinner({ label = 'Loading…' }: { label?: string }) {
  return <p class="muted" role="status">{label}</p>;
}
