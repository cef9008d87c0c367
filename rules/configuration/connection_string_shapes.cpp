// Shapes of database/broker connection strings: URLs, key/value DSNs, Go MySQL DSNs.
#include "rules/configuration/connection_string_shapes.hpp"

#include <algorithm>
#include <cctype>

#include "rules/common/urls.hpp"

namespace agentlens::rules::connstr {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool isPlaceholderSecret(std::string_view pw, std::string_view user) {
  std::string p = lower(pw);
  if (p.empty() || p == lower(user)) return true;
  for (auto w : {"password", "pass", "passwd", "pwd", "secret", "changeme", "change-me", "postgres", "root", "example",
                 "test", "mysql", "redis", "guest", "admin", "pw"})
    if (p == w) return true;
  return p.find_first_not_of("x*.") == std::string::npos || p.front() == '<' || p.front() == '$' || p.front() == '{';
}

/// `scheme://user:password@host:port/db` for the database and broker schemes.
std::optional<Candidate> urlCandidate(std::string_view v, std::size_t sep) {
  std::string scheme = lower(v.substr(0, sep));
  std::string base = scheme.substr(0, scheme.find('+'));
  static constexpr std::string_view kSchemes[] = {"postgres", "postgresql", "mysql", "mariadb", "mongodb",
                                                  "redis", "rediss", "amqp", "amqps", "mssql", "sqlserver",
                                                  "cockroachdb", "sqlite", "oracle", "clickhouse"};
  if (std::find(std::begin(kSchemes), std::end(kSchemes), base) == std::end(kSchemes)) return std::nullopt;
  UrlParts u = parseUrl(v);
  Candidate c;
  if (base == "sqlite") {
    std::string_view path = v.substr(sep + 3);
    if (path.empty() || path == "/" || path.find(":memory:") != std::string_view::npos) return std::nullopt;
    c.sqlite = true;
    c.display = std::string(v.substr(0, std::min<std::size_t>(v.size(), 60)));
    return c;
  }
  if (u.host.empty() || isPlaceholderHost(u.host)) return std::nullopt;
  c.host = u.host;
  c.display = scheme + "://" + u.host + (u.port.empty() ? "" : ":" + u.port) + u.path;
  auto colon = u.userinfo.find(':');
  if (colon != std::string::npos) {
    std::string_view pw = std::string_view(u.userinfo).substr(colon + 1);
    std::string_view user = std::string_view(u.userinfo).substr(0, colon);
    c.pwOffset = sep + 3 + colon + 1;
    c.pwLength = pw.size();
    c.realPassword = !isPlaceholderSecret(pw, user);
  }
  return c;
}

/// key=value DSNs: libpq ("host=db user=app password=…"), ADO.NET ("Server=db;Password=…"). `l`
/// is `v` in lower case.
bool keyValueDsn(const std::string& l, bool& ado) {
  bool libpq = l.starts_with("host=") || l.starts_with("dbname=") || l.starts_with("user=") ||
               (l.find(" host=") != std::string::npos && l.find("dbname=") != std::string::npos);
  libpq = libpq && l.find("host=") != std::string::npos &&
          (l.find("dbname=") != std::string::npos || l.find("password=") != std::string::npos);
  ado = (l.starts_with("server=") || l.starts_with("data source=")) && l.find(';') != std::string::npos &&
        (l.find("password=") != std::string::npos || l.find("database=") != std::string::npos ||
         l.find("initial catalog=") != std::string::npos);
  return libpq || ado;
}

std::optional<Candidate> keyValueCandidate(std::string_view v, const std::string& l, bool ado) {
  Candidate c;
  const char* seps = ado ? ";" : " ";
  for (std::size_t pos = 0; pos < l.size();) {
    auto eq = l.find('=', pos);
    if (eq == std::string::npos) break;
    std::size_t ks = l.find_last_of(seps, eq);
    ks = ks == std::string::npos ? 0 : ks + 1;
    std::string key = l.substr(ks, eq - ks);
    while (!key.empty() && key.front() == ' ') key.erase(0, 1);
    std::size_t ve = l.find_first_of(seps, eq + 1);
    if (ve == std::string::npos) ve = l.size();
    std::string_view val = v.substr(eq + 1, ve - eq - 1);
    if (key == "host" || key == "server" || key == "data source") c.host = lower(val);
    if (key == "password" || key == "pwd") {
      c.pwOffset = eq + 1;
      c.pwLength = val.size();
      c.realPassword = !isPlaceholderSecret(val, "");
    }
    pos = ve + 1;
  }
  if (c.host.empty() || isPlaceholderHost(c.host)) return std::nullopt;
  c.display = std::string(ado ? "Server=" : "host=") + c.host;
  return c;
}

/// Go MySQL driver DSN: user:password@tcp(host:3306)/db
std::optional<Candidate> goMysqlCandidate(std::string_view v) {
  auto at = v.find("@tcp(");
  if (at == std::string_view::npos) at = v.find("@unix(");
  if (at != std::string_view::npos && v.find(' ') == std::string_view::npos) {
    Candidate c;
    auto open = v.find('(', at);
    auto close = v.find(')', open);
    if (close == std::string_view::npos) return std::nullopt;
    std::string hp(v.substr(open + 1, close - open - 1));
    c.host = lower(hp.substr(0, hp.rfind(':')));
    c.display = "mysql " + std::string(v.substr(at + 1));
    auto colon = v.find(':');
    if (colon != std::string_view::npos && colon < at) {
      c.pwOffset = colon + 1;
      c.pwLength = at - colon - 1;
      c.realPassword = !isPlaceholderSecret(v.substr(colon + 1, at - colon - 1), v.substr(0, colon));
    }
    return c;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Candidate> classify(std::string_view v) {
  auto sep = v.find("://");
  if (sep != std::string_view::npos) return urlCandidate(v, sep);
  std::string l = lower(v);
  bool ado = false;
  if (keyValueDsn(l, ado)) return keyValueCandidate(v, l, ado);
  return goMysqlCandidate(v);
}

bool isTemplated(std::string_view v) {
  return v.find('{') != std::string_view::npos || v.find("%s") != std::string_view::npos ||
         v.find("%(") != std::string_view::npos || v.find("%v") != std::string_view::npos ||
         v.find('<') != std::string_view::npos || v.find("${") != std::string_view::npos;
}

bool codeRelativeSqlite(std::string_view v) {
  std::string l = lower(v);
  if (!l.starts_with("sqlite:///")) return false;
  bool file = false;
  for (auto ext : {".db", ".sqlite", ".sqlite3"})
    for (auto at = l.find(ext); at != std::string::npos; at = l.find(ext, at + 1)) {
      char next = at + std::string_view(ext).size() < l.size() ? l[at + std::string_view(ext).size()] : '\0';
      if (next == '\0' || next == '"' || next == '\'' || next == '}' || next == ')' || next == '`') file = true;
    }
  if (!file) return false;
  for (auto cfg : {"env", "setting", "config", "conf.", "argv", "args", "path_from", "db_path", "database_path"})
    if (l.find(cfg) != std::string::npos) return false;
  return true;
}

}  // namespace agentlens::rules::connstr
