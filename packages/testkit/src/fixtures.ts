/** Sample people and gifts for scenarios: realistic shapes, made-up identities. */

export interface SimUser {
  userId: bigint;
  uniqueId: string;
  nickname: string;
  /** Follow status towards the host: 0 none, 1 following, 2 mutual. */
  followStatus?: number;
  superFan?: boolean;
  moderator?: boolean;
  gifterLevel?: number;
  fanClub?: { name: string; level: number };
}

export interface SimGift {
  id: number;
  name: string;
  diamondCount: number;
  /** Streakable gifts (type 1) arrive as a run of messages. */
  streakable: boolean;
}

export const sampleUsers: readonly SimUser[] = [
  {
    userId: 7034567890123456789n,
    uniqueId: "alice.streams",
    nickname: "Alice",
    followStatus: 1,
    gifterLevel: 12,
    fanClub: { name: "Sunny", level: 8 },
  },
  {
    userId: 7045678901234567890n,
    uniqueId: "bob_builds",
    nickname: "Bob 🛠",
    followStatus: 0,
    gifterLevel: 3,
  },
  {
    userId: 7056789012345678901n,
    uniqueId: "carol",
    nickname: "Carol",
    followStatus: 2,
    superFan: true,
    gifterLevel: 25,
  },
  {
    userId: 7067890123456789012n,
    uniqueId: "dave.mod",
    nickname: "Dave (mod)",
    followStatus: 1,
    moderator: true,
  },
  { userId: 7078901234567890123n, uniqueId: "erin_", nickname: "Erin", followStatus: 0 },
];

export const sampleGifts: readonly SimGift[] = [
  { id: 5655, name: "Rose", diamondCount: 1, streakable: true },
  { id: 5827, name: "Ice Cream Cone", diamondCount: 1, streakable: true },
  { id: 6064, name: "GG", diamondCount: 1, streakable: true },
  { id: 5760, name: "Weights", diamondCount: 1, streakable: true },
  { id: 6652, name: "Lightning Bolt", diamondCount: 20, streakable: false },
  { id: 8913, name: "Rosa", diamondCount: 10, streakable: true },
  { id: 6369, name: "Lion", diamondCount: 29999, streakable: false },
];

export function giftByName(name: string): SimGift {
  const gift = sampleGifts.find((g) => g.name.toLowerCase() === name.toLowerCase());
  if (!gift)
    throw new Error(`Unknown sample gift "${name}"; known: ${sampleGifts.map((g) => g.name).join(", ")}`);
  return gift;
}

export function userByName(name: string): SimUser {
  const user = sampleUsers.find((u) => u.uniqueId === name || u.nickname === name);
  if (user) return user;
  // Any other name becomes a new, stable viewer.
  let hash = 0n;
  for (const ch of name) hash = (hash * 131n + BigInt(ch.codePointAt(0)!)) % 1_000_000_000_000n;
  return {
    userId: 7100000000000000000n + hash,
    uniqueId: name.replace(/[^A-Za-z0-9_.]/g, "_").slice(0, 24) || "viewer",
    nickname: name,
  };
}
