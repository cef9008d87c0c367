#include "core/ts/ts.hpp"

#include <cstdlib>

extern "C" {
const TSLanguage* tree_sitter_python();
const TSLanguage* tree_sitter_javascript();
const TSLanguage* tree_sitter_typescript();
const TSLanguage* tree_sitter_tsx();
const TSLanguage* tree_sitter_go();
}

namespace agentlens::ts {

const TSLanguage* grammar(core::Lang lang) {
  switch (lang) {
    case core::Lang::Python: return tree_sitter_python();
    case core::Lang::JavaScript: return tree_sitter_javascript();
    case core::Lang::TypeScript: return tree_sitter_typescript();
    case core::Lang::Tsx: return tree_sitter_tsx();
    case core::Lang::Go: return tree_sitter_go();
    default: return nullptr;
  }
}

std::string Node::sexp() const {
  if (isNull()) return "";
  char* s = ts_node_string(n_);
  std::string out(s);
  std::free(s);
  return out;
}

Parser::Parser() : p_(ts_parser_new()) {}

bool Parser::setLanguage(core::Lang lang) {
  if (lang_ == lang) return true;
  const TSLanguage* g = grammar(lang);
  if (!g || !ts_parser_set_language(p_.get(), g)) return false;
  lang_ = lang;
  return true;
}

namespace {
struct DeadlinePayload {
  std::chrono::steady_clock::time_point deadline;
};
bool checkDeadline(TSParseState* state) {
  auto* p = static_cast<DeadlinePayload*>(state->payload);
  return std::chrono::steady_clock::now() > p->deadline;  // true = stop parsing
}
struct StringInput {
  std::string_view text;
};
const char* readString(void* payload, std::uint32_t byte, TSPoint, std::uint32_t* read) {
  auto* in = static_cast<StringInput*>(payload);
  if (byte >= in->text.size()) {
    *read = 0;
    return "";
  }
  *read = static_cast<std::uint32_t>(in->text.size() - byte);
  return in->text.data() + byte;
}
}  // namespace

Tree Parser::parse(std::string_view source, const Tree* old,
                   std::optional<std::chrono::steady_clock::time_point> deadline) {
  if (!lang_) return Tree();
  ts_parser_reset(p_.get());
  const TSTree* oldRaw = old ? old->raw() : nullptr;
  if (!deadline) {
    return Tree(ts_parser_parse_string(p_.get(), oldRaw, source.data(),
                                       static_cast<std::uint32_t>(source.size())));
  }
  DeadlinePayload payload{*deadline};
  StringInput in{source};
  TSInput input{&in, readString, TSInputEncodingUTF8, nullptr};
  TSParseOptions opts{&payload, checkDeadline};
  TSTree* t = ts_parser_parse_with_options(p_.get(), oldRaw, input, opts);
  if (!t) ts_parser_reset(p_.get());
  return Tree(t);
}

std::string QueryResult::errorMessage() const {
  switch (error) {
    case TSQueryErrorNone: return "";
    case TSQueryErrorSyntax: return "syntax error";
    case TSQueryErrorNodeType: return "unknown node type";
    case TSQueryErrorField: return "unknown field";
    case TSQueryErrorCapture: return "unknown capture";
    case TSQueryErrorStructure: return "impossible pattern structure";
    case TSQueryErrorLanguage: return "language mismatch";
  }
  return "query error";
}

QueryResult compileQuery(core::Lang lang, std::string_view source) {
  QueryResult r;
  const TSLanguage* g = grammar(lang);
  if (!g) {
    r.error = TSQueryErrorLanguage;
    return r;
  }
  TSQuery* q = ts_query_new(g, source.data(), static_cast<std::uint32_t>(source.size()),
                            &r.errorOffset, &r.error);
  if (q) r.query = std::shared_ptr<const TSQuery>(q, [](const TSQuery* p) {
    ts_query_delete(const_cast<TSQuery*>(p));
  });
  return r;
}

}  // namespace agentlens::ts
