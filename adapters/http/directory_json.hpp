#pragma once
// Units and people as the API shows them (GET|POST /v1/units, /v1/people).
#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "engine/model/directory.hpp"
#include "engine/ports/directory.hpp"

namespace seminarflow::http {

// {ref, kind, name, parent, contact, language, created_at, updated_at}; parent null at the top.
boost::json::object unit_json(const Unit& unit);
// {ref, name, unit, title, contact, language, created_at, updated_at}; unit null for a guest.
boost::json::object person_json(const Person& person);

// `ref` as one path segment of a URL (RFC 3986: unreserved bytes as they are, the rest %XX).
std::string path_segment(std::string_view ref);

}  // namespace seminarflow::http
