// preview_fix and apply_fix: one finding's fix as a unified diff across the files it edits, and
// the same fix written with `check --fix`'s writer (atomic, refuses files changed meanwhile).
#include <filesystem>
#include <map>

#include "core/fix_apply.hpp"
#include "core/fix_writer.hpp"
#include "core/unified_diff.hpp"
#include "mcp/tools.hpp"

namespace agentlens::mcp {
namespace {

namespace fs = std::filesystem;

struct Target {
  project::ProjectScan scan;
  const core::FileResult* file = nullptr;
  const core::Finding* finding = nullptr;
};

/// The finding named by `id`, or by `rule` + `file` + `line`, in a fresh scan of the root.
Target locate(const Workspace& ws, const Args& a) {
  auto id = a.string("id");
  auto rule = a.string("rule");
  auto fileArg = a.string("file");
  auto line = a.integer("line", 1, 100000000);
  if (!id && !(rule && fileArg && line))
    throw InvalidParams("arguments: give id (from findings), or rule, file and line");
  std::string rel;
  if (!id) rel = ws.relative(ws.resolve(*fileArg));
  Target t{ws.scan(ws.root())};
  for (const auto& file : t.scan.result.files) {
    if (!id && file.path != rel) continue;
    for (const auto& f : file.findings) {
      if (f.suppressedReason) continue;
      bool match = id ? findingId(f, file.path) == *id
                      : f.ruleId == *rule && f.start.line + 1 == static_cast<std::uint64_t>(*line);
      if (match) {
        t.file = &file;
        t.finding = &f;
        return t;
      }
    }
  }
  if (id) throw ToolError("no open finding with id '" + *id + "' (ids change when the file is edited: call findings again)");
  throw ToolError("no open " + *rule + " finding at " + rel + ":" + std::to_string(*line) + " (findings lists them)");
}

/// The fix apply_fix would use: the first Safe one, else with allow_unsafe the first Unsafe one.
/// For a preview (`forPreview`) any fix is shown when there is no such one.
const core::Fix* chooseFix(const core::Finding& f, bool allowUnsafe, bool forPreview) {
  for (const auto& x : f.fixes)
    if (x.applicability == core::Applicability::Safe) return &x;
  for (const auto& x : f.fixes)
    if (x.applicability == core::Applicability::Unsafe && (allowUnsafe || forPreview)) return &x;
  if (forPreview && !f.fixes.empty()) return &f.fixes.front();
  return nullptr;
}

struct FileChange {
  std::optional<std::string> before, after;
};

/// Each file the fix changes (relative to the root), before and after. Edits to other files are
/// resolved against the root and must stay inside it.
std::map<std::string, FileChange> changesOf(const Workspace& ws, const core::FileResult& file, const core::Fix& fix) {
  std::map<std::string, FileChange> out;
  auto read = [&](const std::string& rel) -> std::optional<std::string> {
    std::string text, err;
    fs::path p = fs::path(ws.root()) / rel;
    std::error_code ec;
    if (!fs::exists(p, ec)) return std::nullopt;
    if (!core::readFile(p.string(), text, err)) throw ToolError(rel + ": " + err);
    return text;
  };
  std::vector<core::TextEdit> own;
  for (const auto& e : fix.edits) {
    if (e.path.empty()) {
      own.push_back(e);
      continue;
    }
    fs::path rel(e.path);
    bool bad = rel.is_absolute();
    for (const auto& part : rel) bad = bad || part == "..";
    if (bad) throw ToolError("the fix edits " + e.path + ", outside the workspace root: not offered");
    auto& change = out[rel.generic_string()];
    if (!change.before && !change.after) change.before = change.after = read(rel.generic_string());
    if (auto next = core::applyFileEdit(change.after, e)) change.after = std::move(next);
  }
  if (!own.empty()) {
    auto& change = out[file.path];
    change.before = read(file.path);
    if (!change.before || core::contentHash(*change.before) != file.contentHash)
      throw ToolError(file.path + " changed while it was analysed: call again");
    change.after = core::applyEdits(*change.before, own);
    if (!change.after) throw ToolError("the fix's edits do not apply to " + file.path);
  }
  std::erase_if(out, [](const auto& kv) { return kv.second.before == kv.second.after; });
  return out;
}

/// The diff of all changed files, with every secret detected in them masked.
std::string diffOf(const std::map<std::string, FileChange>& changes, const project::ProjectScan& scan) {
  std::string diff;
  for (const auto& [rel, c] : changes) diff += core::unifiedDiff(rel, c.before, c.after);
  for (const auto& file : scan.result.files) {
    auto it = changes.find(file.path);
    if (it == changes.end() || !it->second.before) continue;
    const std::string& text = *it->second.before;
    for (const auto& f : file.findings) {
      if (!f.sensitive || f.sensitive->end > text.size() || f.sensitive->start >= f.sensitive->end) continue;
      std::string secret = text.substr(f.sensitive->start, f.sensitive->end - f.sensitive->start);
      std::string masked = core::maskSecret(secret);
      for (std::size_t pos = 0; (pos = diff.find(secret, pos)) != std::string::npos; pos += masked.size())
        diff.replace(pos, secret.size(), masked);
    }
  }
  return diff;
}

json fileList(const std::map<std::string, FileChange>& changes) {
  json files = json::array();
  for (const auto& [rel, c] : changes) files.push_back(rel);
  return files;
}

}  // namespace

json previewFixTool(const Workspace& ws, const json& args) {
  Args a(args, {"id", "rule", "file", "line", "allow_unsafe"});
  bool allowUnsafe = a.boolean("allow_unsafe");  // every argument is checked before the scan
  Target t = locate(ws, a);
  const core::Fix* fix = chooseFix(*t.finding, allowUnsafe, true);
  if (!fix) throw ToolError("this finding has no automatic fix: " + t.finding->message);
  auto changes = changesOf(ws, *t.file, *fix);
  return {{"finding", compactFinding(*t.finding, t.file->path)},
          {"fix", {{"title", fix->title}, {"safety", core::applicabilityName(fix->applicability)}}},
          {"files", fileList(changes)},
          {"diff", diffOf(changes, t.scan)}};
}

json applyFixTool(const Workspace& ws, const json& args) {
  Args a(args, {"id", "rule", "file", "line", "allow_unsafe"});
  bool allowUnsafe = a.boolean("allow_unsafe");  // every argument is checked before the scan
  Target t = locate(ws, a);
  const core::Fix* fix = chooseFix(*t.finding, allowUnsafe, false);
  if (!fix) {
    const core::Fix* any = chooseFix(*t.finding, true, true);
    if (!any) throw ToolError("this finding has no automatic fix: " + t.finding->message);
    if (any->applicability == core::Applicability::Unsafe)
      throw ToolError("the fix is unsafe (it may change behaviour): preview_fix it, then apply_fix with allow_unsafe: true");
    throw ToolError("this finding's fix is display-only: make the change by hand (preview_fix shows it)");
  }
  auto changes = changesOf(ws, *t.file, *fix);
  std::string diff = diffOf(changes, t.scan);
  // `check --fix`'s writer applies the one chosen fix: a copy of the file's result holding only
  // this finding and this fix (an allowed unsafe fix is marked safe for the writer).
  core::FileResult one = *t.file;
  core::Finding only = *t.finding;
  core::Fix chosen = *fix;
  chosen.applicability = core::Applicability::Safe;
  only.fixes = {chosen};
  one.findings = {only};
  core::FixWriteResult written = core::writeSafeFixes({one}, {ws.root()});
  if (!written.refused.empty()) {
    std::string why;
    for (const auto& r : written.refused) why += (why.empty() ? "" : "; ") + r;
    throw ToolError("not applied: " + why);
  }
  return {{"applied", written.findingsFixed > 0},
          {"fix", {{"title", fix->title}, {"safety", core::applicabilityName(fix->applicability)}}},
          {"files", written.filesChanged},
          {"diff", diff}};
}

}  // namespace agentlens::mcp
