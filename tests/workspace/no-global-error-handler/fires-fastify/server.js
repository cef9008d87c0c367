const Fastify = require('fastify');

const app = Fastify({ logger: true });

app.get('/orders/:id', async (request) => {
  return loadOrder(request.params.id);
});

process.on('unhandledRejection', (err) => app.log.error(err));
app.listen({ port: 3000, host: '0.0.0.0' });
