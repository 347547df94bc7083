// Duplicate detection for a batch of new clients, under the batch's write lock.
//
// storage::find_duplicates looks one client's values up. A batch looks all of its clients' values up
// at once (storage::load_duplicate_index), then checks each client against those rows and against
// the clients created before it in the same batch, added to the same index; it writes their channels
// at the end in one sorted insert. The matching itself is find_duplicates' (DuplicateIndex::matches_of).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "modules/crm/model/client.hpp"
#include "modules/crm/storage/client_store.hpp"
#include "store/database.hpp"

namespace comptoir::crm::writer {

class BatchDuplicates {
public:
    // `clients` with no issue are looked up; the others are never written.
    BatchDuplicates(store::Connection& conn, std::int64_t company_id, const std::vector<Client>& clients,
                    const std::vector<std::vector<FieldIssue>>& issues);

    std::vector<DuplicateMatch> find(const Client& c) const;
    // A client of the batch was written (its contacts have their ids): later ones are checked against
    // it, and its channels are written by flush().
    void add(const Client& created);
    void flush(store::Connection& conn);

private:
    std::int64_t company_id_;
    storage::DuplicateIndex index_;
    std::vector<std::pair<std::int64_t, storage::Channel>> pending_;
};

}  // namespace comptoir::crm::writer
