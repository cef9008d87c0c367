// Route references made by tests other than a literal path: route names resolved by the
// framework (`url_path_for`, `url_for`, `reverse`) and handlers called directly.
#include <algorithm>

#include "core/facts/extract.hpp"

namespace agentlens::core::facts_detail {
namespace {

bool nameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ':' ||
         c == '-' || c == '.';
}

bool routeNameLike(std::string_view v) {
  return v.size() >= 3 && v.size() <= 80 && std::all_of(v.begin(), v.end(), nameChar) &&
         !(v.front() >= '0' && v.front() <= '9');
}

void addRef(State& st, std::string ref) {
  auto& refs = st.facts.testRouteRefs;
  if (refs.size() >= 1500 || std::find(refs.begin(), refs.end(), ref) != refs.end()) return;
  refs.push_back(std::move(ref));
}

bool identifierNode(ts::Node n) {
  auto t = n.type();
  return t == "identifier" || t == "attribute" || t == "member_expression" || t == "selector_expression";
}

}  // namespace

void testNameOrCall(State& st, ts::Node call, std::string_view callee) {
  auto dot = callee.find_last_of('.');
  std::string_view fn = dot == std::string_view::npos ? callee : callee.substr(dot + 1);
  if (fn == "url_path_for" || fn == "url_for" || fn == "reverse" || fn == "reverse_lazy" || fn == "resolve_url") {
    auto args = callArgs(call);
    if (args.empty()) return;
    std::string v;
    if (stringValue(st, args[0], v) && routeNameLike(v)) addRef(st, "name:" + v);
    else if (identifierNode(args[0])) st.namesByVariable = true;
    return;
  }
  if (st.lang == Lang::Python || fn.size() < 3 || !((fn[0] >= 'a' && fn[0] <= 'z') || (fn[0] >= 'A' && fn[0] <= 'Z')))
    return;
  // `h.Login(c)`, `userController.postDeleteAccount(req, res)`, Next.js `POST(request)`.
  bool verb = isHttpMethodName(lower(fn)) && fn == upper(fn);
  if (dot == std::string_view::npos && !verb) return;
  // A test that wires the handler on its own router (`router.POST("/login", handler.Login)`)
  // and requests it exercises that handler.
  if (verb || fn == "HandleFunc") {
    auto args = callArgs(call);
    std::string path;
    if (args.size() >= 2 && stringValue(st, args[0], path) && identifierNode(args.back()) &&
        st.text(args.back()).size() <= 80)
      addRef(st, "wired:" + std::string(st.text(args.back())));
  }
  if (callee.size() > 80 || callee.find_first_of("()[]\n ") != std::string_view::npos) return;
  addRef(st, "call:" + std::string(callee));
}

/// A client-side test that stubs `fetch` (vitest/jest mocks, fetch-mock, msw) asserts the URLs
/// its client would call: its path strings do not reach a server route.
bool stubsFetch(std::string_view src) {
  if (src.find("setupServer(") != std::string_view::npos || src.find("fetchMock") != std::string_view::npos)
    return true;
  for (std::string_view stub : {"fetch = vi.fn", "fetch = jest.fn", "spyOn(global, 'fetch'", "spyOn(globalThis, 'fetch'",
                                "spyOn(global, \"fetch\"", "spyOn(globalThis, \"fetch\"", "stubGlobal('fetch'",
                                "stubGlobal(\"fetch\""})
    if (src.find(stub) != std::string_view::npos) return true;
  return false;
}

void finishTestRefs(State& st) {
  if (isJsFamily(st.lang) && stubsFetch(st.src))
    std::erase_if(st.facts.testRouteRefs, [](const std::string& r) { return r.starts_with("* "); });
  if (!st.namesByVariable) return;
  for (const auto& v : st.nameLiterals) addRef(st, "name:" + v);
}

void testNameLiteral(State& st, ts::Node n) {
  if (st.nameLiterals.size() >= 500) return;
  std::string v;
  if (stringValue(st, n, v) && routeNameLike(v) && (v.find(':') != std::string::npos || v.find('-') != std::string::npos ||
                                                    v.find('_') != std::string::npos))
    st.nameLiterals.push_back(std::move(v));
}

}  // namespace agentlens::core::facts_detail
