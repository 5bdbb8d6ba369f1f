#pragma once
// A CSV file of units or of people, read into a batch for the store (`seminarflow directory
// import FILE`). The header names the columns, in any order:
//
//   units:  ref, kind, name, parent, language, contact.<channel> ...   (ref, kind, name required)
//   people: ref, name, unit, title, language, contact.<channel> ...    (ref, name required)
//
// A header with a `kind` column is a units file. An empty cell is a member left out (no parent,
// "vi", no such contact). Every problem names the line and the column; pure.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/result.hpp"
#include "engine/ports/directory.hpp"

namespace seminarflow {

enum class DirectoryFile { units, people };

struct ImportError {
    std::size_t line = 0;
    std::size_t column = 0;   // from 1; 0 for the file as a whole
    std::string column_name;  // the header's name for it, when there is one
    std::string message;

    // "LINE:COLUMN: (NAME) MESSAGE", as `workflows validate` writes file:line:column.
    std::string text() const;
};

struct ImportBatch {
    DirectoryFile file = DirectoryFile::units;
    std::vector<Unit> units;     // a units file's rows, in order
    std::vector<Person> people;  // a people file's
    std::vector<std::size_t> lines;   // each entry's line
    std::vector<std::string> header;  // the columns, for naming them in errors
};

// The file's entries, stamped `now`, each checked on its own (engine/model/directory.hpp); the
// first problem otherwise.
Result<ImportBatch, ImportError> read_directory_csv(std::string_view text, Time now);

// Where the store's refusal of the batch points in the file.
ImportError refusal_error(const ImportBatch& batch, const DirectoryRefusal& refusal);

}  // namespace seminarflow
