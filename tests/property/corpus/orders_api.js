// Orders API: an Express application used as a parsing corpus (template literals, regexes,
// JSX-free modern JavaScript, async/await, classes, destructuring, comments with ✓ 日本語 🚀).
'use strict';

const express = require('express');
const crypto = require('node:crypto');
const { promisify } = require('node:util');

const app = express();
app.use(express.json({ limit: '1mb' }));

const PORT = Number(process.env.PORT ?? 3000);
const API_BASE = process.env.API_BASE || 'https://api.example.com/v1';
const SKU_PATTERN = /^[A-Z]-\d{3}$/u;
const sleep = promisify(setTimeout);

/**
 * In-memory order store.
 * @template T
 */
class OrderStore {
  #orders = new Map();
  #nextId = 1;

  create({ sku, quantity = 1, note = '' }) {
    if (!SKU_PATTERN.test(sku)) {
      throw new TypeError(`invalid sku "${sku}"`);
    }
    const id = `ord_${this.#nextId++}_${crypto.randomBytes(3).toString('hex')}`;
    const order = { id, sku, quantity, note, createdAt: new Date().toISOString() };
    this.#orders.set(id, order);
    return order;
  }

  get(id) {
    return this.#orders.get(id) ?? null;
  }

  *[Symbol.iterator]() {
    yield* this.#orders.values();
  }

  get size() {
    return this.#orders.size;
  }
}

const store = new OrderStore();

function summarize(orders) {
  const bySku = {};
  for (const { sku, quantity } of orders) {
    bySku[sku] = (bySku[sku] || 0) + quantity;
  }
  return Object.entries(bySku)
    .sort(([, a], [, b]) => b - a)
    .map(([sku, qty]) => `${sku}: ${qty} unit${qty === 1 ? '' : 's'}`)
    .join('\n');
}

app.get('/health', (_req, res) => res.json({ status: 'ok', orders: store.size }));

app.post('/orders', async (req, res, next) => {
  try {
    const order = store.create(req.body ?? {});
    const receipt = `Order ${order.id}
  sku:      ${order.sku}
  quantity: ${order.quantity}
  note:     ${order.note || '—'}`;
    res.status(201).json({ order, receipt });
  } catch (err) {
    if (err instanceof TypeError) {
      return res.status(400).json({ error: err.message });
    }
    next(err);
  }
});

app.get('/orders/:id', (req, res) => {
  const order = store.get(req.params.id);
  if (!order) return res.status(404).json({ error: `no order ${req.params.id}` });
  res.json(order);
});

app.get('/report', async (_req, res) => {
  await sleep(1);
  const text = summarize([...store]);
  res.type('text/plain').send(text || 'no orders yet 🙈');
});

/* Error handler: must keep four parameters for Express to recognise it. */
// eslint-disable-next-line no-unused-vars
app.use((err, _req, res, _next) => {
  console.error('unhandled', err);
  res.status(500).json({ error: 'internal error' });
});

const server = app.listen(PORT, () => {
  console.log(`listening on :${PORT} (${API_BASE})`);
});

process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
});

module.exports = { app, OrderStore, summarize };
