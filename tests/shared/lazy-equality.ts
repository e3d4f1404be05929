import { expect } from "vitest";

/**
 * `toEqual` compares own properties; a lazily decoded message (packages/proto/src/lazy-message.ts)
 * has its message fields as getters on its prototype. Compare such a message by its plain form.
 */
const plainMessage = Symbol.for("@tiktok-live/proto.plainMessage");
type Lazy = { [plainMessage](): object };
const isLazy = (v: unknown): v is Lazy => typeof v === "object" && v !== null && plainMessage in v;

expect.addEqualityTesters([
  function lazyMessages(a, b, testers) {
    if (!isLazy(a) && !isLazy(b)) return undefined;
    return this.equals(isLazy(a) ? a[plainMessage]() : a, isLazy(b) ? b[plainMessage]() : b, testers);
  },
]);
