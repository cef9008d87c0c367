import { join } from 'node:path';
import AutoLoad from '@fastify/autoload';
import type { FastifyPluginAsync } from 'fastify';

const app: FastifyPluginAsync = async (fastify, opts) => {
  void fastify.register(AutoLoad, { dir: join(__dirname, 'routes'), options: opts });

  fastify.setErrorHandler((err, request, reply) => {
    request.log.error({ err }, 'unhandled error');
    const status = err.statusCode ?? 500;
    reply.code(status).send({ error: status >= 500 ? 'Internal Server Error' : err.message });
  });
};

export default app;
