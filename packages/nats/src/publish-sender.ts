import type { JetStreamClient } from "@nats-io/jetstream";
import { createInbox, headers, type Msg, type NatsConnection, type Subscription } from "@nats-io/nats-core";
import { parsePubAck } from "./pub-ack.js";
import type { Outgoing } from "./publish-queue.js";

/** How a publish settled: stored (maybe a duplicate), or an error to retry on. */
export type Settle = (duplicate: boolean, error?: unknown) => void;

/** Sends one publish to JetStream and reports its ack. */
export interface PublishSender {
  send(item: Outgoing, settle: Settle): void;
  /** Calls `listener` each time the connection comes back after a drop. */
  onReconnect(listener: () => void): void;
  close(): void;
}

export class PublishAckError extends Error {
  override readonly name = "PublishAckError";
}

/**
 * JetStream publishes as plain core publishes with a reply subject under one
 * inbox, answered through one subscription: no request object, timer or
 * promise per event, and a single sweep for timeouts. When the connection
 * drops every pending publish is failed at once, and nothing is handed to the
 * client until it is back, so the queue sends them again, in order, without
 * waiting for their timeout (a copy that got through after all is dropped by
 * the duplicate window).
 */
export class CorePublishSender implements PublishSender {
  readonly #inbox: string;
  readonly #sub: Subscription;
  readonly #pending = new Map<number, { settle: Settle; sentAt: number }>();
  #token = 0;
  readonly #msgIdHeader = headers();
  readonly #sweep: ReturnType<typeof setInterval>;
  readonly #listeners: Array<() => void> = [];
  #closed = false;
  /** Between a drop and the reconnect. */
  #down = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly ackTimeoutMs: number,
  ) {
    this.#inbox = createInbox();
    this.#sub = nc.subscribe(`${this.#inbox}.*`, { callback: (_error, msg) => this.#answer(msg) });
    this.#sweep = setInterval(() => this.#expire(), Math.max(50, Math.min(1_000, ackTimeoutMs / 4)));
    void this.#watchStatus();
  }

  /**
   * Publishes now, unless the connection is down: then it fails at once, as a
   * publish handed to the client while it reconnects would be sent on the new
   * connection ahead of earlier ones of its room that died with the old one.
   */
  send(item: Outgoing, settle: Settle): void {
    const token = ++this.#token;
    if (this.#down || (this.nc as { protocol?: { connected?: boolean } }).protocol?.connected === false) {
      queueMicrotask(() => settle(false, new PublishAckError("The NATS connection is down")));
      return;
    }
    this.#pending.set(token, { settle, sentAt: Date.now() });
    try {
      const reply = `${this.#inbox}.${token}`;
      if (item.msgID) {
        // One header object for every publish: the client encodes it within the call.
        this.#msgIdHeader.set("Nats-Msg-Id", item.msgID);
        this.nc.publish(item.subject, item.data, { reply, headers: this.#msgIdHeader });
      } else this.nc.publish(item.subject, item.data, { reply });
    } catch (error) {
      // The connection is closed or draining: fail soon, not in this call stack.
      this.#pending.delete(token);
      queueMicrotask(() => settle(false, error));
    }
  }

  onReconnect(listener: () => void): void {
    this.#listeners.push(listener);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#sweep);
    this.#sub.unsubscribe();
    this.#pending.clear();
  }

  #answer(msg: Msg): void {
    const subject = msg.subject;
    const token = Number(subject.slice(subject.lastIndexOf(".") + 1));
    const pending = this.#pending.get(token);
    if (!pending) return; // timed out or failed already
    this.#pending.delete(token);
    // 503: no responders (JetStream not up yet after a restart, or no stream for the subject).
    if (msg.headers?.code === 503 || msg.data.length === 0) {
      pending.settle(
        false,
        new PublishAckError(`No JetStream answer for the publish (${msg.headers?.code})`),
      );
      return;
    }
    const ack = parsePubAck(msg.data);
    if (ack.kind === "stored") pending.settle(ack.duplicate);
    else if (ack.kind === "refused")
      pending.settle(false, new PublishAckError(`JetStream refused the publish: ${ack.text}`));
    else pending.settle(false, new PublishAckError(`Not a JetStream publish ack: ${ack.text}`));
  }

  #expire(): void {
    const limit = Date.now() - this.ackTimeoutMs;
    for (const [token, pending] of this.#pending) {
      // Insertion order is send order: the first one in time ends the scan.
      if (pending.sentAt > limit) break;
      this.#pending.delete(token);
      pending.settle(false, new PublishAckError(`No ack within ${this.ackTimeoutMs} ms`));
    }
  }

  /** Everything sent before a drop may be lost: fail it now, then let the queue resend. */
  #failAll(reason: string): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of pending) p.settle(false, new PublishAckError(reason));
  }

  async #watchStatus(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (this.#closed) break;
      if (status.type === "disconnect") {
        // What was sent and not acknowledged may be lost, or stored as a prefix of what was sent:
        // fail it now, so no room sends anything more until it has sent those again, in order.
        this.#down = true;
        this.#failAll("The NATS connection dropped before the ack");
      } else if (status.type === "reconnect") {
        this.#down = false;
        this.#failAll("The NATS connection dropped before the ack");
        for (const listener of this.#listeners) listener();
      }
    }
  }
}

/**
 * Through `js.publish`, for a JetStream client whose connection is not
 * reachable; it cannot tell a drop apart, so the sink keeps one publish per
 * room in flight with it.
 */
export class JetStreamPublishSender implements PublishSender {
  #closed = false;
  constructor(
    private readonly js: JetStreamClient,
    private readonly ackTimeoutMs: number,
  ) {}

  send(item: Outgoing, settle: Settle): void {
    this.js
      .publish(item.subject, item.data, {
        timeout: this.ackTimeoutMs,
        ...(item.msgID ? { msgID: item.msgID } : {}),
      })
      .then(
        (ack) => !this.#closed && settle(ack.duplicate),
        (error: unknown) => !this.#closed && settle(false, error),
      );
  }

  onReconnect(): void {}

  close(): void {
    this.#closed = true;
  }
}

/** The NATS connection behind a JetStream client from `jetstream(nc)`, when it exposes it. */
export function connectionOf(js: JetStreamClient): NatsConnection | undefined {
  const nc = (js as { nc?: Partial<NatsConnection> }).nc;
  return nc && typeof nc.publish === "function" && typeof nc.subscribe === "function"
    ? (nc as NatsConnection)
    : undefined;
}
