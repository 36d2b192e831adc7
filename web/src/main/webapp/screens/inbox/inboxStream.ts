// The live inbox: the unread count in the header and new notifications, from the notification stream (Server-Sent
// Events; the only call not made through a generated client, because EventSource is the browser's own). It resumes
// after the last event it saw, after a dropped connection or a restarted service alike.
import { api, notificationStreamUrl } from '../../api/clients';
import type { notification } from '../../api/clients';
import { session } from '../../auth/session';

type Listener = () => void;

class InboxStream {
  unread = 0;
  connected = false;
  /** Notifications that arrived live since the page loaded, newest first. */
  live: notification.Notification[] = [];
  private source: EventSource | null = null;
  private lastEventId: string | undefined;
  private retry = 1000;
  private timer: number | undefined;
  private listeners = new Set<Listener>();

  subscribe(l: Listener) {
    this.listeners.add(l);
    return () => { this.listeners.delete(l); };
  }

  private changed() {
    this.listeners.forEach((l) => l());
  }

  start() {
    this.stop();
    if (!session.token()) return;
    this.refreshCount();
    this.connect();
  }

  stop() {
    window.clearTimeout(this.timer);
    this.source?.close();
    this.source = null;
    this.connected = false;
  }

  async refreshCount() {
    try {
      const list = await api.notifications.listNotifications({ unread: true, limit: 1 });
      this.unread = list.unreadCount ?? 0;
      this.changed();
    } catch { /* the header shows the last count it knew */ }
  }

  private connect() {
    const source = new EventSource(notificationStreamUrl(this.lastEventId));
    this.source = source;
    source.onopen = () => {
      this.connected = true;
      this.retry = 1000;
      this.changed();
    };
    source.addEventListener('notification', (e) => {
      const event = e as MessageEvent;
      if (event.lastEventId) this.lastEventId = event.lastEventId;
      try {
        const n = JSON.parse(event.data) as notification.Notification;
        this.live = [n, ...this.live.filter((x) => x.id !== n.id)].slice(0, 100);
        if (!n.readAt) this.unread += 1;
        this.changed();
      } catch { /* an event we do not understand is skipped */ }
    });
    source.onerror = () => {
      this.connected = false;
      this.changed();
      // EventSource retries by itself after a dropped connection (sending Last-Event-ID), but gives up for good on
      // an error answer (a 502 while the service restarts): then open a new one that resumes from the last id.
      if (source.readyState === EventSource.CLOSED) {
        this.source = null;
        this.timer = window.setTimeout(() => {
          if (!session.token()) return;
          this.refreshCount();
          this.connect();
        }, this.retry);
        this.retry = Math.min(this.retry * 2, 15000);
      }
    };
  }

  markedRead(count: number) {
    this.unread = Math.max(0, this.unread - count);
    this.changed();
  }
}

export const inbox = new InboxStream();
