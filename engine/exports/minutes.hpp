#pragma once
// The minutes (biên bản) of a seminar: what was held, when and where, who chaired and attended,
// the contributions presented, the proposals and their answers, the conclusion, the directives
// it gave and the rewards. Gathered once into sections, then written as Markdown or as a
// standalone HTML page from the same sections, so that the two never say different things. Pure.
#include <string>
#include <utility>
#include <vector>

#include "engine/exports/export_source.hpp"
#include "engine/model/result.hpp"

namespace seminarflow {

struct MinutesSection {
    std::string heading;
    std::vector<std::string> items;  // a list; each item one line of plain text
    std::string paragraph;           // or prose, paragraphs separated by blank lines
};

struct Minutes {
    std::string title;
    std::vector<std::pair<std::string, std::string>> facts;  // label, value
    std::vector<MinutesSection> sections;
};

// Refused for an instance that is not a seminar.
Result<Minutes, ExportRefusal> seminar_minutes(const ExportSource& source);

// Every character of the instance's text that means something in Markdown is escaped.
std::string minutes_markdown(const Minutes& minutes);
// <!DOCTYPE html> with <meta charset="utf-8"> and lang="vi"; every text escaped.
std::string minutes_html(const Minutes& minutes);

}  // namespace seminarflow
