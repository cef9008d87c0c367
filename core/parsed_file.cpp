#include "core/parsed_file.hpp"

namespace agentlens::core {

ParsedFile parseFile(std::string path, Lang lang, std::shared_ptr<const std::string> text,
                     std::optional<std::chrono::steady_clock::time_point> deadline) {
  ts::Tree tree;
  if (hasGrammar(lang)) {
    thread_local ts::Parser parser;  // one parser per thread
    if (parser.setLanguage(lang)) tree = parser.parse(*text, nullptr, deadline);
  }
  return ParsedFile(std::move(path), lang, std::move(text), std::move(tree));
}

}  // namespace agentlens::core
