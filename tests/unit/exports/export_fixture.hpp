#pragma once
// A seminar as the store would hand it to an export, with children and participants made here.
#include <boost/json/object.hpp>
#include <string>

#include "engine/exports/export_source.hpp"

namespace seminarflow::test {

// A planned seminar, in Vietnamese: title, kind, 08:00-11:00 on 20 March 2027 in Hà Nội time.
ExportSource planned_seminar();

Instance child_of(const ExportSource& parent, const std::string& workflow, const std::string& state,
                  boost::json::object data);

Participant participant_of(const std::string& ref, const std::string& role, const std::string& display_name,
                           Rsvp rsvp = Rsvp::accepted);

// Lines of CRLF-ended text; REQUIREs that every line ends with CRLF and no bare LF is inside.
std::vector<std::string> crlf_lines(std::string_view text);

}  // namespace seminarflow::test
