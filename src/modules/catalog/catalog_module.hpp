// The product and service catalog: items with their reference, prices, VAT and unit, searched as
// you type, picked from by commercial documents.
#pragma once

#include <memory>
#include <vector>

#include "http/web_server.hpp"
#include "store/database.hpp"
#include "store/migrator.hpp"

namespace comptoir::catalog {

class CatalogService;

class CatalogModule {
public:
    explicit CatalogModule(store::Database& db);
    ~CatalogModule();

    static std::vector<store::Migration> migrations();
    void register_routes(http::WebServer& web);
    // For other modules (the documents editor): lookups and the picker search.
    CatalogService& items();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace comptoir::catalog
