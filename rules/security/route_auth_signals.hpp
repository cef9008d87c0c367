// route-without-auth: what a route's path, handler and registration say about its protection.
#pragma once
#include <string>
#include <string_view>

namespace agentlens::core {
struct Route;
}

namespace agentlens::rules {
class RuleContext;

namespace route_auth {

/// A path with an admin, account, billing, order, … segment.
bool isSensitivePath(std::string_view path);

/// A webhook handler that verifies the sender's signature (Stripe, Svix, HMAC compare, …).
bool verifiesSignature(std::string_view handler);

/// The text that registers a route, up to its handler: Flask/FastAPI decorator lines down to the
/// `def`, Express arguments before the handler, a Go `mux.Handle(…)` line. The route's own path is
/// blanked so that `/admin/…` does not read as an auth guard.
std::string registrationText(const RuleContext& ctx, const core::Route& route);

/// True when the registration text names an auth guard the registry did not recognise
/// (`@require_admin`, `s.requireToken(h)`, `ensureSignedIn,`).
bool guardInRegistration(std::string_view text);

/// Auth evidence that only sets authentication up and rejects nobody: `passport.initialize()`,
/// `passport.session()` (they restore `req.user` when a session has one).
bool setupOnlyEvidence(std::string_view authBy);

/// Paths public by their nature that the shared list does not name: a password-reset request or
/// its emailed link (`/forgot`, `/reset/:token`) and a contact form (`/contact`).
bool publicFlowPath(std::string_view path);

/// A handler that only redirects (`(req, res) => res.redirect("/account")`): nothing to protect.
bool redirectOnly(std::string_view handler);

/// An endpoint that checks credentials itself: OAuth token introspection (`/introspect`) answers
/// 401 to callers without a valid session or token, so it cannot sit behind auth.
bool credentialCheckEndpoint(std::string_view path);

/// A handler that serves anonymous visitors by design: it reads a visitor-id cookie, mints a
/// random id when it is missing and sets the cookie back (an anonymous vote, a guest cart).
bool anonymousVisitor(std::string_view handler);

/// A handler whose text touches no stored or caller-specific data: no database, repository,
/// cache, session, user or credential identifier (a public config or price read).
bool touchesNoStoredData(std::string_view handler);

}  // namespace route_auth
}  // namespace agentlens::rules
