import type { FetchLike } from "../capabilities.js";
import { retryAfterMs } from "../http/http-client.js";
import type { RequestBudget } from "./request-budget.js";

/**
 * A fetch that takes a token from the shared budget before each request and
 * tells the budget about a 429 or 503 that says when to come back, so every
 * room of the pool (and every worker sharing the budget) backs off at once.
 */
export function budgetedFetch(fetch: FetchLike, budget: RequestBudget): FetchLike {
  return async (input, init) => {
    const signal = init?.signal ?? undefined;
    await budget.take(signal);
    const response = await fetch(input, init);
    if (response.status === 429 || response.status === 503) {
      const wait = retryAfterMs(response.headers);
      if (wait !== undefined) budget.pauseFor(wait);
    }
    return response;
  };
}
