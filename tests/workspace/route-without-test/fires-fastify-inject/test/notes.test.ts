import { test } from 'node:test'
import assert from 'node:assert'
import { build } from '../src/app.js'

test('lists and creates notes', async () => {
  const app = build()
  const list = await app.inject({ method: 'GET', url: '/notes' })
  assert.strictEqual(list.statusCode, 200)
  const created = await app.inject({ method: 'POST', url: '/notes', payload: { text: 'hi' } })
  assert.strictEqual(created.statusCode, 200)
})
