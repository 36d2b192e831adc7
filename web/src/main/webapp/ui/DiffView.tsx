import type { card } from '../api/clients';

/** A line diff from card-service (GET /cards/{id}/diff), lines as text. */
export function DiffView({ diff, label }: { diff: card.CardDiff; label?: string }) {
  return (
    <figure class="diff">
      <figcaption>{label ?? `Changes from v${diff.from} to v${diff.to}`}: +{diff.added} −{diff.removed}{diff.approximate ? ' (approximate)' : ''}</figcaption>
      <pre>
        {(diff.lines ?? []).map((l) => (
          <div class={`line ${(l.kind ?? '').toLowerCase()}`}>
            <span aria-hidden="true">{l.kind === 'ADDED' ? '+ ' : l.kind === 'REMOVED' ? '− ' : '  '}</span>
            <span class="visually-hidden">{l.kind === 'ADDED' ? 'added: ' : l.kind === 'REMOVED' ? 'removed: ' : ''}</span>
            {l.text}
          </div>
        ))}
      </pre>
    </figure>
  );
}
