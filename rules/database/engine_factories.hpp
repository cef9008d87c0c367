// Python engine factories called per use: a SQLAlchemy engine built inside an uncached function
// that a session generator (a FastAPI `Depends(get_db)`, a `with get_session():` helper) calls on
// every use, directly or through other functions of the same file.
#pragma once

#include <string>
#include <vector>

#include "core/ts/ts.hpp"

namespace agentlens::rules {

struct PerUseEngine {
  ts::Node call;        ///< the call in the generator that reaches the engine
  ts::Node creation;    ///< the `create_engine(...)` call
  std::string generator;  ///< name of the generator that runs per use
  std::string chain;      ///< "get_session_local() -> get_engine() -> create_engine"
};

/// Every session generator of the file that builds a new engine each time it runs.
std::vector<PerUseEngine> perUseEngines(ts::Node root, std::string_view src);

}  // namespace agentlens::rules
