import {
  type BarrageEvent,
  type BaseEvent,
  type ControlEvent,
  type EnvelopeEvent,
  FollowEvent,
  LiveEndEvent,
  LivePauseEvent,
  LiveUnpauseEvent,
  ShareEvent,
  type SocialEvent,
  SuperFanBoxEvent,
  SuperFanEvent,
  SuperFanJoinEvent,
} from "@tiktok-live/proto";

/** What a deriver may do: emit more events, ask who listens, and end the stream. */
export interface DeriveContext {
  wants(eventName: string): boolean;
  emit(event: BaseEvent): void;
  /** The stream is over: the client stops after the current batch. */
  endLive(): void;
}

export interface Deriver {
  /** Names of the events this deriver can produce; it runs only if one of them has a listener. */
  produces: readonly string[];
  /** Runs even without listeners, because the client itself depends on it. */
  always?: boolean;
  derive(event: BaseEvent, ctx: DeriveContext): void;
}

/** TikTok's ControlMessage actions. Only these are known; others are ignored. */
export const ControlAction = { paused: 1, unpaused: 2, ended: 3, suspended: 4 } as const;

const control: Deriver = {
  produces: [LiveEndEvent.eventName, LivePauseEvent.eventName, LiveUnpauseEvent.eventName],
  always: true,
  derive(event, ctx) {
    const e = event as ControlEvent;
    switch (e.action) {
      case ControlAction.paused:
        if (ctx.wants(LivePauseEvent.eventName)) ctx.emit(new LivePauseEvent(e));
        break;
      case ControlAction.unpaused:
        if (ctx.wants(LiveUnpauseEvent.eventName)) ctx.emit(new LiveUnpauseEvent(e));
        break;
      case ControlAction.ended:
      case ControlAction.suspended:
        if (ctx.wants(LiveEndEvent.eventName)) ctx.emit(new LiveEndEvent(e));
        ctx.endLive();
        break;
    }
  },
};

/** Follows and shares arrive as social messages; the display text key says which. */
const social: Deriver = {
  produces: [FollowEvent.eventName, ShareEvent.eventName],
  derive(event, ctx) {
    const e = event as SocialEvent;
    const key = e.common.displayText?.key ?? "";
    if (key.includes("follow")) {
      if (ctx.wants(FollowEvent.eventName)) ctx.emit(new FollowEvent(e));
    } else if (key.includes("share")) {
      if (ctx.wants(ShareEvent.eventName)) ctx.emit(new ShareEvent(e));
    }
  },
};

const superFanJoinedKey = "ttlive_superfan_commentnotif_superfanjoined";

const barrage: Deriver = {
  produces: [SuperFanEvent.eventName, SuperFanJoinEvent.eventName],
  derive(event, ctx) {
    const e = event as BarrageEvent;
    const key = `${e.content.key} ${e.commonBarrageContent.key}`.toLowerCase();
    if (key.includes(superFanJoinedKey)) {
      if (ctx.wants(SuperFanJoinEvent.eventName)) ctx.emit(new SuperFanJoinEvent(e));
    } else if (key.includes("ttlive_superfan")) {
      if (ctx.wants(SuperFanEvent.eventName)) ctx.emit(new SuperFanEvent(e));
    }
  },
};

/** TikTok's business type for super fan boxes in EnvelopeInfo. */
const superFanBoxBusinessType = 19;

const envelope: Deriver = {
  produces: [SuperFanBoxEvent.eventName],
  derive(event, ctx) {
    const e = event as EnvelopeEvent;
    const key = (e.common.displayText?.key ?? "").toLowerCase();
    if (key.includes("ttlive_superfanbox") || e.envelopeInfo.businessType === superFanBoxBusinessType) {
      ctx.emit(new SuperFanBoxEvent(e));
    }
  },
};

/** Method → deriver. The place where one push message turns into more specific events. */
export const derivers: ReadonlyMap<string, Deriver> = new Map([
  ["WebcastControlMessage", control],
  ["WebcastSocialMessage", social],
  ["WebcastBarrageMessage", barrage],
  ["WebcastEnvelopeMessage", envelope],
]);
