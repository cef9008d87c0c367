#include "core/finding.hpp"

#include <array>

namespace agentlens::core {
namespace {
constexpr std::array<std::string_view, kCategoryCount> kCategories = {
    "error-handling", "security",   "observability", "configuration",
    "database",       "deployment", "testing"};
constexpr std::array<std::string_view, 5> kSeverities = {"critical", "high", "medium", "low", "info"};
constexpr std::array<std::string_view, 4> kLevels = {"error", "warning", "info", "hint"};
}  // namespace

std::string_view categoryName(Category c) { return kCategories[static_cast<std::size_t>(c)]; }
std::optional<Category> categoryFromName(std::string_view name) {
  for (std::size_t i = 0; i < kCategories.size(); ++i)
    if (kCategories[i] == name) return static_cast<Category>(i);
  return std::nullopt;
}

std::string_view severityName(Severity s) { return kSeverities[static_cast<std::size_t>(s)]; }
std::optional<Severity> severityFromName(std::string_view name) {
  for (std::size_t i = 0; i < kSeverities.size(); ++i)
    if (kSeverities[i] == name) return static_cast<Severity>(i);
  return std::nullopt;
}

std::string_view confidenceName(Confidence c) {
  switch (c) {
    case Confidence::High: return "high";
    case Confidence::Medium: return "medium";
    case Confidence::Low: return "low";
  }
  return "high";
}

std::string_view levelName(Level l) { return kLevels[static_cast<std::size_t>(l)]; }
std::optional<Level> levelFromName(std::string_view name) {
  for (std::size_t i = 0; i < kLevels.size(); ++i)
    if (kLevels[i] == name) return static_cast<Level>(i);
  if (name == "information") return Level::Info;
  return std::nullopt;
}

Level levelFor(Severity s, Confidence c) {
  int l = 0;
  switch (s) {
    case Severity::Critical:
    case Severity::High: l = 0; break;
    case Severity::Medium: l = 1; break;
    case Severity::Low: l = 2; break;
    case Severity::Info: l = 3; break;
  }
  if (c == Confidence::Low && l < 3) ++l;
  return static_cast<Level>(l);
}

std::string_view applicabilityName(Applicability a) {
  switch (a) {
    case Applicability::Safe: return "safe";
    case Applicability::Unsafe: return "unsafe";
    case Applicability::DisplayOnly: return "display-only";
  }
  return "safe";
}

std::string maskSecret(std::string_view secret) {
  // Count code points so a multi-byte character is never cut in half.
  std::string out;
  std::size_t cps = 0;
  for (std::size_t i = 0; i < secret.size() && cps < 4; ++cps) {
    auto b = static_cast<unsigned char>(secret[i]);
    std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
    if (i + n > secret.size()) n = 1;
    // Short secrets reveal less: never more than a third of the value.
    if (cps >= secret.size() / 3) break;
    out.append(secret.substr(i, n));
    i += n;
  }
  return out + "****";
}

}  // namespace agentlens::core
