// The configuration-file half of hardcoded-secret. These files have no syntax tree: a line scanner
// reads `key: value`, `key = value`, `KEY=value` and `"key": "value"` forms.
#include "rules/security/hardcoded_secret_config.hpp"

#include <algorithm>
#include <cctype>

#include "rules/common/secrets.hpp"
#include "rules/common/security.hpp"
#include "rules/security/hardcoded_secret_deploy.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

struct KeyValue {
  std::string_view key;
  std::uint32_t valueStart = 0, valueEnd = 0;  // bytes of the value (unquoted)
};

bool isLockfile(std::string_view name) {
  for (std::string_view n : {"package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "yarn.lock",
                             "composer.lock", "gemfile.lock", "cargo.lock", "poetry.lock", "pipfile.lock",
                             "bun.lock", "uv.lock", "deno.lock", "flake.lock", "go.sum"})
    if (name == n) return true;
  return name.ends_with(".lock") || name.ends_with("-lock.json") || name.ends_with("-lock.yaml");
}

bool isExampleFile(std::string_view name) {
  for (std::string_view w : {".example", ".sample", ".template", ".dist", ".tmpl", "example.", "sample."})
    if (name.find(w) != std::string_view::npos) return true;
  return false;
}

/// Parses one line into a key and a value range; `base` is the line's offset in the file.
std::optional<KeyValue> parseLine(std::string_view line, std::uint32_t base, Lang lang) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i < line.size() && line[i] == '-' && i + 1 < line.size() && line[i + 1] == ' ') i += 2;  // YAML list item
  if (line.substr(i).starts_with("export ")) i += 7;
  std::size_t keyStart = i;
  char kq = 0;
  if (i < line.size() && (line[i] == '"' || line[i] == '\'')) {
    kq = line[i];
    auto close = line.find(kq, i + 1);
    if (close == std::string_view::npos) return std::nullopt;
    i = close + 1;
  } else {
    while (i < line.size() && (std::isalnum(static_cast<unsigned char>(line[i])) || line[i] == '_' ||
                               line[i] == '-' || line[i] == '.'))
      ++i;
  }
  std::string_view key = line.substr(keyStart, i - keyStart);
  if (kq) key = key.substr(1, key.size() - 2);
  while (i < line.size() && line[i] == ' ') ++i;
  if (key.empty() || i >= line.size() || (line[i] != ':' && line[i] != '=')) return std::nullopt;
  if (line[i] == ':' && lang == Lang::DotEnv) return std::nullopt;
  ++i;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i >= line.size()) return std::nullopt;
  std::size_t vs = i, ve;
  char q = line[i];
  if (q == '"' || q == '\'' || q == '`') {
    auto close = line.find(q, i + 1);
    while (close != std::string_view::npos && q == '"' && line[close - 1] == '\\') close = line.find(q, close + 1);
    if (close == std::string_view::npos) return std::nullopt;
    vs = i + 1;
    ve = close;
  } else {
    if (lang == Lang::Json) return std::nullopt;  // numbers, objects, booleans
    ve = line.size();
    auto hash = line.find(" #", vs);
    if (hash != std::string_view::npos) ve = hash;
    while (ve > vs && (line[ve - 1] == ' ' || line[ve - 1] == '\r' || line[ve - 1] == ',')) --ve;
    std::string_view v = line.substr(vs, ve - vs);
    if (v == "|" || v == ">" || v == "|-" || v == ">-" || v.starts_with("!") || v.starts_with("[") ||
        v.starts_with("{") || v.starts_with("&") || v.starts_with("*"))
      return std::nullopt;
  }
  return KeyValue{key, base + static_cast<std::uint32_t>(vs), base + static_cast<std::uint32_t>(ve)};
}

/// Local-development defaults every compose file uses (gitleaks' stopwords in spirit).
bool wellKnownDefault(std::string_view v) {
  std::string l = sec::lowerCopy(v);
  for (std::string_view w : {"postgres", "postgresql", "mysql", "root", "admin", "password", "secret", "redis",
                             "guest", "rabbitmq", "mongo", "mongodb", "changeit", "minioadmin", "localdev",
                             "development", "devpassword"})
    if (l == w) return true;
  return false;
}

/// The key a line starts with (`example:`, `"examples": {`), unquoted; empty when none.
std::string_view leadingKey(std::string_view trimmed) {
  std::size_t i = 0;
  if (!trimmed.empty() && (trimmed[0] == '"' || trimmed[0] == '\'')) ++i;
  std::size_t start = i;
  while (i < trimmed.size() && (std::isalnum(static_cast<unsigned char>(trimmed[i])) || trimmed[i] == '_' ||
                                trimmed[i] == '-'))
    ++i;
  return trimmed.substr(start, i - start);
}

