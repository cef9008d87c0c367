#include "core/ts/query_program.hpp"

#include <fmt/format.h>

namespace agentlens::ts {
namespace {

std::uint32_t findPredicate(std::string_view source, std::uint32_t from, std::string_view name) {
  auto at = source.find("#" + std::string(name), from);
  return at == std::string_view::npos ? from : static_cast<std::uint32_t>(at);
}

}  // namespace

std::optional<QueryProgram> QueryProgram::compile(core::Lang lang, std::string_view source, std::string& error,
                                                  std::uint32_t& errorOffset) {
  QueryResult qr = compileQuery(lang, source);
  if (!qr.ok()) {
    error = qr.errorMessage();
    errorOffset = qr.errorOffset;
    return std::nullopt;
  }
  QueryProgram p;
  p.query_ = qr.query;
  const TSQuery* q = p.query_.get();
  std::uint32_t patterns = ts_query_pattern_count(q);
  p.predicates_.resize(patterns);
  for (std::uint32_t pi = 0; pi < patterns; ++pi) {
    // A predicate written at the top level is parsed as a pattern of its own that never applies
    // to the pattern before it: a silent no-op, so it is an error here.
    std::uint32_t begin = ts_query_start_byte_for_pattern(q, pi);
    while (begin < source.size() && (source[begin] == ' ' || source[begin] == '\t' || source[begin] == '\n' || source[begin] == '\r'))
      ++begin;
    if (source.substr(begin, 2) == "(#") {
      error = "predicate outside a pattern: wrap the pattern and its predicates in one pair of parentheses, "
              "e.g. ((identifier) @name (#eq? @name \"x\"))";
      errorOffset = begin;
      return std::nullopt;
    }
    std::uint32_t n = 0;
    const TSQueryPredicateStep* steps = ts_query_predicates_for_pattern(q, pi, &n);
    std::uint32_t start = ts_query_start_byte_for_pattern(q, pi);
    for (std::uint32_t i = 0; i < n;) {
      std::uint32_t j = i;
      while (j < n && steps[j].type != TSQueryPredicateStepTypeDone) ++j;
      // steps[i..j): name, args…
      auto stringValue = [&](std::uint32_t id) {
        std::uint32_t len = 0;
        const char* s = ts_query_string_value_for_id(q, id, &len);  // sets len: call before using it
        return std::string(s, len);
      };
      std::string name = steps[i].type == TSQueryPredicateStepTypeString ? stringValue(steps[i].value_id) : std::string();
      std::uint32_t at = findPredicate(source, start, name.empty() ? "" : name);
      auto fail = [&](std::string msg) {
        error = std::move(msg);
        errorOffset = at;
        return std::nullopt;
      };
      QueryPredicate pred;
      std::string base = name;
      if (base.starts_with("not-")) {
        pred.negate = true;
        base = base.substr(4);
      }
      if (base == "eq?") pred.op = QueryPredicate::Op::Eq;
      else if (base == "match?") pred.op = QueryPredicate::Op::Match;
      else if (base == "any-of?") pred.op = QueryPredicate::Op::AnyOf;
      else
        return fail(fmt::format("unsupported predicate `#{}` (supported: #eq?, #not-eq?, #match?, #not-match?, "
                                "#any-of?, #not-any-of?)", name));
      if (j - i < 3 || steps[i + 1].type != TSQueryPredicateStepTypeCapture)
        return fail(fmt::format("`#{}` needs a capture and at least one value", name));
      pred.capture = steps[i + 1].value_id;
      for (std::uint32_t k = i + 2; k < j; ++k) {
        if (steps[k].type == TSQueryPredicateStepTypeCapture) {
          if (pred.op != QueryPredicate::Op::Eq || k != i + 2 || j - i != 3)
            return fail(fmt::format("`#{}` compares a capture with strings only (only #eq? takes a second capture)", name));
          pred.otherCapture = steps[k].value_id;
        } else {
          pred.values.push_back(stringValue(steps[k].value_id));
        }
      }
      if (pred.op == QueryPredicate::Op::Eq && !pred.otherCapture && pred.values.size() != 1)
        return fail(fmt::format("`#{}` takes one capture and one string (use #any-of? for several)", name));
      if (pred.op == QueryPredicate::Op::Match) {
        if (pred.values.size() != 1) return fail(fmt::format("`#{}` takes one capture and one regular expression", name));
        try {
          pred.regex = std::make_shared<const std::regex>(pred.values[0], std::regex::ECMAScript | std::regex::optimize);
        } catch (const std::regex_error& e) {
          return fail(fmt::format("invalid regular expression in `#{}`: {}", name, e.what()));
        }
      }
      p.predicates_[pi].push_back(std::move(pred));
      i = j + 1;
    }
  }
  return p;
}

std::uint32_t QueryProgram::patternCount() const { return ts_query_pattern_count(query_.get()); }
std::uint32_t QueryProgram::patternStart(std::uint32_t pattern) const {
  return ts_query_start_byte_for_pattern(query_.get(), pattern);
}

std::string_view QueryProgram::captureName(std::uint32_t id) const {
  std::uint32_t len = 0;
  const char* s = ts_query_capture_name_for_id(query_.get(), id, &len);
  return {s, len};
}

std::optional<std::uint32_t> QueryProgram::captureId(std::string_view name) const {
  std::uint32_t n = ts_query_capture_count(query_.get());
  for (std::uint32_t i = 0; i < n; ++i)
    if (captureName(i) == name) return i;
  return std::nullopt;
}

bool QueryProgram::satisfied(const TSQueryMatch& match, std::string_view source) const {
  if (match.pattern_index >= predicates_.size()) return true;
  auto textOf = [&](std::uint32_t capture, std::string_view& out) {
    for (std::uint16_t i = 0; i < match.capture_count; ++i)
      if (match.captures[i].index == capture) {
        out = Node(match.captures[i].node).text(source);
        return true;
      }
    return false;
  };
  for (const QueryPredicate& pred : predicates_[match.pattern_index]) {
    std::string_view text;
    if (!textOf(pred.capture, text)) continue;  // an optional capture that did not match
    bool result = false;
    switch (pred.op) {
      case QueryPredicate::Op::Eq:
        if (pred.otherCapture) {
          std::string_view other;
          if (!textOf(*pred.otherCapture, other)) continue;
          result = text == other;
        } else {
          result = text == pred.values[0];
        }
        break;
      case QueryPredicate::Op::Match:
        result = std::regex_search(text.begin(), text.end(), *pred.regex);
        break;
      case QueryPredicate::Op::AnyOf:
        for (const auto& v : pred.values)
          if (text == v) {
            result = true;
            break;
          }
        break;
    }
    if (result == pred.negate) return false;
  }
  return true;
}

}  // namespace agentlens::ts
