/**
 * The declarative half of event generation: which messages are push messages,
 * what their events are called, and which events get a hand-written base class.
 * Everything not listed here follows the default rule in `eventNameFor`.
 */

/** Envelope messages named `Webcast*` that are not push events. */
export const notPushMessages = new Set(["WebcastPushFrame", "WebcastImEnterRoomMessage"]);

/**
 * Names that differ from the default rule. The first group matches the
 * Python TikTokLive SDK; the rest resolve names the rule would make clash or read badly.
 */
export const eventNameOverrides: Readonly<Record<string, string>> = {
  WebcastChatMessage: "CommentEvent",
  WebcastMemberMessage: "JoinEvent",
  WebcastMsgDetectMessage: "MessageDetectEvent",
  WebcastSubNotifyMessage: "SubscribeEvent",
  // `WebcastInRoomBannerMessage` already takes InRoomBannerEvent; TikTok's enum calls this one BANNER_UPDATE.
  WebcastInRoomBannerEvent: "InRoomBannerUpdateEvent",
  // TikTok's enum calls it LIVE_EVENT_MESSAGE; "EventEvent" would say nothing.
  WebcastEventMessage: "LiveEventEvent",
  // TikTok's own spelling of the method has a typo; the event name does not keep it.
  WebcastHighlightFragementReady: "HighlightFragmentReadyEvent",
};

/** Events whose class extends a hand-written base in `packages/proto/src/events/custom/`. */
export const customBases: Readonly<Record<string, { base: string; module: string }>> = {
  WebcastChatMessage: { base: "CommentEventBase", module: "comment-event-base" },
  WebcastGiftMessage: { base: "GiftEventBase", module: "gift-event-base" },
};

/**
 * Events that share a push message with another event and are emitted by the
 * client when the message means something more specific (see core's derived-events).
 * They are not in the method registry: the method still maps to its own event.
 */
export const derivedEvents: ReadonlyArray<{ event: string; from: string; doc: string }> = [
  {
    event: "LiveEndEvent",
    from: "WebcastControlMessage",
    doc: "The stream ended (control action 3) or was suspended (4); the client disconnects after it.",
  },
  {
    event: "LivePauseEvent",
    from: "WebcastControlMessage",
    doc: "The host paused the stream (control action 1).",
  },
  {
    event: "LiveUnpauseEvent",
    from: "WebcastControlMessage",
    doc: "The host resumed a paused stream (control action 2).",
  },
  {
    event: "FollowEvent",
    from: "WebcastSocialMessage",
    doc: "A viewer followed the host (a social message whose display key mentions follow).",
  },
  {
    event: "ShareEvent",
    from: "WebcastSocialMessage",
    doc: "A viewer shared the stream (a social message whose display key mentions share).",
  },
  {
    event: "SuperFanEvent",
    from: "WebcastBarrageMessage",
    doc: "A super fan banner (a barrage message with a `ttlive_superfan` key).",
  },
  {
    event: "SuperFanJoinEvent",
    from: "WebcastBarrageMessage",
    doc: "A viewer became a super fan (barrage key `ttlive_superfan_commentnotif_superfanjoined`).",
  },
  {
    event: "SuperFanBoxEvent",
    from: "WebcastEnvelopeMessage",
    doc: "A super fan treasure box (envelope key `ttlive_superfanbox` or business type 19).",
  },
];

/**
 * Getters a derived event adds to the fields it shares with its source, each
 * returning a hand-written function of the event from `packages/proto/src/events/custom/`.
 * A getter rather than a custom base class: the derived class extends a generated
 * event, which a hand-written base could only import back from the generated module.
 */
export const derivedGetters: Readonly<
  Record<string, ReadonlyArray<{ name: string; type: string; fn: string; module: string; doc: string }>>
> = {
  ShareEvent: [
    {
      name: "usersJoined",
      type: "number | undefined",
      fn: "shareUsersJoined",
      module: "share-users-joined",
      doc:
        "How many viewers joined through this share, where TikTok says so (Python TikTokLive's\n" +
        "`ShareEvent.users_joined`); `undefined` for a share without a count.",
    },
  ],
};

/** Default rule, as in the Python SDK: drop `Webcast`, turn a trailing `Message` into `Event` or append `Event`. */
export function eventNameFor(method: string): string {
  const override = eventNameOverrides[method];
  if (override) return override;
  const bare = method.replace(/^Webcast/, "");
  return bare.endsWith("Message") ? `${bare.slice(0, -"Message".length)}Event` : `${bare}Event`;
}

/** The string name for `client.on("comment", …)`: the class name without `Event`, lower camel case. */
export function shortNameFor(eventName: string): string {
  const bare = eventName.replace(/Event$/, "");
  // A leading acronym is lowered as a whole: "AILiveSummary" → "aiLiveSummary", not "aILiveSummary".
  const acronym = /^[A-Z]{2,}(?=[A-Z][a-z])/.exec(bare)?.[0];
  if (acronym) return acronym.toLowerCase() + bare.slice(acronym.length);
  return bare.charAt(0).toLowerCase() + bare.slice(1);
}
