#include "adapters/http/participant_routes.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "adapters/http/answer_response.hpp"
#include "adapters/http/bearer_token.hpp"
#include "adapters/http/api.hpp"
#include "adapters/http/cursor.hpp"
#include "adapters/http/problem.hpp"
#include "adapters/http/request_identity.hpp"
#include "adapters/http/request_parsing.hpp"

namespace seminarflow::http {
namespace {

boost::json::object participant_json(const Participant& participant) {
    return {{"instance_id", participant.instance_id},
            {"kind", participant_kind_name(participant.key.kind)},
            {"ref", participant.key.ref},
            {"role", participant.key.role},
            {"display_name", participant.display_name},
            {"contact", participant.contact},
            {"language", participant.language},
            {"rsvp", rsvp_name(participant.rsvp)},
            {"created_at", format_rfc3339(participant.created_at)},
            {"updated_at", format_rfc3339(participant.updated_at)}};
}

// An answer as an Idempotency-Key keeps it: a status and a JSON body, a participant or a problem.
struct Answer {
    int status = 0;
    boost::json::value body;
};

Answer problem_answer(unsigned status, std::string_view type, std::string_view title, std::string detail,
                      boost::json::object extra = {}) {
    return Answer{static_cast<int>(status),
                  boost::json::parse(problem(status, type, title, detail, std::move(extra)).body)};
}

// What a change came to, as the caller is answered: 201 added, 200 changed (or already so), 404.
Answer answer_of(const ParticipantSaved& saved, const ParticipantChange& change) {
    switch (saved.outcome) {
    case ParticipantOutcome::created: return Answer{201, participant_json(*saved.participant)};
    case ParticipantOutcome::updated:
    case ParticipantOutcome::unchanged: return Answer{200, participant_json(*saved.participant)};
    case ParticipantOutcome::no_instance:
        return problem_answer(404, "not-found", "Not found", "there is no instance '" + change.instance_id + "'");
    default:
        return problem_answer(404, "participant-not-found", "Participant not found",
                              std::string(participant_kind_name(change.key.kind)) + " '" + change.key.ref +
                                  "' has no role '" + change.key.role +
                                  "' here: a member answers an invitation, it cannot make one",
                              {{"field", "ref"}});
    }
}

// One rendering for the first answer and its replays, so that a replay is byte for byte the same.
Response render(int status, const boost::json::value& body, bool replayed) {
    Response response = json_response(static_cast<unsigned>(status), boost::json::serialize(body));
    if (status >= 400) response.content_type = "application/problem+json";
    if (replayed) response.headers.emplace_back("Idempotent-Replayed", "true");
    return response;
}

Response role_refusal(std::string_view role, std::string detail) {
    return problem(403, "role-not-allowed", "Role not allowed", detail, {{"rule", role}});
}

// Admins and organisers manage participants. A member may answer for a unit its token acts for,
// and only that: the rsvp of an existing participant of kind unit. Viewers never get here.
std::optional<Response> refuse_role(const Actor& actor, const std::vector<std::string>& units,
                                    const ParticipantRequest& request) {
    if (actor.role == Role::admin || actor.role == Role::organiser) return std::nullopt;
    if (actor.role != Role::member) {
        return role_refusal(role_name(actor.role), "a " + std::string(role_name(actor.role)) +
                                                       " token may not change participants; admin and organiser may");
    }
    const bool only_rsvp = request.rsvp && !request.display_name && !request.contact && !request.language;
    const bool own_unit = request.key.kind == ParticipantKind::unit &&
                          std::find(units.begin(), units.end(), request.key.ref) != units.end();
    if (!only_rsvp || !own_unit) {
        return role_refusal("member", "a member token may set only the rsvp of a unit it acts for (its --unit); "
                                      "send kind \"unit\", that unit as ref, the role and rsvp, and nothing else");
    }
    return std::nullopt;
}

// The units the caller's token acts for. The gate admitted the token already, read from the
// header as here; its units are read again, a query that only a member's write pays, rather than
// carried on every request's Actor (an engine type, and cached with it for every route).
Result<std::vector<std::string>, Response> caller_units(const ApiContext& context, const Request& request) {
    const auto credentials = bearer_credentials(request.header("authorization"));
    if (!credentials) return std::vector<std::string>{};
    auto token = context.store.find_token(token_hash(*credentials));
    if (!token) return fail(store_unavailable(token.error()));
    if (!*token || (*token)->revoked()) return std::vector<std::string>{};
    return std::move((*token)->units);
}

ParticipantChange change_of(const ApiContext& context, std::string_view id, ParticipantRequest request,
                            const Actor& actor) {
    return ParticipantChange{.instance_id = std::string(id),
                             .key = std::move(request.key),
                             .display_name = std::move(request.display_name),
                             .contact = std::move(request.contact),
                             .language = std::move(request.language),
                             .rsvp = request.rsvp,
                             .may_create = actor.role != Role::member,
                             .at = clock_of(context).now()};
}

// The answer kept for `key`: a replay of it, 422 if it was another request's, nothing if none.
Result<std::optional<Response>, Response> kept_answer(const ApiContext& context, const IdempotencyKey& key) {
    auto record = context.store.find_idempotency(key.key);
    if (!record) return fail(store_unavailable(record.error()));
    if (!*record) return std::optional<Response>{};
    if ((*record)->request_hash != key.request_hash) {
        return std::optional<Response>(refusal_response(
            AnswerTo::event, ApplyError{ApplyError::Kind::key_reused,
                                        "the Idempotency-Key '" + key.key + "' was already used for another request",
                                        std::nullopt}));
    }
    return std::optional<Response>(render((*record)->status, (*record)->response, true));
}

Response save(const ApiContext& context, const ParticipantChange& change, const std::optional<IdempotencyKey>& key) {
    ParticipantAnswer keep;
    if (key) {
        keep = [&](const ParticipantSaved& saved) {
            Answer answer = answer_of(saved, change);
            // An answer about no instance cannot name it: the record references instances.
            std::optional<std::string> instance;
            if (saved.outcome != ParticipantOutcome::no_instance) instance = change.instance_id;
            return std::optional<IdempotencyRecord>(IdempotencyRecord{key->key, key->request_hash, std::move(instance),
                                                                      answer.status, std::move(answer.body), change.at});
        };
    }
    auto saved = context.store.save_participant(change, keep);
    if (!saved) return store_unavailable(saved.error());
    if (saved->outcome == ParticipantOutcome::idempotency_conflict) {
        // A concurrent twin under the same key answered first: its answer is this one's.
        auto kept = kept_answer(context, *key);
        if (!kept) return std::move(kept).error();
        if (*kept) return std::move(**kept);
        return store_unavailable(StoreError{"an Idempotency-Key's answer vanished"});
    }
    const Answer answer = answer_of(*saved, change);
    return render(answer.status, answer.body, false);
}

Response add_participant(const ApiContext& context, const Request& request, std::string_view id) {
    auto key = parse_idempotency_key(request);
    if (!key) return std::move(key).error();
    auto parsed = parse_participant_request(request.body);
    if (!parsed) return std::move(parsed).error();
    // The server admitted the request with its token (router.hpp): that is the caller.
    const Actor& actor = request.actor.value();
    std::vector<std::string> units;
    if (actor.role == Role::member) {
        auto found = caller_units(context, request);
        if (!found) return std::move(found).error();
        units = std::move(found).value();
    }
    if (auto refused = refuse_role(actor, units, *parsed)) return std::move(*refused);
    std::optional<IdempotencyKey> idempotency;
    if (*key) {
        idempotency = idempotency_key(**key, request, actor);
        auto kept = kept_answer(context, *idempotency);
        if (!kept) return std::move(kept).error();
        if (*kept) return std::move(**kept);
    }
    return save(context, change_of(context, id, std::move(parsed).value(), actor), idempotency);
}

Response list_participants(const ApiContext& context, const Request& request, std::string_view id) {
    auto query = parse_participants_query(request);
    if (!query) return std::move(query).error();
    auto listed = context.store.list_participants(id, query->filter, query->after, query->limit);
    if (!listed) return store_unavailable(listed.error());
    if (!*listed) return instance_not_found(id);
    boost::json::array items;
    for (const Participant& participant : (*listed)->items) items.push_back(participant_json(participant));
    const auto& next = (*listed)->next;
    return json_response(200, boost::json::serialize(boost::json::object{
                                  {"items", std::move(items)},
                                  {"next_cursor", next ? boost::json::value(encode_participant_cursor(*next)) : nullptr}}));
}

}  // namespace

void add_participant_routes(Router& router, const ApiContext& context) {
    const ApiContext* c = &context;
    router.add({"GET", "/v1/instances/{id}/participants", Blocking::reads,
                [c](const Request& request, const PathParams& params) {
                    return list_participants(*c, request, param(params, "id"));
                }});
    router.add({"POST", "/v1/instances/{id}/participants", Blocking::commits,
                [c](const Request& request, const PathParams& params) {
                    return add_participant(*c, request, param(params, "id"));
                }});
}

}  // namespace seminarflow::http
