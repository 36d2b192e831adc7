import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/clients';
import type { verification } from '../../api/clients';
import { Problem, toProblem } from '../../api/problems';
import { daysFromNow, Link, ProblemBox, Spinner, TrustBadge } from '../../ui/common';

type Item = verification.Verification;

function group(v: Item): 'flagged' | 'expired' | 'due' | 'other' {
  if (v.reason === 'FLAGGED' || (v.openFlagCount ?? 0) > 0) return 'flagged';
  if (v.status === 'UNVERIFIED') return 'expired';
  const days = daysFromNow(v.nextDueAt);
  return days !== null && days <= 14 ? 'due' : 'other';
}

const GROUPS = [
  ['flagged', 'Flagged'],
  ['expired', 'Expired or not yet verified'],
  ['due', 'Due soon'],
  ['other', 'Later'],
] as const;

/** The cards I verify that need me: verify one in a click, or tick several and verify them at once. */
export function QueueScreen() {
  const [items, setItems] = useState<Item[] | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [problem, setProblem] = useState<Problem | null>(null);
  const [said, setSaid] = useState('');

  async function load() {
    try {
      setItems((await api.verifications.getVerificationQueue({ limit: 100 })).items ?? []);
    } catch (e) {
      setProblem(await toProblem(e));
    }
  }
  useEffect(() => { load(); }, []);

  async function verify(ids: string[]) {
    const failures: Problem[] = [];
    for (const cardId of ids) {
      try {
        await api.verifications.verifyCard({ cardId, verifyRequest: {} });
      } catch (e) {
        failures.push(await toProblem(e));
      }
    }
    setProblem(failures[0] ?? null);
    setSaid(`${ids.length - failures.length} card${ids.length - failures.length === 1 ? '' : 's'} verified`);
    setSelected(new Set());
    await load();
  }

  function toggle(id: string) {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id); else next.add(id);
    setSelected(next);
  }

  if (!items) return problem ? <ProblemBox problem={problem} /> : <Spinner />;
  return (
    <section aria-labelledby="queue-heading">
      <div class="title-row">
        <h1 id="queue-heading">My queue</h1>
        <button type="button" class="primary" disabled={!selected.size} onClick={() => verify([...selected])}>Verify selected ({selected.size})</button>
      </div>
      <ProblemBox problem={problem} />
      <p role="status" class="muted">{said}</p>
      {items.length === 0 && <p>Nothing to verify. Every card you verify is up to date.</p>}
      {GROUPS.map(([key, label]) => {
        const list = items.filter((v) => group(v) === key);
        if (!list.length) return null;
        return (
          <section aria-label={label}>
            <h2>{label} <span class="count">{list.length}</span></h2>
            <ul class="queue">
              {list.map((v) => (
                <li class="queue-item">
                  <input type="checkbox" id={`pick-${v.cardId}`} checked={selected.has(v.cardId!)} onChange={() => toggle(v.cardId!)} />
                  <label for={`pick-${v.cardId}`} class="visually-hidden">Select {v.cardTitle}</label>
                  <div class="grow">
                    <Link href={`/cards/${v.cardId}`}>{v.cardTitle}</Link>
                    <div><TrustBadge trust={v} /></div>
                    {(v.openFlags ?? []).map((f) => <div class="muted">Flag: <q>{f.reason}</q></div>)}
                  </div>
                  <button type="button" onClick={() => verify([v.cardId!])} aria-label={`Verify ${v.cardTitle}`}>Verify</button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </section>
  );
}
