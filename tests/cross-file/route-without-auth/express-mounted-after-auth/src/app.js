const express = require('express');
const requireAuth = require('./middleware/require-auth');
const hooks = require('./routes/hooks');
const projects = require('./routes/projects');

const app = express();
app.use(express.json());
// Mounted before the auth middleware: open.
app.use('/hooks', hooks);
app.use(requireAuth);
app.use('/projects', projects);

module.exports = app;
