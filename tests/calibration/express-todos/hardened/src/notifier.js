// Slack notifications with a timeout; a failed notification is logged, the todo stays created.
const axios = require("axios");
const logger = require("./logger");

function createNotifier({ slackToken, slackTimeoutMs }) {
  const http = axios.create({ baseURL: "https://slack.com/api", timeout: slackTimeoutMs, headers: { authorization: `Bearer ${slackToken}` } });
  return {
    async todoCreated(title) {
      try {
        await http.post("/chat.postMessage", { text: `new todo: ${title}` });
      } catch (err) {
        logger.warn({ err }, "slack notification failed");
      }
    },
  };
}

module.exports = { createNotifier };
