#pragma once
// Text put into HTML (an email's HTML part, the minutes page): every character that means
// something there escaped, quotes included, so that it is safe in an attribute as well. Pure.
#include <string>
#include <string_view>

namespace seminarflow {

std::string escape_html(std::string_view text);

}  // namespace seminarflow
