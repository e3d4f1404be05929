import { e2eComments, natsRoundTrip } from "../shared/nats-suite.ts";

Deno.test("Deno: publishEvents and consumeEvents carry every comment once, in order, as CommentEvent", async () => {
  const seen = await natsRoundTrip();
  const expected = e2eComments.map((c) => `simulated_host: ${c}`);
  if (JSON.stringify(seen) !== JSON.stringify(expected)) throw new Error(`got ${JSON.stringify(seen)}`);
});
