export { budgetedFetch } from "./budgeted-fetch.js";
export type { PoolRoomState } from "./pool-room.js";
export { PoolRoom } from "./pool-room.js";
export type { RequestBudgetOptions } from "./request-budget.js";
export { RequestBudget } from "./request-budget.js";
export type { PoolClientFactory, PoolRoomInfo, TikTokLivePoolOptions } from "./tiktok-live-pool.js";
export { TikTokLivePool } from "./tiktok-live-pool.js";
