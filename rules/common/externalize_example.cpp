// "Externalize to environment variable": the value written to .env.example — never a secret,
// connection strings with their credentials redacted, endpoints without credentials or query.
#include "core/text/path_text.hpp"
#include "rules/common/externalize.hpp"
#include "rules/common/externalize_detail.hpp"
#include "rules/common/urls.hpp"

namespace agentlens::rules {

using namespace externalize_detail;

namespace {

/// An endpoint without credentials, query or fragment.
std::string endpointExample(std::string_view value) {
  std::string out;
  UrlParts u = parseUrl(value);
  if (u.scheme.empty()) {
    out = std::string(value.substr(0, value.find_first_of("?#")));
    auto at = out.find('@');
    if (at != std::string::npos) out = out.substr(at + 1);
  } else {
    out = u.scheme + "://" + u.host + (u.port.empty() ? "" : ":" + u.port) + u.path;
  }
  return out;
}

/// A key=value DSN (libpq "host=… password=…", ADO "Server=…;Password=…") with the user and the
/// password replaced by placeholders.
std::string redactKeyValueDsn(std::string_view value) {
  std::string v(value);
  const char* seps = v.find(';') != std::string::npos ? ";" : " ";
  std::size_t pos = 0;
  while (pos < v.size()) {
    auto eq = v.find('=', pos);
    if (eq == std::string::npos) break;
    std::size_t ks = v.find_last_of(seps, eq);
    ks = ks == std::string::npos ? 0 : ks + 1;
    std::string key = core::text::asciiLower(std::string_view(v).substr(ks, eq - ks));
    while (!key.empty() && key.front() == ' ') key.erase(0, 1);
    std::size_t ve = v.find_first_of(seps, eq + 1);
    if (ve == std::string::npos) ve = v.size();
    if (key.find("password") != std::string::npos || key == "pwd" || key == "user" || key == "user id" ||
        key == "uid" || key == "username") {
      std::string repl = key.find("p") == 0 ? "password" : "user";
      v.replace(eq + 1, ve - eq - 1, repl);
      ve = eq + 1 + repl.size();
    }
    pos = ve + 1;
  }
  return v;
}

/// A connection string with its credentials replaced by placeholders (and a URL's query dropped).
std::string connectionExample(std::string_view value) {
  std::string out;
  if (value.find("://") != std::string_view::npos) {
    UrlParts u = parseUrl(value);
    out = u.scheme + "://" + (u.userinfo.empty() ? "" : "user:password@") + u.host +
          (u.port.empty() ? "" : ":" + u.port) + u.path;
  } else if (value.find('=') != std::string_view::npos) {
    out = redactKeyValueDsn(value);
  } else if (auto at = value.rfind('@'); at != std::string_view::npos) {
    out = "user:password@" + std::string(value.substr(at + 1));  // Go mysql: user:pw@tcp(host)/db
  } else {
    out = std::string(value);
  }
  auto q = out.find('?');
  if (q != std::string::npos && value.find("://") != std::string_view::npos) out = out.substr(0, q);
  return out;
}

}  // namespace

std::string envExampleValue(std::string_view value, EnvValueKind kind) {
  std::string out;
  switch (kind) {
    case EnvValueKind::Secret:
    case EnvValueKind::Required:
      return "";
    case EnvValueKind::Port:
      if (auto sp = splitPort(value)) out = sp->second;  // ":8080" → 8080: the variable holds the number
      else out = std::string(value);
      break;
    case EnvValueKind::Tunable:
      out = std::string(value);
      break;
    case EnvValueKind::Endpoint:
      out = endpointExample(value);
      break;
    case EnvValueKind::ConnectionString:
      out = connectionExample(value);
      break;
  }
  if (out.find_first_of(" #\"'") != std::string::npos) {
    std::string q = "\"";
    for (char ch : out) {
      if (ch == '"' || ch == '\\') q += '\\';
      q += ch;
    }
    out = q + "\"";
  }
  return out;
}

}  // namespace agentlens::rules
