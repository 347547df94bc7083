// The duplicates review folder: a scan of the client base for likely duplicates (exact on normalised
// phone, e-mail, SIRET and SIREN; fuzzy on names and addresses), the groups it files for review, and
// their dismissal. Depends on crm (reads its tables, scoped by company); crm never depends on it.
#pragma once

#include <memory>
#include <vector>

#include "http/web_server.hpp"
#include "modules/crm/service/client_service.hpp"
#include "store/database.hpp"
#include "store/migrator.hpp"

namespace comptoir::duplicates {

class DuplicateService;

class DuplicatesModule {
public:
    // `clients`: crm's service, whose registry of client-owned tables a merge moves rows through.
    DuplicatesModule(store::Database& db, crm::ClientService& clients);
    ~DuplicatesModule();

    static std::vector<store::Migration> migrations();
    DuplicateService& duplicates();
    void register_routes(http::WebServer& web);

private:
    std::unique_ptr<DuplicateService> service_;
    crm::ClientService& clients_;
};

}  // namespace comptoir::duplicates
