import { join } from 'node:path';
import AutoLoad from '@fastify/autoload';
import type { FastifyPluginAsync } from 'fastify';

const app: FastifyPluginAsync = async (fastify, opts) => {
  void fastify.register(AutoLoad, { dir: join(__dirname, 'plugins'), options: opts });
  void fastify.register(AutoLoad, { dir: join(__dirname, 'routes'), options: opts });
};

export default app;
