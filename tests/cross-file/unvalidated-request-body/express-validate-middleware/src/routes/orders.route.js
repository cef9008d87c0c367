const express = require("express");
const validate = require("../middlewares/validate");
const schemas = require("../validations/order.validation");
const orderController = require("../controllers/order.controller");

const router = express.Router();

router.post("/orders", validate(schemas.createOrder), orderController.createOrder);
router.post("/orders/:id/cancel", validate(schemas.cancelOrder), orderController.cancelOrder);
router.post("/orders/:id/notes", orderController.addNote);

module.exports = router;
