const express = require('express');
const shop = require('./controllers/shop');

const app = express();
app.use(express.json());

app.post('/pay', shop.postPay);
app.post('/assistant/reset', shop.postReset);
app.post('/assistant/chat', shop.postChat);

module.exports = app;
