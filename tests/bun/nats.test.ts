import { expect, test } from "bun:test";
import { e2eComments, natsRoundTrip } from "../shared/nats-suite.ts";

test("Bun: publishEvents and consumeEvents carry every comment once, in order, as CommentEvent", async () => {
  expect(await natsRoundTrip()).toEqual(e2eComments.map((c) => `simulated_host: ${c}`));
}, 60_000);
