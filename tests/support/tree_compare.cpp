#include "support/tree_compare.hpp"

#include <vector>

namespace agentlens::testing {
namespace {

/// The tree without its comment nodes (named nodes only), and every token with its bytes.
/// Iterative: fuzzed inputs nest deeply.
void shapeWithoutComments(ts::Node root, std::string& shape, std::string& tokens) {
  struct Frame {
    ts::Node node;
    std::uint32_t next = 0;  // next child to visit
  };
  std::vector<Frame> stack;
  auto enter = [&](ts::Node n) {
    if (n.type() == "comment") {
      tokens += "c" + std::to_string(n.startByte()) + "-" + std::to_string(n.endByte()) + " ";
      return;
    }
    if (n.childCount() == 0) {
      tokens += std::to_string(n.symbol()) + "@" + std::to_string(n.startByte()) + "-" +
                std::to_string(n.endByte()) + (n.isMissing() ? "M " : " ");
    }
    if (n.isNamed()) shape += "(" + std::string(n.type());
    stack.push_back({n, 0});
  };
  enter(root);
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.next < f.node.childCount()) {
      ts::Node child = f.node.child(f.next++);
      enter(child);  // may reallocate: `f` is not used after this
      continue;
    }
    if (f.node.isNamed()) shape += ")";
    stack.pop_back();
  }
}

}  // namespace

std::string compareTrees(ts::Node a, ts::Node b) {
  ts::TreeCursor ca(a), cb(b);
  auto describe = [](ts::Node n) {
    return std::string(n.type()) + "@" + std::to_string(n.startByte()) + "-" + std::to_string(n.endByte()) + " (" +
           std::to_string(n.startPoint().row) + "," + std::to_string(n.startPoint().column) + ")-(" +
           std::to_string(n.endPoint().row) + "," + std::to_string(n.endPoint().column) + ")" +
           (n.isMissing() ? " MISSING" : "");
  };
  for (;;) {
    ts::Node x = ca.node(), y = cb.node();
    bool same = x.symbol() == y.symbol() && x.startByte() == y.startByte() && x.endByte() == y.endByte() &&
                x.startPoint().row == y.startPoint().row && x.startPoint().column == y.startPoint().column &&
                x.endPoint().row == y.endPoint().row && x.endPoint().column == y.endPoint().column &&
                x.isMissing() == y.isMissing() && x.isError() == y.isError() && x.childCount() == y.childCount();
    if (!same) return "incremental " + describe(x) + " vs fresh " + describe(y);
    bool da = ca.gotoFirstChild(), db = cb.gotoFirstChild();
    if (da != db) return "child mismatch at " + describe(x);
    if (da) continue;
    for (;;) {
      bool sa = ca.gotoNextSibling(), sb = cb.gotoNextSibling();
      if (sa != sb) return "sibling mismatch after " + describe(ca.node());
      if (sa) break;
      bool pa = ca.gotoParent(), pb = cb.gotoParent();
      if (!pa || !pb) return "";
    }
  }
}

bool differOnlyInCommentPlacement(ts::Node a, ts::Node b) {
  std::string sa, ta, sb, tb;
  shapeWithoutComments(a, sa, ta);
  shapeWithoutComments(b, sb, tb);
  return sa == sb && ta == tb;
}

TreeComparison compareIncremental(ts::Node inc, ts::Node ref) {
  std::string diff = compareTrees(inc, ref);
  std::string a = inc.sexp(), b = ref.sexp();
  if (diff.empty() && a == b) return {};
  if (differOnlyInCommentPlacement(inc, ref)) return {TreeComparison::Kind::CommentPlacement, ""};
  bool errors = ref.hasError() || inc.hasError();
  if (errors && inc.startByte() == ref.startByte() && inc.endByte() == ref.endByte())
    return {TreeComparison::Kind::InsideErrors, ""};
  return {TreeComparison::Kind::Different, diff + "\n  incremental: " + a + "\n  fresh:       " + b};
}

TSPoint referencePoint(std::string_view text, std::size_t offset) {
  TSPoint p{0, 0};
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++p.row;
      p.column = 0;
    } else {
      ++p.column;
    }
  }
  return p;
}

}  // namespace agentlens::testing
