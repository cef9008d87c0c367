// "Externalize to environment variable": the variable name a literal's context suggests, per
// kind (connection strings, endpoints, ports, tunables), in SCREAMING_SNAKE.
#include <array>

#include "core/text/path_text.hpp"
#include "rules/common/externalize.hpp"
#include "rules/common/externalize_detail.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/urls.hpp"

namespace agentlens::rules {

using core::Lang;
using core::text::asciiLower;
using namespace externalize_detail;

namespace {

/// A valid variable name: [A-Z0-9_], not starting with a digit.
std::string sanitize(std::string name) {
  if (!name.empty() && std::isdigit(static_cast<unsigned char>(name[0]))) name = "ENV_" + name;
  return name;
}

/// A short service name from a URL: the docker-compose service (`http://payments:9000`), the
/// first label of a cluster-internal name, the registrable name of a public host
/// (`api.mailgun.net` → MAILGUN), or the first path segment of a localhost URL.
std::string serviceLabel(std::string_view value) {
  UrlParts u = parseUrl(value);
  if (u.host.empty()) return "";
  if (isLocalOrIp(u.host)) {
    std::string_view p = u.path;
    while (!p.empty() && p.front() == '/') p.remove_prefix(1);
    std::string_view seg = p.substr(0, p.find('/'));
    bool word = seg.size() >= 3 && std::all_of(seg.begin(), seg.end(), [](char c) {
                  return std::isalpha(static_cast<unsigned char>(c)) || c == '-' || c == '_';
                });
    if (word && !isOneOf(asciiLower(seg), {"api", "rest", "graphql", "internal"})) return screamingSnake(seg);
    return "";
  }
  std::vector<std::string_view> labels;
  std::string_view h = u.host;
  for (std::size_t pos = 0;;) {
    auto dot = h.find('.', pos);
    labels.push_back(h.substr(pos, dot == std::string_view::npos ? std::string_view::npos : dot - pos));
    if (dot == std::string_view::npos) break;
    pos = dot + 1;
  }
  if (labels.size() == 1) return screamingSnake(labels[0]);
  for (auto l : labels)  // cluster-internal names: the service is the first label
    if (isOneOf(l, {"local", "internal", "svc", "lan", "cluster", "localhost", "corp", "intra"}))
      return screamingSnake(labels[0]);
  labels.pop_back();  // the TLD
  if (labels.size() > 1 && isOneOf(labels.back(), {"co", "com", "org", "net", "gov", "ac"})) labels.pop_back();
  return screamingSnake(labels.back());
}

std::string lastSegment(std::string_view callee) {
  auto dot = callee.find_last_of('.');
  return std::string(dot == std::string_view::npos ? callee : callee.substr(dot + 1));
}

enum class Domain { None, Http, Db };

std::vector<std::string> tokens(std::string_view s) {
  std::vector<std::string> out;
  std::string snake = screamingSnake(s);
  std::size_t pos = 0;
  while (pos <= snake.size()) {
    auto us = snake.find('_', pos);
    std::string t = snake.substr(pos, us == std::string::npos ? std::string::npos : us - pos);
    if (!t.empty()) out.push_back(t);
    if (us == std::string::npos) break;
    pos = us + 1;
  }
  return out;
}

/// What a tunable configures, from the words of its callee (or composite type) and its name.
Domain domainOf(std::string_view callee, std::string_view name) {
  auto ct = tokens(callee);
  auto has = [&](const std::vector<std::string>& ts, std::initializer_list<std::string_view> words) {
    return std::any_of(ts.begin(), ts.end(), [&](const std::string& t) { return isOneOf(t, words); });
  };
  if (has(ct, {"SERVER", "LISTEN", "SERVE"})) return Domain::None;
  if (has(ct, {"REQUESTS", "HTTPX", "AIOHTTP", "FETCH", "AXIOS", "URLOPEN", "GOT", "KY", "HTTP", "HTTPS", "SESSION"}))
    return Domain::Http;
  if (has(ct, {"ENGINE", "POOL", "SQL", "DB", "CONNECT", "SEQUELIZE", "MONGO", "MONGOOSE", "MONGODB", "PRISMA",
               "REDIS", "KNEX", "GORM", "PGX", "PGXPOOL", "POSTGRES", "PSYCOPG2", "MYSQL", "DATABASE", "SQLX"}))
    return Domain::Db;
  if (has(tokens(name), {"POOL", "CONNS", "CONNECTIONS"})) return Domain::Db;
  return Domain::None;
}

std::string connectionName(std::string n, std::string_view value) {
  static constexpr std::array kGeneric{"SQLALCHEMY_DATABASE_URI", "SQLALCHEMY_DATABASE_URL", "DATABASE_URI",
                                       "DATABASE", "DB", "DB_URL", "DB_URI", "DSN", "DB_DSN", "DATABASE_DSN",
                                       "CONNECTION_STRING", "CONN_STR", "CONN_STRING", "CONNECTION", "CONN",
                                       "DB_CONNECTION", "DB_CONNECTION_STRING", "URL", "URI", "DATABASE_URL",
                                       "CONNECTION_URL", "CONNECTION_URI", "HOST", "ADDR", "ADDRESS", "OPTIONS"};
  std::string scheme = parseUrl(value).scheme;
  std::string byScheme = "DATABASE_URL";
  if (scheme.starts_with("redis")) byScheme = "REDIS_URL";
  else if (scheme.starts_with("mongodb")) byScheme = "MONGODB_URI";
  else if (scheme.starts_with("amqp")) byScheme = "AMQP_URL";
  if (n.empty() || std::find(kGeneric.begin(), kGeneric.end(), n) != kGeneric.end()) return byScheme;
  if (endsWithAny(n, {"URL", "URI", "DSN"})) return n;
  if (endsWithAny(n, {"CONNECTION_STRING", "CONN_STR", "CONNECTION"})) return n;
  return n + "_URL";
}

std::string endpointName(std::string n, std::string_view value, std::string_view callee) {
  bool generic = n.empty() || isOneOf(n, {"URL", "URI", "BASE_URL", "BASE_URI", "BASE", "ENDPOINT", "HOST", "ADDR",
                                          "ADDRESS", "TARGET", "SERVER", "SERVER_URL", "REMOTE", "PREFIX_URL"});
  if (generic) {
    std::string label = serviceLabel(value);
    if (label.empty() && !callee.empty()) {  // redis.Redis(host="10.0.3.12") → REDIS_HOST
      std::string first = screamingSnake(callee.substr(0, callee.find_first_of(".(")));
      if (!isOneOf(first, {"REQUESTS", "HTTPX", "AXIOS", "FETCH", "HTTP", "GOT", "KY", "URLLIB", "AIOHTTP", "CLIENT",
                           "SESSION", "SELF", "THIS", "GRPC", "NEW"}))
        label = first;
    }
    if (label.empty()) return n.empty() ? "SERVICE_URL" : "SERVICE_" + n;
    n = label + "_" + (n.empty() ? "URL" : n);
  }
  if (!endsWithAny(n, {"URL", "URI", "ENDPOINT", "HOST", "ADDR", "ADDRESS", "DSN"})) n += "_URL";
  return n;
}

std::string tunableName(std::string n, const Context& c, Lang lang) {
  if (n.empty()) n = screamingSnake(lastSegment(c.callee));
  if (n.starts_with("SET_")) n = n.substr(4);  // SetMaxOpenConns → MAX_OPEN_CONNS
  if (n.starts_with("WITH_")) n = n.substr(5);
  if (n.empty()) n = "LIMIT";
  switch (domainOf(c.callee, c.rawName)) {
    case Domain::Http:
      if (n == "TIMEOUT") n = "REQUEST_TIMEOUT";
      else if (!n.starts_with("HTTP_") && !n.starts_with("REQUEST_")) n = "HTTP_" + n;
      break;
    case Domain::Db:
      if (n == "MAX" || n == "MIN") n = "POOL_" + n;
      if (!n.starts_with("DB_") && !n.starts_with("DATABASE_")) n = "DB_" + n;
      break;
    case Domain::None:
      break;
  }
  if (!c.durationUnit.empty() && !n.ends_with("_" + c.durationUnit)) n += "_" + c.durationUnit;
  // JavaScript timeouts are milliseconds by convention: say so in the name.
  if (core::isJsFamily(lang) && n.ends_with("TIMEOUT")) n += "_MS";
  return n;
}

}  // namespace

std::string deriveEnvName(const core::ParsedFile& file, ts::Node literal, EnvValueKind kind) {
  Context c = contextOf(file, literal);
  std::string n = screamingSnake(c.rawName);
  std::string value = literalValue(file, literal);
  switch (kind) {
    case EnvValueKind::Secret:
      if (n.empty()) n = "SECRET";
      break;
    case EnvValueKind::Required:
      if (n.empty()) n = c.callee.empty() ? "CONFIG_VALUE" : screamingSnake(lastSegment(c.callee));
      break;
    case EnvValueKind::ConnectionString:
      n = connectionName(n, value);
      break;
    case EnvValueKind::Endpoint:
      n = endpointName(n, value, c.callee);
      break;
    case EnvValueKind::Port:
      if (n.find("PORT") == std::string::npos) n = "PORT";
      break;
    case EnvValueKind::Tunable:
      n = tunableName(n, c, file.lang);
      break;
  }
  return sanitize(n);
}

}  // namespace agentlens::rules
