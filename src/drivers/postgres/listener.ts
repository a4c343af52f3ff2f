/**
 * @module drivers/postgres/listener
 * LISTEN on a dedicated connection (never a pooled one: a pooled client would be handed to
 * other queries and its LISTEN lost on release). If the connection drops, it reconnects with
 * backoff and reports `onReconnect`, since notifications sent meanwhile are lost for good.
 */
import type { Client, Notification } from 'pg';

/** What the listener needs from the driver. */
export interface ListenerHooks {
  /** Makes a new, unconnected client with the driver's connection settings. */
  createClient(): Client;
  /** The channel to LISTEN on. */
  channel: string;
  /** A notification's payload (a queue name). */
  onNotify(payload: string): void;
  /** The listener is back after a drop: anything may have arrived meanwhile. */
  onReconnect(): void;
}

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5000;

/** A self-healing LISTEN connection. */
export class NotificationListener {
  private client: Client | undefined;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private delay = RECONNECT_MIN_MS;

  constructor(private readonly hooks: ListenerHooks) {}

  /** `true` while LISTEN is in effect; waiters poll more eagerly otherwise. */
  get healthy(): boolean {
    return this.client !== undefined;
  }

  /** Connects and LISTENs; throws if the first attempt fails (later drops heal themselves). */
  async start(): Promise<void> {
    await this.open();
  }

  /** Stops reconnecting and closes the connection. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async open(): Promise<void> {
    const client = this.hooks.createClient();
    let dropped = false;
    const onDrop = (): void => {
      if (dropped) return;
      dropped = true;
      if (this.client === client) this.client = undefined;
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', onDrop);
    client.on('end', onDrop);
    client.on('notification', (message: Notification) => {
      if (message.channel === this.hooks.channel && message.payload !== undefined) {
        this.hooks.onNotify(message.payload);
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${this.hooks.channel}"`);
    } catch (error) {
      dropped = true;
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      dropped = true;
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.delay = RECONNECT_MIN_MS;
  }

  private scheduleReconnect(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.open().then(
        () => {
          if (!this.closed) this.hooks.onReconnect();
        },
        () => {
          this.delay = Math.min(this.delay * 2, RECONNECT_MAX_MS);
          this.scheduleReconnect();
        },
      );
    }, this.delay);
    this.timer.unref();
  }
}
