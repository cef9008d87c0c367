// object-access-without-ownership-check, DRF: a writable ModelViewSet with no object-level check.
#pragma once

namespace agentlens::rules {
class RuleContext;

namespace object_access {

/// Reports Django REST framework `ModelViewSet` classes (update and destroy by URL pk) whose
/// permissions are only the built-in authentication checks, and that neither scope the queryset
/// to the caller nor check ownership in an update/destroy hook.
void reportDrfViewSets(RuleContext& ctx);

}  // namespace object_access
}  // namespace agentlens::rules
