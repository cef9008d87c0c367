// route-without-auth for Django REST framework class-based views (route_auth_drf.cpp).
#pragma once

namespace agentlens::rules {
class RuleContext;

namespace route_auth {

/// Marks the views' findings so the cross-file pass can drop them under a project-wide default.
inline constexpr const char* kDrfViewTag = "(Django REST framework view)";

/// Reports HTTP methods of `APIView`/`ViewSet` classes that set no `permission_classes`, inherit
/// no auth mixin and are not public by name (login, signup, callback, …): with DRF's default
/// `AllowAny` anyone can call them. A project-wide `DEFAULT_PERMISSION_CLASSES` is judged by the
/// cross-file pass. GET methods are reported when the view serves user/account/admin data or its
/// GET writes (`user_create(...)` in a GET handler).
void reportOpenDrfViews(RuleContext& ctx);

}  // namespace route_auth
}  // namespace agentlens::rules
