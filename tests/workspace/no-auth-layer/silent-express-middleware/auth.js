const jwt = require("jsonwebtoken");
function requireAuth(req, res, next) {
  try {
    req.user = jwt.verify(req.get("authorization"), process.env.JWT_SECRET);
    next();
  } catch (err) {
    res.status(401).end();
  }
}
module.exports = { requireAuth };
