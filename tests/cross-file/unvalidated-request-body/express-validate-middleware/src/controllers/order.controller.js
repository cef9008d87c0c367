const catchAsync = require("../utils/catchAsync");
const orderService = require("../services/order.service");

// Validated by the Joi middleware on its route: silent.
const createOrder = catchAsync(async (req, res) => {
  const { item, qty } = req.body;
  res.status(201).send(await orderService.create(item, qty));
});

// Same, written as a function declaration.
async function cancelOrder(req, res) {
  await orderService.cancel(req.params.id, req.body.reason);
  res.status(204).send();
}

// Its route has no validator: still reported.
const addNote = catchAsync(async (req, res) => {
  await orderService.addNote(req.params.id, req.body.text);
  res.status(204).send();
});

module.exports = { createOrder, cancelOrder, addNote };
