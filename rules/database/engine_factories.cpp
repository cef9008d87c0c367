#include "rules/database/engine_factories.hpp"

#include <map>

#include "rules/common/syntax.hpp"

namespace agentlens::rules {
namespace {

struct Fn {
  ts::Node node;
  bool cached = false;
};

bool isEngineCall(ts::Node call, std::string_view src) {
  auto callee = calleeText(call, src);
  return callee == "create_engine" || callee == "create_async_engine" || callee.ends_with(".create_engine") ||
         callee.ends_with(".create_async_engine");
}

/// Calls made by `fn` itself (not by functions nested in it).
template <typename F>
void ownCalls(ts::Node fn, F&& visit) {
  ts::walk(fn.field("body"), [&](ts::Node n) {
    if (n.type() == "function_definition" || n.type() == "lambda" || n.type() == "class_definition") return false;
    if (n.type() == "call") visit(n);
    return true;
  });
}

bool ownYield(ts::Node fn) {
  bool found = false;
  ts::walk(fn.field("body"), [&](ts::Node n) {
    if (found || n.type() == "function_definition" || n.type() == "lambda") return false;
    if (n.type() == "yield") found = true;
    return !found;
  });
  return found;
}

/// `@lru_cache`/`@cache`, a `global` assignment or an `is None` guard: the engine is built once.
bool cachedFn(ts::Node fn, std::string_view src) {
  auto body = fn.text(src);
  if (body.find("global ") != std::string_view::npos || body.find("is None") != std::string_view::npos ||
      body.find("nonlocal ") != std::string_view::npos)
    return true;
  ts::Node p = fn.parent();
  if (p && p.type() == "decorated_definition") {
    auto deco = p.text(src).substr(0, fn.startByte() - p.startByte());
    if (deco.find("cache") != std::string_view::npos) return true;
  }
  return false;
}

/// Lifespan/startup generators run once per process, not per request.
bool onceGenerator(ts::Node fn, std::string_view src) {
  auto name = functionName(fn, src);
  if (name.find("lifespan") != std::string_view::npos || name.find("startup") != std::string_view::npos) return true;
  auto params = fn.field("parameters").text(src);
  if (params.find("app") != std::string_view::npos) return true;
  // A fixture or a scope that disposes of its engine owns that engine's whole life.
  if (fn.text(src).find(".dispose(") != std::string_view::npos) return true;
  ts::Node p = fn.parent();
  return p && p.type() == "decorated_definition" &&
         p.text(src).substr(0, fn.startByte() - p.startByte()).find("fixture") != std::string_view::npos;
}

}  // namespace

std::vector<PerUseEngine> perUseEngines(ts::Node root, std::string_view src) {
  std::map<std::string, Fn> fns;
  ts::walk(root, [&](ts::Node n) {
    if (n.type() == "function_definition")
      fns.emplace(std::string(functionName(n, src)), Fn{n, cachedFn(n, src)});
    return n.type() != "class_definition";  // methods are reached through `self.`, not by name
  });
  // name -> (creation node, chain) for every uncached function that builds an engine per call.
  std::map<std::string, std::pair<ts::Node, std::string>> makers;
  // (No structured bindings below: clang 14 cannot capture them in the lambdas.)
  for (auto& entry : fns) {
    const std::string& name = entry.first;
    const Fn& fn = entry.second;
    if (fn.cached) continue;
    ownCalls(fn.node, [&](ts::Node c) {
      if (!makers.count(name) && isEngineCall(c, src)) makers[name] = {c, std::string(calleeText(c, src))};
    });
  }
  for (bool grew = true; grew;) {
    grew = false;
    for (auto& entry : fns) {
      const std::string& name = entry.first;
      const Fn& fn = entry.second;
      if (fn.cached || makers.count(name)) continue;
      ownCalls(fn.node, [&](ts::Node c) {
        if (makers.count(name) || c.field("function").type() != "identifier") return;
        auto it = makers.find(std::string(c.field("function").text(src)));
        if (it == makers.end() || it->first == name) return;
        makers[name] = {it->second.first, it->first + "() -> " + it->second.second};
        grew = true;
      });
    }
  }
  std::vector<PerUseEngine> out;
  for (auto& entry : fns) {
    const std::string& name = entry.first;
    const Fn& fn = entry.second;
    if (!ownYield(fn.node) || onceGenerator(fn.node, src) || makers.count(name) == 0) continue;
    const auto& made = makers[name];
    if (made.second.find("->") == std::string::npos) {  // the generator builds the engine itself
      out.push_back({made.first, made.first, name, made.second});
      continue;
    }
    bool done = false;
    ownCalls(fn.node, [&](ts::Node c) {
      if (done || c.field("function").type() != "identifier") return;
      auto it = makers.find(std::string(c.field("function").text(src)));
      if (it == makers.end()) return;
      out.push_back({c, it->second.first, name, it->first + "() -> " + it->second.second});
      done = true;
    });
  }
  return out;
}

}  // namespace agentlens::rules
