// Screens live at real paths (/search?q=..., /cards/<id>, /queue...): links can be shared and reloaded, and the
// web server answers those paths with this app.
import { useEffect, useState } from 'preact/hooks';

type Listener = () => void;
const listeners = new Set<Listener>();

export function navigate(to: string, replace = false) {
  if (to === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  listeners.forEach((l) => l());
  if (!replace) window.scrollTo(0, 0);
}

addEventListener('popstate', () => listeners.forEach((l) => l()));

export interface Route { path: string; params: URLSearchParams }

export function useRoute(): Route {
  const [, setTick] = useState(0);
  useEffect(() => {
    const l = () => setTick((t) => t + 1);
    listeners.add(l);
    return () => { listeners.delete(l); };
  }, []);
  return { path: location.pathname, params: new URLSearchParams(location.search) };
}

/** A link that navigates inside the app (and still opens in a new tab with a modifier key). */
export function onLink(e: MouseEvent) {
  const a = (e.currentTarget as HTMLAnchorElement);
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(a.getAttribute('href') ?? '/');
}
