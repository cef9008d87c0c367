// An immutable snapshot of one file: its text, its syntax tree (when the language has a grammar)
// and its line index. Background workers get these; they never touch session state.
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/lang.hpp"
#include "core/text/line_index.hpp"
#include "core/ts/ts.hpp"

namespace agentlens::core {

struct ParsedFile {
  std::string path;  ///< display path: relative to the scanned root, or as given
  Lang lang = Lang::Text;
  std::shared_ptr<const std::string> text;  ///< shared so snapshots stay cheap to copy
  ts::Tree tree;                            ///< invalid for languages without a grammar
  LineIndex lines;                          ///< views *text

  ParsedFile() = default;
  ParsedFile(std::string p, Lang l, std::shared_ptr<const std::string> t, ts::Tree tr)
      : path(std::move(p)), lang(l), text(std::move(t)), tree(std::move(tr)), lines(*text) {}
  ParsedFile(const ParsedFile&) = delete;
  ParsedFile& operator=(const ParsedFile&) = delete;
  ParsedFile(ParsedFile&&) = default;
  ParsedFile& operator=(ParsedFile&&) = default;

  [[nodiscard]] std::string_view source() const { return *text; }
};

/// Parses `text` as `lang` with the calling thread's parser. The tree is invalid when the
/// language has no grammar, or when `deadline` passed before the parse finished (the per-file
/// time budget: the caller tells the two apart with hasGrammar()).
ParsedFile parseFile(std::string path, Lang lang, std::shared_ptr<const std::string> text,
                     std::optional<std::chrono::steady_clock::time_point> deadline = {});

}  // namespace agentlens::core
