// Mounted under /products: a catalog record is shared data, no owner filter needed.
const express = require("express");
const Product = require("../models/product");

const router = express.Router();

router.get("/:id", async (req, res) => {
  res.json(await Product.findById(req.params.id));
});

module.exports = router;
