/** The floor for start-up time: restify alone answering `GET /readyz` 200 on PORT. */
import restify from 'restify';

const server = restify.createServer();
server.get('/readyz', (_req, res, next) => {
  res.send(200, { status: 'ready' });
  next();
});
server.listen(Number(process.env.PORT ?? 3978), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
