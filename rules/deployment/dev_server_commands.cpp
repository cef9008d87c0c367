// dev-server-entrypoint: the development-server recognisers (see dev_server_commands.hpp).
#include "rules/deployment/dev_server_commands.hpp"

namespace agentlens::rules::dev_server {
namespace {

bool simpleCommand(const Tokens& t) {
  for (const auto& s : t)
    if (s == "&&" || s == "||" || s == ";" || s == "|" || s.find("$(") != std::string::npos || s.ends_with(";"))
      return false;
  return true;
}

std::size_t find(const Tokens& t, std::string_view s, std::size_t from = 0) {
  for (std::size_t i = from; i < t.size(); ++i)
    if (t[i] == s) return i;
  return t.size();
}

bool endsWithName(const std::string& tok, std::string_view name) {
  return tok == name || tok.ends_with("/" + std::string(name));
}

}  // namespace

std::optional<Verdict> judge(const Tokens& t, const std::string& flaskApp) {
  bool simple = simpleCommand(t);
  for (std::size_t i = 0; i < t.size(); ++i) {
    const std::string& w = t[i];
    std::string next = i + 1 < t.size() ? t[i + 1] : "";
    if ((endsWithName(w, "flask") || (w == "-m" && next == "flask")) &&
        find(t, "run", i) < t.size()) {
      Verdict v{"`flask run` (the Werkzeug development server)", std::nullopt, core::Applicability::Unsafe,
                "Serve with gunicorn"};
      std::string port = "5000";
      for (std::size_t k = i; k + 1 < t.size(); ++k)
        if (t[k] == "--port" || t[k] == "-p") port = t[k + 1];
      for (std::size_t k = i; k < t.size(); ++k)
        if (t[k].starts_with("--port=")) port = t[k].substr(7);
      if (simple) v.replace = Tokens{"gunicorn", "-b", "0.0.0.0:" + port, (flaskApp.empty() ? "app" : flaskApp) + ":app"};
      return v;
    }
    if (w == "runserver" && i > 0 && (t[i - 1].ends_with("manage.py") || endsWithName(t[i - 1], "django-admin")))
      return Verdict{"`manage.py runserver` (the Django development server)", std::nullopt, core::Applicability::Unsafe, ""};
    if (endsWithName(w, "uvicorn") || (w == "-m" && next == "uvicorn")) {
      std::size_t r = find(t, "--reload", i);
      if (r == t.size()) return std::nullopt;
      Verdict v{"`uvicorn --reload` (the auto-reloading development mode)", std::nullopt, core::Applicability::Safe,
                "Drop `--reload`"};
      Tokens out = t;
      out.erase(out.begin() + static_cast<std::ptrdiff_t>(r));
      v.replace = out;
      return v;
    }
    if (endsWithName(w, "fastapi") && next == "dev")
      return Verdict{"`fastapi dev` (the auto-reloading development server)", std::nullopt, core::Applicability::Unsafe, ""};
    if (endsWithName(w, "nodemon")) {
      Verdict v{"`nodemon` (a file-watching development runner)", std::nullopt, core::Applicability::Safe,
                "Run with node"};
      if (simple && i + 2 == t.size() && !next.starts_with("-")) {
        std::size_t keep = i > 0 && t[i - 1] == "npx" ? i - 1 : i;
        Tokens out(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(keep));
        out.push_back("node");
        out.push_back(next);
        v.replace = out;
      }
      return v;
    }
    if (endsWithName(w, "ts-node") || endsWithName(w, "ts-node-dev"))
      return Verdict{"`" + w + "` (compiles TypeScript on every start)", std::nullopt, core::Applicability::Unsafe, ""};
    if (endsWithName(w, "next") && next == "dev") {
      Verdict v{"`next dev` (the Next.js development server)", std::nullopt, core::Applicability::Unsafe,
                "Use `next start` (after `next build`)"};
      if (simple) {
        Tokens out = t;
        out[i + 1] = "start";
        v.replace = out;
      }
      return v;
    }
    if ((w == "npm" || w == "yarn" || w == "pnpm" || w == "bun") &&
        ((next == "run" && i + 2 < t.size() && t[i + 2] == "dev") || (next == "dev" && w != "npm")))
      return Verdict{"`" + w + (next == "run" ? " run dev" : " dev") + "` (the development script)", std::nullopt,
                     core::Applicability::Unsafe, ""};
    if (endsWithName(w, "vite") && (next.empty() || next == "dev" || next == "serve" || next.starts_with("--")))
      return Verdict{"`vite` (the development server)", std::nullopt, core::Applicability::Unsafe, ""};
    if (endsWithName(w, "react-scripts") && next == "start")
      return Verdict{"`react-scripts start` (the development server)", std::nullopt, core::Applicability::Unsafe, ""};
    if (endsWithName(w, "ng") && next == "serve")
      return Verdict{"`ng serve` (the Angular development server)", std::nullopt, core::Applicability::Unsafe, ""};
  }
  return std::nullopt;
}

std::string shellForm(const Tokens& t) {
  std::string out;
  for (const auto& s : t) {
    if (!out.empty()) out += ' ';
    out += s;
  }
  return out;
}

std::string execForm(const Tokens& t) {
  std::string out = "[";
  for (std::size_t i = 0; i < t.size(); ++i) out += (i ? ", \"" : "\"") + t[i] + "\"";
  return out + "]";
}

}  // namespace agentlens::rules::dev_server
