// Trap: mounted under /orders, the same shape loads a private record: reported.
const express = require("express");
const Order = require("../models/order");

const router = express.Router();

router.get("/:id", async (req, res) => {
  res.json(await Order.findById(req.params.id));
});

module.exports = router;
