import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import './styles.css';
import { session } from './auth/session';
import { useRoute } from './router';
import { CardScreen } from './screens/card/CardScreen';
import { CollectionsScreen } from './screens/collections/CollectionsScreen';
import { EditorScreen } from './screens/editor/EditorScreen';
import { inbox } from './screens/inbox/inboxStream';
import { InboxScreen, PreferencesScreen } from './screens/inbox/InboxScreen';
import { QueueScreen } from './screens/queue/QueueScreen';
import { SearchScreen } from './screens/search/SearchScreen';
import { SignInScreen } from './screens/signin/SignInScreen';
import { Link } from './ui/common';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { navigate } from './router';

function App() {
  const route = useRoute();
  const [, setTick] = useState(0);
  useEffect(() => session.subscribe(() => { setTick((t) => t + 1); inbox.start(); }), []);
  useEffect(() => inbox.subscribe(() => setTick((t) => t + 1)), []);
  useEffect(() => { inbox.start(); return () => inbox.stop(); }, []);

  const person = session.person();
  if (!person && route.path !== '/signin') {
    session.rememberNext(route.path + location.search);
    navigate('/signin', true);
    return null;
  }
  if (route.path === '/signin') {
    return <Shell><SignInScreen route={route} /></Shell>;
  }
  return (
    <Shell>
      <ErrorBoundary key={route.path}>{screen(route)}</ErrorBoundary>
    </Shell>
  );
}

function screen(route: ReturnType<typeof useRoute>) {
  const [, first, second] = route.path.split('/');
  document.title = 'Verity';
  switch (first) {
    case '':
    case 'search': return <SearchScreen route={route} />;
    case 'cards': return <CardScreen key={second} id={decodeURIComponent(second ?? '')} />;
    case 'new': return <EditorScreen initialTitle={route.params.get('title') ?? ''} />;
    case 'edit': return <EditorScreen key={second} id={decodeURIComponent(second ?? '')} />;
    case 'queue': return <QueueScreen />;
    case 'inbox': return <InboxScreen />;
    case 'preferences': return <PreferencesScreen />;
    case 'collections': return <CollectionsScreen route={route} />;
    default: return <section><h1>Not found</h1><p>There is no such page. <Link href="/">Search</Link></p></section>;
  }
}

function Shell({ children }: { children: preact.ComponentChildren }) {
  const person = session.person();
  const path = location.pathname;
  const current = (prefix: string) => (path === prefix || path.startsWith(prefix + '/') ? 'page' : undefined);
  return (
    <>
      <a class="skip" href="#main">Skip to content</a>
      <header class="top">
        <Link href="/" class="brand">Verity</Link>
        {person && (
          <nav aria-label="Main">
            <Link href="/search" aria-current={path === '/' || current('/search')}>Search</Link>
            <Link href="/new" aria-current={current('/new')}>New card</Link>
            <Link href="/queue" aria-current={current('/queue')}>My queue</Link>
            <Link href="/inbox" aria-current={current('/inbox')}>
              Inbox{' '}<span class="unread" data-testid="unread-count">{inbox.unread}</span><span class="visually-hidden"> unread</span>
            </Link>
            <Link href="/collections" aria-current={current('/collections')}>Collections</Link>
          </nav>
        )}
        {person && (
          <div class="who">
            <span>{person.name}</span>
            <button type="button" class="link" onClick={() => { inbox.stop(); session.signOut(); }}>Sign out</button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
