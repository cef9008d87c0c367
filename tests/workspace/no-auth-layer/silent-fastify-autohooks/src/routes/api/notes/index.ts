import { FastifyPluginAsync } from 'fastify'

const notes: FastifyPluginAsync = async (fastify) => {
  fastify.post('/', async (request) => {
    return { created: true }
  })
  fastify.delete('/:id', async (request) => {
    return { deleted: true }
  })
}

export default notes
