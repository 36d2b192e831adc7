import { useEffect, useState } from 'preact/hooks';
import { devSignIn, loadSignInConfig, oidcCallback, oidcSignIn, SignInConfig } from '../../auth/signin';
import { Route } from '../../router';
import { Spinner } from '../../ui/common';

/** Sign in with the company's identity provider, or (local stack only) as one of the demo people. */
export function SignInScreen({ route }: { route: Route }) {
  const [config, setConfig] = useState<SignInConfig | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    loadSignInConfig().then(async (c) => {
      setConfig(c);
      if (c.oidc && route.params.has('code') && route.params.has('state')) {
        await oidcCallback(c.oidc).catch((e) => setError(`Sign-in failed: ${e.message ?? e}`));
      }
    }, () => setError('Sign-in is not reachable right now. Try again in a moment.'));
  }, []);

  async function as(user: string) {
    try {
      await devSignIn(user);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <section class="signin" aria-labelledby="signin-heading">
      <h1 id="signin-heading">Sign in to Verity</h1>
      {route.params.has('expired') && <p role="status">Your session ended. Sign in again to go back where you were.</p>}
      {error && <p class="problem" role="alert">{error}</p>}
      {!config && !error && <Spinner />}
      {config?.oidc && <button type="button" class="primary" onClick={() => oidcSignIn(config.oidc!)}>Sign in with your company account</button>}
      {config?.devSignIn && (
        <div class="dev-signin">
          <h2>Local stack: sign in as</h2>
          <ul class="people">
            {config.people.map((p) => (
              <li><button type="button" onClick={() => as(p.id)}>{p.name} <span class="muted">({p.id}{p.groups.length ? ', org admin' : ''})</span></button></li>
            ))}
          </ul>
        </div>
      )}
      {config && !config.oidc && !config.devSignIn && <p>No sign-in is configured for this server. See docs/operations.md.</p>}
    </section>
  );
}
