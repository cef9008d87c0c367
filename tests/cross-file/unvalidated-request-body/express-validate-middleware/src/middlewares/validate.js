const Joi = require("joi");

const validate = (schema) => (req, res, next) => {
  const { error, value } = Joi.compile(schema).validate(req.body);
  if (error) return res.status(400).send({ message: error.message });
  req.body = value;
  return next();
};

module.exports = validate;
