// hardcoded-secret: deploy and development configuration files (see hardcoded_secret_deploy.hpp).
#include "rules/security/hardcoded_secret_deploy.hpp"

#include <cctype>
#include <string>
#include <vector>

namespace agentlens::rules::secretdeploy {
namespace {

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// The words of a file name or key: `docker-compose.prod.yml` -> {docker, compose, prod, yml}.
std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      cur += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!cur.empty()) {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

bool hasWord(const std::vector<std::string>& ws, std::initializer_list<std::string_view> any) {
  for (const auto& w : ws)
    for (std::string_view a : any)
      if (w == a) return true;
  return false;
}

std::string_view baseName(std::string_view path) {
  auto s = path.find_last_of('/');
  return s == std::string_view::npos ? path : path.substr(s + 1);
}

}  // namespace

bool isComposeFile(std::string_view path) {
  std::string name = lower(baseName(path));
  bool yaml = name.ends_with(".yml") || name.ends_with(".yaml");
  return yaml && (name.starts_with("docker-compose") || name.starts_with("compose") || name.starts_with("docker-stack"));
}

Use useOf(std::string_view path) {
  std::string name = lower(baseName(path));
  auto ws = words(name);
  if (hasWord(ws, {"prod", "production", "stack", "live"})) return Use::Production;
  // Helm renders the chart's values into the cluster unless an install overrides them.
  bool yaml = name.ends_with(".yml") || name.ends_with(".yaml");
  std::string lp = lower(path);
  if (yaml && (name == "values.yaml" || name == "values.yml" ||
               (name.starts_with("values") && (lp.find("helm/") != std::string::npos ||
                                               lp.find("charts/") != std::string::npos))))
    return Use::Production;
  if (hasWord(ws, {"dev", "development", "local", "localhost", "devcontainer"})) return Use::LocalDev;
  if (isComposeFile(path)) return Use::LocalDev;  // the production compose file names itself (above)
  return Use::Other;
}

bool isDatastorePassword(std::string_view key) {
  auto ws = words(key);
  // Split camelCase too: dbPassword -> db, password.
  std::string spaced;
  for (std::size_t i = 0; i < key.size(); ++i) {
    if (i && std::isupper(static_cast<unsigned char>(key[i])) && std::islower(static_cast<unsigned char>(key[i - 1])))
      spaced += ' ';
    spaced += key[i];
  }
  ws = words(spaced);
  bool password = hasWord(ws, {"password", "passwd", "pass", "pwd"});
  bool store = hasWord(ws, {"postgres", "postgresql", "pg", "mysql", "mariadb", "mongo", "mongodb", "initdb",
                            "rabbitmq", "influxdb", "redis", "minio", "elastic", "db", "database", "pgadmin"});
  return password && store;
}

}  // namespace agentlens::rules::secretdeploy
