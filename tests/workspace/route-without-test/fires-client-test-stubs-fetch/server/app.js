const express = require('express');

const app = express();
app.get('/robots', (req, res) => res.json([]));

module.exports = app;
