// Public API of @tiktok-live/testkit.

export type { EventFields, MessageFields, MessageOf } from "./event-message.js";
export { eventMessage } from "./event-message.js";
export type { SimGift, SimUser } from "./fixtures.js";
export { giftByName, sampleGifts, sampleUsers, userByName } from "./fixtures.js";
export { flvStreamPath, simulatedFlv } from "./flv-stream-route.js";
export { encodeBatchFrame, encodeServiceFrame } from "./frames.js";
export type { FaultSizes, FaultStats, HostileFault } from "./hostile/faults.js";
export { defaultFaultSizes, hostileFaultNames, hostileFaults, isHostileFault } from "./hostile/faults.js";
export type { ForeignRequest } from "./hostile/foreign-host.js";
export { ForeignHost } from "./hostile/foreign-host.js";
export type { RoomState } from "./http-routes.js";
export type { LoadMix } from "./messages.js";
export {
  busyStreamMix,
  chat,
  control,
  emoteChat,
  envelope,
  gift,
  like,
  linkMicArmies,
  linkMicBattle,
  member,
  mixedMessageFactory,
  roomPin,
  roomUserSeq,
  social,
  superFanBarrage,
  toUser,
  unknown,
} from "./messages.js";
export type { PushSession } from "./push-server.js";
export { heartbeatTimeoutCode } from "./push-server.js";
export type { RecordedFrame, Recording, RecordingHeader } from "./recording.js";
export {
  parseRecording,
  RecordingWriter,
  recordingFormat,
  recordingVersion,
  replayScenario,
} from "./recording.js";
export type { Scenario, ScenarioStep } from "./scenario.js";
export { ScenarioBuilder, scenario } from "./scenario.js";
export { namedScenario, scenarioNames } from "./scenarios/index.js";
export {
  caption,
  digg,
  gameMoment,
  giftBroadcast,
  giftUpdate,
  imDelete,
  liveIntro,
  questionNew,
  roomMessage,
  roomNotify,
  screenChat,
  subscribe,
  systemMessage,
  unauthorizedMember,
} from "./seed-messages.js";
export type { SimulatorClientOptions, SimulatorOptions } from "./simulator.js";
export { Simulator, startSimulator } from "./simulator.js";
export { simulatedUserId } from "./user-detail-route.js";
export { gifterCombineBadge } from "./wire-user.js";
