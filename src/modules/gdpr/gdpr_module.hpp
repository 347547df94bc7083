// GDPR tools: export of a person's data, rectification requests, erasure by anonymisation, the
// consent history, the prospects' retention rule and the register of processing activities.
// Depends on crm and audit; other modules contribute their personal data through
// PersonalDataSource (or a TableSpec) plugged in by the app, so gdpr depends on none of them.
#pragma once

#include <memory>
#include <vector>

#include "http/web_server.hpp"
#include "store/database.hpp"
#include "store/migrator.hpp"

namespace comptoir::crm {
class ClientService;
}

namespace comptoir::gdpr {

class GdprService;

class GdprModule {
public:
    GdprModule(store::Database& db, crm::ClientService& clients);
    ~GdprModule();

    static std::vector<store::Migration> migrations();
    GdprService& gdpr();
    void register_routes(http::WebServer& web);

private:
    crm::ClientService& clients_;
    std::unique_ptr<GdprService> service_;
};

}  // namespace comptoir::gdpr
