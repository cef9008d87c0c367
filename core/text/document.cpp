#include "core/text/document.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace agentlens::core {
namespace {

std::string_view encName(PositionEncoding enc) {
  switch (enc) {
    case PositionEncoding::Utf8: return "utf-8";
    case PositionEncoding::Utf16: return "utf-16";
    case PositionEncoding::Utf32: return "utf-32";
  }
  return "?";
}

/// Why LineIndex clamped `p` (for the log): past the end is routine for some clients (debug),
/// inside a character means the client counts in another encoding (warn).
void logClamp(const std::string& path, const LineIndex& li, Position p, PositionEncoding enc) {
  if (p.line >= li.lineCount()) {
    spdlog::debug("{}: position {}:{} is past the last line; clamped to the end", path, p.line, p.character);
  } else if (p.character > LineIndex::unitLength(li.lineText(p.line), enc)) {
    spdlog::debug("{}: position {}:{} is past the end of its line; clamped", path, p.line, p.character);
  } else {
    spdlog::warn("{}: position {}:{} falls inside a character ({}); moved to its start", path, p.line,
                 p.character, encName(enc));
  }
}

}  // namespace

TSPoint tsPointAt(std::string_view text, std::uint32_t offset) {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text.size()));
  auto head = text.substr(0, offset);
  auto row = static_cast<std::uint32_t>(std::count(head.begin(), head.end(), '\n'));
  auto nl = head.rfind('\n');
  std::uint32_t column = nl == std::string_view::npos ? offset : offset - static_cast<std::uint32_t>(nl + 1);
  return {row, column};
}

TSPoint tsPointAfter(TSPoint start, std::string_view inserted) {
  auto rows = static_cast<std::uint32_t>(std::count(inserted.begin(), inserted.end(), '\n'));
  if (rows == 0) return {start.row, start.column + static_cast<std::uint32_t>(inserted.size())};
  auto nl = inserted.rfind('\n');
  return {start.row + rows, static_cast<std::uint32_t>(inserted.size() - nl - 1)};
}

Document::Document(std::string path, Lang lang, std::int64_t version, std::string text)
    : path_(std::move(path)), lang_(lang), version_(version) {
  setText(std::move(text));
}

void Document::setText(std::string text) {
  auto t = std::make_shared<const std::string>(std::move(text));
  lines_ = LineIndex(*t);
  text_ = std::move(t);
}

void Document::reset(std::int64_t version, std::string text) {
  version_ = version;
  valid_ = true;
  setText(std::move(text));
}

void Document::invalidate(ApplyResult& r, std::string why) {
  spdlog::warn("{}: dropping the document's text ({}); waiting for a full text", path_, why);
  r.ok = false;
  r.fullReplace = false;
  r.edits.clear();
  r.error = std::move(why);
  valid_ = false;
  setText({});
}

ApplyResult Document::applyChanges(const std::vector<ContentChange>& changes, PositionEncoding enc,
                                   std::optional<std::int64_t> newVersion) {
  ApplyResult r;
  if (newVersion && *newVersion <= version_) {
    invalidate(r, "version " + std::to_string(*newVersion) + " does not follow " + std::to_string(version_));
    return r;
  }
  // Changes before the last full replacement are overwritten by it: start there.
  std::size_t first = 0;
  for (std::size_t i = changes.size(); i-- > 0;) {
    if (!changes[i].range) {
      first = i;
      r.fullReplace = true;
      break;
    }
  }
  std::string cur;
  if (r.fullReplace) {
    if (changes[first].text.size() > kMaxBytes) {
      invalidate(r, "text larger than the size limit");
      return r;
    }
    cur = changes[first].text;
    ++first;
  } else {
    if (!valid_) {
      invalidate(r, "a ranged change to a document whose text was dropped");
      return r;
    }
    cur = *text_;
  }

  LineIndex li(cur);
  for (std::size_t i = first; i < changes.size(); ++i) {
    const ContentChange& ch = changes[i];
    const Range& rg = *ch.range;
    if (rg.start.line > li.lineCount() || rg.end.line > li.lineCount()) {
      invalidate(r, "change " + std::to_string(i) + " starts or ends at line " +
                        std::to_string(std::max(rg.start.line, rg.end.line)) + " but the text has " +
                        std::to_string(li.lineCount()) + " lines");
      return r;
    }
    bool clampedStart = false, clampedEnd = false;
    std::uint32_t s = li.toOffset(rg.start, enc, &clampedStart);
    std::uint32_t e = li.toOffset(rg.end, enc, &clampedEnd);
    if (clampedStart) logClamp(path_, li, rg.start, enc);
    if (clampedEnd) logClamp(path_, li, rg.end, enc);
    r.clamped = r.clamped || clampedStart || clampedEnd;
    if (s > e) {
      spdlog::warn("{}: reversed range {}:{}-{}:{}; treated as an insertion at its start", path_,
                   rg.start.line, rg.start.character, rg.end.line, rg.end.character);
      e = s;
      r.clamped = true;
    }
    if (cur.size() - (e - s) + ch.text.size() > kMaxBytes) {
      invalidate(r, "text larger than the size limit");
      return r;
    }
    if (s == e && ch.text.empty()) continue;  // a no-op: no edit for tree-sitter

    TSInputEdit ed{};
    ed.start_byte = s;
    ed.old_end_byte = e;
    ed.new_end_byte = s + static_cast<std::uint32_t>(ch.text.size());
    ed.start_point = tsPointAt(cur, s);
    ed.old_end_point = tsPointAt(cur, e);
    ed.new_end_point = tsPointAfter(ed.start_point, ch.text);
    r.edits.push_back(ed);

    cur.replace(s, e - s, ch.text);
    // The old index viewed the text before the change; the next change needs a fresh one
    // (setText builds the document's own index once at the end).
    if (i + 1 < changes.size()) li = LineIndex(cur);
  }

  setText(std::move(cur));
  valid_ = true;
  if (newVersion) version_ = *newVersion;
  return r;
}

}  // namespace agentlens::core
