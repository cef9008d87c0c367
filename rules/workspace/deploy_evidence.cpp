#include "rules/workspace/deploy_evidence.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "core/text/path_text.hpp"

namespace agentlens::rules {
namespace {

std::vector<std::string> splitOn(std::string_view s, std::string_view seps) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (seps.find(c) != std::string_view::npos) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

/// `dir/./ctx/../Dockerfile` -> `dir/Dockerfile` (relative paths inside the repository).
std::string normalise(std::string_view path) {
  std::vector<std::string> parts;
  for (auto& seg : splitOn(path, "/")) {
    if (seg == ".") continue;
    if (seg == ".." && !parts.empty()) parts.pop_back();
    else parts.push_back(seg);
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::vector<std::string_view> lines(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto nl = text.find('\n', start);
    auto line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

std::size_t indentOf(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  return i;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// `key: value` of a YAML mapping line (comments and quotes dropped).
std::pair<std::string, std::string> keyValue(std::string_view line) {
  line = trimmed(line);
  if (line.starts_with("- ")) return {};
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return {};
  std::string_view value = trimmed(line.substr(colon + 1));
  if (auto hash = value.find(" #"); hash != std::string_view::npos) value = trimmed(value.substr(0, hash));
  if (value.starts_with('#')) value = {};
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
    value = value.substr(1, value.size() - 2);
  return {std::string(trimmed(line.substr(0, colon))), std::string(value)};
}

}  // namespace

std::string composePathKey(std::string_view path) { return normalise(path); }

std::optional<std::uint32_t> finalStageContextCopy(std::string_view dockerfile) {
  std::optional<std::uint32_t> copy;
  auto ls = lines(dockerfile);
  for (std::uint32_t i = 0; i < ls.size(); ++i) {
    auto t = trimmed(ls[i]);
    std::string head = core::text::asciiLower(t.substr(0, std::min<std::size_t>(t.size(), 5)));
    if (head.starts_with("from ")) {
      copy.reset();
      continue;
    }
    bool add = head.starts_with("add ");
    if (!head.starts_with("copy ") && !add) continue;
    std::vector<std::string> args;
    for (auto& w : splitOn(t.substr(add ? 4 : 5), " \t"))
      if (!w.starts_with("--")) args.push_back(w);
    for (std::size_t k = 0; k + 1 < args.size(); ++k)
      if ((args[k] == "." || args[k] == "./") && !copy) copy = i;
  }
  return copy;
}

std::vector<ComposeBuild> composeBuilds(std::string_view path, std::string_view text) {
  auto slash = path.find_last_of('/');
  std::string dir = slash == std::string_view::npos ? "" : std::string(path.substr(0, slash + 1));
  struct Raw {
    std::string name, context, dockerfile, healthTest;
    bool build = false, healthcheck = false;
    std::uint32_t healthTestLine = 0, buildLine = 0;
  };
  std::vector<Raw> raw;
  bool inServices = false, inBuild = false, inHealth = false;
  std::size_t serviceIndent = 0, propIndent = 0;
  auto all = lines(text);
  for (std::uint32_t n = 0; n < all.size(); ++n) {
    auto line = all[n];
    auto t = trimmed(line);
    if (t.empty() || t.starts_with('#')) continue;
    std::size_t ind = indentOf(line);
    auto [key, value] = keyValue(line);
    if (ind == 0) {
      inServices = key == "services";
      serviceIndent = propIndent = 0;
      continue;
    }
    if (!inServices || key.empty()) continue;
    if (serviceIndent == 0) serviceIndent = ind;
    if (ind == serviceIndent) {
      raw.push_back({key, "", "", "", false, false, 0, 0});
      propIndent = 0;
      inBuild = inHealth = false;
      continue;
    }
    if (raw.empty() || ind < serviceIndent) continue;
    if (propIndent == 0) propIndent = ind;
    Raw& s = raw.back();
    if (ind == propIndent) {
      inBuild = key == "build";
      if (inBuild) {
        s.build = true;
        s.buildLine = n;
        s.context = value.empty() ? "." : value;
      }
      if (key == "healthcheck") s.healthcheck = true;
      inHealth = key == "healthcheck";
    } else if (inHealth && key == "test" && !value.empty()) {
      s.healthTest = value;
      s.healthTestLine = n;
    } else if (inBuild && ind > propIndent) {
      if (key == "context") s.context = value;
      if (key == "dockerfile") s.dockerfile = value;
    }
  }
  std::vector<ComposeBuild> out;
  for (const auto& r : raw)
    if (r.build) {
      std::string file = r.dockerfile.empty() ? "Dockerfile" : r.dockerfile;
      out.push_back({r.name, normalise(dir + r.context + "/" + file), r.healthcheck, r.healthTest, r.healthTestLine, r.buildLine});
    }
  return out;
}

bool composeHealthchecks(const WorkspaceView& view, std::string_view dockerfilePath) {
  std::string want = normalise(dockerfilePath);
  for (const auto* f : view.index().filesOfKind("compose")) {
    auto text = view.read(f->path);
    if (!text) continue;
    for (const auto& b : composeBuilds(f->path, *text))
      if (b.healthcheck && b.dockerfile == want) return true;
  }
  return false;
}

bool runsSeveralOwnServices(const WorkspaceView& view) {
  for (const auto* f : view.index().filesOfKind("compose")) {
    auto text = view.read(f->path);
    if (!text) continue;
    std::vector<std::string> images;
    for (const auto& b : composeBuilds(f->path, *text))
      if (std::find(images.begin(), images.end(), b.dockerfile) == images.end()) images.push_back(b.dockerfile);
    if (images.size() >= 2) return true;
  }
  return false;
}

bool nonDeployedImage(std::string_view dockerfilePath) {
  static constexpr std::array<std::string_view, 13> kDirs = {
      "test", "tests", "__tests__", "integration-test", "integration-tests", "e2e", "testdata",
      "seed", "seeds", "seed-data", "seeder", "fixtures", ".devcontainer"};
  auto segs = splitOn(dockerfilePath, "/");
  if (segs.empty()) return false;
  for (std::size_t i = 0; i + 1 < segs.size(); ++i)
    if (std::find(kDirs.begin(), kDirs.end(), segs[i]) != kDirs.end()) return true;
  static constexpr std::array<std::string_view, 7> kNameTokens = {"local", "dev", "development", "test",
                                                                   "tests", "e2e", "devcontainer"};
  for (const auto& t : splitOn(segs.back(), ".-_"))
    if (std::find(kNameTokens.begin(), kNameTokens.end(), t) != kNameTokens.end()) return true;
  return false;
}

bool ecsContainerHealthCheck(const WorkspaceView& view) {
  for (const auto* f : view.files()) {
    if (f->facts.isTestOrGenerated()) continue;
    bool ecs = std::any_of(f->facts.imports.begin(), f->facts.imports.end(), [](const core::Import& i) {
      return i.module == "aws-cdk-lib/aws-ecs" || i.module == "@aws-cdk/aws-ecs" || i.module == "aws_cdk.aws_ecs";
    });
    if (!ecs) continue;
    auto text = view.read(f->path);
    if (!text) continue;
    auto at = text->find("healthCheck:");
    if (at == std::string::npos) at = text->find("health_check=");
    if (at != std::string::npos && text->find("command", at) != std::string::npos) return true;
  }
  return false;
}

bool deployWorkflow(const core::WorkspaceIndex& idx) {
  static constexpr std::array<std::string_view, 20> kDeploy = {
      "appleboy/ssh-action", "appleboy/scp-action", "kubectl apply", "kubectl set image", "helm upgrade",
      "helm install",        "flyctl deploy",       "fly deploy",    "gcloud run deploy", "gcloud app deploy",
      "az webapp",           "azure/webapps-deploy", "aws ecs update-service", "railway up", "serverless deploy",
      "sam deploy",          "cdk deploy",          "vercel deploy", "netlify deploy",    "heroku-deploy"};
  for (std::string_view kind : {"github-actions", "gitlab-ci", "ci"})
    for (const auto* f : idx.filesOfKind(kind))
      for (const auto& c : f->facts.commands) {
        std::string t = core::text::asciiLower(c.text);
        for (auto needle : kDeploy)
          if (t.find(needle) != std::string::npos) return true;
      }
  return false;
}

bool zeroConfigPlatformApp(const WorkspaceView& view) { return view.uses({"next"}); }

bool codeDeployedByAzd(const WorkspaceView& view, std::string_view dockerfilePath) {
  auto text = view.read("azure.yaml");
  if (!text) text = view.read("azure.yml");
  if (!text) return false;
  // One service: `  api:` under `services:`, with `project:`, `host:` and maybe `docker:`.
  struct Service {
    std::string project, host;
    bool docker = false;
  };
  std::vector<Service> services;
  bool inServices = false;
  std::size_t pos = 0;
  while (pos < text->size()) {
    std::size_t end = text->find('\n', pos);
    if (end == std::string::npos) end = text->size();
    std::string_view line(text->data() + pos, end - pos);
    pos = end + 1;
    auto lead = line.find_first_not_of(' ');
    if (lead == std::string_view::npos || line[lead] == '#') continue;
    std::string_view body = line.substr(lead);
    if (lead == 0) {
      inServices = body.starts_with("services:");
      continue;
    }
    if (!inServices) continue;
    if (lead == 2 && body.back() == ':') {
      services.emplace_back();
      continue;
    }
    if (services.empty() || lead != 4) continue;
    auto value = [&](std::string_view key) {
      std::string v(body.substr(key.size()));
      std::erase_if(v, [](char c) { return c == ' ' || c == '"' || c == '\'' || c == '\r'; });
      return v;
    };
    if (body.starts_with("project:")) services.back().project = normalise(value("project:"));
    if (body.starts_with("host:")) services.back().host = value("host:");
    if (body.starts_with("docker:")) services.back().docker = true;
  }
  std::string df(dockerfilePath);  // normalise() lowercases: compare alike
  std::transform(df.begin(), df.end(), df.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& s : services) {
    bool code = s.host == "appservice" || s.host == "function" || s.host == "staticwebapp" || s.host == "springapp";
    if (!code || s.docker || s.project.empty()) continue;
    if (s.project.empty() ? false : df.starts_with(s.project + "/")) return true;
  }
  return false;
}

}  // namespace agentlens::rules
