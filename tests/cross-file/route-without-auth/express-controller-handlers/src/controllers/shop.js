const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);
const threads = require('../threads');

/** The buyer pays with the card token their browser just created. */
exports.postPay = async (req, res) => {
  const { stripeToken } = req.body;
  await stripe.charges.create({ amount: 500, currency: 'usd', source: stripeToken });
  res.redirect('/thanks');
};

/** Clears the caller's own conversation: no input, keyed on the caller's session. */
exports.postReset = async (req, res) => {
  await threads.delete(req.user ? String(req.user.id) : `guest-${req.sessionID}`);
  res.redirect('/assistant');
};

/** Runs the model on the caller's message: reported (anyone can spend the quota). */
exports.postChat = async (req, res) => {
  const threadId = req.user ? String(req.user.id) : `guest-${req.sessionID}`;
  res.json(await threads.reply(threadId, req.body.message));
};
