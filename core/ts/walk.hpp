// The one pre-order traversal with an ancestor stack, shared by the rule engine (facts + rules
// in a single walk) and standalone facts extraction. Iterative: deep nesting cannot overflow.
#pragma once
#include <vector>

#include "core/ts/ts.hpp"

namespace agentlens::ts {

/// Calls visit(node, ancestors) for every node under `root` in pre-order; `ancestors` holds the
/// root first and the node's parent last.
template <typename Visit>
void walkWithAncestors(Node root, std::vector<Node>& ancestors, Visit&& visit) {
  ancestors.clear();
  if (root.isNull()) return;
  TreeCursor cursor(root);
  for (;;) {
    Node node = cursor.node();
    visit(node, static_cast<const std::vector<Node>&>(ancestors));
    if (cursor.gotoFirstChild()) {
      ancestors.push_back(node);
      continue;
    }
    for (;;) {
      if (cursor.gotoNextSibling()) break;
      if (!cursor.gotoParent()) {
        ancestors.clear();
        return;
      }
      ancestors.pop_back();
    }
  }
}

}  // namespace agentlens::ts
