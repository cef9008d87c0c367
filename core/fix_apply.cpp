#include "core/fix_apply.hpp"

#include <algorithm>

namespace agentlens::core {

std::optional<std::string> applyEdits(std::string_view text, const std::vector<TextEdit>& edits) {
  std::vector<const TextEdit*> own;
  for (const auto& e : edits)
    if (e.kind == TextEdit::Kind::Replace && e.path.empty()) own.push_back(&e);
  std::stable_sort(own.begin(), own.end(), [](auto* a, auto* b) { return a->range.start < b->range.start; });
  for (std::size_t i = 0; i < own.size(); ++i) {
    if (own[i]->range.end < own[i]->range.start || own[i]->range.end > text.size()) return std::nullopt;
    if (i + 1 < own.size() && own[i]->range.end > own[i + 1]->range.start) return std::nullopt;
  }
  std::string out;
  out.reserve(text.size() + 256);
  std::uint32_t pos = 0;
  for (const TextEdit* e : own) {
    out.append(text.substr(pos, e->range.start - pos));
    out.append(e->text);
    pos = e->range.end;
  }
  out.append(text.substr(pos));
  return out;
}

std::optional<std::string> applyFileEdit(const std::optional<std::string>& current, const TextEdit& edit) {
  switch (edit.kind) {
    case TextEdit::Kind::CreateFile:
      if (current) return std::nullopt;
      return edit.text;
    case TextEdit::Kind::AppendLineIfMissing: {
      std::string content = current.value_or("");
      std::string_view key = edit.key.empty() ? std::string_view(edit.text) : std::string_view(edit.key);
      std::size_t pos = 0;
      while (pos <= content.size()) {
        auto nl = content.find('\n', pos);
        std::string_view line(content.data() + pos, (nl == std::string::npos ? content.size() : nl) - pos);
        if (line.starts_with(key)) return std::nullopt;
        if (nl == std::string::npos) break;
        pos = nl + 1;
      }
      if (!content.empty() && content.back() != '\n') content += '\n';
      content += edit.text;
      content += '\n';
      return content;
    }
    case TextEdit::Kind::Replace: {
      if (!current) return std::nullopt;
      auto r = applyEdits(*current, {TextEdit{TextEdit::Kind::Replace, "", edit.range, edit.text, "", {}, {}}});
      return r;
    }
  }
  return std::nullopt;
}

}  // namespace agentlens::core
