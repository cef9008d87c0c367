// object-access-without-ownership-check: records loaded by an id the request body names.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace agentlens::rules::object_access {

struct BodyIdLoad {
  std::string key;      ///< the body field (`attempt_id`, `orderId`)
  std::size_t at = 0;   ///< offset in the handler of the load call
};

/// A handler that reads an id-like field from the request body (`data["attempt_id"]`,
/// `request.json.get("order_id")`, `req.body.orderId`) and loads a record by it
/// (`get_or_404(attempt_id)`, `.query.get(order_id)`, `findById(req.body.orderId)`).
std::optional<BodyIdLoad> bodyIdLoad(std::string_view handler);

}  // namespace agentlens::rules::object_access
