// Launch commands: splitting, dev-only files, and the Python module a command starts.
#include "rules/common/launch.hpp"

#include <algorithm>
#include <cctype>

namespace agentlens::rules {

Tokens splitCommand(std::string_view s) {
  Tokens out;
  std::string cur;
  char quote = 0;
  bool json = !s.empty() && s.front() == '[';
  for (char c : s) {
    if (quote) {
      if (c == quote) quote = 0;
      else cur += c;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == ' ' || c == '\t' || (json && (c == ',' || c == '[' || c == ']'))) {
      if (!cur.empty()) out.push_back(std::move(cur)), cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

bool devOnlyPath(std::string_view path) {
  std::string l(path);
  for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto slash = l.find_last_of('/');
  std::string name = slash == std::string::npos ? l : l.substr(slash + 1);
  return l.find(".devcontainer/") != std::string::npos || name.find(".dev") != std::string::npos ||
         name.starts_with("dev.") || name.find("-dev") != std::string::npos || name.find(".local") != std::string::npos ||
         name.find("override") != std::string::npos;
}

bool devToolPath(std::string_view path) {
  std::string l(path);
  for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return l.find("storybook") != std::string::npos;
}

namespace {

std::string baseName(std::string_view p) {
  auto s = p.find_last_of('/');
  return std::string(s == std::string_view::npos ? p : p.substr(s + 1));
}

bool isPython(std::string_view w) {
  auto b = baseName(w);
  if (b == "python" || b == "python3") return true;
  if (!b.starts_with("python3.")) return false;
  return std::all_of(b.begin() + 8, b.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

/// `pkg.mod:app`, `pkg.mod:create_app()`: the module part, or "".
std::string appSpecModule(std::string_view w) {
  auto colon = w.find(':');
  if (colon == std::string_view::npos || colon == 0) return "";
  auto mod = w.substr(0, colon), attr = w.substr(colon + 1);
  auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  if (!std::isalpha(static_cast<unsigned char>(mod.front())) && mod.front() != '_') return "";
  if (!std::all_of(mod.begin(), mod.end(), [&](char c) { return ident(c) || c == '.'; })) return "";
  if (attr.empty() || (!std::isalpha(static_cast<unsigned char>(attr.front())) && attr.front() != '_')) return "";
  return std::string(mod);
}

}  // namespace

PythonLaunch pythonLaunch(std::string_view command) {
  Tokens t = splitCommand(command);
  // Look through wrappers: sh -c "…" is re-split, exec/env/tini/dumb-init are skipped.
  for (std::size_t i = 0; i < t.size(); ++i) {
    auto b = baseName(t[i]);
    if ((b == "sh" || b == "bash") && i + 2 < t.size() && t[i + 1] == "-c") {
      Tokens inner = splitCommand(t[i + 2]);
      t.assign(inner.begin(), inner.end());
      i = static_cast<std::size_t>(-1);
      continue;
    }
    if (b == "exec" || b == "env" || b == "tini" || b == "dumb-init" || b == "--" || t[i].find('=') != std::string::npos ||
        (t[i].starts_with("-") && i == 0))
      continue;
    PythonLaunch out;
    if (isPython(t[i])) {
      for (std::size_t k = i + 1; k < t.size(); ++k) {
        if (t[k] == "-m" && k + 1 < t.size()) {
          std::string mod = t[k + 1];
          if (mod == "gunicorn" || mod == "uvicorn" || mod == "hypercorn" || mod == "waitress" || mod == "flask") {
            // `python -m gunicorn app:app`: the server, not a script.
            t.erase(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(k + 1));
            i = static_cast<std::size_t>(-1);
            goto next;
          }
          out.kind = PythonLaunch::Kind::Script;
          out.module = mod;
          return out;
        }
        if (t[k].starts_with("-")) continue;  // -u, -O, -B
        if (t[k].ends_with(".py")) {
          out.kind = PythonLaunch::Kind::Script;
          out.scriptPath = t[k];
          return out;
        }
        return out;
      }
      return out;
    }
    if (b == "gunicorn" || b == "uvicorn" || b == "hypercorn" || b == "waitress-serve" || b == "waitress" ||
        b == "daphne") {
      out.kind = PythonLaunch::Kind::Server;
      out.server = b == "waitress" ? "waitress-serve" : b;
      for (std::size_t k = i + 1; k < t.size(); ++k) {
        if (t[k] == "--reload") out.reload = true;
        if (out.module.empty() && !t[k].starts_with("-")) {
          auto mod = appSpecModule(t[k]);
          // An option's value (`-b 0.0.0.0:8000`) is not an app spec: appSpecModule rejects it.
          if (!mod.empty()) out.module = mod;
        }
      }
      return out;
    }
    return out;
  next:;
  }
  return {};
}

bool launchRuns(const PythonLaunch& launch, std::string_view path) {
  if (launch.kind == PythonLaunch::Kind::None) return false;
  std::string p(path);
  auto matchesSuffix = [&](std::string want) {
    while (want.starts_with("./")) want.erase(0, 2);
    if (want.empty()) return false;
    if (p == want) return true;
    // `/app/src/app.py` in the image ↔ `src/app.py` in the workspace, and `app.py` run from a
    // WORKDIR that is a workspace subdirectory.
    return want.ends_with("/" + p) || p.ends_with("/" + want);
  };
  if (!launch.scriptPath.empty()) return matchesSuffix(launch.scriptPath);
  if (launch.module.empty()) return false;
  std::string asPath = launch.module;
  std::replace(asPath.begin(), asPath.end(), '.', '/');
  return matchesSuffix(asPath + ".py") || matchesSuffix(asPath + "/__main__.py") ||
         (launch.kind == PythonLaunch::Kind::Server && matchesSuffix(asPath + "/__init__.py"));
}

}  // namespace agentlens::rules
