// Settings from the environment, validated at start-up: a missing secret stops the process.
import { Type, Static } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";

const Env = Type.Object({
  PORT: Type.String({ default: "8080" }),
  DATABASE_URL: Type.String({ minLength: 1 }),
  INVENTORY_API_TOKEN: Type.String({ minLength: 16 }),
  PRICING_URL: Type.String({ minLength: 1 }),
  PRICING_TIMEOUT_MS: Type.String({ default: "3000" }),
  LOG_LEVEL: Type.String({ default: "info" }),
});
export type Config = Static<typeof Env>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const withDefaults = Value.Default(Env, { ...env });
  if (!Value.Check(Env, withDefaults)) {
    throw new Error(`invalid configuration: ${[...Value.Errors(Env, withDefaults)].map((e) => e.path).join(", ")}`);
  }
  return withDefaults as Config;
}
