import type { CommentEvent as CommentEventClass } from "../../packages/deno-bun/dist/index.js";
import { WebcastChatMessage } from "../../packages/proto/dist/codecs.js";

const avatar = "https://p16-sign-va.tiktokcdn.com/avatar-720.webp";

/**
 * What the runtime's console shows for an event (Deno.inspect, Bun.inspect):
 * both look up the `nodejs.util.inspect.custom` symbol the events and lazy
 * messages define, so nested messages (getters) show and decoder state does not.
 */
export function inspectChecks(
  lib: { CommentEvent: typeof CommentEventClass },
  inspect: (value: unknown) => string,
): Array<{ name: string; run: () => void }> {
  return [
    {
      name: "console.log of an event shows its message, nested messages decoded, and not its bytes",
      run: () => {
        const payload = WebcastChatMessage.encode(
          WebcastChatMessage.fromPartial({
            content: "great stream",
            user: { nickname: "Carol", avatarThumb: { urlList: [avatar] } },
          }),
        ).finish();
        const event = new lib.CommentEvent({ method: "WebcastChatMessage", msgId: 7n, payload });
        const shown = inspect(event);
        for (const wanted of ["great stream", "Carol", avatar]) {
          if (!shown.includes(wanted)) throw new Error(`${wanted} not in the console view:\n${shown}`);
        }
        for (const internal of ["payload", "LazyRoot", "BinaryReader", "bioDescription"]) {
          if (shown.includes(internal)) throw new Error(`${internal} in the console view:\n${shown}`);
        }
      },
    },
  ];
}
