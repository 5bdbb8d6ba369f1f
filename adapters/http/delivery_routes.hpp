#pragma once
// The delivery routes: what became of each notification sent to each endpoint, and sending the
// failed and dead ones again (DESIGN.md, "HTTP API").
//   GET  /v1/deliveries?status=&endpoint=&cursor=&limit=   newest first, page by page
//   GET  /v1/deliveries/{id}                  with every try: time, status code, latency,
//                                             outcome, the answer's excerpt, the error
//   POST /v1/deliveries/{id}/retry            a failed or dead one, now (202)
//   POST /v1/deliveries/replay                {"since", "endpoint"?}: every failed or dead one
//                                             made since then (202, how many)
// Admins and organisers may look and retry one delivery: organisers run the events whose
// messages these are, and want to know that the chat group got the reminder. A replay can resend
// thousands of messages to every receiver, so it is the admins' alone. Other roles see nothing
// here: a delivery shows endpoints' URLs and what receivers answered.
#include "adapters/http/router.hpp"

namespace seminarflow::http {

struct ApiContext;

// Adds them to `router`; the handlers keep a reference to `context`.
void add_delivery_routes(Router& router, const ApiContext& context);

}  // namespace seminarflow::http
