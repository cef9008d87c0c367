import { FastifyPluginAsync } from 'fastify'

const notes: FastifyPluginAsync = async (fastify) => {
  fastify.get('/', async () => [])
  fastify.post('/', async (request) => ({ created: true }))
  fastify.delete('/:id', async (request) => ({ deleted: true }))
}

export default notes