/// OpenAPI and JSON Schema documents show sample payloads under `example:`/`examples:`: a token
/// or password there documents the shape of a request or response, it does not configure one.
class SampleBlocks {
 public:
  /// Whether a line indented by `indent` lies in a sample (or is a one-line sample); opens and
  /// closes blocks as the indentation goes.
  bool inSample(std::string_view trimmed, std::size_t indent) {
    if (open_ && indent <= indent_) open_ = false;
    if (open_) return true;
    std::string_view key = leadingKey(trimmed);
    if (key != "example" && key != "examples" && key != "x-example") return false;
    auto colon = trimmed.find(':', key.size());
    if (colon == std::string_view::npos) return false;
    std::string_view rest = trimmed.substr(colon + 1);
    rest = rest.substr(std::min(rest.find_first_not_of(" \t\r"), rest.size()));
    if (rest.empty() || rest == "{" || rest == "[" || rest == "|" || rest == ">" || rest == "|-" || rest == ">-") {
      open_ = true;
      indent_ = indent;
    }
    return true;
  }

 private:
  bool open_ = false;
  std::size_t indent_ = 0;
};

/// What kind of configuration file is scanned: it decides the message and how a value is read.
struct FileKind {
  bool example = false;       ///< `.env.example`, `config.sample.yaml`: placeholders expected
  bool envFile = false;       ///< a dotenv file
  bool test = false;          ///< a test fixture
  bool translations = false;  ///< a translation catalogue: "password" keys hold labels
  secretdeploy::Use use = secretdeploy::Use::Other;
  bool compose = false;       ///< a compose file
};

core::Finding& report(RuleContext& ctx, core::ByteRange r, const std::string& what, bool provider,
                      const FileKind& kind) {
  auto src = ctx.source();
  std::string masked = core::maskSecret(src.substr(r.start, r.end - r.start));
  std::string msg;
  if (kind.example)
    msg = (provider ? what + " in an example file" : "value for " + what + " in an example file") + " (`" +
          masked + "`) looks real: replace it with a placeholder, and rotate it if it is a live credential";
  else if (kind.envFile)
    msg = (provider ? what : "secret in " + what) + " in a .env file (`" + masked +
          "`): keep .env files out of version control (.gitignore) and rotate the key if it was committed";
  else if (ctx.lang() == Lang::Ini)
    // configparser has no `${VAR}`: environment values come in as interpolation defaults.
    msg = (provider ? what + " hardcoded" : "hardcoded secret in " + what) + " (`" + masked +
          "`): read it from the environment (e.g. `%(DB_PASSWORD)s` with os.environ as the parser's defaults) "
          "and rotate it";
  else
    msg = (provider ? what + " hardcoded" : "hardcoded secret in " + what) + " (`" + masked +
          "`): reference it from the environment or a secret store (`${VAR}`) and rotate it";
  core::Finding& f = ctx.report(r, msg);
  f.sensitive = r;
  if (!provider) {
    f.severity = core::Severity::High;
    f.confidence = core::Confidence::Medium;
  }
  if (kind.envFile) f.confidence = core::Confidence::Medium;
  if (kind.example || kind.test) f.severity = core::Severity::Low;
  return f;
}

/// One pass over a configuration file, line by line.
class ConfigScanner {
 public:
  ConfigScanner(RuleContext& ctx, FileKind kind) : ctx_(ctx), kind_(kind) {}

  void run() {
    auto src = ctx_.source();
    std::uint32_t pos = 0;
    while (pos < src.size()) {
      auto nl = src.find('\n', pos);
      auto end = static_cast<std::uint32_t>(nl == std::string_view::npos ? src.size() : nl);
      pos = std::max(end + 1, scanLine(src.substr(pos, end - pos), pos));
    }
  }

 private:
  /// Scans one line starting at byte `base`; returns where scanning resumes (past a PEM block).
  std::uint32_t scanLine(std::string_view line, std::uint32_t base) {
    auto src = ctx_.source();
    std::size_t indent = std::min(line.find_first_not_of(" \t"), line.size());
    std::string_view trimmed = line.substr(indent);
    if (trimmed.empty() || trimmed.starts_with("#") || trimmed.starts_with("//") || trimmed.starts_with(";"))
      return 0;
    bool sample = samples_.inSample(trimmed, indent);
    // PEM private keys: the header is conclusive, the block runs to its END line.
    if (auto b = line.find("-----BEGIN "); b != std::string_view::npos && line.find("PRIVATE KEY") != std::string_view::npos) {
      auto m = secrets::findProviderKey(src.substr(base + b));
      if (!m) return 0;
      if (kind_.test) return m->length + base + b;  // a test's TLS or signing fixture key
      core::ByteRange r{static_cast<std::uint32_t>(base + b), static_cast<std::uint32_t>(base + b + m->length)};
      report(ctx_, r, "private key (PEM)", true, kind_);
      return r.end;
    }
    auto kv = parseLine(line, base, ctx_.lang());
    std::string_view value = kv ? src.substr(kv->valueStart, kv->valueEnd - kv->valueStart) : line;
    std::uint32_t valueBase = kv ? kv->valueStart : base;
    if (auto m = secrets::findProviderKey(value)) {
      // A sample token in API documentation shows a response's shape; other provider keys are
      // reported wherever they are.
      if (sample && m->provider == "JSON Web Token") return 0;
      core::ByteRange r{valueBase + static_cast<std::uint32_t>(m->offset),
                        valueBase + static_cast<std::uint32_t>(m->offset + m->length)};
      providerKey(r, *m);
      return 0;
    }
    if (kv) credentialValue(*kv, value, sample);
    return 0;
  }

