#pragma once
// CSV as RFC 4180 writes it, read for `seminarflow directory import`: records of fields separated
// by commas, ended by CRLF or LF; a field in double quotes may hold commas, line breaks and
// doubled quotes (""). UTF-8 with or without a byte order mark, as spreadsheets save it. Pure.
//
// Stricter than most readers on purpose: an import is all or nothing, so a stray quote or a
// short row is reported (with its line and column) rather than guessed at.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/result.hpp"

namespace seminarflow {

struct CsvRecord {
    std::size_t line = 0;  // where the record starts, from 1 (a quoted field may span lines)
    std::vector<std::string> fields;
};

struct CsvError {
    std::size_t line = 0;
    std::size_t column = 0;  // the field, from 1
    std::string message;
};

// Every record, the header first. Lines with nothing on them are skipped; every record has as
// many fields as the first.
Result<std::vector<CsvRecord>, CsvError> read_csv(std::string_view text);

}  // namespace seminarflow
