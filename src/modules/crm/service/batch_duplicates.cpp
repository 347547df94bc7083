#include "modules/crm/service/batch_duplicates.hpp"

#include "core/text/trim.hpp"

namespace comptoir::crm::writer {

BatchDuplicates::BatchDuplicates(store::Connection& conn, std::int64_t company_id, const std::vector<Client>& clients,
                                 const std::vector<std::vector<FieldIssue>>& issues)
    : company_id_(company_id) {
    std::vector<const Client*> valid;
    for (std::size_t i = 0; i < clients.size(); ++i)
        if (issues[i].empty()) valid.push_back(&clients[i]);
    index_ = storage::load_duplicate_index(conn, company_id, valid);
}

std::vector<DuplicateMatch> BatchDuplicates::find(const Client& c) const { return index_.matches_of(c); }

void BatchDuplicates::add(const Client& created) {
    const std::string name = created.display_name();
    for (auto& ch : storage::channels_of(created)) {
        std::string contact_name;  // as the lookup's TRIM(first_name || ' ' || last_name)
        for (const auto& k : created.contacts)
            if (ch.contact_id != 0 && k.id == ch.contact_id) contact_name = trim(k.first_name + " " + k.last_name);
        index_.channels[{ch.kind, ch.value}].push_back({ch.value, created.id, ch.contact_id, name, contact_name,
                                                        created.archived});
        pending_.emplace_back(created.id, std::move(ch));
    }
    if (!created.siret.empty())
        index_.sirets[created.siret].push_back({created.siret, created.id, 0, name, "", created.archived});
}

void BatchDuplicates::flush(store::Connection& conn) {
    storage::insert_channel_rows(conn, company_id_, std::move(pending_));
    pending_.clear();
}

}  // namespace comptoir::crm::writer
