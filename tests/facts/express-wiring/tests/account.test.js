const request = require('supertest');
const app = require('../src/app');

describe('POST /v1/accounts/register', () => {
  it('creates the account', async () => {
    const res = await request(app).post('/v1/accounts/register').send({ email: 'a@b.c' });
    expect(res.status).toBe(201);
  });
});
