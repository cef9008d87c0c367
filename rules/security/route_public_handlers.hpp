// route-without-auth: handlers public by what they do, judged on the handler's text (in the
// route's file, or found in a controller module by the cross-file pass).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace agentlens::rules::route_auth {

/// A checkout that charges the caller's own card: a Stripe charge or PaymentIntent whose source /
/// payment method is the token the browser just created (`source: req.body.stripeToken`), with no
/// stored customer. The buyer's card is the credential; there is nothing of the service to protect.
bool chargesCallersCard(std::string_view handler);

/// A handler that reads no request input and keys what it changes on the caller's own session
/// (`req.sessionID`): it can only touch the caller's anonymous state (a "reset my chat" button).
bool ownSessionStateOnly(std::string_view handler);

/// The text of the JavaScript function exported as `name` (`exports.name = (req, res) => {…}`,
/// `export async function name(…) {…}`, `export const name = …`) in `source`, or nullopt.
std::optional<std::string> exportedFunctionText(std::string_view source, std::string_view name);

}  // namespace agentlens::rules::route_auth
