#include "core/ts/ts.hpp"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>

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

namespace {
// One entry of the per-thread field-name cache. The name is stored (short field names only), so a
// hit is decided by content, never by the caller's pointer.
struct FieldSlot {
  const TSLanguage* lang = nullptr;
  std::uint8_t len = 0;
  char name[31] = {};
  TSFieldId id = 0;
};
constexpr std::size_t kFieldSlots = 512;  // direct-mapped; rules use a few dozen names per grammar
}  // namespace

TSFieldId fieldId(const TSLanguage* lang, std::string_view name) {
  if (!lang) return 0;
  if (name.size() >= sizeof(FieldSlot::name))
    return ts_language_field_id_for_name(lang, name.data(), static_cast<std::uint32_t>(name.size()));
  thread_local std::array<FieldSlot, kFieldSlots> cache{};
  // FNV-1a over the name and the grammar pointer.
  std::uint64_t h = 1469598103934665603ull ^ reinterpret_cast<std::uintptr_t>(lang);
  for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  FieldSlot& s = cache[(h ^ (h >> 29)) % kFieldSlots];
  if (s.lang == lang && s.len == name.size() && std::memcmp(s.name, name.data(), name.size()) == 0) return s.id;
  s.id = ts_language_field_id_for_name(lang, name.data(), static_cast<std::uint32_t>(name.size()));
  s.lang = lang;
  s.len = static_cast<std::uint8_t>(name.size());
  std::memcpy(s.name, name.data(), name.size());
  return s.id;
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
struct StopPayload {
  std::optional<std::chrono::steady_clock::time_point> deadline;
  const std::atomic<bool>* cancel = nullptr;
};
bool checkStop(TSParseState* state) {  // true = stop parsing
  auto* p = static_cast<StopPayload*>(state->payload);
  if (p->cancel && p->cancel->load(std::memory_order_relaxed)) return true;
  return p->deadline && std::chrono::steady_clock::now() > *p->deadline;
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
                   std::optional<std::chrono::steady_clock::time_point> deadline, const std::atomic<bool>* cancel) {
  if (!lang_) return Tree();
  ts_parser_reset(p_.get());
  const TSTree* oldRaw = old ? old->raw() : nullptr;
  if (!deadline && !cancel) {
    return Tree(ts_parser_parse_string(p_.get(), oldRaw, source.data(),
                                       static_cast<std::uint32_t>(source.size())));
  }
  StopPayload payload{deadline, cancel};
  StringInput in{source};
  TSInput input{&in, readString, TSInputEncodingUTF8, nullptr};
  TSParseOptions opts{&payload, checkStop};
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
