import { useState } from 'preact/hooks';
import { api } from '../../api/clients';
import type { card } from '../../api/clients';

let people: Promise<card.User[]> | null = null;
function directory(): Promise<card.User[]> {
  people ??= api.directory.listUsers({ limit: 200 }).then((l) => l.items ?? [], () => []);
  return people;
}

/** A textarea that completes "@al" to "@alice " from the directory (arrow keys, Enter or Tab). */
export function MentionTextarea({ id, value, onValue }: { id: string; value: string; onValue: (v: string) => void }) {
  const [matches, setMatches] = useState<card.User[]>([]);
  const [active, setActive] = useState(0);

  async function input(e: Event) {
    const el = e.target as HTMLTextAreaElement;
    onValue(el.value);
    const before = el.value.slice(0, el.selectionStart);
    const m = /(?:^|[^A-Za-z0-9._@])@([A-Za-z0-9._-]*)$/.exec(before);
    if (!m) { setMatches([]); return; }
    const prefix = m[1].toLowerCase();
    const all = await directory();
    setMatches(all.filter((u) => u.id!.toLowerCase().startsWith(prefix) || (u.name ?? '').toLowerCase().startsWith(prefix)).slice(0, 6));
    setActive(0);
  }

  function choose(el: HTMLTextAreaElement, user: card.User) {
    const caret = el.selectionStart;
    const before = el.value.slice(0, caret).replace(/@([A-Za-z0-9._-]*)$/, `@${user.id} `);
    const next = before + el.value.slice(caret);
    onValue(next);
    setMatches([]);
    requestAnimationFrame(() => { el.focus(); el.setSelectionRange(before.length, before.length); });
  }

  function keys(e: KeyboardEvent) {
    if (!matches.length) return;
    const el = e.target as HTMLTextAreaElement;
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => (a + 1) % matches.length); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => (a + matches.length - 1) % matches.length); }
    else if (e.key === 'Enter' || e.key === 'Tab') { e.preventDefault(); choose(el, matches[active]); }
    else if (e.key === 'Escape') setMatches([]);
  }

  return (
    <div class="mention-box">
      <textarea id={id} rows={3} value={value} onInput={input} onKeyDown={keys}
        role="combobox" aria-autocomplete="list" aria-expanded={matches.length ? 'true' : 'false'} aria-controls={`${id}-people`}
        aria-activedescendant={matches.length ? `${id}-person-${active}` : undefined} />
      <ul id={`${id}-people`} role="listbox" aria-label="People" class={matches.length ? 'suggestions' : 'suggestions hidden'}>
        {matches.map((u, i) => (
          <li id={`${id}-person-${i}`} role="option" aria-selected={i === active ? 'true' : 'false'} class={i === active ? 'active' : ''}
            onMouseDown={(e) => { e.preventDefault(); choose(document.getElementById(id) as HTMLTextAreaElement, u); }}>
            @{u.id} <span class="muted">{u.name}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
