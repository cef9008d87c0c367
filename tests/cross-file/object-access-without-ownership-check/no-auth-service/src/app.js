const express = require("express");
const requireAuth = require("./auth");

const app = express();

// Nothing authenticates these: the gap is authentication (route-without-auth), not ownership.
app.get("/lists/:listId", async (req, res) => {
  res.json(await db.lists.findById(req.params.listId));
});

// Authenticated but unscoped: any logged-in caller reads anyone's invoice.
app.get("/invoices/:invoiceId", requireAuth, async (req, res) => {
  res.json(await db.invoices.findById(req.params.invoiceId));
});

app.listen(3000);
