module.exports = function configure(app) {
  app.set("trust proxy", 1);
};
