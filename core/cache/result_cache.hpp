// Persistent per-file result cache: a file's FileResult (facts, findings, sites) stored on disk,
// keyed by its path, language and content hash, the analyzer fingerprint and the tool identity
// (version + the executable's mtime and size, so a rebuilt binary never trusts old entries),
// so a second `agentlens check` of an unchanged tree re-parses nothing.
//
// Layout: <dir>/v<format>/<2 hex>/<30 hex>.bin. Entry format (little-endian):
//   "ALCR" | u32 format | u64 payload size | u64 payload checksum | payload
// where the payload starts with the full key. A missing, truncated, corrupt (checksum), stale
// (other format or key) entry is a miss and is never trusted. Writes go to a temp file renamed
// into place, so concurrent writers (threads, processes) never expose half an entry.
// Thread-safety: load()/store() are safe to call concurrently.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/analyzer.hpp"

namespace agentlens::core {

class ResultCache {
 public:
  /// Bumped when the serialised layout of FileResult changes.
  static constexpr std::uint32_t kFormat = 2;  // 2: Facts::functionRoles

  /// `dir` = "" disables the cache (every load misses, store does nothing).
  explicit ResultCache(std::string dir) : dir_(std::move(dir)) {}

  /// $AGENTLENS_CACHE_DIR, else $XDG_CACHE_HOME/agentlens, else ~/.cache/agentlens ("" if none).
  static std::string defaultDir();

  /// The cache key of a file: hex of a 128-bit hash over everything the result depends on.
  static std::string key(std::string_view path, Lang lang, std::string_view content, std::string_view fingerprint);

  [[nodiscard]] bool enabled() const { return !dir_.empty(); }
  [[nodiscard]] const std::string& dir() const { return dir_; }
  [[nodiscard]] std::optional<FileResult> load(const std::string& key) const;
  /// Best effort: I/O errors are logged at debug level and ignored.
  void store(const std::string& key, const FileResult& result) const;

  /// The on-disk path of an entry (tests corrupt entries through it).
  [[nodiscard]] std::string entryPath(const std::string& key) const;

  // Serialisation, exposed for tests.
  static std::string serialize(const std::string& key, const FileResult& r);
  static std::optional<FileResult> deserialize(const std::string& key, std::string_view bytes);

 private:
  std::string dir_;
};

}  // namespace agentlens::core
