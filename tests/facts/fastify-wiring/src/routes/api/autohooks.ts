import { FastifyInstance } from 'fastify'

// Every /api route needs a signed-in session, except signing in.
export default async function (fastify: FastifyInstance) {
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/api/session/login')) {
      return
    }
    if (!request.session.user) {
      reply.code(401).send({ error: 'sign in first' })
    }
  })
}
