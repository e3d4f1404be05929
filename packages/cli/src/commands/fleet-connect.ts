import { type JetStreamClient, jetstream } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";

/** NATS for the fleet commands: reconnecting for ever, since a worker must outlive a NATS restart. */
export async function connectFleet(url: string): Promise<{ nc: NatsConnection; js: JetStreamClient }> {
  const nc = await connect({
    servers: url,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    name: "tiktok-live",
  });
  return { nc, js: jetstream(nc) };
}
