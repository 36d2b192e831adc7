// Who is signed in: a bearer token (from the local stack's dev sign-in or from the OpenID Connect provider), kept
// for this tab. An expired or rejected token sends the person to sign-in, and back to where they were afterwards.
import { navigate } from '../router';

export interface Person { id: string; name: string; groups: string[] }

interface Stored { token: string; expiresAt: number; person: Person }

const KEY = 'verity.session';
const NEXT = 'verity.next';
const ADMIN_GROUP = 'verity-admins';

function load(): Stored | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}

class Session {
  private state: Stored | null = load();
  private timer: number | undefined;
  private listeners = new Set<() => void>();

  constructor() {
    this.schedule();
  }

  token(): string | null {
    if (!this.state) return null;
    return this.state.expiresAt > Date.now() ? this.state.token : null;
  }

  person(): Person | null {
    return this.token() ? this.state!.person : null;
  }

  isAdmin(): boolean {
    return this.person()?.groups.includes(ADMIN_GROUP) ?? false;
  }

  subscribe(l: () => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  signedIn(token: string, expiresAt: number, person: Person) {
    this.state = { token, expiresAt, person };
    sessionStorage.setItem(KEY, JSON.stringify(this.state));
    this.schedule();
    this.listeners.forEach((l) => l());
    const next = sessionStorage.getItem(NEXT);
    sessionStorage.removeItem(NEXT);
    navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', true);
  }

  signOut() {
    this.clear();
    navigate('/signin', true);
  }

  /** The token ran out or a service rejected it: sign in again, then come back here. */
  expired() {
    if (location.pathname === '/signin') return;
    sessionStorage.setItem(NEXT, location.pathname + location.search);
    this.clear();
    navigate('/signin?expired=1', true);
  }

  /** Where to go back to after sign-in (for a person sent to sign-in by a link). */
  rememberNext(path: string) {
    if (path !== '/signin') sessionStorage.setItem(NEXT, path);
  }

  private clear() {
    this.state = null;
    sessionStorage.removeItem(KEY);
    window.clearTimeout(this.timer);
    this.listeners.forEach((l) => l());
  }

  private schedule() {
    window.clearTimeout(this.timer);
    if (!this.state) return;
    const left = this.state.expiresAt - Date.now();
    // browsers cap timers at ~24.8 days; tokens live hours
    if (left > 0 && left < 2 ** 31) this.timer = window.setTimeout(() => this.expired(), left);
  }
}

export const session = new Session();

/** Claims of a JWT (no verification: the services verify; the app only reads who and until when). */
export function claimsOf(token: string): Record<string, unknown> {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  } catch {
    return {};
  }
}
