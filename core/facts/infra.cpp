// Infra readers: line parsers for Dockerfile, .env, Procfile, requirements and go.mod; a small
// JSON reader for package.json; YAML manifests through the structured reader in yaml_doc.hpp.
#include "core/facts/infra.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>

#include "core/facts/yaml_doc.hpp"

namespace agentlens::core {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lowerStr(std::string_view s) {
  std::string o(s);
  for (char& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return o;
}

std::string baseName(std::string_view path) {
  auto slash = path.find_last_of('/');
  return lowerStr(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

struct Line {
  std::string_view text;
  std::uint32_t line;
};

std::vector<Line> splitLines(std::string_view src) {
  std::vector<Line> out;
  std::uint32_t n = 0;
  std::size_t pos = 0;
  while (pos <= src.size()) {
    auto nl = src.find('\n', pos);
    auto l = src.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    out.push_back({l, n++});
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return out;
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t j = i;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// ---- Dockerfile --------------------------------------------------------------------------------

/// FROM: a new stage; `FROM base AS name` records the alias so a later `FROM name` resolves to
/// the base image.
void dockerFrom(DockerfileInfo& d, std::map<std::string, std::string>& stages, const std::vector<std::string_view>& ws,
                std::uint32_t line) {
  std::string image;
  for (std::size_t i = 0; i < ws.size(); ++i) {
    if (ws[i].starts_with("--")) continue;
    image = std::string(ws[i]);
    if (i + 2 < ws.size() && lowerStr(ws[i + 1]) == "as") stages[lowerStr(ws[i + 2])] = image;
    break;
  }
  if (auto it = stages.find(lowerStr(image)); it != stages.end() && it->second != image) image = it->second;
  d.baseImages.push_back(image);
  d.lastFromLine = line;
  d.user.clear();
  d.userLine = 0;
  d.healthcheck = d.healthcheck;  // HEALTHCHECK is inherited from earlier instructions only within a stage
}

/// COPY/ADD: the whole build context, or an .env file.
void dockerCopy(DockerfileInfo& d, const std::vector<std::string_view>& ws) {
  std::vector<std::string_view> paths;
  for (auto w : ws)
    if (!w.starts_with("--")) paths.push_back(w);
  for (std::size_t i = 0; i + 1 < paths.size(); ++i) {
    if (paths[i] == "." || paths[i] == "./") d.copiesContext = true;
    auto base = paths[i].substr(paths[i].find_last_of('/') == std::string_view::npos ? 0 : paths[i].find_last_of('/') + 1);
    if (base == ".env" || base.starts_with(".env.") || base == "*.env") d.copiesEnvFile = true;
  }
}

void dockerExpose(DockerfileInfo& d, const std::vector<std::string_view>& ws) {
  for (auto w : ws) {
    int port = 0;
    bool ok = !w.empty();
    for (char c : w.substr(0, w.find('/'))) {
      if (c < '0' || c > '9') { ok = false; break; }
      port = port * 10 + (c - '0');
    }
    if (ok) d.exposedPorts.push_back(port);
  }
}

/// RUN: `npm install`, and `pip install` of a package without a pinned version.
void dockerRun(DockerfileInfo& d, std::string_view args) {
  auto l = lowerStr(args);
  if (l.find("npm install") != std::string::npos || l.find("npm i ") != std::string::npos) d.npmInstall = true;
  for (std::size_t pos = l.find("pip install"); pos != std::string::npos; pos = l.find("pip install", pos + 1)) {
    auto rest = std::string_view(l).substr(pos + 11);
    rest = rest.substr(0, rest.find_first_of("&;|"));
    bool skipNext = false;
    for (auto w : words(rest)) {
      if (skipNext) { skipNext = false; continue; }
      if (w == "-r" || w == "-c" || w == "--requirement" || w == "-e" || w == "--index-url" || w == "-i") {
        skipNext = true;
        continue;
      }
      if (w.starts_with("-") || w == "." || w.find("==") != std::string_view::npos || w.ends_with(".whl") ||
          w.find('/') != std::string_view::npos)
        continue;
      d.unpinnedPipInstall = true;
    }
  }
}

/// One logical instruction (continuation lines joined) starting on `line`.
void dockerInstruction(DockerfileInfo& d, std::map<std::string, std::string>& stages, Facts& f, std::string_view stmt,
                       std::uint32_t line) {
  stmt = trim(stmt);
  if (stmt.empty() || stmt.front() == '#') return;
  auto sp = stmt.find_first_of(" \t");
  std::string instr = sp == std::string_view::npos ? std::string(stmt) : std::string(stmt.substr(0, sp));
  for (char& c : instr) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string_view args = sp == std::string_view::npos ? std::string_view() : trim(stmt.substr(sp));
  auto ws = words(args);
  if (instr == "FROM") {
    dockerFrom(d, stages, ws, line);
  } else if (instr == "USER") {
    d.user = ws.empty() ? "" : std::string(ws[0]);
    d.userLine = line;
  } else if (instr == "HEALTHCHECK") {
    d.healthcheck = !(ws.size() == 1 && lowerStr(ws[0]) == "none");
  } else if (instr == "CMD" || instr == "ENTRYPOINT") {
    bool exec = !args.empty() && args.front() == '[';
    if (!exec) d.cmdExecForm = false;
    d.hasCmd = true;
    d.cmdLine = line;
    auto l = lowerStr(args);
    if (instr == "ENTRYPOINT" && (l.find("tini") != std::string::npos || l.find("dumb-init") != std::string::npos))
      d.usesInit = true;
    f.commands.push_back({"dockerfile:" + instr, std::string(args), line});
  } else if (instr == "ENV") {
    if (args.find('=') != std::string_view::npos) {
      for (auto w : ws)
        if (auto eq = w.find('='); eq != std::string_view::npos && eq > 0) d.envKeys.emplace_back(w.substr(0, eq));
    } else if (!ws.empty()) {
      d.envKeys.emplace_back(ws[0]);
    }
  } else if (instr == "ARG") {
    if (!ws.empty()) d.argKeys.emplace_back(ws[0].substr(0, ws[0].find('=')));
  } else if (instr == "COPY" || instr == "ADD") {
    dockerCopy(d, ws);
  } else if (instr == "EXPOSE") {
    dockerExpose(d, ws);
  } else if (instr == "RUN") {
    dockerRun(d, args);
  } else if (instr == "STOPSIGNAL") {
    if (!ws.empty()) d.stopSignal = std::string(ws[0]);
  }
}

void readDockerfile(std::string_view src, Facts& f) {
  DockerfileInfo d;
  std::map<std::string, std::string> stages;  // alias -> base image
  auto lines = splitLines(src);
  std::string logical;
  std::uint32_t start = 0;
  for (const auto& l : lines) {
    auto t = l.text;
    if (logical.empty()) {
      auto tt = trim(t);
      if (tt.starts_with('#')) continue;  // comments (also inside continuations are skipped below)
      start = l.line;
    } else if (trim(t).starts_with('#')) {
      continue;
    }
    auto tr = t;
    while (!tr.empty() && (tr.back() == ' ' || tr.back() == '\t')) tr.remove_suffix(1);
    if (!tr.empty() && tr.back() == '\\') {
      logical += std::string(tr.substr(0, tr.size() - 1));
      logical += ' ';
      continue;
    }
    logical += std::string(t);
    dockerInstruction(d, stages, f, logical, start);
    logical.clear();
  }
  if (!logical.empty()) dockerInstruction(d, stages, f, logical, start);
  f.dockerfile = std::move(d);
}

// ---- line formats --------------------------------------------------------------------------------

void readDotEnv(std::string_view src, Facts& f) {
  for (const auto& l : splitLines(src)) {
    auto t = trim(l.text);
    if (t.empty() || t.front() == '#') continue;
    if (t.starts_with("export ")) t = trim(t.substr(7));
    auto eq = t.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    auto key = trim(t.substr(0, eq));
    if (std::all_of(key.begin(), key.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }))
      f.envKeys.emplace_back(key);
  }
}

void readProcfile(std::string_view src, Facts& f) {
  for (const auto& l : splitLines(src)) {
    auto t = trim(l.text);
    if (t.empty() || t.front() == '#') continue;
    auto colon = t.find(':');
    if (colon == std::string_view::npos) continue;
    f.commands.push_back({"procfile:" + std::string(trim(t.substr(0, colon))), std::string(trim(t.substr(colon + 1))), l.line});
  }
}

void addDep(Facts& f, std::string name, std::string spec, bool dev, std::uint32_t line) {
  if (name.empty()) return;
  f.dependencies.push_back(name);
  f.deps.push_back({std::move(name), std::move(spec), dev, line});
}

void readRequirements(std::string_view src, Facts& f) {
  for (const auto& l : splitLines(src)) {
    auto t = l.text.substr(0, l.text.find(" #"));
    t = trim(t);
    if (t.empty() || t.front() == '#' || t.front() == '-') continue;
    auto end = t.find_first_of("=<>!~[; @");
    std::string name(trim(t.substr(0, end)));
    std::string spec = end == std::string_view::npos ? "" : std::string(trim(t.substr(end)));
    if (!spec.empty() && spec.front() == '[') spec = spec.substr(std::min(spec.size(), spec.find(']') + 1));
    addDep(f, lowerStr(name), std::string(trim(spec)), false, l.line);
  }
}

void readGoMod(std::string_view src, Facts& f) {
  bool block = false;
  for (const auto& l : splitLines(src)) {
    auto t = trim(l.text.substr(0, l.text.find("//")));
    if (t.empty()) continue;
    if (block) {
      if (t == ")") { block = false; continue; }
      auto ws = words(t);
      if (ws.size() >= 2) addDep(f, std::string(ws[0]), std::string(ws[1]), false, l.line);
      continue;
    }
    if (t == "require (") { block = true; continue; }
    if (t.starts_with("require ")) {
      auto ws = words(t.substr(8));
      if (ws.size() >= 2) addDep(f, std::string(ws[0]), std::string(ws[1]), false, l.line);
    }
  }
}

void readPyproject(std::string_view src, Facts& f) {
  std::string section;
  bool inDeps = false;
  for (const auto& l : splitLines(src)) {
    auto t = trim(l.text);
    if (t.starts_with('[') && !inDeps) {
      section = std::string(t);
      if (section.starts_with("[tool.pytest")) f.testRunnerConfig = true;
      continue;
    }
    if (inDeps) {
      if (t.starts_with(']')) { inDeps = false; continue; }
      auto q = t.find_first_of("\"'");
      if (q == std::string_view::npos) continue;
      auto e = t.find(t[q], q + 1);
      auto spec = t.substr(q + 1, e == std::string_view::npos ? std::string_view::npos : e - q - 1);
      auto end = spec.find_first_of("=<>!~[; @");
      addDep(f, lowerStr(trim(spec.substr(0, end))), end == std::string_view::npos ? "" : std::string(trim(spec.substr(end))),
             false, l.line);
      continue;
    }
    if (section == "[project]" && t.starts_with("dependencies") && t.find('[') != std::string_view::npos &&
        t.find(']') == std::string_view::npos)
      inDeps = true;
    if (section == "[tool.poetry.dependencies]" || section == "[tool.poetry.group.dev.dependencies]") {
      auto eq = t.find('=');
      if (eq != std::string_view::npos && !t.starts_with('#')) {
        auto name = lowerStr(trim(t.substr(0, eq)));
        if (name != "python") addDep(f, name, std::string(trim(t.substr(eq + 1))), section.find("dev") != std::string::npos, l.line);
      }
    }
  }
}

// ---- JSON (package.json) ---------------------------------------------------------------------------

/// A minimal JSON reader: enough for manifests (objects, arrays, strings, scalars), positions
/// kept as lines. Malformed input yields whatever was read before the error.
struct JsonValue {
  enum class Kind { Null, Scalar, String, Array, Object } kind = Kind::Null;
  std::string str;
  std::vector<std::pair<std::string, std::unique_ptr<JsonValue>>> members;  // objects
  std::vector<std::unique_ptr<JsonValue>> items;                            // arrays
  std::uint32_t line = 0;
  const JsonValue* get(std::string_view key) const {
    for (const auto& [k, v] : members)
      if (k == key) return v.get();
    return nullptr;
  }
};

class JsonReader {
 public:
  explicit JsonReader(std::string_view s) : s_(s) {}
  std::unique_ptr<JsonValue> parse(int depth = 0) {
    ws();
    auto v = std::make_unique<JsonValue>();
    v->line = line_;
    if (i_ >= s_.size() || depth > 64) return v;
    char c = s_[i_];
    if (c == '{') {
      v->kind = JsonValue::Kind::Object;
      ++i_;
      for (;;) {
        ws();
        if (i_ >= s_.size()) return v;
        if (s_[i_] == '}') { ++i_; return v; }
        if (s_[i_] == ',') { ++i_; continue; }
        if (s_[i_] != '"') return v;
        std::string key = str();
        ws();
        if (i_ >= s_.size() || s_[i_] != ':') return v;
        ++i_;
        v->members.emplace_back(std::move(key), parse(depth + 1));
      }
    }
    if (c == '[') {
      v->kind = JsonValue::Kind::Array;
      ++i_;
      for (;;) {
        ws();
        if (i_ >= s_.size()) return v;
        if (s_[i_] == ']') { ++i_; return v; }
        if (s_[i_] == ',') { ++i_; continue; }
        auto before = i_;
        v->items.push_back(parse(depth + 1));
        if (i_ == before) return v;
      }
    }
    if (c == '"') {
      v->kind = JsonValue::Kind::String;
      v->str = str();
      return v;
    }
    v->kind = JsonValue::Kind::Scalar;
    while (i_ < s_.size() && s_[i_] != ',' && s_[i_] != '}' && s_[i_] != ']' && !std::isspace(static_cast<unsigned char>(s_[i_])))
      v->str += s_[i_++];
    return v;
  }

 private:
  void ws() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) {
      if (s_[i_] == '\n') ++line_;
      ++i_;
    }
  }
  std::string str() {
    std::string out;
    ++i_;  // opening quote
    while (i_ < s_.size() && s_[i_] != '"') {
      if (s_[i_] == '\\' && i_ + 1 < s_.size()) {
        char e = s_[++i_];
        out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
        ++i_;
        continue;
      }
      if (s_[i_] == '\n') ++line_;
      out += s_[i_++];
    }
    ++i_;
    return out;
  }
  std::string_view s_;
  std::size_t i_ = 0;
  std::uint32_t line_ = 0;
};

void readPackageJson(std::string_view src, Facts& f) {
  JsonReader r(src);
  auto root = r.parse();
  if (root->kind != JsonValue::Kind::Object) return;
  if (const auto* scripts = root->get("scripts"); scripts && scripts->kind == JsonValue::Kind::Object)
    for (const auto& [k, v] : scripts->members)
      if (v->kind == JsonValue::Kind::String) f.commands.push_back({"package.json:" + k, v->str, v->line});
  for (auto [section, dev] : {std::pair{"dependencies", false}, {"devDependencies", true}, {"peerDependencies", false}})
    if (const auto* deps = root->get(section); deps && deps->kind == JsonValue::Kind::Object)
      for (const auto& [k, v] : deps->members) addDep(f, k, v->str, dev, v->line);
  if (root->get("jest") || root->get("vitest")) f.testRunnerConfig = true;
}

bool isLockfile(std::string_view name) {
  for (auto n : {"package-lock.json", "yarn.lock", "pnpm-lock.yaml", "bun.lockb", "bun.lock", "poetry.lock", "uv.lock",
                 "pipfile.lock", "pdm.lock", "go.sum", "npm-shrinkwrap.json"})
    if (name == n) return true;
  return false;
}

}  // namespace

std::string infraKindOfPath(std::string_view path) {
  std::string name = baseName(path);
  std::string p = lowerStr(path);
  if (isLockfile(name)) return "lockfile";
  if (name == "dockerfile" || name.starts_with("dockerfile.") || name.ends_with(".dockerfile") || name == "containerfile")
    return "dockerfile";
  if (name == ".dockerignore") return "dockerignore";
  if (name == "procfile") return "procfile";
  if (name == ".env" || name.starts_with(".env.") || name.ends_with(".env")) return "dotenv";
  if (name.starts_with("requirements") && name.ends_with(".txt")) return "requirements";
  if (name == "go.mod") return "go.mod";
  if (name == "package.json") return "package.json";
  if (name == "pyproject.toml") return "pyproject";
  if (name == "pytest.ini" || name == "tox.ini") return "test-config";
  if (name == "jenkinsfile" || name == ".gitlab-ci.yml" || name == "azure-pipelines.yml" ||
      name == "bitbucket-pipelines.yml" || name == ".drone.yml" || p.find(".circleci/") != std::string::npos ||
      p.find(".buildkite/") != std::string::npos)
    return name == ".gitlab-ci.yml" ? "gitlab-ci" : "ci";
  if (p.find(".github/workflows/") != std::string::npos) return "github-actions";
  if (name == "dependabot.yml" || name == "renovate.json" || name == ".renovaterc" || name == "renovate.json5")
    return "dependency-updates";
  if (name == "fly.toml" || name == "render.yaml" || name == "app.yaml" || name == "railway.json" ||
      name == "vercel.json" || name == "netlify.toml" || name == "serverless.yml" || name == "serverless.yaml" ||
      name == "railway.toml" || name == "app.json")
    return "deploy";
  if (name.starts_with("docker-compose") || name.starts_with("compose.") || name == "compose.yml" || name == "compose.yaml")
    return "compose";
  return "";
}

void readInfraFile(const ParsedFile& file, Facts& f) {
  auto kind = infraKindOfPath(file.path);
  auto src = file.source();
  if (kind.empty() && (file.lang == Lang::Yaml)) kind = "yaml";
  f.infraKind = kind;
  if (kind == "dockerfile") readDockerfile(src, f);
  else if (kind == "dotenv") readDotEnv(src, f);
  else if (kind == "procfile") readProcfile(src, f);
  else if (kind == "requirements") readRequirements(src, f);
  else if (kind == "go.mod") readGoMod(src, f);
  else if (kind == "pyproject") readPyproject(src, f);
  else if (kind == "package.json") readPackageJson(src, f);
  else if (kind == "test-config") f.testRunnerConfig = true;
  else if (kind == "dockerignore") {
    for (const auto& l : splitLines(src)) {
      auto t = trim(l.text);
      if (!t.empty() && t.front() != '#') f.ignorePatterns.emplace_back(t);
    }
  } else if (file.lang == Lang::Yaml) {
    readYamlFacts(file.path, src, kind, f);
  }
}

}  // namespace agentlens::core
