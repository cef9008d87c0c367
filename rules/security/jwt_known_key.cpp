// Tokens verified with a key that has a known fallback (see jwt_known_key.hpp).
#include "rules/security/jwt_known_key.hpp"

#include <cctype>
#include <string>

#include "rules/common/secrets.hpp"
#include "rules/registry.hpp"

namespace agentlens::rules {
namespace {

struct KnownKey {
  std::string name;   ///< the environment variable / setting
  std::string where;  ///< path:line of its fallback
};

std::string_view messageName(std::string_view m) {
  auto a = m.find('`');
  auto b = a == std::string_view::npos ? a : m.find('`', a + 1);
  return b == std::string_view::npos ? std::string_view() : m.substr(a + 1, b - a - 1);
}

bool identChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

/// The key `name` appears in `line` as a setting read: `config['X']`, `config.get("X")`,
/// `settings.X`, `process.env.X`, `os.environ…("X")`, or the bare name `X`.
bool readsKey(std::string_view line, std::string_view name) {
  for (auto p = line.find(name); p != std::string_view::npos; p = line.find(name, p + 1)) {
    char before = p ? line[p - 1] : ' ';
    std::size_t e = p + name.size();
    char after = e < line.size() ? line[e] : ' ';
    if (identChar(after) || identChar(before)) continue;  // part of a longer name
    return true;                                         // quoted ('X'), attribute (.X) or a bare name (X)
  }
  return false;
}

}  // namespace

void jwtKeyWithKnownFallback(std::vector<core::Finding>& out, const std::vector<core::FileResult>& files,
                             const WorkspaceView& view) {
  const Rule* rule = findRule("weak-jwt-verification");
  if (!rule) return;
  std::vector<KnownKey> keys;
  for (const auto& fr : files)
    for (const auto& f : fr.findings)
      if (f.ruleId == "secret-env-default") {
        std::string_view name = messageName(f.message);
        if (!name.empty() && secrets::isSigningKeyName(name))
          keys.push_back({std::string(name), fr.path + ":" + std::to_string(f.start.line + 1)});
      }
  if (keys.empty()) return;
  const RuleMeta& meta = rule->meta();
  for (const auto& fr : files) {
    bool code = fr.lang == core::Lang::Python || core::isJsFamily(fr.lang);
    if (!code || fr.facts.isTestOrGenerated() || fr.facts.role == core::FileRole::Frontend) continue;
    auto text = view.read(fr.path);
    if (!text) continue;
    std::uint32_t lineNo = 0;
    for (std::size_t ls = 0; ls < text->size(); ++lineNo) {
      auto le = text->find('\n', ls);
      std::string_view line = std::string_view(*text).substr(ls, (le == std::string::npos ? text->size() : le) - ls);
      ls = le == std::string::npos ? text->size() : le + 1;
      if (line.find("jwt.decode(") == std::string_view::npos && line.find("jwt.verify(") == std::string_view::npos)
        continue;
      for (const auto& k : keys) {
        if (!readsKey(line, k.name)) continue;
        core::Finding f;
        f.ruleId = std::string(meta.id);
        f.category = meta.category;
        f.severity = core::Severity::High;
        f.confidence = core::Confidence::Medium;
        f.path = fr.path;
        f.start = f.end = {lineNo, 0};
        f.message = "tokens are verified with `" + k.name + "`, which falls back to a value written in the repository (`" +
                    k.where + "`): wherever it is unset, anyone can sign tokens that pass this check; require the key";
        out.push_back(std::move(f));
        break;
      }
    }
  }
}

}  // namespace agentlens::rules
