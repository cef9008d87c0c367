// sensitive-data-logged: sensitive names and message shapes (see sensitive_names.hpp).
#include "rules/security/sensitive_names.hpp"

#include <cctype>
#include <string>
#include <vector>

#include "rules/common/secrets.hpp"
#include "rules/common/security.hpp"

namespace agentlens::rules::sensitive {
namespace {

std::vector<std::string> splitWords(std::string_view name) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 0; i < name.size(); ++i) {
    auto u = static_cast<unsigned char>(name[i]);
    if (!std::isalnum(u)) {
      if (!cur.empty()) out.push_back(sec::lowerCopy(cur));
      cur.clear();
      continue;
    }
    if (std::isupper(u) && !cur.empty() && std::islower(static_cast<unsigned char>(cur.back()))) {
      out.push_back(sec::lowerCopy(cur));
      cur.clear();
    }
    cur += name[i];
  }
  if (!cur.empty()) out.push_back(sec::lowerCopy(cur));
  return out;
}

}  // namespace

/// A name that holds sensitive data (not metadata about it, not an LLM token counter).
bool sensitiveName(std::string_view name) {
  auto w = splitWords(name);
  if (w.empty()) return false;
  const std::string& last = w.back();
  for (std::string_view m : {"count", "counts", "usage", "limit", "used", "id", "type", "url", "endpoint", "name",
                             "length", "len", "expires", "expiry", "ttl", "hash", "hashed", "present", "set",
                             "valid", "field", "header", "required", "enabled", "policy", "at", "prefix"})
    if (last == m) return false;
  if (w.front() == "has" || w.front() == "is" || w.front() == "num" || w.front() == "max" || w.front() == "total")
    return false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const std::string& t = w[i];
    if (t == "authorization" || t == "cookie" || t == "cookies" || t == "ssn" || t == "cvv" || t == "cvc" ||
        t == "cardnumber")
      return true;
    if (i + 1 < w.size() && t == "card" && w[i + 1] == "number") return true;
  }
  return secrets::isCredentialName(name);
}

bool connectionStringName(std::string_view name) {
  auto w = splitWords(name);
  if (w.empty()) return false;
  std::string joined;
  for (const auto& x : w) joined += x;
  if (joined == "connectionstring" || joined == "connstr" || joined == "connectionuri") return true;
  const std::string& last = w.back();
  if (last != "url" && last != "uri" && last != "dsn") return false;
  for (std::size_t i = 0; i + 1 < w.size(); ++i)
    for (std::string_view db : {"database", "db", "postgres", "postgresql", "pg", "mysql", "mongo", "mongodb", "redis",
                                "amqp", "rabbitmq", "sqlalchemy"})
      if (w[i] == db) return true;
  return false;
}

bool headersName(std::string_view name) {
  std::string l = sec::lowerCopy(name);
  return l == "headers" || l == "requestheaders" || l == "reqheaders" || l == "authheaders" ||
         l == "outgoingheaders" || l == "request_headers" || l == "auth_headers";
}

bool setsAuthorizationHeader(std::string_view src) {
  std::string l = sec::lowerCopy(src);
  std::string squashed;
  for (char c : l)
    if (c != ' ' && c != '\t') squashed += c;
  for (std::string_view s : {"headers['authorization']=", "headers[\"authorization\"]=", "headers.authorization=",
                             "{authorization:", ",authorization:", "'authorization':", "\"authorization\":"})
    if (squashed.find(s) != std::string::npos) return true;
  return false;
}

bool requestObject(std::string_view t) {
  for (std::string_view r : {"request.headers", "req.headers", "req.body", "request.json", "request.get_json()",
                             "request.form", "r.Header", "request.cookies", "req.cookies", "request.data",
                             "request.body", "request.META", "r.Form", "r.PostForm"})
    if (t == r) return true;
  return false;
}

/// A format string naming a secret right before a placeholder: "password=%s", "token: {}".
bool secretBeforePlaceholder(std::string_view s) {
  std::string l = sec::lowerCopy(s);
  for (std::string_view w : {"password", "passwd", "secret", "token", "api_key", "apikey", "api key", "authorization"}) {
    for (std::size_t p = l.find(w); p != std::string::npos; p = l.find(w, p + 1)) {
      std::size_t i = p + w.size();
      if (i < l.size() && (std::isalnum(static_cast<unsigned char>(l[i])) || l[i] == '_')) continue;
      while (i < l.size() && (l[i] == ' ' || l[i] == '=' || l[i] == ':')) ++i;
      if (i < l.size() && (l[i] == '%' || l[i] == '{')) return true;
    }
  }
  return false;
}

}  // namespace agentlens::rules::sensitive
