import type { Scenario } from "../scenario.js";
import { e2eScenario } from "./e2e.js";
import { showcaseScenario } from "./showcase.js";

const scenarios: Record<string, () => Scenario> = {
  showcase: showcaseScenario,
  e2e: e2eScenario,
};

export const scenarioNames = Object.keys(scenarios);

export function namedScenario(name: string): Scenario {
  const make = scenarios[name];
  if (!make) throw new Error(`Unknown scenario "${name}"; known: ${scenarioNames.join(", ")}`);
  return make();
}