  void providerKey(core::ByteRange r, const secrets::ProviderMatch& m) {
    auto& f = report(ctx_, r, std::string(m.provider), true, kind_);
    if (m.publishable) {
      f.severity = core::Severity::Info;
      f.message = std::string(m.provider) + " in configuration (`" +
                  core::maskSecret(ctx_.source().substr(r.start, r.end - r.start)) +
                  "`): publishable keys are meant to be public";
    } else if (m.provider == "JSON Web Token" && f.severity == core::Severity::Critical) {
      f.severity = core::Severity::High;
    }
  }

  /// A value under a credential-like key (or a Kubernetes/compose `- name: X` + `value: …` pair).
  void credentialValue(const KeyValue& kv, std::string_view value, bool sample) {
    std::string_view key = kv.key;
    if (key == "name") {
      prevNameValue_ = value;
      return;
    }
    if (key == "value" && !prevNameValue_.empty()) key = prevNameValue_;
    prevNameValue_ = {};
    // Test fixtures log test users in: only provider-shaped keys count there.
    if (kind_.test || kind_.translations || sample) return;
    // Helm's `existingSecret: shop-db` names a Kubernetes Secret object, it holds no value.
    if (!secrets::isCredentialName(key) || sec::lowerCopy(key).starts_with("existing")) return;
    if (kind_.use == secretdeploy::Use::Production && ctx_.lang() == Lang::Yaml && deployedDefault(key, value)) {
      auto& f = report(ctx_, {kv.valueStart, kv.valueEnd}, "`" + std::string(key) + "`", false, kind_);
      f.message += " (a deploy file: every install that does not override it runs with this value)";
      return;
    }
    // Development set-up: a development config file's values are the developer's, and a local
    // compose file initialises its database containers with throwaway passwords.
    if (kind_.use == secretdeploy::Use::LocalDev && (!kind_.compose || secretdeploy::isDatastorePassword(key))) return;
    if (secrets::notASecret(key, value) || wellKnownDefault(value)) return;
    // In an example file a value in plain words says what goes there (`email-server-password`).
    if (kind_.example && secrets::isDescriptivePlaceholder(value)) return;
    report(ctx_, {kv.valueStart, kv.valueEnd}, "`" + std::string(key) + "`", false, kind_);
  }

  /// In a manifest that deploys (Helm values, a stack or production compose file), a signing key
  /// or a datastore password is used as written, however placeholder-like or well known
  /// (`your-secret-key`, `postgres`): only templating is exempt. Production `.env`/`.ini` files
  /// are templates filled at deploy time, judged by the value as elsewhere.
  static bool deployedDefault(std::string_view key, std::string_view value) {
    if (secrets::isTemplated(value) || value.size() < 4) return false;
    if (!secrets::isSigningKeyName(key) && !secretdeploy::isDatastorePassword(key)) return false;
    std::string l = sec::lowerCopy(value);
    return l != "null" && l != "none" && !l.starts_with("<");
  }

  RuleContext& ctx_;
  FileKind kind_;
  SampleBlocks samples_;
  std::string_view prevNameValue_;
};

}  // namespace

void scanConfigForSecrets(RuleContext& ctx) {
  std::string_view path = ctx.file().path;
  auto slash = path.find_last_of('/');
  std::string name = sec::lowerCopy(slash == std::string_view::npos ? path : path.substr(slash + 1));
  if (isLockfile(name) || ctx.facts().role == core::FileRole::Generated) return;
  FileKind kind{.example = isExampleFile(name),
                .envFile = ctx.lang() == Lang::DotEnv,
                .test = ctx.facts().role == core::FileRole::Test,
                .use = secretdeploy::useOf(path),
                .compose = secretdeploy::isComposeFile(path)};
  for (std::string_view seg : {"locales/", "locale/", "i18n/", "translations/", "lang/", "messages/"})
    if (path.find(seg) != std::string_view::npos) kind.translations = true;
  ConfigScanner(ctx, kind).run();
}

}  // namespace agentlens::rules
