#include "adapters/cli/directory_import.hpp"

#include <algorithm>
#include <array>
#include <span>

#include "adapters/cli/csv_reader.hpp"

namespace seminarflow {
namespace {

constexpr std::string_view contact_prefix = "contact.";
constexpr std::array<std::string_view, 5> unit_columns{"ref", "kind", "name", "parent", "language"};
constexpr std::array<std::string_view, 5> person_columns{"ref", "name", "unit", "title", "language"};
constexpr std::array<std::string_view, 3> required_unit_columns{"ref", "kind", "name"};
constexpr std::array<std::string_view, 2> required_person_columns{"ref", "name"};

// The columns a file of `file` may have (`required`: must have), besides contact.<channel>.
std::span<const std::string_view> columns_of(DirectoryFile file, bool required) {
    using Names = std::span<const std::string_view>;
    if (file == DirectoryFile::units) return required ? Names(required_unit_columns) : Names(unit_columns);
    return required ? Names(required_person_columns) : Names(person_columns);
}

// The columns of the file, by name.
class Columns {
public:
    explicit Columns(std::vector<std::string> header) : header_(std::move(header)) {}

    // Its index, from 0, or npos.
    std::size_t find(std::string_view name) const {
        const auto found = std::find(header_.begin(), header_.end(), name);
        return found == header_.end() ? std::string_view::npos : static_cast<std::size_t>(found - header_.begin());
    }
    const std::vector<std::string>& header() const { return header_; }

private:
    std::vector<std::string> header_;
};

ImportError error_at(const Columns& columns, std::size_t line, std::size_t index, std::string message) {
    const std::string name = index < columns.header().size() ? columns.header()[index] : "";
    return ImportError{line, index + 1, name, std::move(message)};
}

std::string expected_columns(DirectoryFile file) {
    return file == DirectoryFile::units ? "ref, kind, name, parent, language, contact.<channel>"
                                        : "ref, name, unit, title, language, contact.<channel>";
}

// Every column is known, none twice, the required ones there. `line`: the header's (blank lines may
// come before it).
std::optional<ImportError> check_header(const Columns& columns, DirectoryFile file, std::size_t line) {
    const auto known = columns_of(file, false);
    const auto& header = columns.header();
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string& name = header[i];
        const bool is_contact = name.starts_with(contact_prefix) && name.size() > contact_prefix.size();
        if (!is_contact && std::find(known.begin(), known.end(), name) == known.end()) {
            return error_at(columns, line, i,
                            "unknown column '" + name + "'; a " +
                                (file == DirectoryFile::units ? "units" : "people") +
                                " file has: " + expected_columns(file));
        }
        if (std::find(header.begin(), header.begin() + static_cast<std::ptrdiff_t>(i), name) !=
            header.begin() + static_cast<std::ptrdiff_t>(i)) {
            return error_at(columns, line, i, "the column '" + name + "' is given twice");
        }
    }
    for (const std::string_view required : columns_of(file, true)) {
        if (columns.find(required) == std::string_view::npos) {
            return ImportError{line, 0, "", "the header has no '" + std::string(required) + "' column; expected: " +
                                             expected_columns(file)};
        }
    }
    return std::nullopt;
}

// A row's cells by column name, "" for a column the file does not have.
struct Row {
    const Columns& columns;
    const CsvRecord& record;

    std::string cell(std::string_view name) const {
        const std::size_t index = columns.find(name);
        return index == std::string_view::npos ? std::string() : record.fields[index];
    }
    std::optional<std::string> optional_cell(std::string_view name) const {
        std::string value = cell(name);
        return value.empty() ? std::nullopt : std::optional<std::string>(std::move(value));
    }
    Contact contact() const {
        Contact contact;
        for (std::size_t i = 0; i < record.fields.size(); ++i) {
            const std::string& name = columns.header()[i];
            if (name.starts_with(contact_prefix) && !record.fields[i].empty()) {
                contact[name.substr(contact_prefix.size())] = record.fields[i];
            }
        }
        return contact;
    }
    ImportError error(std::string_view field, std::string message) const {
        const std::size_t index = columns.find(field);
        if (index == std::string_view::npos) return ImportError{record.line, 0, std::string(field), std::move(message)};
        return error_at(columns, record.line, index, std::move(message));
    }
};

Result<Unit, ImportError> unit_of(const Row& row, Time now) {
    const std::string kind = row.cell("kind");
    const auto parsed = parse_unit_kind(kind);
    if (!parsed) {
        return fail(row.error("kind", kind.empty() ? "the kind is missing; one of " + unit_kind_names()
                                                   : "'" + kind + "' is not a kind of unit; one of " + unit_kind_names()));
    }
    Unit unit{row.cell("ref"), *parsed, row.cell("name"), row.optional_cell("parent"), row.contact(),
              row.optional_cell("language").value_or("vi"), now, now};
    if (auto problem = unit_problem(unit)) return fail(row.error(problem->field, problem->message));
    return unit;
}

Result<Person, ImportError> person_of(const Row& row, Time now) {
    Person person{row.cell("ref"), row.cell("name"), row.optional_cell("unit"), row.cell("title"), row.contact(),
                  row.optional_cell("language").value_or("vi"), now, now};
    if (auto problem = person_problem(person)) return fail(row.error(problem->field, problem->message));
    return person;
}

}  // namespace

std::string ImportError::text() const {
    std::string where = std::to_string(line) + ":" + (column == 0 ? "" : std::to_string(column) + ":");
    return where + " " + (column_name.empty() ? "" : "(" + column_name + ") ") + message;
}

Result<ImportBatch, ImportError> read_directory_csv(std::string_view text, Time now) {
    auto records = read_csv(text);
    if (!records) {
        const CsvError& error = records.error();
        return fail(ImportError{error.line, error.column, "", error.message});
    }
    if (records->empty()) return fail(ImportError{1, 0, "", "the file is empty: it needs a header row"});
    const Columns columns(records->front().fields);
    ImportBatch batch;
    batch.file = columns.find("kind") != std::string_view::npos ? DirectoryFile::units : DirectoryFile::people;
    batch.header = columns.header();
    if (auto problem = check_header(columns, batch.file, records->front().line)) return fail(std::move(*problem));
    for (std::size_t i = 1; i < records->size(); ++i) {
        const Row row{columns, (*records)[i]};
        if (batch.file == DirectoryFile::units) {
            auto unit = unit_of(row, now);
            if (!unit) return fail(std::move(unit).error());
            batch.units.push_back(std::move(unit).value());
        } else {
            auto person = person_of(row, now);
            if (!person) return fail(std::move(person).error());
            batch.people.push_back(std::move(person).value());
        }
        batch.lines.push_back(row.record.line);
    }
    return batch;
}

ImportError refusal_error(const ImportBatch& batch, const DirectoryRefusal& refusal) {
    const std::size_t line = refusal.index < batch.lines.size() ? batch.lines[refusal.index] : 0;
    const auto found = std::find(batch.header.begin(), batch.header.end(), refusal.field);
    if (found == batch.header.end()) return ImportError{line, 0, refusal.field, refusal.detail};
    return ImportError{line, static_cast<std::size_t>(found - batch.header.begin()) + 1, refusal.field, refusal.detail};
}

}  // namespace seminarflow
