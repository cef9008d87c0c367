// dev-server-entrypoint: recognises development servers in one launch command
// (`flask run`, `manage.py runserver`, `uvicorn --reload`, `nodemon`, `next dev`, `vite`, …) and
// renders the replacement command back in the form it was written in.
#pragma once
#include <optional>
#include <string>

#include "core/finding.hpp"
#include "rules/common/launch.hpp"

namespace agentlens::rules::dev_server {

/// A development server found in a launch command, with the production replacement when known.
struct Verdict {
  std::string what;               ///< e.g. "`flask run` (the Werkzeug development server)"
  std::optional<Tokens> replace;  ///< replacement command, when a fix is known
  core::Applicability safety = core::Applicability::Unsafe;
  std::string fixTitle;
};

/// Judges one launch command. `flaskApp` is the module from `FLASK_APP`, if the file sets it.
std::optional<Verdict> judge(const Tokens& t, const std::string& flaskApp);

/// `a b c` (shell form).
std::string shellForm(const Tokens& t);
/// `["a", "b", "c"]` (Dockerfile exec form).
std::string execForm(const Tokens& t);

}  // namespace agentlens::rules::dev_server
