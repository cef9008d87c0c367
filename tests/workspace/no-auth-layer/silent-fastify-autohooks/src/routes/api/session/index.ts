import { FastifyPluginAsync } from 'fastify'

const session: FastifyPluginAsync = async (fastify) => {
  fastify.post('/login', async (request) => {
    return { ok: true }
  })
  fastify.post('/switch-account', async (request) => {
    return { ok: true }
  })
}

export default session
