#include "rules/security/route_auth_drf.hpp"

#include <string>

#include "core/text/path_text.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::route_auth {
namespace {

bool has(std::string_view s, std::string_view w) { return s.find(w) != std::string_view::npos; }

bool drfBase(std::string_view bases) { return has(bases, "APIView") || has(bases, "ViewSet"); }

/// A base that authenticates (`ApiAuthMixin`, `LoginRequiredMixin`, `PermissionRequiredMixin`).
bool authMixin(std::string_view bases) {
  auto l = core::text::asciiLower(bases);
  return has(l, "auth") || has(l, "loginrequired") || has(l, "permission");
}

/// Views a caller reaches before having credentials, or public on purpose.
bool publicByName(std::string_view name) {
  auto l = core::text::asciiLower(name);
  for (std::string_view w : {"login", "logout", "signup", "signin", "register", "token", "callback", "redirect",
                             "health", "public", "password", "forgot", "webhook", "oauth", "verify"})
    if (has(l, w)) return true;
  // `UserCreateApi`: open account creation is sign-up (as `POST /users` with a create handler is).
  return l.starts_with("usercreate") || l.starts_with("accountcreate");
}

bool sensitiveName(std::string_view name) {
  auto l = core::text::asciiLower(name);
  for (std::string_view w : {"user", "account", "admin", "order", "payment", "billing", "invoice", "profile", "setting"})
    if (has(l, w)) return true;
  return false;
}

/// A GET handler that creates, updates or deletes (`user_create(...)`, `.save()`, `.delete()`).
bool writes(std::string_view body) {
  auto l = core::text::asciiLower(body);
  return has(l, "_create(") || has(l, "_update(") || has(l, "_delete(") || has(l, ".save(") || has(l, ".delete(") ||
         has(l, ".create(");
}

void reportClass(RuleContext& ctx, ts::Node cls) {
  auto name = ctx.text(cls.field("name"));
  auto bases = ctx.text(cls.field("superclasses"));
  if (!drfBase(bases) || authMixin(bases) || publicByName(name)) return;
  ts::Node body = cls.field("body");
  for (std::uint32_t i = 0; body && i < body.namedChildCount(); ++i) {  // the author decided
    auto t = ctx.text(body.namedChild(i));
    if (t.starts_with("permission_classes") || t.starts_with("authentication_classes")) return;
  }
  for (std::uint32_t i = 0; body && i < body.namedChildCount(); ++i) {
    ts::Node fn = body.namedChild(i);
    if (fn.type() == "decorated_definition") continue;  // @action(permission_classes=…) and friends
    if (fn.type() != "function_definition") continue;
    std::string method(ctx.text(fn.field("name")));
    bool mutating = method == "post" || method == "put" || method == "patch" || method == "delete" ||
                    method == "create" || method == "update" || method == "partial_update" || method == "destroy";
    bool read = method == "get" || method == "list" || method == "retrieve";
    if (!mutating && !read) continue;
    ctx.countSite();
    bool getWrites = read && writes(ctx.text(fn.field("body")));
    if (read && !sensitiveName(name) && !getWrites) continue;
    std::string label = std::string(name) + "." + method;
    std::string why = mutating || getWrites ? " and changes state" : " and serves user data";
    auto& f = ctx.report(fn.field("name"), label + " " + kDrfViewTag + " has no authentication" + why +
                                                ": no permission_classes, no auth mixin, and DRF's default is AllowAny; "
                                                "require auth on the view or set DEFAULT_PERMISSION_CLASSES");
    f.severity = core::Severity::High;
  }
}

}  // namespace

void reportOpenDrfViews(RuleContext& ctx) {
  if (ctx.lang() != core::Lang::Python || !has(ctx.source(), "rest_framework")) return;
  ts::Node root = ctx.file().tree.root();
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    if (n.type() == "class_definition") reportClass(ctx, n);
  }
}

}  // namespace agentlens::rules::route_auth
