import path from 'node:path'
import Fastify from 'fastify'
import autoload from '@fastify/autoload'

const app = Fastify()
app.register(autoload, {
  dir: path.join(import.meta.dirname, 'routes'),
  autoHooks: true,
  cascadeHooks: true
})

export default app
