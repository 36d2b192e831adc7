// The only way this app talks to Verity's services: the clients generated at build time from docs/openapi
// (web/target/generated-sources/api-clients, never edited), each pointed at its path on this origin.
import * as card from '@api/card';
import * as verification from '@api/verification';
import * as search from '@api/search';
import * as notification from '@api/notification';
import { session } from '../auth/session';

const onUnauthorized = {
  async post(context: { response: Response }) {
    if (context.response.status === 401) session.expired();
    return context.response;
  },
};

function config<C>(Configuration: new (p: object) => C, basePath: string): C {
  return new Configuration({
    basePath,
    accessToken: async () => session.token() ?? '',
    middleware: [onUnauthorized],
  });
}

const cardConfig = config(card.Configuration, '/api/cards');
const verificationConfig = config(verification.Configuration, '/api/verification');
const searchConfig = config(search.Configuration, '/api/search');
const notificationConfig = config(notification.Configuration, '/api/notifications');

export const api = {
  cards: new card.CardsApi(cardConfig),
  history: new card.CardHistoryApi(cardConfig),
  comments: new card.CommentsApi(cardConfig),
  announcements: new card.AnnouncementsApi(cardConfig),
  usage: new card.UsageApi(cardConfig),
  collections: new card.CollectionsApi(cardConfig),
  folders: new card.FoldersApi(cardConfig),
  templates: new card.TemplatesApi(cardConfig),
  imports: new card.ImportsApi(cardConfig),
  directory: new card.DirectoryApi(cardConfig),
  verifications: new verification.VerificationsApi(verificationConfig),
  search: new search.SearchApi(searchConfig),
  gaps: new search.KnowledgeGapsApi(searchConfig),
  notifications: new notification.NotificationsApi(notificationConfig),
  follows: new notification.FollowsApi(notificationConfig),
  preferences: new notification.PreferencesApi(notificationConfig),
};

export type { card, verification, search, notification };

/** The notification stream's URL: EventSource cannot send headers, so the token rides as access_token. */
export function notificationStreamUrl(lastEventId?: string): string {
  const params = new URLSearchParams({ access_token: session.token() ?? '' });
  if (lastEventId) params.set('lastEventId', lastEventId);
  return `/api/notifications/notifications/stream?${params}`;
}

/** The ETag of a read, for a later If-Match. */
export function etagOf(raw: { raw: Response }): string {
  return raw.raw.headers.get('ETag') ?? '';
}
