// The result model every front end renders: findings, their fixes, severities and categories.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/line_index.hpp"

namespace agentlens::core {

enum class Category : std::uint8_t {
  ErrorHandling,
  Security,
  Observability,
  Configuration,
  Database,
  Deployment,
  Testing,
};
inline constexpr std::size_t kCategoryCount = 7;
std::string_view categoryName(Category c);  // "error-handling", "security", …
std::optional<Category> categoryFromName(std::string_view name);

/// Catalog severity (C/H/M/L/I); drives the score weight and the reported level.
enum class Severity : std::uint8_t { Critical, High, Medium, Low, Info };
std::string_view severityName(Severity s);  // "critical", "high", …
std::optional<Severity> severityFromName(std::string_view name);

enum class Confidence : std::uint8_t { High, Medium, Low };
std::string_view confidenceName(Confidence c);

/// What an editor or a CI shows: derived from severity, one level softer for low confidence.
enum class Level : std::uint8_t { Error, Warning, Info, Hint };
std::string_view levelName(Level l);  // "error", "warning", "info", "hint"
std::optional<Level> levelFromName(std::string_view name);
Level levelFor(Severity s, Confidence c);

/// How much a fix can be trusted: Safe fixes may be applied in bulk (fix-all, --fix);
/// Unsafe ones change behaviour and need a look; DisplayOnly ones are shown, never applied.
enum class Applicability : std::uint8_t { Safe, Unsafe, DisplayOnly };
std::string_view applicabilityName(Applicability a);

/// One edit of a fix. Replace edits address bytes of a file; the other kinds are resolved by the
/// front end against the target file's current content (which the analyzer never sees).
struct TextEdit {
  enum class Kind : std::uint8_t {
    Replace,              ///< replace `range` of `path` with `text`
    AppendLineIfMissing,  ///< append `text` as a line unless a line starting with `key` exists;
                          ///< creates the file when missing (used for .env.example)
    CreateFile,           ///< create `path` with `text` unless it exists
  };
  Kind kind = Kind::Replace;
  std::string path;  ///< "" = the finding's own file; else relative to the scanned root
  ByteRange range;
  std::string text;
  std::string key;   ///< AppendLineIfMissing: the line prefix that means "already there"
  /// Replace edits of the finding's own file: positions of `range` (0-based line, code points),
  /// filled in by the engine so renderers need not re-read the file.
  Position start;
  Position end;
};

struct Fix {
  std::string title;
  Applicability applicability = Applicability::Safe;
  std::vector<TextEdit> edits;
};

/// Extra locations a finding points at (another file, the other half of a pair).
struct RelatedLocation {
  std::string path;
  std::uint32_t line = 0;  ///< 0-based
  std::string message;
};

struct Finding {
  std::string ruleId;
  Category category = Category::ErrorHandling;
  Severity severity = Severity::Medium;
  Confidence confidence = Confidence::High;
  std::string path;       ///< as discovered (relative to the scanned root for directory scans)
  ByteRange range;        ///< bytes of the file
  Position start;         ///< 0-based line; character = Unicode code points
  Position end;
  std::string message;    ///< never contains a detected secret in full
  std::string excerpt;    ///< the start line's source text, secrets masked
  std::vector<Fix> fixes;
  std::vector<RelatedLocation> related;
  /// Set by the suppression layer: the finding is accepted (shown as such, not counted).
  std::optional<std::string> suppressedReason;
  /// Bytes of a detected secret inside the file: renderers and the engine mask it everywhere.
  std::optional<ByteRange> sensitive;

  [[nodiscard]] Level level() const { return levelFor(severity, confidence); }
};

/// Masks a detected secret for display: at most its first 4 characters, then "****".
std::string maskSecret(std::string_view secret);

}  // namespace agentlens::core
