const express = require("express");

const router = express.Router();

router.get("/orders/:id", async (req, res) => {
  const order = await db.findOrder(req.params.id);
  res.json(order);
});

router.delete("/orders/:id", (req, res) => {
  fetch("https://hooks/deleted");
  res.sendStatus(204);
});

module.exports = router;
