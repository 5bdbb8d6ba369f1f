#include "adapters/store/fan_out_recipients.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "adapters/store/column_values.hpp"

namespace seminarflow {

Result<std::vector<Participant>, StoreError> participants_of(soci::session& session, const std::string& instance_id) {
    std::string kind, ref, role, display_name, contact, language;
    soci::statement rows =
        (session.prepare << "SELECT kind, ref, role, display_name, " + select_json("contact") +
                                ", language FROM participants WHERE instance_id = :instance",
         soci::into(kind), soci::into(ref), soci::into(role), soci::into(display_name), soci::into(contact),
         soci::into(language), soci::use(instance_id));
    rows.execute();
    std::vector<Participant> participants;
    while (rows.fetch()) {
        auto parsed_kind = parse_participant_kind(kind);
        if (!parsed_kind) return fail(StoreError{"unreadable participant kind in the database: '" + kind + "'"});
        auto parsed_contact = read_object(contact, "participant contact");
        if (!parsed_contact) return fail(std::move(parsed_contact).error());
        Participant participant;
        participant.instance_id = instance_id;
        participant.key = {*parsed_kind, ref, role};
        participant.display_name = display_name;
        participant.contact = std::move(parsed_contact).value();
        participant.language = language;
        participants.push_back(std::move(participant));
    }
    // The order decides which of two participants sharing an address is written to (the first),
    // so it must be the same on both backends: byte by byte, here, rather than an ORDER BY on
    // text, which PostgreSQL sorts by the database's collation (linguistic unless it was created
    // with the C locale) and SQLite by bytes. string_view compares unsigned bytes.
    const auto key = [](const Participant& participant) {
        return std::tuple(participant_kind_name(participant.key.kind), std::string_view(participant.key.ref),
                          std::string_view(participant.key.role));
    };
    std::sort(participants.begin(), participants.end(),
              [&key](const Participant& a, const Participant& b) { return key(a) < key(b); });
    return participants;
}

std::vector<Recipient> choose_recipients(const std::vector<Participant>& participants,
                                         const std::vector<std::string>& audience, std::string_view contact) {
    std::vector<Recipient> recipients;
    std::set<std::string, std::less<>> taken;
    for (const Participant& participant : participants) {
        if (!audience.empty() && std::find(audience.begin(), audience.end(), participant.key.role) == audience.end()) {
            continue;
        }
        const auto* address = participant.contact.if_contains(contact);
        if (address == nullptr || !address->is_string() || address->as_string().empty()) continue;
        const std::string text(address->as_string());
        if (!taken.insert(recipient_key(text)).second) continue;
        recipients.push_back({participant.key, participant.display_name, text, participant.language});
    }
    return recipients;
}

}  // namespace seminarflow
