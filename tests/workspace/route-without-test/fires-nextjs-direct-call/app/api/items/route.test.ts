import { describe, expect, it } from 'vitest'
import { POST } from './route'

describe('POST /api/items', () => {
  it('creates an item', async () => {
    const res = await POST(new Request('http://test/api/items', { method: 'POST', body: '{"name":"a"}' }))
    expect(res.status).toBe(201)
  })
})
