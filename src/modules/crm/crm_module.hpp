// The client and prospect base: client cards, contacts, categories, duplicate prevention, search.
#pragma once

#include <memory>
#include <vector>

#include "http/web_server.hpp"
#include "store/database.hpp"
#include "store/migrator.hpp"

namespace comptoir::crm {

class ClientService;
class ImportService;
class ExportService;
namespace storage {
class FulltextIndex;
}

class CrmModule {
public:
    explicit CrmModule(store::Database& db);
    ~CrmModule();

    static std::vector<store::Migration> migrations();
    void register_routes(http::WebServer& web);
    ClientService& clients();
    ImportService& imports();
    ExportService& exports();
    // SQLite's full-text index of clients (storage/fulltext_index.hpp); null on PostgreSQL.
    storage::FulltextIndex* fulltext();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace comptoir::crm
