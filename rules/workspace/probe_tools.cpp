// dockerfile-hardening: healthcheck programs missing from the image (see probe_tools.hpp).
#include "rules/workspace/probe_tools.hpp"

#include <cctype>

#include "core/text/path_text.hpp"
#include "rules/workspace/deploy_evidence.hpp"

namespace agentlens::rules::probe_tools {
namespace {

bool wordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }

/// `word` appears in `text` as a whole word.
bool mentions(std::string_view text, std::string_view word) {
  for (auto at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    bool before = at == 0 || !wordChar(text[at - 1]);
    bool after = at + word.size() >= text.size() || !wordChar(text[at + word.size()]);
    if (before && after) return true;
  }
  return false;
}

}  // namespace

std::string firstProgram(std::string_view test) {
  std::string word;
  std::string cur;
  auto take = [&]() -> bool {
    if (cur.empty()) return false;
    std::string w = core::text::asciiLower(cur);
    cur.clear();
    if (w == "cmd" || w == "cmd-shell") return false;
    word = w;
    return true;
  };
  for (char c : test) {
    if (c == '[' || c == ']' || c == '"' || c == '\'' || c == ',' || c == ' ' || c == '\t') {
      if (take()) break;
    } else {
      cur += c;
    }
  }
  if (word.empty()) take();
  auto slash = word.find_last_of('/');  // /usr/bin/curl
  return slash == std::string::npos ? word : word.substr(slash + 1);
}

bool missingFromImage(std::string_view tool, std::string_view baseImage, std::string_view dockerfileText) {
  if (tool != "curl" && tool != "wget") return false;
  std::string image = core::text::asciiLower(baseImage);
  for (std::string_view prefix : {"docker.io/library/", "docker.io/", "library/"})
    if (image.starts_with(prefix)) image = image.substr(prefix.size());
  auto at = image.find('@');
  if (at != std::string::npos) image = image.substr(0, at);
  auto colon = image.find(':');
  std::string name = image.substr(0, colon);
  std::string tag = colon == std::string::npos ? "" : image.substr(colon + 1);
  bool slim = tag.find("slim") != std::string::npos;
  bool alpine = tag.find("alpine") != std::string::npos;
  bool missing = false;
  if (name == "scratch" || name.find("distroless") != std::string::npos) missing = true;
  else if (name == "python" || name == "node") missing = slim || (alpine && tool == "curl");
  else if (name == "alpine") missing = tool == "curl";
  if (!missing) return false;
  return !mentions(core::text::asciiLower(dockerfileText), tool);
}

}  // namespace agentlens::rules::probe_tools

namespace agentlens::rules {

std::optional<ComposeProbe> composeHealthcheck(const WorkspaceView& view, std::string_view dockerfilePath) {
  std::string want = composePathKey(dockerfilePath);
  for (const auto* f : view.index().filesOfKind("compose")) {
    auto text = view.read(f->path);
    if (!text) continue;
    for (const auto& b : composeBuilds(f->path, *text))
      if (b.healthcheck && b.dockerfile == want && !b.healthTest.empty())
        return ComposeProbe{f->path, b.healthTestLine, b.healthTest};
  }
  return std::nullopt;
}

}  // namespace agentlens::rules
