// The two ways in: the dev sign-in of the local stack (the web server mints a token with the stack's key), and
// OpenID Connect authorization code with PKCE against the configured provider (oidc-client-ts, loaded only then).
import { claimsOf, session } from './session';

export interface SignInConfig {
  devSignIn: boolean;
  people: Array<{ id: string; name: string; email: string; groups: string[] }>;
  oidc: { issuer: string; clientId: string; scope: string; extraQueryParams: Record<string, string> } | null;
}

export async function loadSignInConfig(): Promise<SignInConfig> {
  const response = await fetch('/auth/config', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`sign-in configuration: ${response.status}`);
  return response.json();
}

export async function devSignIn(user: string): Promise<void> {
  const response = await fetch('/auth/dev-sign-in', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ user }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail ?? `sign-in failed (${response.status})`);
  session.signedIn(body.accessToken, Date.parse(body.expiresAt), {
    id: body.person.id, name: body.person.name, groups: body.person.groups,
  });
}

async function userManager(config: NonNullable<SignInConfig['oidc']>) {
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  return new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${location.origin}/signin`,
    response_type: 'code', // authorization code; oidc-client-ts adds PKCE (S256)
    scope: config.scope,
    extraQueryParams: config.extraQueryParams,
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    automaticSilentRenew: false,
  });
}

export async function oidcSignIn(config: NonNullable<SignInConfig['oidc']>): Promise<void> {
  await (await userManager(config)).signinRedirect();
}

/** Back from the provider with ?code=&state=: trade the code (with the PKCE verifier) for tokens. */
export async function oidcCallback(config: NonNullable<SignInConfig['oidc']>): Promise<void> {
  const user = await (await userManager(config)).signinRedirectCallback();
  const claims = claimsOf(user.access_token);
  const groups = Array.isArray(claims.groups) ? (claims.groups as string[]) : [];
  session.signedIn(user.access_token, (user.expires_at ?? 0) * 1000, {
    id: String(claims.sub ?? user.profile.sub),
    name: String(user.profile.name ?? user.profile.preferred_username ?? user.profile.sub),
    groups,
  });
}
