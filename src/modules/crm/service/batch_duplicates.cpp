#include "modules/crm/service/batch_duplicates.hpp"

#include <set>
#include <tuple>

namespace comptoir::crm::writer {
namespace {

// As find_duplicates lists them: at most this many rows per value.
constexpr std::size_t kPerValue = 20;

std::string trimmed(std::string s) {
    const auto first = s.find_first_not_of(' ');
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(' ') - first + 1);
}

}  // namespace

BatchDuplicates::BatchDuplicates(store::Connection& conn, std::int64_t company_id, const std::vector<Client>& clients,
                                 const std::vector<std::vector<FieldIssue>>& issues)
    : company_id_(company_id) {
    std::set<std::string> emails, phones, sirets;
    for (std::size_t i = 0; i < clients.size(); ++i) {
        if (!issues[i].empty()) continue;
        for (const auto& ch : storage::channels_of(clients[i])) (ch.kind == "email" ? emails : phones).insert(ch.value);
        if (!clients[i].siret.empty()) sirets.insert(clients[i].siret);
    }
    for (const auto& [kind, values] : {std::pair{"email", &emails}, std::pair{"phone", &phones}})
        for (auto& m : storage::channel_matches(conn, company_id, kind, {values->begin(), values->end()}))
            channels_[{kind, m.value}].push_back(std::move(m));
    for (auto& m : storage::siret_matches(conn, company_id, {sirets.begin(), sirets.end()}))
        sirets_[m.value].push_back(std::move(m));
}

std::vector<DuplicateMatch> BatchDuplicates::find(const Client& c) const {
    std::vector<DuplicateMatch> out;
    std::set<std::tuple<std::int64_t, std::string, std::string>> seen;
    auto add = [&](const std::vector<storage::ValueMatch>& rows, const std::string& field, const std::string& value) {
        std::size_t taken = 0;
        for (const auto& r : rows) {
            if (r.client_id == c.id) continue;
            if (taken++ == kPerValue) break;
            if (seen.insert({r.client_id, field, value}).second)
                out.push_back({r.client_id, r.client_name, field, value, r.contact_name, r.archived});
        }
    };
    std::set<std::pair<std::string, std::string>> keys;
    for (const auto& ch : storage::channels_of(c)) keys.insert({ch.kind, ch.value});
    for (const auto& key : keys)
        if (auto it = channels_.find(key); it != channels_.end()) add(it->second, key.first, key.second);
    if (!c.siret.empty())
        if (auto it = sirets_.find(c.siret); it != sirets_.end()) add(it->second, "siret", c.siret);
    return out;
}

void BatchDuplicates::add(const Client& created) {
    const std::string name = created.display_name();
    for (auto& ch : storage::channels_of(created)) {
        std::string contact_name;
        for (const auto& k : created.contacts)
            if (ch.contact_id != 0 && k.id == ch.contact_id) contact_name = trimmed(k.first_name + " " + k.last_name);
        channels_[{ch.kind, ch.value}].push_back({ch.value, created.id, ch.contact_id, name, contact_name, created.archived});
        pending_.emplace_back(created.id, std::move(ch));
    }
    if (!created.siret.empty()) sirets_[created.siret].push_back({created.siret, created.id, 0, name, "", created.archived});
}

void BatchDuplicates::flush(store::Connection& conn) {
    storage::insert_channel_rows(conn, company_id_, std::move(pending_));
    pending_.clear();
}

}  // namespace comptoir::crm::writer
