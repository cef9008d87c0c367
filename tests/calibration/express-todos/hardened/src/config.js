// Settings from the environment; the process stops when a required one is missing.
function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

function loadConfig() {
  return {
    port: Number(process.env.PORT || 3000),
    databaseUrl: required("DATABASE_URL"),
    apiToken: required("TODOS_API_TOKEN"),
    slackToken: required("SLACK_TOKEN"),
    slackTimeoutMs: Number(process.env.SLACK_TIMEOUT_MS || 3000),
  };
}

module.exports = { loadConfig };
