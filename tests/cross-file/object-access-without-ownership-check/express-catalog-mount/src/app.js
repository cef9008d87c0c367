const express = require("express");
const passport = require("passport");
const products = require("./routes/products");
const orders = require("./routes/orders");

const app = express();
app.use(passport.authenticate("session"));
app.use("/products", products);
app.use("/orders", orders);
app.listen(3000);
