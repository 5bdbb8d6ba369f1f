#pragma once
// What a seminar, a contest or a programme came to (GET /v1/instances/{id}/summary): its
// children counted by state, its rewards totalled per recipient, its participants counted by
// role and RSVP. The store computes it for the whole instance tree in a few statements (never one
// per child); what the states mean (held, open, done) is read off the counts by the functions
// below, so every reader of a summary counts them alike.
#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/participant.hpp"

namespace seminarflow {

// Instances of one workflow counted by state, e.g. submissions: {"presented": 6, "rejected": 1}.
using StateCounts = std::map<std::string, std::int64_t, std::less<>>;

// Rewards approved (approved, issued or published) for one recipient.
struct RecipientRewards {
    std::string recipient;
    std::string recipient_kind;   // unit or person
    std::int64_t count = 0;
    std::int64_t approved_vnd = 0;  // the amounts of all of them
    std::int64_t issued_vnd = 0;    // the amounts of those issued or published
    std::int64_t paid_vnd = 0;      // what was paid on issue
};

struct ParticipantCount {
    std::string role;
    Rsvp rsvp = Rsvp::needs_action;
    std::int64_t count = 0;
};

struct InstanceSummary {
    std::string instance_id;
    std::string workflow;
    std::string state;
    // Its own children (a programme's seminars and contests; a seminar's submissions, proposals,
    // directives and rewards), by workflow.
    std::map<std::string, StateCounts, std::less<>> children;
    // Its children's children (a programme's seminars' submissions ...), by workflow.
    std::map<std::string, StateCounts, std::less<>> grandchildren;
    // Rewards of the children and grandchildren, by recipient (name order).
    std::vector<RecipientRewards> rewards;
    // Its own participants and its seminars' and contests' (role, then RSVP order).
    std::vector<ParticipantCount> participants;
};

// The workflows a summary is kept for.
bool summarised_workflow(std::string_view workflow);

// How many of `counts` are in one of `states`; every state when `states` is empty.
std::int64_t count_in(const StateCounts& counts, std::initializer_list<std::string_view> states = {});

// The counts of `workflow` among the instances a summary is about: a programme's seminars'
// (grandchildren), a seminar's or contest's own (children).
const StateCounts& summary_counts(const InstanceSummary& summary, std::string_view workflow);

}  // namespace seminarflow
