// object-access-without-ownership-check, DRF viewsets (see object_access_drf.hpp).
#include "rules/security/object_access_drf.hpp"

#include <string>
#include <string_view>

#include "rules/rule.hpp"

namespace agentlens::rules::object_access {
namespace {

/// `permission_classes = [...]` names something beyond the built-in authentication checks (an
/// owner permission, IsAdminUser, DjangoObjectPermissions, …).
bool customPermission(std::string_view body) {
  auto at = body.find("permission_classes");
  if (at == std::string_view::npos) return false;
  auto open = body.find_first_of("[(", at);
  auto close = open == std::string_view::npos ? open : body.find_first_of("])", open);
  if (close == std::string_view::npos) return true;  // computed: cannot tell, assume checked
  std::string_view list = body.substr(open + 1, close - open - 1);
  std::size_t i = 0;
  while (i < list.size()) {
    auto b = list.find_first_not_of(" \t\r\n,", i);
    if (b == std::string_view::npos) break;
    auto e = list.find_first_of(",", b);
    std::string_view name = list.substr(b, (e == std::string_view::npos ? list.size() : e) - b);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\n' || name.back() == '\r')) name.remove_suffix(1);
    if (auto dot = name.rfind('.'); dot != std::string_view::npos) name = name.substr(dot + 1);
    if (name != "IsAuthenticated" && name != "IsAuthenticatedOrReadOnly" && name != "AllowAny") return true;
    if (e == std::string_view::npos) break;
    i = e + 1;
  }
  return false;
}

/// A method that scopes or checks objects (`get_queryset`, `get_object`, `perform_update`,
/// `perform_destroy`, `update`, `destroy`, …) and mentions the caller.
bool checksOwner(std::string_view body) {
  for (std::string_view m : {"def get_queryset", "def get_object", "def perform_update", "def perform_destroy",
                             "def update", "def partial_update", "def destroy", "def check_object_permissions"}) {
    auto at = body.find(m);
    if (at == std::string_view::npos) continue;
    auto next = body.find("\n    def ", at + m.size());
    std::string_view fn = body.substr(at, next == std::string_view::npos ? std::string_view::npos : next - at);
    if (fn.find("user") != std::string_view::npos || fn.find("owner") != std::string_view::npos ||
        fn.find("PermissionDenied") != std::string_view::npos)
      return true;
  }
  return body.find("has_object_permission") != std::string_view::npos;
}

bool modelViewSet(std::string_view bases) {
  for (auto at = bases.find("ModelViewSet"); at != std::string_view::npos; at = bases.find("ModelViewSet", at + 1))
    if (at < 8 || bases.substr(at - 8, 8) != "ReadOnly") return true;
  return false;
}

}  // namespace

void reportDrfViewSets(RuleContext& ctx) {
  if (ctx.lang() != core::Lang::Python) return;
  auto src = ctx.source();
  if (src.find("ModelViewSet") == std::string_view::npos) return;
  ts::Node root = ctx.file().tree.root();
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node cls = root.namedChild(i);
    if (cls.type() == "decorated_definition") cls = cls.field("definition");
    if (!cls || cls.type() != "class_definition") continue;
    ts::Node bases = cls.field("superclasses"), body = cls.field("body"), name = cls.field("name");
    if (!bases || !body || !name || !modelViewSet(bases.text(src))) continue;
    std::string_view b = body.text(src);
    if (customPermission(b) || checksOwner(b) || b.find("http_method_names") != std::string_view::npos) continue;
    ctx.countSite();
    ctx.report(name, "`" + std::string(name.text(src)) +
                         "` is a ModelViewSet with no object-level permission and a queryset not scoped to the "
                         "caller: any user who passes its permissions can update or delete any record; add an "
                         "owner permission (has_object_permission) or filter get_queryset by request.user");
  }
}

}  // namespace agentlens::rules::object_access
