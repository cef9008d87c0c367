const express = require('express');
const accountRoute = require('./account.route');

const router = express.Router();

const mounted = [
  { path: '/accounts', route: accountRoute },
];

mounted.forEach((m) => {
  router.use(m.path, m.route);
});

module.exports = router;
