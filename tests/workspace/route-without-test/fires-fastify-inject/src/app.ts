import path from 'node:path'
import Fastify from 'fastify'
import autoload from '@fastify/autoload'

export function build () {
  const app = Fastify()
  app.register(autoload, { dir: path.join(import.meta.dirname, 'routes') })
  return app
}
