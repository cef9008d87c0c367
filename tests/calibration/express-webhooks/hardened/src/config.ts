// Settings from the environment, parsed once at start-up; a missing secret stops the process.
import { z } from "zod";

const Env = z.object({
  PORT: z.coerce.number().int().default(4000),
  MONGODB_URI: z.string().min(1),
  STRIPE_API_KEY: z.string().min(1),
  STRIPE_WEBHOOK_SECRET: z.string().min(1),
  API_TOKEN: z.string().min(16),
  LOG_LEVEL: z.string().default("info"),
});
export type Config = z.infer<typeof Env>;
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => Env.parse(env);
