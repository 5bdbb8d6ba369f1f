#pragma once
// The tables a committee opens in a spreadsheet (csv.hpp): an instance's participants, the
// rewards of a seminar or contest with their total, and a contest's standings. Pure.
#include <string>

#include "engine/exports/export_source.hpp"
#include "engine/model/result.hpp"

namespace seminarflow {

// kind, ref, display_name, role, rsvp, language, contact ("email: a@b; sms: ..."), one row each.
std::string participants_csv(const ExportSource& source);

// recipient, recipient_kind, achievement, certificate_kind, amount_vnd, state, decision_number,
// certificate_number, paid_vnd, one row per reward child, then a total line: the amounts of the
// rewards not declined, and what was paid. Refused for an instance that is neither a seminar nor
// a contest (no other workflow has rewards).
Result<std::string, ExportRefusal> rewards_csv(const ExportSource& source);

// number, name, unit, region, then for the regional round and the final each: mean, best, rank
// and the jurors' scores ("Nguyễn Xuân Hán: 90; Trần Thị Mai: 85"); `advanced` (yes, no, or
// empty while the region's round is open) between them. One row per contestant, in the order
// of registration. Refused for what is not a contest, and for a roll that does not read.
Result<std::string, ExportRefusal> standings_csv(const ExportSource& source);

}  // namespace seminarflow
